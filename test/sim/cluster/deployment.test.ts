// The Deployment controller: ReplicaSets per template, rolling updates within maxSurge / maxUnavailable,
// Recreate, the progress deadline, revisions and history, and the texts kubectl shows for them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeHash, safeEncodeString } from '../../../src/sim/cluster/names.js';
import { maxSurge, maxUnavailable, resolveFenceposts, scaledValue } from '../../../src/sim/cluster/deployment-util.js';
import { deploymentPodRange, objectAt, objectsAt, replicaSetsOf, rolloutOutcome } from '../../../src/sim/cluster/query.js';
import type { ObjectOf } from '../../../src/sim/cluster/types.js';
import { rolloutStatus } from '../../../src/sim/render/rollout.js';
import { M, S, deployment, events, nginx, run } from './helpers.js';

test('intstr: a surge percentage rounds up, an unavailable one down; both 0 resolve unavailable to 1', () => {
  assert.equal(scaledValue('25%', 3, true), 1);
  assert.equal(scaledValue('25%', 3, false), 0);
  assert.equal(scaledValue('50%', 5, true), 3);
  assert.equal(scaledValue(2, 10, true), 2);
  assert.equal(scaledValue('2', 10, true), undefined, 'a string that is not a percentage is an error upstream');
  assert.deepEqual(resolveFenceposts('25%', '25%', 3), { surge: 1, unavailable: 0 });
  assert.deepEqual(resolveFenceposts(0, 0, 3), { surge: 0, unavailable: 1 });
  assert.deepEqual(resolveFenceposts('10%', '10%', 3), { surge: 1, unavailable: 0 });
  const d = (strategy: unknown, replicas = 10) => ({ spec: { replicas, strategy } }) as unknown as ObjectOf<'Deployment'>;
  assert.equal(maxUnavailable(d({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: '200%' } })), 10, 'never above replicas');
  assert.equal(maxSurge(d({ type: 'Recreate' })), 0);
  assert.equal(maxUnavailable(d({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } }, 0)), 0);
});

