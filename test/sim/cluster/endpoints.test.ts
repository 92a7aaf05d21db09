// EndpointSlices and v1 Endpoints follow the pods a Service selects, ready or not, terminating or not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { objectAt, objectsAt, serviceEndpointsAt } from '../../../src/sim/cluster/query.js';
import { M, S, deployment, nginx, pod, run, service } from './helpers.js';

const ip = (t: ReturnType<typeof run>, name: string) => {
  const run0 = t.pods.find((p) => p.ref.name === name)!;
  const st = [...run0.trace.records].reverse().find((r) => r.kind === 'status');
  return st && st.kind === 'status' ? st.status.podIP! : '';
};

test('a pod becomes a ready endpoint when it is Ready; before that it is listed not ready (slices) / notReadyAddresses (Endpoints)', () => {
  const slow = nginx('nginx:1.27', { readinessProbe: { httpGet: { path: '/', port: 80 }, initialDelaySeconds: 20, periodSeconds: 2 } });
  const t = run([[0, [pod('web', [slow], { app: 'web' }), service('web', { app: 'web' })]]], M);
  const a = ip(t, 'web');
  assert.deepEqual(serviceEndpointsAt(t, 'web', 15 * S), { ready: [], notReady: [`${a}:80`], terminating: [] });
  assert.deepEqual(serviceEndpointsAt(t, 'web', M), { ready: [`${a}:80`], notReady: [], terminating: [] });
  const ep15 = objectAt(t, 'Endpoints', 'web', 15 * S)!;
  assert.deepEqual(ep15.subsets.map((s) => [s.addresses.map((x) => x.ip), s.notReadyAddresses.map((x) => x.ip), s.ports]), [[[], [a], [{ name: '', port: 80, protocol: 'TCP' }]]]);
  const [slice] = objectsAt(t, 'EndpointSlice', M);
  assert.ok(slice);
  assert.match(slice.metadata.name, /^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  assert.deepEqual(slice.metadata.labels, { 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' });
  assert.deepEqual(slice.endpoints[0]!.conditions, { ready: true, serving: true, terminating: false });
  assert.deepEqual(slice.endpoints[0]!.targetRef, { kind: 'Pod', namespace: 'default', name: 'web', uid: t.pods[0]!.ref.uid });
});

test('a named targetPort resolves per pod; a pod without that port gets no port for it (its own slice) and no v1 address', () => {
  const named = nginx(); // port 80 named http
  const unnamed = { name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80 }] };
  const t = run([[0, [pod('a', [named], { app: 'web' }), pod('b', [unnamed], { app: 'web' }), service('web', { app: 'web' }, [{ port: 8080, targetPort: 'http' }])]]], M);
  const slices = objectsAt(t, 'EndpointSlice', M);
  assert.equal(slices.length, 2);
  const byPorts = Object.fromEntries(slices.map((s) => [JSON.stringify(s.ports), s.endpoints.map((e) => e.addresses[0])]));
  assert.deepEqual(byPorts, { [JSON.stringify([{ name: '', port: 80, protocol: 'TCP' }])]: [ip(t, 'a')], '[]': [ip(t, 'b')] });
  const ep = objectAt(t, 'Endpoints', 'web', M)!;
  assert.deepEqual(ep.subsets.map((s) => s.addresses.map((x) => x.ip)), [[ip(t, 'a')]]);
  assert.deepEqual(serviceEndpointsAt(t, 'web', M).ready, [`${ip(t, 'a')}:80`, ip(t, 'b')]);
});

test('a terminating pod: ready false, serving true, terminating true in its slice; gone from v1 Endpoints', () => {
  const t = run([[0, [deployment('web', [nginx()], { replicas: 2 }), service('web', { app: 'web' })]], [M, [deployment('web', [nginx()], { replicas: 1 })]]], 2 * M);
  const deleted = t.pods.find((p) => p.trace.deletion)!;
  const at = deleted.trace.deletion!.requestedAtMs;
  const slice = objectsAt(t, 'EndpointSlice', at)[0]!;
  const e = slice.endpoints.find((x) => x.targetRef.name === deleted.ref.name)!;
  assert.deepEqual(e.conditions, { ready: false, serving: true, terminating: true });
  const ep = objectAt(t, 'Endpoints', 'web', at)!;
  assert.ok(!ep.subsets.some((s) => [...s.addresses, ...s.notReadyAddresses].some((x) => x.targetRef.name === deleted.ref.name)));
});

test('publishNotReadyAddresses: unready pods are ready endpoints', () => {
  const never = nginx('nginx:1.27', { readinessProbe: { httpGet: { path: '/', port: 81 } } });
  const t = run([[0, [pod('web', [never], { app: 'web' }), service('web', { app: 'web' }, [{ port: 80 }], { publishNotReadyAddresses: true })]]], M);
  assert.deepEqual(serviceEndpointsAt(t, 'web', M).ready, [`${ip(t, 'web')}:80`]);
  assert.equal(objectAt(t, 'Endpoints', 'web', M)!.subsets[0]!.addresses.length, 1);
});

test('a Service without a selector gets no EndpointSlice and no Endpoints from the controllers; one selecting nothing gets a placeholder slice', () => {
  const t = run([[0, [pod('web', [nginx()], { app: 'web' }), service('manual', undefined), service('none', { app: 'nothing' })]]], 30 * S);
  assert.equal(objectAt(t, 'Endpoints', 'manual', 30 * S), undefined);
  const slices = objectsAt(t, 'EndpointSlice', 30 * S);
  assert.deepEqual(slices.map((s) => [s.metadata.labels['kubernetes.io/service-name'], s.ports, s.endpoints]), [['none', [], []]]);
  assert.deepEqual(objectAt(t, 'Endpoints', 'none', 30 * S)!.subsets, []);
});
