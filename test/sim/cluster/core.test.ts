// The cluster layer's core: a bare Pod runs as the single-pod simulator runs it; same scenario and seed, same bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { checkManifest } from '../../../src/manifest/index.js';
import { simulate } from '../../../src/sim/index.js';
import type { Trace } from '../../../src/sim/trace.js';
import { M, S, deployment, job, nginx, pod, run, service, shell } from './helpers.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');

function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const n of readdirSync(dir).sort()) {
    const p = path.join(dir, n);
    if (statSync(p).isDirectory()) yamlFiles(p, out);
    else if (/\.ya?ml$/.test(n)) out.push(p);
  }
  return out;
}

/** the single-pod trace's own fields (the cluster's adds creation time, labels and owner) */
const core = (t: Trace) => ({ format: t.format, seed: t.seed, untilMs: t.untilMs, pod: t.pod, containers: t.containers, records: t.records });

test('a bare Pod through the cluster layer has the trace simulate() gives it, for every Pod in the repository', () => {
  const files = [...yamlFiles(path.join(ROOT, 'exercises')), ...yamlFiles(path.join(ROOT, 'solutions')), ...yamlFiles(path.join(ROOT, 'test/fixtures')), ...yamlFiles(path.join(ROOT, 'test/golden'))];
  let n = 0;
  for (const f of files) {
    const r = checkManifest(readFileSync(f, 'utf8'), f);
    for (const d of r.documents) {
      if (!d.pod) continue;
      for (const [untilMs, seed] of [[6 * M, 1], [90 * S, 7]] as const) {
        const single = simulate(d.pod, { untilMs, seed });
        const cluster = run([[0, [d.pod]]], untilMs, { seed });
        assert.equal(cluster.pods.length, 1, f);
        assert.deepEqual(core(cluster.pods[0]!.trace), core(single), `${path.relative(ROOT, f)} for ${untilMs} ms, seed ${seed}`);
        assert.equal(cluster.pods[0]!.trace.createdAtMs, 0);
        n++;
      }
    }
  }
  assert.ok(n > 100, `only ${n} pods compared`);
});

test('same scenario and seed: byte-identical cluster traces; another seed changes names and timings', () => {
  const scenario: [number, ReturnType<typeof deployment>[]][] = [
    [0, [deployment('web', [nginx()]), service('web', { app: 'web' }), job('pi', [shell('sleep 3; exit 1')], { backoffLimit: 2 })]],
    [2 * M, [deployment('web', [nginx('nginx:1.28')])]],
  ];
  const a = JSON.stringify(run(scenario, 6 * M));
  const b = JSON.stringify(run(scenario, 6 * M));
  assert.equal(a, b);
  const c = JSON.stringify(run(scenario, 6 * M, { seed: 2 }));
  assert.notEqual(a, c);
});

test('pods get distinct addresses of 10.244.0.0/16 and see their own IP; a Service gets a ClusterIP of 10.96.0.0/12', () => {
  const t = run([[0, [deployment('web', [nginx()], { replicas: 5 }), service('web', { app: 'web' })]]], 30 * S);
  const ips = t.pods.map((p) => {
    const st = [...p.trace.records].reverse().find((r) => r.kind === 'status');
    return st && st.kind === 'status' ? st.status.podIP : undefined;
  });
  assert.equal(new Set(ips).size, 5);
  for (const ip of ips) assert.match(ip ?? '', /^10\.244\.\d+\.\d+$/);
  const svc = t.records.find((r) => r.kind === 'added' && r.object.kind === 'Service');
  assert.ok(svc && svc.kind === 'added' && svc.object.kind === 'Service');
  const ip = svc.object.spec.clusterIP!;
  const [a, b] = ip.split('.').map(Number);
  assert.equal(a, 10);
  assert.ok(b! >= 96 && b! < 112, ip);
  assert.deepEqual(svc.object.spec.clusterIPs, [ip]);
  assert.deepEqual(svc.object.spec.ipFamilies, ['IPv4']);
  assert.equal(svc.object.spec.ipFamilyPolicy, 'SingleStack');
});

test('a pod sees its own address in /etc/hosts and hostname -i', () => {
  const t = run([[0, [pod('me', [shell('hostname -i; sleep 9999')])]]], 20 * S);
  const trace = t.pods[0]!.trace;
  const log = trace.records.find((r) => r.kind === 'log');
  const st = [...trace.records].reverse().find((r) => r.kind === 'status');
  assert.ok(log && log.kind === 'log' && st && st.kind === 'status');
  assert.equal(log.text, st.status.podIP);
});

test('kubectl apply results: created, configured, unchanged; an immutable change is refused with the API server text', () => {
  const j = job('pi', [shell('exit 0')]);
  const t = run(
    [
      [0, [deployment('web', [nginx()]), j]],
      [M, [deployment('web', [nginx()]), deployment('web', [nginx()], { replicas: 4 }), job('pi', [shell('exit 1')])]],
    ],
    2 * M,
  );
  const results = t.records.filter((r) => r.kind === 'apply' || r.kind === 'apply-error').map((r) => (r.kind === 'apply' ? `${r.step} ${r.ref.kind}/${r.ref.name} ${r.result}` : `${r.step} error ${r.message}`));
  assert.deepEqual(results, [
    '0 Deployment/web created',
    '0 Job/pi created',
    '1 Deployment/web unchanged',
    '1 Deployment/web configured',
    '1 error The Job "pi" is invalid: spec.template: Invalid value: core.PodTemplateSpec{…}: field is immutable',
  ]);
});

test('a Job gets its selector and the job-name / controller-uid labels (on the Job too when it had none)', () => {
  const t = run([[0, [job('pi', [shell('exit 0')])]]], 10 * S);
  const added = t.records.find((r) => r.kind === 'added' && r.object.kind === 'Job');
  assert.ok(added && added.kind === 'added' && added.object.kind === 'Job');
  const j = added.object;
  const uid = j.metadata.uid;
  assert.deepEqual(j.spec.selector, { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } });
  const want = { 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': uid, 'job-name': 'pi' };
  assert.deepEqual(j.spec.template.metadata?.labels, want);
  assert.deepEqual(j.metadata.labels, want);
  const p = t.records.find((r) => r.kind === 'added' && r.object.kind === 'Pod');
  assert.ok(p && p.kind === 'added');
  assert.deepEqual(p.object.metadata.labels, want);
  assert.match(p.object.metadata.name, /^pi-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
});