test('the pod-template-hash: deterministic from the template, in the SafeEncodeString alphabet; the ReplicaSet is NAME-HASH', () => {
  assert.equal(safeEncodeString('0123456789'), '456789bcdf');
  const tmpl = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'a', image: 'nginx' }] } };
  const h = computeHash(tmpl);
  assert.match(h, /^[456789bcdf]{6,10}$/);
  assert.equal(computeHash(JSON.parse(JSON.stringify(tmpl))), h);
  assert.notEqual(computeHash({ ...tmpl, spec: { containers: [{ name: 'a', image: 'nginx:1.28' }] } }), h);
  assert.notEqual(computeHash(tmpl, 1), h, 'collisionCount changes it');
  const t = run([[0, [deployment('web', [nginx()])]]], 20 * S);
  const [rs] = replicaSetsOf(t, 'web', 20 * S);
  assert.ok(rs);
  const hash = rs.metadata.labels['pod-template-hash']!;
  assert.equal(rs.metadata.name, `web-${hash}`);
  assert.deepEqual(rs.spec.selector, { matchLabels: { app: 'web', 'pod-template-hash': hash } });
  for (const p of objectsAt(t, 'Pod', 20 * S)) assert.match(p.metadata.name, new RegExp(`^web-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
  assert.deepEqual(rs.metadata.annotations, { 'deployment.kubernetes.io/desired-replicas': '3', 'deployment.kubernetes.io/max-replicas': '4', 'deployment.kubernetes.io/revision': '1' });
});

/** a rolling update from nginx:1.27 to 1.28 at 1m, watched until 4m */
function rolling(replicas: number, strategy: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const spec = { replicas, strategy, ...extra };
  return run([[0, [deployment('web', [nginx()], spec)]], [M, [deployment('web', [nginx('nginx:1.28')], spec)]]], 4 * M);
}

test('a rolling update never has more than replicas + maxSurge pods nor fewer than replicas - maxUnavailable available', () => {
  const cases: [number, string | number, string | number, number, number][] = [
    [3, '25%', '25%', 1, 0],
    [4, 1, 1, 1, 1],
    [10, '30%', '20%', 3, 2],
    [5, 0, 2, 0, 2],
    [6, '50%', 0, 3, 0],
  ];
  for (const [replicas, surge, unavailable, wantSurge, wantUnavailable] of cases) {
    const t = rolling(replicas, { type: 'RollingUpdate', rollingUpdate: { maxSurge: surge, maxUnavailable: unavailable } });
    assert.deepEqual(rolloutOutcome(t, 'web').kind, 'complete', `${replicas} ${surge}/${unavailable}`);
    const r = deploymentPodRange(t, 'web', M, 4 * M);
    assert.ok(r.maxActivePods <= replicas + wantSurge, `${replicas} ${surge}/${unavailable}: ${JSON.stringify(r)}`);
    assert.ok(r.minAvailable >= replicas - wantUnavailable, `${replicas} ${surge}/${unavailable}: ${JSON.stringify(r)}`);
    const d = objectAt(t, 'Deployment', 'web', 4 * M)!;
    assert.equal(d.status.updatedReplicas, replicas);
    assert.equal(d.status.observedGeneration, 2);
    assert.equal(d.metadata.annotations['deployment.kubernetes.io/revision'], '2');
  }
});

test('the rolling update in events: the new ReplicaSet scaled up by the surge, the old one down as new pods become available', () => {
  const t = rolling(3, { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } });
  const [oldRS, newRS] = replicaSetsOf(t, 'web', 4 * M).sort((a, b) => a.metadata.creationMs - b.metadata.creationMs).map((r) => r.metadata.name);
  assert.deepEqual(
    events(t, 'Deployment', 'web').map((e) => e.message),
    [
      `Scaled up replica set ${oldRS} from 0 to 3`,
      `Scaled up replica set ${newRS} from 0 to 1`,
      `Scaled down replica set ${oldRS} from 3 to 2`,
      `Scaled up replica set ${newRS} from 1 to 2`,
      `Scaled down replica set ${oldRS} from 2 to 1`,
      `Scaled up replica set ${newRS} from 2 to 3`,
      `Scaled down replica set ${oldRS} from 1 to 0`,
    ],
  );
  // every scale-down of the old ReplicaSet waits for a new pod to be available
  const d = objectAt(t, 'Deployment', 'web', 4 * M)!;
  assert.deepEqual(
    d.status.conditions.map((c) => [c.type, c.status, c.reason, c.message]),
    [
      ['Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'],
      ['Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${newRS}" has successfully progressed.`],
    ],
  );
});

test('rollout status lines, as kubectl prints them, and exit 0', () => {
  const t = rolling(3, { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } });
  const r = rolloutStatus(t, 'web', M, 4 * M);
  assert.equal(r.exitCode, 0);
  const lines = [...new Set(r.stdout.trimEnd().split('\n'))];
  assert.deepEqual(lines, [
    'Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...',
    'Waiting for deployment "web" rollout to finish: 2 out of 3 new replicas have been updated...',
    'Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...',
    'deployment "web" successfully rolled out',
  ]);
  assert.equal(r.stderr, '');
});

test('Recreate: every old pod is gone before the new ReplicaSet is scaled up', () => {
  const t = rolling(3, { type: 'Recreate' });
  const ev = events(t, 'Deployment', 'web');
  assert.match(ev[1]!.message, /^Scaled down replica set web-\w+ from 3 to 0$/);
  assert.match(ev[2]!.message, /^Scaled up replica set web-\w+ from 0 to 3$/);
  const r = deploymentPodRange(t, 'web', M, 4 * M);
  assert.equal(r.maxPods, 3, 'old and new pods never overlap, terminating ones included');
  const gone = Math.max(...t.pods.filter((p) => p.trace.deletedAtMs !== undefined).map((p) => p.trace.deletedAtMs!));
  assert.ok(ev[2]!.t >= gone, `scaled up at ${ev[2]!.t}, last old pod gone at ${gone}`);
});

