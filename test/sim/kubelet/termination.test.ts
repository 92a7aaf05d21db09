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

import { runPreStopHook } from '../../../src/sim/kubelet/termination.js';
import type { ExecResult, HttpResult, Process } from '../../../src/sim/runtime/types.js';

function hookProc(exec: ExecResult, http: HttpResult = { kind: 'refused' }): Process {
  return {
    nextWakeMs: () => undefined,
    advance: () => undefined,
    signal: () => 'ignored',
    exited: () => undefined,
    exec: (_a, _n, timeoutMs) => (exec.kind === 'exited' && exec.durationMs > timeoutMs ? { kind: 'timeout', durationMs: timeoutMs } : exec),
    http: () => http,
    tcp: () => ({ kind: 'refused' }),
    grpc: () => ({ kind: 'refused' }),
    logs: () => [],
  };
}
const hctx = (process: Process) => ({ process, container: { name: 'c', ports: [{ name: 'http', containerPort: 80 }] }, podIP: '10.244.0.9', nowMs: 0, kubeletMinor: '1.33' });

const hooks: [string, Parameters<typeof runPreStopHook>[0], Process, { elapsedMs: number; failed: boolean }][] = [
  ['sleep 5', { sleep: { seconds: 5 } }, hookProc({ kind: 'exited', exitCode: 0, output: '', durationMs: 0 }), { elapsedMs: 5000, failed: false }],
  ['sleep longer than the grace period', { sleep: { seconds: 100 } }, hookProc({ kind: 'exited', exitCode: 0, output: '', durationMs: 0 }), { elapsedMs: 30_000, failed: false }],
  ['exec ok', { exec: { command: ['nginx', '-s', 'quit'] } }, hookProc({ kind: 'exited', exitCode: 0, output: '', durationMs: 1200 }), { elapsedMs: 1200, failed: false }],
  ['exec exit 1 fails', { exec: { command: ['false'] } }, hookProc({ kind: 'exited', exitCode: 1, output: '', durationMs: 3 }), { elapsedMs: 3, failed: true }],
  ['exec past the grace period: not completed, not failed', { exec: { command: ['sleep', '60'] } }, hookProc({ kind: 'exited', exitCode: 0, output: '', durationMs: 60_000 }), { elapsedMs: 30_000, failed: false }],
  ['httpGet refused fails', { httpGet: { path: '/stop', port: 'http' } }, hookProc({ kind: 'exited', exitCode: 0, output: '', durationMs: 0 }), { elapsedMs: 0, failed: true }],
  ['httpGet answered', { httpGet: { path: '/stop', port: 80 } }, hookProc({ kind: 'exited', exitCode: 0, output: '', durationMs: 0 }, { kind: 'response', status: 200, body: '', durationMs: 40 }), { elapsedMs: 40, failed: false }],
  ['tcpSocket is not a lifecycle handler', { tcpSocket: { port: 80 } }, hookProc({ kind: 'exited', exitCode: 0, output: '', durationMs: 0 }), { elapsedMs: 0, failed: true }],
];
for (const [name, hook, p, want] of hooks) test(`preStop hook: ${name}`, () => assert.deepEqual(runPreStopHook(hook, hctx(p), 30_000), want));
