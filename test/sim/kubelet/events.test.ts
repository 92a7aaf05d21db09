import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EVENTS, backOffWaitingMessage, goDuration, probeKillMessage } from '../../../src/sim/kubelet/events.js';

const durations: [number, string][] = [
  [0, '0s'],
  [308, '308ms'],
  [1500, '1.5s'],
  [3513, '3.513s'],
  [10_000, '10s'],
  [18_400, '18.4s'],
  [80_000, '1m20s'],
  [160_000, '2m40s'],
  [300_000, '5m0s'],
  [3_600_000, '1h0m0s'],
  [3_661_001, '1h1m1.001s'],
];
for (const [ms, want] of durations) test(`goDuration(${ms}) = ${want}`, () => assert.equal(goDuration(ms), want));

test('kubelet message templates', () => {
  assert.equal(EVENTS.pulled('c', 'busybox', 3513, 3513, 2155).message, 'Successfully pulled image "busybox" in 3.513s (3.513s including waiting). Image size: 2155 bytes.');
  assert.equal(EVENTS.alreadyPresent('c', 'busybox:1.36', '1.33').message, 'Container image "busybox:1.36" already present on machine');
  assert.equal(EVENTS.alreadyPresent('c', 'busybox:1.36', '1.35').message, 'Container image "busybox:1.36" already present on machine and can be accessed by the pod');
  assert.equal(EVENTS.created('liveness').message, 'Created container: liveness');
  assert.equal(EVENTS.probeErrored('c', 'readiness', 'x').message, 'Readiness probe errored and resulted in unknown state: x');
  assert.equal(probeKillMessage('liveness', 'liveness', true), 'Container liveness failed liveness probe, will be restarted');
  assert.equal(probeKillMessage('app', 'startup', false), 'Container app failed startup probe');
  assert.equal(backOffWaitingMessage(20_000, 'c', 'p_default(u)'), 'back-off 20s restarting failed container=c pod=p_default(u)');
  assert.equal(EVENTS.backOff('c', 'p_default(u)').type, 'Warning');
  assert.equal(EVENTS.scheduled('default', 'p', 'kubedrill-node').from, 'default-scheduler');
});
