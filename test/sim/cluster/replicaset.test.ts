// The ReplicaSet controller: slow-start creates, ranked deletes, adoption of orphans, status and minReadySeconds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calculateStatus } from '../../../src/sim/cluster/replicaset.js';
import { podsToDelete, slowStartBatch, type PodView } from '../../../src/sim/cluster/controller-utils.js';
import { objectAt, podsAt } from '../../../src/sim/cluster/query.js';
import type { ObjectOf } from '../../../src/sim/cluster/types.js';
import type { PodStatusSnapshot } from '../../../src/sim/trace.js';
import { M, S, events, nginx, pod, replicaSet, run } from './helpers.js';

test('slowStartBatch creates in batches of 1, 2, 4, ... and stops after a batch with a failure', () => {
  let n = 0;
  assert.equal(slowStartBatch(10, 1, () => ++n > 0), 10);
  assert.equal(n, 10);
  let calls = 0;
  // the 4th call fails: it is in the third batch (4 calls: 4..7), the fourth batch never starts
  assert.equal(slowStartBatch(10, 1, () => ++calls !== 4), 6);
  assert.equal(calls, 7);
});

test('a ReplicaSet creates its pods (SuccessfulCreate "Created pod: NAME"), counts them and their readiness', () => {
  const t = run([[0, [replicaSet('web', [nginx()])]]], 30 * S);
  const ev = events(t, 'ReplicaSet', 'web');
  assert.equal(ev.length, 3);
  for (const e of ev) assert.match(e.message, /^Created pod: web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  const rs = objectAt(t, 'ReplicaSet', 'web', 30 * S)!;
  assert.deepEqual(rs.status, { replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 });
  const early = objectAt(t, 'ReplicaSet', 'web', 1)!;
  assert.equal(early.status.replicas, 3);
  assert.equal(early.status.readyReplicas, 0);
});

test('a bare Pod the ReplicaSet selects is adopted and counted: one pod fewer is created', () => {
  const t = run([[0, [pod('stray', [nginx()], { app: 'web' }), replicaSet('web', [nginx()])]]], 20 * S);
  const stray = objectAt(t, 'Pod', 'stray', 20 * S)!;
  assert.deepEqual(stray.metadata.ownerReferences?.map((o) => `${o.kind}/${o.name}`), ['ReplicaSet/web']);
  assert.equal(events(t, 'ReplicaSet', 'web').length, 2);
  assert.equal(podsAt(t, 20 * S).length, 3);
});

test('scaling down deletes the least useful pods first: not ready before ready', () => {
  // two ready pods and one that never becomes ready, then scale to 2
  const bad = nginx('nginx:1.27', { readinessProbe: { httpGet: { path: '/', port: 81 } } });
  const t = run(
    [
      [0, [pod('notready', [bad], { app: 'web' }), replicaSet('web', [nginx()], { replicas: 3 })]],
      [M, [replicaSet('web', [nginx()], { replicas: 2 })]],
    ],
    2 * M,
  );
  const deleted = events(t, 'ReplicaSet', 'web').filter((e) => e.reason === 'SuccessfulDelete');
  assert.deepEqual(deleted.map((e) => [e.t, e.message]), [[M, 'Deleted pod: notready']]);
});

const view = (name: string, o: { phase?: PodStatusSnapshot['phase']; readyAtMs?: number; createdMs?: number; restarts?: number; node?: string }): PodView => ({
  obj: { kind: 'Pod', metadata: { name, namespace: 'default', uid: name, creationMs: o.createdMs ?? 0, generation: 1, labels: {}, annotations: {} }, spec: { nodeName: o.node ?? 'kubedrill-node', containers: [] } },
  status: {
    phase: o.phase ?? 'Running',
    conditions: o.readyAtMs === undefined ? [{ type: 'Ready', status: 'False', lastTransitionMs: 0 }] : [{ type: 'Ready', status: 'True', lastTransitionMs: o.readyAtMs }],
    initContainers: [],
    containers: [{ name: 'c', image: 'x', init: false, state: { kind: 'running', startedAtMs: 0 }, ready: o.readyAtMs !== undefined, started: true, restartCount: o.restarts ?? 0, containerId: 'x' }],
  },
});

test('getPodsToDelete ranking: unscheduled, pending, not ready, newest ready (by power of two), more restarts, newest', () => {
  const now = 1_000_000;
  const order = (pods: PodView[]) => podsToDelete(pods, pods.length - 1, now).map((p) => p.obj.metadata.name);
  assert.deepEqual(order([view('running', {}), view('pending', { phase: 'Pending' })]), ['pending']);
  assert.deepEqual(order([view('ready', { readyAtMs: 0 }), view('unready', {})]), ['unready']);
  assert.deepEqual(order([view('old', { readyAtMs: 0 }), view('young', { readyAtMs: 990_000 })]), ['young']);
  assert.deepEqual(order([view('calm', { readyAtMs: 0, restarts: 0 }), view('flaky', { readyAtMs: 0, restarts: 4 })]), ['flaky']);
  assert.deepEqual(order([view('first', { createdMs: 0 }), view('second', { createdMs: 900_000 })]), ['second']);
  assert.deepEqual(order([view('bound', {}), view('unbound', { node: '' })]), ['unbound']);
});

test('minReadySeconds: ready pods count as available only after it (the ReplicaSet checks again then)', () => {
  const t = run([[0, [replicaSet('web', [nginx()], { replicas: 1, minReadySeconds: 20 })]]], M);
  const hist = t.records.filter((r) => r.kind === 'modified' && r.object.kind === 'ReplicaSet').map((r) => (r.kind === 'modified' && r.object.kind === 'ReplicaSet' ? [r.t, r.object.status.readyReplicas, r.object.status.availableReplicas] : []));
  const ready = hist.find((h) => h[1] === 1)!;
  const available = hist.find((h) => h[2] === 1)!;
  assert.ok(available[0]! - ready[0]! >= 20 * S && available[0]! - ready[0]! <= 22 * S, JSON.stringify({ ready, available }));
});

test('calculateStatus: fully labeled counts pods carrying every template label', () => {
  const rs = { kind: 'ReplicaSet', metadata: { generation: 4 }, spec: { template: { metadata: { labels: { app: 'web', tier: 'x' } } } } } as unknown as ObjectOf<'ReplicaSet'>;
  const a = view('a', { readyAtMs: 0 });
  a.obj.metadata.labels = { app: 'web', tier: 'x' };
  const b = view('b', {});
  b.obj.metadata.labels = { app: 'web' };
  assert.deepEqual(calculateStatus(rs, [a, b], 10_000), { replicas: 2, fullyLabeledReplicas: 1, readyReplicas: 1, availableReplicas: 1, observedGeneration: 4 });
});
