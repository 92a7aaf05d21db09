// The generated strict schema: built from kubernetes-types, every object closed, integers strict.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { checkSchema, dropNulls, typeAt } from '../../src/manifest/schema.js';
import { formatPath } from '../../src/manifest/index.js';

const schema = JSON.parse(readFileSync(new URL('../../generated/kube.schema.json', import.meta.url), 'utf8'));

test('the generated schema covers every kind (the whole Pod included) and closes every object', () => {
  const defs = schema.definitions as Record<string, { type?: string; properties?: object; additionalProperties?: unknown }>;
  assert.ok(Object.keys(defs).length >= 100);
  for (const name of ['Pod', 'Deployment', 'DeploymentSpec', 'ReplicaSet', 'Job', 'JobSpec', 'Service', 'ServicePort', 'PodTemplateSpec', 'LabelSelector', 'ObjectMeta', 'PodSpec', 'Container', 'Probe', 'HTTPGetAction', 'GRPCAction', 'Lifecycle', 'LifecycleHandler', 'SleepAction', 'ContainerPort', 'EnvVar', 'ResourceRequirements', 'Volume', 'SecurityContext', 'PodSecurityContext']) {
    assert.ok(defs[name], name);
  }
  for (const [name, d] of Object.entries(defs)) if (d.properties) assert.equal(d.additionalProperties, false, name);
  assert.deepEqual(schema.definitions.Pod.required, ['apiVersion', 'kind']);
});

test('typeAt walks fields and list items', () => {
  assert.equal(typeAt([]), 'Pod');
  assert.equal(typeAt(['spec', 'containers', 0]), 'Container');
  assert.equal(typeAt(['spec', 'containers', 0, 'ports', 1]), 'ContainerPort');
  assert.equal(typeAt(['spec', 'containers', 0, 'lifecycle', 'preStop']), 'LifecycleHandler');
  assert.equal(typeAt(['spec', 'containers', 0, 'name']), undefined);
  assert.equal(typeAt(['nope']), undefined);
});

test('IntOrString, Quantity and integers are typed as the API server decodes them', () => {
  const base = (c: object) => ({ apiVersion: 'v1', kind: 'Pod', spec: { containers: [{ name: 'c', ...c }] } });
  assert.deepEqual(checkSchema(base({ livenessProbe: { httpGet: { port: 'http' } } })), []);
  assert.deepEqual(checkSchema(base({ livenessProbe: { httpGet: { port: 80 } } })), []);
  assert.deepEqual(checkSchema(base({ resources: { limits: { cpu: 1, memory: '64Mi' } } })), []);
  const bad = checkSchema(base({ livenessProbe: { httpGet: { port: 80.5 } } }));
  assert.deepEqual(bad.map((p) => [p.code, formatPath(p.path), p.message]), [
    ['schema/type', 'spec.containers[0].livenessProbe.httpGet.port', '"port" must be an integer or a string, but it is a fractional number (80.5)'],
  ]);
});

test('dropNulls removes null-valued keys at every depth but keeps null list items', () => {
  assert.deepEqual(dropNulls({ a: null, b: { c: null, d: 1 }, e: [null, { f: null }] }), { b: { d: 1 }, e: [null, {}] });
});

test('formatPath renders kubectl paths', () => {
  assert.equal(formatPath(['spec', 'containers', 0, 'livenessProbe']), 'spec.containers[0].livenessProbe');
  assert.equal(formatPath([]), '');
  assert.equal(formatPath(['metadata', 'labels', 'app.kubernetes.io/name']), 'metadata.labels[app.kubernetes.io/name]');
});

test('typeAt and formatPath know every kind\'s own types (a Service\'s selector is a map, a Deployment\'s a LabelSelector)', () => {
  assert.equal(typeAt(['spec'], 'Deployment'), 'DeploymentSpec');
  assert.equal(typeAt(['spec', 'template', 'spec', 'containers', 0], 'Deployment'), 'Container');
  assert.equal(typeAt(['spec', 'selector'], 'Deployment'), 'LabelSelector');
  assert.equal(typeAt(['spec', 'selector'], 'Service'), undefined);
  assert.equal(typeAt(['spec', 'ports', 0], 'Service'), 'ServicePort');
  assert.equal(typeAt(['spec', 'podFailurePolicy', 'rules', 0], 'Job'), 'PodFailurePolicyRule');
  assert.equal(formatPath(['spec', 'selector', 'app'], 'Service'), 'spec.selector[app]');
  assert.equal(formatPath(['spec', 'selector', 'matchLabels', 'app'], 'Deployment'), 'spec.selector.matchLabels[app]');
  assert.equal(formatPath(['spec', 'template', 'metadata', 'labels', 'app'], 'ReplicaSet'), 'spec.template.metadata.labels[app]');
  // without a kind, only fields that are maps in every type print their keys in brackets
  assert.equal(formatPath(['spec', 'selector', 'app']), 'spec.selector.app');
  assert.equal(formatPath(['metadata', 'labels', 'app']), 'metadata.labels[app]');
});

test('IntOrString fields of the workloads take an integer or a string, nothing else', () => {
  const d = (ru: object) => ({ apiVersion: 'apps/v1', kind: 'Deployment', spec: { selector: {}, template: {}, strategy: { rollingUpdate: ru } } });
  assert.deepEqual(checkSchema(d({ maxSurge: 1, maxUnavailable: '25%' }), 'Deployment'), []);
  assert.deepEqual(checkSchema(d({ maxSurge: true }), 'Deployment').map((p) => p.message), ['"maxSurge" must be an integer or a string, but it is a boolean (true)']);
  const s = (port: object) => ({ apiVersion: 'v1', kind: 'Service', spec: { ports: [{ port: 80, ...port }] } });
  assert.deepEqual(checkSchema(s({ targetPort: 'http' }), 'Service'), []);
  assert.deepEqual(checkSchema(s({ targetPort: 8080 }), 'Service'), []);
  assert.deepEqual(checkSchema(s({ targetPort: [8080] }), 'Service').map((p) => p.code), ['schema/type']);
});
