// setTerminationGracePeriod and the 2 s floor (semantics §2.9).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Container, Pod } from 'kubernetes-types/core/v1.d.ts';
import { killGracePeriodMs, stopSignal } from '../../../src/sim/kubelet/termination.js';

const c = (live?: number, startup?: number): Container => ({
  name: 'c',
  livenessProbe: { exec: { command: ['x'] }, ...(live !== undefined ? { terminationGracePeriodSeconds: live } : {}) },
  startupProbe: { exec: { command: ['x'] }, ...(startup !== undefined ? { terminationGracePeriodSeconds: startup } : {}) },
});
const pod = (tgps?: number, deletion?: number): Pod => ({
  metadata: { name: 'p', ...(deletion !== undefined ? { deletionGracePeriodSeconds: deletion } : {}) },
  spec: { containers: [], ...(tgps !== undefined ? { terminationGracePeriodSeconds: tgps } : {}) },
});

const rows: [string, Pod, Container, 'LivenessProbe' | 'StartupProbe' | 'Stop', number][] = [
  ['default 30 s', pod(), c(), 'LivenessProbe', 30_000],
  ['pod value', pod(45), c(), 'LivenessProbe', 45_000],
  ['liveness probe value wins for a liveness kill, even larger', pod(3600), c(60), 'LivenessProbe', 60_000],
  ['probe value larger than the pod', pod(10), c(60), 'LivenessProbe', 60_000],
  ['startup value for a startup kill', pod(30), c(60, 5), 'StartupProbe', 5_000],
  ['liveness value not used for a plain stop', pod(30), c(60), 'Stop', 30_000],
  ['deletion grace period wins', pod(30, 7), c(60), 'LivenessProbe', 7_000],
  ['floor of 2 s', pod(0), c(), 'Stop', 2_000],
  ['floor of 2 s for a probe value of 1', pod(30), c(1), 'LivenessProbe', 2_000],
];
for (const [name, p, ctr, reason, want] of rows) test(`grace period: ${name}`, () => assert.equal(killGracePeriodMs(p, ctr, reason), want));

test('preStop time is subtracted before the floor', () => {
  assert.equal(killGracePeriodMs(pod(30), c(), 'Stop', 5_000), 25_000);
  assert.equal(killGracePeriodMs(pod(30), c(), 'Stop', 29_500), 2_000);
});

test('stop signal: the image STOPSIGNAL or SIGTERM', () => {
  assert.equal(stopSignal(undefined), 'SIGTERM');
  assert.equal(stopSignal('SIGQUIT'), 'SIGQUIT');
});
