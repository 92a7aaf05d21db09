import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { findExercise, loadPack } from '../../src/exercises/pack.js';
import { gradeText } from '../../src/grade/index.js';
import { isClusterExercise } from '../../src/grade/cluster.js';
import { gradeToJson } from '../../src/report/grade.js';
import type { GradeResult } from '../../src/grade/types.js';
import type { Lang } from '../../src/exercises/types.js';

const PACK = 'test/fixtures/packs/workloads';
const loaded = loadPack(PACK);
if (!loaded.ok) throw new Error(`workloads pack does not load: ${JSON.stringify(loaded.findings)}`);
const ex = (id: string) => findExercise(loaded.pack, id)!;
const solution = (p: string) => readFileSync(`${PACK}/solutions/${p}`, 'utf8');
const WEB = solution('01-web/web.yaml');
const JOB = solution('02-job/job.yaml');
const grade = (id: string, text: string, lang: Lang = 'en') => gradeText(ex(id), text, 'answer.yaml', { lang });
/** The checks that did not pass, as `id: message`. */
const failed = (r: GradeResult) => r.checks.filter((c) => c.status !== 'pass').map((c) => `${c.id}: ${c.message}`);
const edit = (text: string, from: string, to: string) => {
  assert.ok(text.includes(from), `the fixture holds ${JSON.stringify(from)}`);
  return text.replace(from, to);
};

test('a file of several objects, or a pack with apply steps, is a cluster exercise; the Pod packs are not', () => {
  assert.equal(isClusterExercise(ex('web')), true);
  assert.equal(isClusterExercise(ex('job')), true);
  const mini = loadPack('test/fixtures/packs/mini');
  assert.ok(mini.ok);
  for (const e of mini.pack.exercises) assert.equal(isClusterExercise(e), false, e.id);
});

test('the reference answer passes every cluster check, with the objects stage titles and no divergence', () => {
  const r = grade('web', WEB);
  assert.deepEqual(failed(r), []);
  assert.equal(r.passed, true);
  assert.equal(r.score, 10);
  assert.equal(r.divergence, undefined);
  assert.deepEqual(
    r.checks.slice(0, 3).map((c) => c.title),
    ['The file is valid YAML', 'The objects match the Kubernetes API schema', 'The API server accepts the objects'],
  );
  assert.deepEqual(r.cluster?.files, ['web-v1.yaml', 'answer.yaml']);
  assert.equal(r.cluster?.answerAtMs, 30_000);
  assert.equal(r.cluster?.trace, r.cluster?.referenceTrace, "the reference's own objects reuse its trace");
  assert.equal(r.trace, undefined, 'no Pod trace for a cluster exercise');
  assert.deepEqual(failed(grade('job', JOB)), []);
});

test('rollout: a readiness probe on the wrong port stalls the rollout; the message quotes rollout status and the probe', () => {
  const r = grade('web', edit(WEB, 'port: http\n          periodSeconds', 'port: 8080\n          periodSeconds'));
  assert.deepEqual(failed(r), [
    'probe-port: The probe asks port 8080.',
    'rollout: The rollout does not complete. (the rollout still waits at 3 min: kubectl rollout status says Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated..., because the new pod web-8c479dbf8-rd92t is not Ready: Readiness probe failed: Get "http://10.244.0.137:8080/": dial tcp 10.244.0.137:8080: connect: connection refused)',
    'endpoints: The Service does not have 3 ready endpoints. (at 2 min 30 s the Service web has 3 ready and 1 not-ready endpoints)',
    'new-pod-ready: The first new pod is not Ready in time. (your container never becomes Ready in 3 min)',
    "same: Your rollout differs from the reference. (the reference's deployment/web reaches READY 3/3, UP-TO-DATE 2, AVAILABLE 3 at 38.6 s; yours never does)",
  ]);
  const probe = r.checks.find((c) => c.id === 'probe-port')!;
  assert.deepEqual([probe.file, probe.line, probe.col, probe.excerpt], ['answer.yaml', 28, 13, '            port: 8080']);
  assert.equal(r.divergence?.atMs, 38_628);
  assert.ok(r.score < 10 && r.score > 0);
});

test('podRange: a surge of 3 and one unavailable break the capacity bounds, both said', () => {
  const r = grade('web', edit(WEB, 'maxSurge: 1\n      maxUnavailable: 0', 'maxSurge: 3\n      maxUnavailable: 1'));
  assert.deepEqual(failed(r), [
    'capacity: The rollout changes capacity. (5 pods ran at once between 30 s and 3 min; available replicas dropped to 2 between 30 s and 3 min)',
    "same: Your rollout differs from the reference. (the reference's deployment/web reaches READY 3/3, UP-TO-DATE 1, AVAILABLE 3 at 30 s; yours never does)",
  ]);
});

