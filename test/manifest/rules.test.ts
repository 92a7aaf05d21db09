// API server rules called directly (the fixtures cover them through the whole pipeline).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyPodDefaults, validatePodRules } from '../../src/manifest/index.js';
import { isDNS1123Label, isQualifiedName, isValidLabelValue, isValidPortName, isValidPortNum } from '../../src/manifest/rules.js';
import type { Pod } from '../../src/manifest/types.js';

const pod = (container: Record<string, unknown>, spec: Record<string, unknown> = {}): Pod =>
  applyPodDefaults({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'i', ...container }], ...spec } } as Pod);
const messages = (p: Pod) => validatePodRules(p).map((v) => v.message);

test('a valid defaulted pod has no violations', () => {
  assert.deepEqual(validatePodRules(pod({ livenessProbe: { exec: { command: ['true'] } } })), []);
});

test('handler checks run in upstream order (exec, httpGet, tcpSocket, grpc); only the first handler is validated', () => {
  assert.deepEqual(messages(pod({ livenessProbe: { tcpSocket: { port: 0 }, grpc: { port: 1 }, exec: { command: ['x'] } } })), [
    'spec.containers[0].livenessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type',
    'spec.containers[0].livenessProbe.grpc: Forbidden: may not specify more than 1 handler type',
  ]);
});

test('every negative probe number is reported; violations carry path and code', () => {
  const v = validatePodRules(pod({ readinessProbe: { exec: { command: ['x'] }, initialDelaySeconds: -1, timeoutSeconds: -2 } }));
  assert.deepEqual(v, [
    { code: 'api/invalid', severity: 'error', path: ['spec', 'containers', 0, 'readinessProbe', 'initialDelaySeconds'], message: 'spec.containers[0].readinessProbe.initialDelaySeconds: Invalid value: -1: must be greater than or equal to 0' },
    { code: 'api/invalid', severity: 'error', path: ['spec', 'containers', 0, 'readinessProbe', 'timeoutSeconds'], message: 'spec.containers[0].readinessProbe.timeoutSeconds: Invalid value: -2: must be greater than or equal to 0' },
  ]);
});

test('a named port fails every port-name rule that applies', () => {
  assert.deepEqual(messages(pod({ livenessProbe: { tcpSocket: { port: '-very--long-port-name' } } })), [
    'spec.containers[0].livenessProbe.tcpSocket.port: Invalid value: "-very--long-port-name": must be no more than 15 characters',
    'spec.containers[0].livenessProbe.tcpSocket.port: Invalid value: "-very--long-port-name": must not contain consecutive hyphens',
    'spec.containers[0].livenessProbe.tcpSocket.port: Invalid value: "-very--long-port-name": must not begin or end with a hyphen',
  ]);
  // a quoted number is a port *name*, as IntOrString decodes it
  assert.deepEqual(messages(pod({ livenessProbe: { tcpSocket: { port: '8080' } } })), [
    'spec.containers[0].livenessProbe.tcpSocket.port: Invalid value: "8080": must contain at least one letter (a-z)',
  ]);
});

test('grpc port is numeric and range-checked', () => {
  assert.deepEqual(messages(pod({ startupProbe: { grpc: { port: 70000 } } })), [
    'spec.containers[0].startupProbe.grpc.port: Invalid value: 70000: must be between 1 and 65535, inclusive',
  ]);
});

test('restartPolicy on a regular container is forbidden; on an init container only Always', () => {
  assert.deepEqual(messages(pod({ restartPolicy: 'Always' })), ['spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers']);
  const p = pod({}, { initContainers: [{ name: 'i', image: 'x', restartPolicy: 'Never' }] });
  assert.deepEqual(messages(p), ['spec.initContainers[0].restartPolicy: Unsupported value: "Never": supported values: "Always"']);
  const sidecar = pod({}, { initContainers: [{ name: 'i', image: 'x', restartPolicy: 'Always', livenessProbe: { exec: { command: ['x'] } } }] });
  assert.deepEqual(messages(sidecar), [], 'sidecars may have probes');
});

