import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyPodDefaults, defaultPullPolicy } from '../../src/manifest/index.js';
import type { Pod } from '../../src/manifest/types.js';

const bare = (): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p' },
  spec: {
    containers: [
      {
        name: 'c',
        image: 'busybox:1.36',
        ports: [{ containerPort: 80 }],
        livenessProbe: { httpGet: { port: 80 } },
        readinessProbe: { grpc: { port: 9000 }, periodSeconds: 0, failureThreshold: 0 },
        startupProbe: { exec: { command: ['true'] }, timeoutSeconds: 5 },
        lifecycle: { preStop: { httpGet: { port: 80 } } },
      },
    ],
  },
});

test('probe defaults: timeout 1, period 10, success 1, failure 3 when 0 or absent; httpGet path / and scheme HTTP; grpc service ""', () => {
  const c = applyPodDefaults(bare()).spec!.containers[0]!;
  assert.deepEqual(c.livenessProbe, { httpGet: { port: 80, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
  assert.deepEqual(c.readinessProbe, { grpc: { port: 9000, service: '' }, periodSeconds: 10, failureThreshold: 3, timeoutSeconds: 1, successThreshold: 1 });
  assert.equal(c.startupProbe?.timeoutSeconds, 5, 'explicit values are kept');
  assert.equal(c.startupProbe?.initialDelaySeconds, undefined, 'initialDelaySeconds is not defaulted (0 means 0)');
  assert.deepEqual(c.lifecycle?.preStop?.httpGet, { port: 80, path: '/', scheme: 'HTTP' });
});

test('pod and container defaults', () => {
  const p = applyPodDefaults(bare());
  assert.equal(p.metadata?.namespace, 'default');
  assert.equal(p.spec?.restartPolicy, 'Always');
  assert.equal(p.spec?.terminationGracePeriodSeconds, 30);
  assert.equal(p.spec?.dnsPolicy, 'ClusterFirst');
  assert.equal(p.spec?.schedulerName, 'default-scheduler');
  assert.equal(p.spec?.serviceAccountName, 'default');
  assert.equal(p.spec?.enableServiceLinks, true);
  assert.deepEqual(p.spec?.securityContext, {});
  const c = p.spec!.containers[0]!;
  assert.equal(c.imagePullPolicy, 'IfNotPresent');
  assert.equal(c.terminationMessagePath, '/dev/termination-log');
  assert.equal(c.terminationMessagePolicy, 'File');
  assert.deepEqual(c.resources, {});
  assert.equal(c.ports?.[0]?.protocol, 'TCP');
});

test('explicit pod values are kept; a negative grace period is stored as 1', () => {
  const pod = bare();
  pod.spec!.restartPolicy = 'Never';
  pod.spec!.terminationGracePeriodSeconds = 5;
  pod.metadata!.namespace = 'exam';
  const p = applyPodDefaults(pod);
  assert.equal(p.spec?.restartPolicy, 'Never');
  assert.equal(p.spec?.terminationGracePeriodSeconds, 5);
  assert.equal(p.metadata?.namespace, 'exam');
  pod.spec!.terminationGracePeriodSeconds = -3;
  assert.equal(applyPodDefaults(pod).spec?.terminationGracePeriodSeconds, 1);
  pod.spec!.terminationGracePeriodSeconds = 0;
  assert.equal(applyPodDefaults(pod).spec?.terminationGracePeriodSeconds, 0, '0 is a valid grace period');
});

test('imagePullPolicy: Always for :latest or untagged (no digest), else IfNotPresent', () => {
  assert.equal(defaultPullPolicy('nginx'), 'Always');
  assert.equal(defaultPullPolicy('nginx:latest'), 'Always');
  assert.equal(defaultPullPolicy('registry.local:5000/nginx'), 'Always');
  assert.equal(defaultPullPolicy('registry.local:5000/nginx:1.25'), 'IfNotPresent');
  assert.equal(defaultPullPolicy('nginx:1.25'), 'IfNotPresent');
  assert.equal(defaultPullPolicy('nginx@sha256:abc'), 'IfNotPresent');
  const pod = bare();
  pod.spec!.containers[0]!.image = 'busybox';
  assert.equal(applyPodDefaults(pod).spec?.containers[0]?.imagePullPolicy, 'Always');
  pod.spec!.containers[0]!.imagePullPolicy = 'Never';
  assert.equal(applyPodDefaults(pod).spec?.containers[0]?.imagePullPolicy, 'Never');
});

test('volumes: no source means emptyDir; configMap/secret get defaultMode 420', () => {
  const pod = bare();
  pod.spec!.volumes = [{ name: 'a' }, { name: 'b', configMap: { name: 'cm' } }, { name: 'c', secret: { secretName: 's' } }];
  const v = applyPodDefaults(pod).spec!.volumes!;
  assert.deepEqual(v[0], { name: 'a', emptyDir: {} });
  assert.equal(v[1]?.configMap?.defaultMode, 420);
  assert.equal(v[2]?.secret?.defaultMode, 420);
});

test('pure and idempotent', () => {
  const pod = bare();
  const before = structuredClone(pod);
  const once = applyPodDefaults(pod);
  assert.deepEqual(pod, before, 'input untouched');
  assert.deepEqual(applyPodDefaults(once), once);
  assert.notEqual(once, pod);
});

test('applyPodDefaults copies deeply: the input is never changed, the copy shares nothing, odd keys stay data', () => {
  const input = JSON.parse('{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","labels":{"__proto__":"x"}},"spec":{"containers":[{"name":"c","image":"busybox","args":["a",["b"]],"ports":[{"containerPort":80}]}]}}');
  const before = JSON.stringify(input);
  const out = applyPodDefaults(input) as unknown as { metadata: { labels: Record<string, unknown> }; spec: { containers: { args: unknown[]; ports: { protocol?: string }[] }[] } };
  assert.equal(JSON.stringify(input), before);
  assert.equal(out.spec.containers[0]!.ports[0]!.protocol, 'TCP');
  assert.notEqual(out.spec.containers[0]!.args, input.spec.containers[0].args);
  assert.deepEqual(out.spec.containers[0]!.args, ['a', ['b']]);
  assert.equal(Object.getPrototypeOf(out.metadata.labels), Object.prototype);
  assert.deepEqual(Object.keys(out.metadata.labels), ['__proto__']);
});
