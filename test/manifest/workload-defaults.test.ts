import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyDeploymentDefaults, applyJobDefaults, applyObjectDefaults, applyPodDefaults, applyReplicaSetDefaults, applyServiceDefaults } from '../../src/manifest/defaults.js';
import type { Deployment, Job, Pod, ReplicaSet, Service } from '../../src/manifest/kinds.js';

const template = () => ({ metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx:1.27', readinessProbe: { httpGet: { port: 80 } } }] } });

test('Deployment: replicas 1, RollingUpdate 25%/25%, revisionHistoryLimit 10, progressDeadlineSeconds 600, template gets Pod defaults', () => {
  const input: Deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { selector: { matchLabels: { app: 'web' } }, template: template() } };
  const d = applyDeploymentDefaults(input);
  assert.equal(d.metadata!.namespace, 'default');
  assert.equal(d.spec!.replicas, 1);
  assert.deepEqual(d.spec!.strategy, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } });
  assert.equal(d.spec!.revisionHistoryLimit, 10);
  assert.equal(d.spec!.progressDeadlineSeconds, 600);
  const pod = d.spec!.template.spec!;
  assert.equal(pod.restartPolicy, 'Always');
  assert.equal(pod.terminationGracePeriodSeconds, 30);
  assert.equal(pod.containers[0]!.readinessProbe!.periodSeconds, 10);
  assert.equal(pod.containers[0]!.imagePullPolicy, 'IfNotPresent');
  assert.equal(d.spec!.template.metadata!.namespace, undefined, 'a template has no namespace');
  assert.equal(input.spec!.replicas, undefined, 'the argument is not modified');
});

test('Deployment: Recreate gets no rollingUpdate; explicit values (0 replicas, maxSurge 0) are kept', () => {
  const r = applyDeploymentDefaults({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'w' }, spec: { replicas: 0, strategy: { type: 'Recreate' }, selector: {}, template: template() } });
  assert.equal(r.spec!.replicas, 0);
  assert.deepEqual(r.spec!.strategy, { type: 'Recreate' });
  const s = applyDeploymentDefaults({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'w' }, spec: { strategy: { rollingUpdate: { maxSurge: 0 } }, selector: {}, template: template() } });
  assert.deepEqual(s.spec!.strategy!.rollingUpdate, { maxSurge: 0, maxUnavailable: '25%' });
});

test('ReplicaSet: replicas 1', () => {
  const rs = applyReplicaSetDefaults({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'r' }, spec: { selector: {}, template: template() } } as ReplicaSet);
  assert.equal(rs.spec!.replicas, 1);
  assert.equal(rs.spec!.template!.spec!.dnsPolicy, 'ClusterFirst');
});

test('Job: completions/parallelism 1, backoffLimit 6, NonIndexed, suspend false, TerminatingOrFailed, labels from the template', () => {
  const j = applyJobDefaults({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'pi' }, spec: { template: { ...template(), spec: { ...template().spec, restartPolicy: 'Never' } } } } as Job);
  assert.equal(j.spec!.completions, 1);
  assert.equal(j.spec!.parallelism, 1);
  assert.equal(j.spec!.backoffLimit, 6);
  assert.equal(j.spec!.completionMode, 'NonIndexed');
  assert.equal(j.spec!.suspend, false);
  assert.equal(j.spec!.podReplacementPolicy, 'TerminatingOrFailed');
  assert.deepEqual(j.metadata!.labels, { app: 'web' });
  assert.equal(j.spec!.template.spec!.restartPolicy, 'Never');
  // only parallelism given: completions stays unset (a work queue)
  const q = applyJobDefaults({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'q' }, spec: { parallelism: 3, template: template() } } as Job);
  assert.equal(q.spec!.completions, undefined);
  assert.equal(q.spec!.parallelism, 3);
  // the template's restartPolicy is defaulted like any Pod's: Always, which Job validation rejects
  assert.equal(q.spec!.template.spec!.restartPolicy, 'Always');
});

test('Service: ClusterIP, sessionAffinity None, TCP, targetPort = port, internalTrafficPolicy Cluster', () => {
  const s = applyServiceDefaults({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }, { port: 443, targetPort: 'https' }] } } as Service);
  assert.equal(s.spec!.type, 'ClusterIP');
  assert.equal(s.spec!.sessionAffinity, 'None');
  assert.deepEqual(s.spec!.ports, [
    { port: 80, protocol: 'TCP', targetPort: 80 },
    { port: 443, targetPort: 'https', protocol: 'TCP' },
  ]);
  assert.equal(s.spec!.internalTrafficPolicy, 'Cluster');
  assert.equal(s.spec!.externalTrafficPolicy, undefined);
  const np = applyServiceDefaults({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'n' }, spec: { type: 'NodePort', ports: [{ port: 80 }] } } as Service);
  assert.equal(np.spec!.externalTrafficPolicy, 'Cluster');
});

test('applyObjectDefaults dispatches on kind', () => {
  const d = applyObjectDefaults({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: { selector: {}, template: template() } } as Deployment);
  assert.equal(d.spec!.replicas, 1);
  const p = applyObjectDefaults<Pod>({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } });
  assert.equal(p.metadata!.namespace, 'default');
});

test('a pod template gets no serviceAccountName: that is the ServiceAccount admission of a Pod, not a default', () => {
  const d = applyDeploymentDefaults({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } } } });
  assert.equal(d.spec?.template.spec?.serviceAccountName, undefined);
  assert.equal(applyPodDefaults({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } }).spec?.serviceAccountName, 'default');
});