test('labels, namespace, dnsPolicy and env', () => {
  const p = pod({ env: [{ name: 'A=B', value: '1' }, { name: 'X', value: 'v', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }] }, { dnsPolicy: 'Cluster' });
  p.metadata!.labels = { 'bad key!': 'ok', app: '-bad' };
  p.metadata!.namespace = 'Exam';
  assert.deepEqual(messages(p), [
    `metadata.namespace: Invalid value: "Exam": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
    `metadata.labels: Invalid value: "bad key!": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
    `metadata.labels: Invalid value: "-bad": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
    `spec.containers[0].env[0].name: Invalid value: "A=B": a valid environment variable name must consist only of printable ASCII characters other than '='`,
    'spec.containers[0].env[1].valueFrom: Invalid value: "": may not be specified when `value` is not empty',
    'spec.dnsPolicy: Unsupported value: "Cluster": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"',
  ]);
});

test('no containers at all', () => {
  assert.deepEqual(messages(applyPodDefaults({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [] } })), ['spec.containers: Required value']);
});

test('apimachinery value checks', () => {
  assert.deepEqual(isValidPortNum(65535), []);
  assert.deepEqual(isValidPortNum(0), ['must be between 1 and 65535, inclusive']);
  assert.deepEqual(isValidPortName('http'), []);
  assert.deepEqual(isValidPortName('80'), ['must contain at least one letter (a-z)']);
  assert.deepEqual(isDNS1123Label('a.b'), ['must not contain dots']);
  assert.deepEqual(isDNS1123Label('x'.repeat(64)), ['must be no more than 63 characters']);
  assert.deepEqual(isQualifiedName('example.com/app'), []);
  assert.deepEqual(isQualifiedName('/app'), ['prefix part must be non-empty']);
  assert.deepEqual(isValidLabelValue(''), []);
});

test('a Pod as written is defaulted first: no spurious Required values, and the negative-grace warning', () => {
  const raw = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { terminationGracePeriodSeconds: -1, containers: [{ name: 'c', image: 'i', livenessProbe: { exec: { command: ['x'] } } }] } };
  assert.deepEqual(validatePodRules(raw), [
    { code: 'api/warning', severity: 'warning', path: ['spec', 'terminationGracePeriodSeconds'], message: 'spec.terminationGracePeriodSeconds: must be >= 0; negative values are invalid and will be treated as 1' },
  ]);
  assert.deepEqual(validatePodRules(applyPodDefaults(raw as Pod)), [], 'already defaulted: the grace period is 1 now');
});

test('env valueFrom: one message, in upstream order', () => {
  const env = (e: Record<string, unknown>) => messages(pod({ env: [{ name: 'A', ...e }] }));
  assert.deepEqual(env({ valueFrom: {} }), ['spec.containers[0].env[0].valueFrom: Invalid value: "": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`']);
  const two = { fieldRef: { fieldPath: 'metadata.name' }, secretKeyRef: { name: 's', key: 'k' } };
  assert.deepEqual(env({ value: 'x', valueFrom: two }), ['spec.containers[0].env[0].valueFrom: Invalid value: "": may not be specified when `value` is not empty']);
  assert.deepEqual(env({ valueFrom: two }), ['spec.containers[0].env[0].valueFrom: Invalid value: "": may not have more than one field specified at a time']);
});

test('upstream order: common checks, duplicate name, then each probe with its own extra rule, then Pod-only checks', () => {
  const p = applyPodDefaults({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p' },
    spec: {
      containers: [
        { name: 'c', image: 'i' },
        {
          name: 'c',
          image: ' busybox ',
          ports: [{ containerPort: 0 }],
          livenessProbe: { exec: { command: ['x'] }, successThreshold: 3, periodSeconds: -1 },
          readinessProbe: { tcpSocket: { port: 80 }, terminationGracePeriodSeconds: 5 },
        },
      ],
    },
  } as Pod);
  assert.deepEqual(messages(p), [
    'spec.containers[1].ports[0].containerPort: Required value',
    'spec.containers[1].name: Duplicate value: "c"',
    'spec.containers[1].livenessProbe.periodSeconds: Invalid value: -1: must be greater than or equal to 0',
    'spec.containers[1].livenessProbe.successThreshold: Invalid value: 3: must be 1',
    'spec.containers[1].readinessProbe.terminationGracePeriodSeconds: Invalid value: 5: must not be set for readinessProbes',
    'spec.containers[1].image: Invalid value: " busybox ": must not have leading or trailing whitespace',
  ]);
});