test('endpoints: a selector that matches no pod says so, with the labels the pods do have (en and ko)', () => {
  const wrong = edit(WEB, '  selector:\n    app: web', '  selector:\n    app: frontend');
  const r = grade('web', wrong);
  assert.deepEqual(failed(r), [
    'endpoints: The Service does not have 3 ready endpoints. (at 2 min 30 s the Service web has 0 ready and 0 not-ready endpoints: its selector app=frontend matches no pod (the pods are labelled app=web))',
    "same: Your rollout differs from the reference. (the reference's service/web reaches ENDPOINTS 3 ready at 30 s; yours never does)",
  ]);
  const ko = grade('web', wrong, 'ko');
  assert.equal(
    ko.checks.find((c) => c.id === 'endpoints')!.message,
    '서비스에 Ready 엔드포인트가 3개가 아닙니다. (2분 30초 시점에 Service web의 엔드포인트: Ready 0개, Ready 아님 0개: 셀렉터 app=frontend에 맞는 파드가 없습니다(파드 레이블: app=web))',
  );
});

test('endpoints: a named targetPort no container port has keeps every pod out of the endpoints', () => {
  const r = grade('web', edit(WEB, 'targetPort: http', 'targetPort: web'));
  const m = failed(r);
  assert.equal(m[0], 'service-port: targetPort is web.');
  assert.match(m[1]!, /^endpoints: The Service does not have 3 ready endpoints\. \(at 2 min 30 s the Service web has 0 ready and 0 not-ready endpoints: targetPort "web" names no container port of web-[a-z0-9]+-[a-z0-9]+, so the pod is left out of the endpoints\)$/);
});

test('object: a check on an object the file lacks fails naming it; the run says the object is missing', () => {
  const r = grade('web', WEB.slice(0, WEB.indexOf('---')));
  assert.deepEqual(failed(r), [
    'service-port: targetPort is missing. (your file has no Service/web)',
    'endpoints: The Service does not have 3 ready endpoints. (services "web" not found)',
    'same: Your rollout differs from the reference. (the reference has service/web; your run has none)',
  ]);
});

test('jobPods: parallelism 4 runs four pods at once', () => {
  const r = grade('job', edit(JOB, 'parallelism: 2', 'parallelism: 4'));
  assert.deepEqual(failed(r), [
    'parallelism: parallelism is 4.',
    "pods: The Job's pods do not run as asked. (4 of its pods ran at once)",
    "same: Your Job differs from the reference. (your job/batch reaches STATUS Running, COMPLETIONS 3/4, 0 failed at 14.6 s; the reference's never does)",
  ]);
});

test("job: a failing command ends in the Job's own Failed condition, quoted; pod checks scoped with of: see its pod", () => {
  const failing = edit(JOB, 'sleep 10', 'sleep 10; exit 1');
  assert.deepEqual(failed(grade('job', failing)), [
    'completes: The Job does not complete. (the Job failed at 44.6 s: BackoffLimitExceeded: Job has reached the specified backoff limit)',
    "pods: The Job's pods do not run as asked. (at 2 min: 0 succeeded, 4 failed)",
    'first-pod-succeeds: The first pod has not succeeded. (the pod is Failed at 20 s)',
    "same: Your Job differs from the reference. (the reference's job/batch reaches STATUS Running, COMPLETIONS 2/4, 0 failed at 13.6 s; yours never does)",
  ]);
  assert.deepEqual(failed(grade('job', failing, 'ko')).slice(0, 2), [
    'completes: Job이 완료되지 않습니다. (Job이 44.6초에 실패했습니다: BackoffLimitExceeded: Job has reached the specified backoff limit)',
    'pods: Job의 파드가 요청대로 실행되지 않습니다. (2분 시점: 성공 0, 실패 4)',
  ]);
});

test('a file with YAML errors skips the field and cluster checks; one that is not a workload says the file has none', () => {
  const r = grade('job', 'apiVersion: batch/v1\nkind: Job\nmetadata: [\n');
  assert.equal(r.checks[0]!.status, 'fail');
  for (const c of r.checks.slice(3)) assert.equal(c.status, 'skip', c.id);
  assert.equal(r.cluster, undefined);
  const empty = grade('job', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n');
  assert.equal(empty.passed, false);
  assert.equal(empty.checks[1]!.status, 'fail', 'ConfigMap is not a kind kubedrill runs');
});

test('determinism: the same answer grades to the same bytes, also after the caches are warm', () => {
  const text = edit(WEB, 'maxSurge: 1', 'maxSurge: 2');
  const a = gradeToJson(grade('web', text));
  const b = gradeToJson(grade('web', text));
  const c = gradeToJson(gradeText(ex('web'), `# a comment\n${text}`, 'answer.yaml'));
  assert.equal(a, b);
  assert.equal(JSON.parse(a).checks.map((x: { message: string }) => x.message).join('\n'), JSON.parse(c).checks.map((x: { message: string }) => x.message).join('\n'));
});

test('{value} of an absent field reads "missing" in English and "(없음)" in Korean', () => {
  const builtIn = loadPack('exercises');
  assert.ok(builtIn.ok);
  const deadline = findExercise(builtIn.pack, 'job-active-deadline')!;
  const starter = readFileSync(deadline.starterPath!, 'utf8');
  const en = gradeText(deadline, starter, 'report.yaml', { lang: 'en' }).checks.find((c) => c.id === 'deadline')!;
  const ko = gradeText(deadline, starter, 'report.yaml', { lang: 'ko' }).checks.find((c) => c.id === 'deadline')!;
  assert.match(en.message, /activeDeadlineSeconds is missing/);
  assert.match(ko.message, /activeDeadlineSeconds가 \(없음\)/);
  assert.doesNotMatch(ko.message, /missing/);
});
