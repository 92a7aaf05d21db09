// `kubedrill check` and `kubedrill grade` end to end on workload exercises (the fixture pack of a
// Deployment rollout behind a Service, and a Job): text, --json, --lang ko, exit codes, the pool.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { run as check } from '../../src/commands/check.js';
import { run as grade } from '../../src/commands/grade.js';
import { memoryIo } from '../../src/commands/io.js';

const PACK = path.resolve('test/fixtures/packs/workloads');
const tmp = () => mkdtempSync(path.join(tmpdir(), 'kubedrill-workloads-'));

test('check on a workload exercise: the starter fails with the rollout in kubectl words, the reference passes', async () => {
  const cwd = tmp();
  const m = memoryIo({ cwd });
  assert.equal(await check(['web', path.join(PACK, 'exercises/01-web/web.yaml'), '--exercises', PACK], m.io), 1);
  const out = m.out();
  assert.match(out, /^web — A rollout behind a Service\n\n✓ The file is valid YAML\n✓ The objects match the Kubernetes API schema\n✓ The API server accepts the objects\n✗ The probe asks port 80 — The probe asks port 8080\. \(.*web\.yaml:28:13\)\n/);
  assert.match(out, /^✗ The rollout completes — The rollout does not complete\. \(the rollout still waits at 3 min: kubectl rollout status says Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated\.\.\., because the new pod web-[a-z0-9]+-[a-z0-9]+ is not Ready: Readiness probe failed: Get "http:\/\/[0-9.]+:8080\/": dial tcp [0-9.]+:8080: connect: connection refused\)$/m);
  assert.match(out, /^First difference from the reference: the reference's deployment\/web reaches READY 3\/3, UP-TO-DATE 2, AVAILABLE 3 at 38\.6 s; yours never does$/m);
  assert.match(out, /FAILED\n$/);

  const ok = memoryIo({ cwd });
  assert.equal(await check(['web', path.join(PACK, 'solutions/01-web/web.yaml'), '--exercises', PACK, '--json'], ok.io), 0);
  const r = JSON.parse(ok.out());
  assert.equal(r.passed, true);
  assert.equal(r.score, 10);
  assert.equal(r.cluster, undefined, 'the JSON result carries no traces');
  assert.ok(r.checks.some((c: { id: string; stage: string }) => c.id === 'capacity' && c.stage === 'behaviour'));

  const ko = memoryIo({ cwd });
  assert.equal(await check(['job', path.join(PACK, 'exercises/02-job/job.yaml'), '--exercises', PACK, '--lang', 'ko'], ko.io), 1);
  assert.match(ko.out(), /^✓ 오브젝트가 Kubernetes API 스키마에 맞음$/m);
  assert.match(ko.out(), /^✗ 파드 4개가 두 개씩 성공함 — Job의 파드가 요청대로 실행되지 않습니다\. \(파드 4개가 동시에 실행되었습니다\)$/m);
});

test('grade on a workload exercise: one row per submission, the same rows from the pool and from one thread', async () => {
  const cwd = tmp();
  const sub = path.join(cwd, 'class');
  const job = readFileSync(path.join(PACK, 'solutions/02-job/job.yaml'), 'utf8');
  for (const [name, text] of [
    ['ana', job],
    ['bo', job.replace('parallelism: 2', 'parallelism: 3')],
    ['cy', job.replace('sleep 10', 'sleep 10; exit 1')],
    ['di', 'kind: Job\napiVersion: batch/v1\nmetadata: [\n'],
  ] as const) {
    mkdirSync(path.join(sub, name), { recursive: true });
    writeFileSync(path.join(sub, name, 'job.yaml'), text);
  }
  copyFileSync(path.join(PACK, 'solutions/02-job/job.yaml'), path.join(sub, 'ana', 'copy.yaml'));
  const rows = async (jobs: string) => {
    const m = memoryIo({ cwd });
    const code = await grade(['job', 'class', '--exercises', PACK, '--format', 'json', '--jobs', jobs], m.io);
    const report = JSON.parse(m.out());
    assert.equal(report.checks[1].title, 'The objects match the Kubernetes API schema');
    return { code, rows: report.rows as { submission: string; passed: boolean; score: number; failed: { id: string }[] }[] };
  };
  const local = await rows('0');
  assert.equal(local.code, 1);
  assert.deepEqual(local.rows.map((r) => [r.submission, r.passed, r.failed.map((f) => f.id).join(' ')]), [
    ['class/ana/copy.yaml', true, ''],
    ['class/ana/job.yaml', true, ''],
    ['class/bo/job.yaml', false, 'parallelism pods same'],
    ['class/cy/job.yaml', false, 'completes pods first-pod-succeeds same'],
    ['class/di/job.yaml', false, 'yaml'],
  ]);
  const pooled = await rows('2');
  assert.deepEqual(pooled, local);
});
