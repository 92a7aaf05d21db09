// The grader's questions about a cluster run: each answer checked against what the run did.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  applyResults,
  deploymentPodRange,
  deploymentPodsAt,
  deploymentStatusAt,
  eventsOf,
  jobOutcome,
  jobStateAt,
  objectAt,
  objectsAt,
  podsAt,
  rolloutOutcome,
  rolloutState,
  serviceEndpointsAt,
} from '../../../src/sim/cluster/query.js';
import { M, deployment, job, nginx, run, service, shell } from './helpers.js';

const scenario = () =>
  run(
    [
      [0, [deployment('web', [nginx()], { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } }), service('web', { app: 'web' }), job('pi', [shell('sleep 2')])]],
      [M, [deployment('web', [nginx('nginx:1.28')], { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } })]],
    ],
    3 * M,
  );

test('objectAt / objectsAt: what the API held at t, undefined before creation', () => {
  const t = scenario();
  assert.equal(objectAt(t, 'Deployment', 'web', -1), undefined);
  assert.equal(objectAt(t, 'Deployment', 'web', 0)!.metadata.generation, 1);
  assert.equal(objectAt(t, 'Deployment', 'web', M)!.metadata.generation, 2);
  assert.deepEqual(objectsAt(t, 'Service', 3 * M).map((s) => s.metadata.name), ['web']);
  assert.equal(objectAt(t, 'Deployment', 'web', 0, 'other'), undefined);
});

test('deploymentStatusAt, rolloutState and rolloutOutcome', () => {
  const t = scenario();
  const done = rolloutOutcome(t, 'web');
  assert.equal(done.kind, 'complete');
  assert.ok(done.kind === 'complete' && done.atMs > M && done.atMs < 2 * M);
  assert.equal(rolloutOutcome(t, 'web', { fromMs: 0 }).kind, 'complete');
  assert.equal(rolloutOutcome(t, 'nope').kind, 'not-found');
  assert.equal(deploymentStatusAt(t, 'web', 3 * M)!.updatedReplicas, 3);
  assert.equal(rolloutState(objectAt(t, 'Deployment', 'web', M)!).kind, 'waiting');
});

test('deploymentPodRange and deploymentPodsAt over the rolling update', () => {
  const t = scenario();
  const r = deploymentPodRange(t, 'web', M, 3 * M);
  assert.equal(r.maxActivePods, 4, 'replicas + maxSurge');
  assert.equal(r.minAvailable, 3, 'replicas - maxUnavailable');
  assert.ok(r.maxPods >= r.maxActivePods);
  assert.equal(deploymentPodsAt(t, 'web', 3 * M).length, 3);
  assert.equal(podsAt(t, 3 * M, { owner: { kind: 'Job', name: 'pi' } }).length, 1);
});

test('jobStateAt and jobOutcome', () => {
  const t = scenario();
  assert.equal(jobStateAt(t, 'pi', 1)!.state, 'Running');
  assert.equal(jobStateAt(t, 'pi', 3 * M)!.state, 'Complete');
  assert.equal(jobStateAt(t, 'pi', 3 * M)!.status.succeeded, 1);
  assert.equal(jobOutcome(t, 'pi').kind, 'complete');
});

test('serviceEndpointsAt follows readiness; eventsOf gives correlated Event objects; applyResults what kubectl apply said', () => {
  const t = scenario();
  assert.deepEqual(serviceEndpointsAt(t, 'web', 1).ready, []);
  assert.equal(serviceEndpointsAt(t, 'web', 3 * M).ready.length, 3);
  const d = objectAt(t, 'Deployment', 'web', 3 * M)!;
  const ev = eventsOf(t, { kind: 'Deployment', uid: d.metadata.uid }, 3 * M);
  assert.ok(ev.every((e) => e.reason === 'ScalingReplicaSet' && e.from === 'deployment-controller' && e.count === 1));
  assert.equal(ev.length, 7);
  const pod = podsAt(t, 3 * M, { owner: { kind: 'Job', name: 'pi' } })[0]!;
  assert.equal(eventsOf(t, { kind: 'Pod', uid: pod.object.metadata.uid }, 3 * M)[0]!.reason, 'Scheduled');
  assert.deepEqual(applyResults(t).map((r) => (r.kind === 'apply' ? r.result : 'error')), ['created', 'created', 'created', 'configured']);
});