test('progressDeadlineSeconds: a template whose pods never become ready times out with ProgressDeadlineExceeded', () => {
  const bad = nginx('nginx:1.28', { readinessProbe: { httpGet: { path: '/', port: 81 } } });
  const spec = { progressDeadlineSeconds: 60 };
  const t = run([[0, [deployment('web', [nginx()], spec)]], [M, [deployment('web', [bad], spec)]]], 5 * M);
  const out = rolloutOutcome(t, 'web');
  assert.equal(out.kind, 'deadline-exceeded');
  // the last progress was the new ReplicaSet at 1m; the controller checks again a second after 1m + 60 s
  assert.equal(out.kind === 'deadline-exceeded' && out.atMs, 2 * M + S);
  const d = objectAt(t, 'Deployment', 'web', 5 * M)!;
  const p = d.status.conditions.find((c) => c.type === 'Progressing')!;
  const newRS = replicaSetsOf(t, 'web', 5 * M).find((r) => r.metadata.annotations['deployment.kubernetes.io/revision'] === '2')!;
  assert.deepEqual([p.status, p.reason, p.message], ['False', 'ProgressDeadlineExceeded', `ReplicaSet "${newRS.metadata.name}" has timed out progressing.`]);
  // the old pods keep serving: maxUnavailable 25% of 3 is 0
  assert.equal(d.status.availableReplicas, 3);
  const r = rolloutStatus(t, 'web', M, 5 * M);
  assert.equal(r.exitCode, 1);
  assert.equal(r.stderr, 'error: deployment "web" exceeded its progress deadline\n');
});

test('a Deployment with no progress deadline never times out and has no Progressing condition', () => {
  const bad = nginx('nginx:1.28', { readinessProbe: { httpGet: { path: '/', port: 81 } } });
  const spec = { progressDeadlineSeconds: 2147483647 };
  const t = run([[0, [deployment('web', [nginx()], spec)]], [M, [deployment('web', [bad], spec)]]], 20 * M);
  assert.equal(rolloutOutcome(t, 'web').kind, 'in-progress');
  assert.deepEqual(objectAt(t, 'Deployment', 'web', 20 * M)!.status.conditions.map((c) => c.type), ['Available']);
});

test('revisionHistoryLimit keeps that many old ReplicaSets; going back to an old template reuses its ReplicaSet with a new revision', () => {
  const steps = (images: string[], limit: number) =>
    run(
      images.map((img, i) => [i * M, [deployment('web', [nginx(img)], { revisionHistoryLimit: limit, replicas: 1 })]] as [number, ReturnType<typeof deployment>[]]),
      images.length * M,
    );
  const three = steps(['nginx:1.27', 'nginx:1.28', 'nginx:1.29'], 1);
  assert.deepEqual(
    replicaSetsOf(three, 'web', 3 * M).map((r) => r.metadata.annotations['deployment.kubernetes.io/revision']).sort(),
    ['2', '3'],
    'revision 1 was deleted once empty',
  );
  const back = steps(['nginx:1.27', 'nginx:1.28', 'nginx:1.29', 'nginx:1.27'], 2);
  const rss = replicaSetsOf(back, 'web', 4 * M);
  assert.equal(rss.length, 3);
  const cur = rss.find((r) => (r.spec.replicas ?? 0) > 0)!;
  assert.equal(cur.spec.template?.spec?.containers[0]!.image, 'nginx:1.27');
  assert.equal(cur.metadata.annotations['deployment.kubernetes.io/revision'], '4');
  assert.equal(cur.metadata.annotations['deployment.kubernetes.io/revision-history'], '1');
  assert.equal(objectAt(back, 'Deployment', 'web', 4 * M)!.metadata.annotations['deployment.kubernetes.io/revision'], '4');
});

test('scaling (a replicas change, same template) resizes the one ReplicaSet: no rollout', () => {
  const t = run([[0, [deployment('web', [nginx()])]], [M, [deployment('web', [nginx()], { replicas: 5 })]]], 2 * M);
  assert.equal(replicaSetsOf(t, 'web', 2 * M).length, 1);
  const ev = events(t, 'Deployment', 'web').map((e) => e.message);
  assert.match(ev[1]!, /^Scaled up replica set web-\w+ from 3 to 5$/);
  assert.equal(objectAt(t, 'Deployment', 'web', 2 * M)!.status.availableReplicas, 5);
});

test('minReadySeconds holds the rollout: an old pod goes only once a new one was ready that long', () => {
  const t = rolling(2, { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } }, { minReadySeconds: 30 });
  const ev = events(t, 'Deployment', 'web');
  const firstDown = ev.find((e) => e.message.startsWith('Scaled down'))!;
  assert.ok(firstDown.t - M > 30 * S, String(firstDown.t));
  assert.equal(rolloutOutcome(t, 'web').kind, 'complete');
});
