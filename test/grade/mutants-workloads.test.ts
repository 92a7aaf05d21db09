// Near-miss mutants of workload answers (generateFileMutants) and dev check on workload exercises:
// the operators for each kind, the object an expect check names, and a weak exercise's holes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { Exercise, ExpectCheck } from '../../src/exercises/types.js';
import { devCheck } from '../../src/grade/dev-check.js';
import { generateFileMutants } from '../../src/grade/mutants.js';

type Obj = Record<string, unknown>;

const docsOf = (text: string) => parseAllDocuments(text).map((d) => d.toJS() as Obj);

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  minReadySeconds: 5
  selector:
    matchLabels:
      app: web
  strategy:
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        readinessProbe:
          httpGet:
            path: /
            port: 80
          periodSeconds: 5
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 80
`;

const JOB = `apiVersion: batch/v1
kind: Job
metadata:
  name: task
spec:
  backoffLimit: 2
  completions: 3
  parallelism: 1
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: task
        image: busybox:1.36
        command: [sh, -c, exit 1]
`;

const loc = (en: string) => ({ en, ko: en });
const expectCheck = (path: string, object?: string): ExpectCheck => ({ id: path, points: 1, title: loc(path), message: loc(path), path, schema: {}, ...(object ? { object } : {}) });

function exercise(opts: { steps?: boolean; expect?: ExpectCheck[] } = {}): Exercise {
  return {
    id: 'x',
    dir: '01-x',
    path: '/nowhere',
    title: loc('x'),
    task: loc('x'),
    difficulty: 'easy',
    domain: 'd',
    tags: [],
    hints: [],
    points: 10,
    timeBudget: 5,
    file: 'web.yaml',
    solutionPath: '/nowhere/web.yaml',
    simulate: {
      forMs: 60_000,
      seed: 1,
      ...(opts.steps ? { steps: [{ atMs: 0, file: 'web-v1.yaml' }, { atMs: 30_000, file: 'web.yaml' }] } : {}),
    },
    checks: { expect: opts.expect ?? [], preserve: [], behaviour: [] },
  };
}

test('a Deployment and a Service: replicas, strategy, surge and unavailability, selector with labels, the template\'s probe, targetPort, each document left out', () => {
  const d = generateFileMutants(exercise({ steps: true }), docsOf(WEB)).map((m) => m.description);
  for (const want of [
    'Deployment/web: spec.replicas 3 → 2',
    'Deployment/web: spec.replicas 3 → 4',
    'Deployment/web: spec.replicas removed (default)',
    'Deployment/web: spec.minReadySeconds removed (default)',
    'Deployment/web: strategy RollingUpdate (default) → Recreate',
    'Deployment/web: strategy.rollingUpdate.maxSurge 1 → 0',
    'Deployment/web: strategy.rollingUpdate.maxSurge 1 → 2',
    'Deployment/web: strategy.rollingUpdate.maxUnavailable 0 → 1',
    'Deployment/web: strategy.rollingUpdate.maxUnavailable removed (default 25%)',
    'Deployment/web: selector and pod labels app=web → app=web-x',
    'Deployment/web: nginx: readinessProbe removed',
    'Deployment/web: nginx: readinessProbe renamed to livenessProbe',
    'Deployment/web: nginx: readinessProbe.httpGet.port 80 → 81',
    'Deployment/web: nginx: readinessProbe.periodSeconds removed (default)',
    'Deployment/web: container nginx renamed to nginx-x',
    'Service/web: selector app=web → app=web-x',
    'Service/web: ports[0].targetPort 80 → 81',
    'Service/web: ports[0].targetPort removed (default: the port, 80)',
    'Deployment/web left out of the file',
    'Service/web left out of the file',
  ]) assert.ok(d.includes(want), `${want} in\n${d.join('\n')}`);
  // A minReadySeconds off by one is graded only when an expect check names it.
  assert.ok(!d.some((x) => x.startsWith('Deployment/web: spec.minReadySeconds 5 →')), d.join('\n'));
  assert.equal(new Set(d).size, d.length, 'descriptions are unique');
});

test('a mutant changes one document and keeps the others as they were', () => {
  const docs = docsOf(WEB);
  const m = generateFileMutants(exercise({ steps: true }), docs).find((x) => x.description === 'Deployment/web: spec.replicas 3 → 2')!;
  assert.equal(m.docs.length, 2);
  assert.equal(((m.docs[0]!.spec as Obj).replicas), 2);
  assert.deepEqual(m.docs[1], docs[1]);
  const relabel = generateFileMutants(exercise({ steps: true }), docs).find((x) => x.description.includes('selector and pod labels'))!;
  const spec = relabel.docs[0]!.spec as { selector: { matchLabels: Obj }; template: { metadata: { labels: Obj } } };
  assert.equal(spec.selector.matchLabels.app, 'web-x');
  assert.equal(spec.template.metadata.labels.app, 'web-x', 'the selector still matches the template (the API server would refuse it otherwise)');
});

test('the strategy is mutated only when a later apply rolls the template out', () => {
  const d = generateFileMutants(exercise(), docsOf(WEB)).map((m) => m.description);
  assert.ok(!d.some((x) => x.includes('strategy')), d.join('\n'));
});

test('a Job: backoffLimit, completions and parallelism by one or removed, restartPolicy swapped', () => {
  const d = generateFileMutants(exercise(), docsOf(JOB)).map((m) => m.description);
  for (const want of [
    'Job/task: spec.backoffLimit 2 → 1',
    'Job/task: spec.backoffLimit 2 → 3',
    'Job/task: spec.backoffLimit removed (default)',
    'Job/task: spec.completions 3 → 2',
    'Job/task: spec.parallelism 1 → 0',
    'Job/task: spec.parallelism removed (default)',
    'Job/task: restartPolicy Never → OnFailure',
    'Job/task: container task renamed to task-x',
  ]) assert.ok(d.includes(want), `${want} in\n${d.join('\n')}`);
  assert.ok(!d.some((x) => x.includes('left out')), 'a file of one object keeps it');
});

test('an expect check mutates the object it names, with paths relative to that object', () => {
  const ex = exercise({ expect: [expectCheck('spec.ports[0].port', 'Service/web'), expectCheck('spec.minReadySeconds', 'Deployment/web')] });
  const d = generateFileMutants(ex, docsOf(WEB)).map((m) => m.description);
  assert.ok(d.includes('Service/web: spec.ports[0].port: 80 → 79'), d.join('\n'));
  assert.ok(d.includes('Service/web: spec.ports[0].port: 80 → 81'), d.join('\n'));
  assert.ok(d.includes('Deployment/web: spec.minReadySeconds: 5 → 4'), d.join('\n'));
  // Without object: a file of two objects has no default object (no Pod), so the check mutates nothing.
  const none = generateFileMutants(exercise({ expect: [expectCheck('spec.ports[0].port')] }), docsOf(WEB)).map((m) => m.description);
  assert.ok(!none.some((x) => x.includes('spec.ports[0].port:')), none.join('\n'));
});

test('mutants never modify the documents they start from, and the same input gives the same mutants', () => {
  const docs = docsOf(WEB);
  const before = JSON.stringify(docs);
  const a = generateFileMutants(exercise({ steps: true }), docs);
  assert.equal(JSON.stringify(docs), before);
  const b = generateFileMutants(exercise({ steps: true }), docsOf(WEB));
  assert.equal(JSON.stringify(a), JSON.stringify(b));
});

test('dev check on a weak workload exercise names its holes', () => {
  // Exercise 22 without the checks that read maxUnavailable: 1 (or its 25% default) then passes everything.
  const root = mkdtempSync(path.join(tmpdir(), 'kubedrill-wl-holes-'));
  cpSync('exercises/22-rolling-update-capacity', path.join(root, 'exercises/01-weak'), { recursive: true });
  cpSync('solutions/22-rolling-update-capacity', path.join(root, 'solutions/01-weak'), { recursive: true });
  const meta = path.join(root, 'exercises/01-weak/exercise.yaml');
  const text = readFileSync(meta, 'utf8');
  const weak = text
    .replace('id: rolling-update-capacity', 'id: weak')
    .replace(/ {4}- id: max-unavailable\n[\s\S]*?(?= {2}preserve:)/, '')
    .replace(/ {4}- id: capacity\n[\s\S]*?(?= {4}- id: rollout-completes)/, '')
    .replace(/ {4}- id: same-as-reference\n[\s\S]*$/, '');
  assert.notEqual(weak, text);
  writeFileSync(meta, weak);
  const report = devCheck(root);
  assert.deepEqual(report.findings, []);
  const e = report.exercises[0]!;
  assert.equal(e.solutionPasses, true, e.solutionProblems.join('\n'));
  assert.equal(e.starterFails, true);
  const holes = e.mutants.filter((m) => m.outcome === 'hole').map((m) => m.description);
  assert.ok(holes.includes('Deployment/api: strategy.rollingUpdate.maxUnavailable 0 → 1'), holes.join('\n'));
  assert.ok(holes.includes('Deployment/api: strategy.rollingUpdate.maxUnavailable removed (default 25%)'), holes.join('\n'));
  // Mutants the remaining checks still catch.
  const caught = e.mutants.filter((m) => m.outcome === 'caught').map((m) => m.description);
  assert.ok(caught.includes('Deployment/api: strategy RollingUpdate → Recreate'), caught.join('\n'));
  assert.ok(caught.includes('Deployment/api: spec.replicas 4 → 3'), caught.join('\n'));
  assert.equal(report.ok, false);
});

test('dev check on the built-in workload exercises: every mutant of each kind is caught', () => {
  const report = devCheck();
  const wl = report.exercises.filter((e) => Number(e.dir.slice(0, 2)) >= 17);
  assert.ok(wl.length >= 8, `${wl.length} workload exercises`);
  for (const e of wl) {
    assert.ok(e.ok, `${e.dir}: ${JSON.stringify(e.mutants.filter((m) => m.outcome === 'hole'))} ${e.solutionProblems.join('; ')}`);
    assert.ok(e.mutants.filter((m) => m.outcome === 'caught').length >= 5, `${e.dir}: ${e.mutants.length} mutants`);
  }
  const all = wl.flatMap((e) => e.mutants.map((m) => m.description));
  for (const kind of ['spec.replicas', 'maxUnavailable', 'backoffLimit', 'restartPolicy', 'completions', 'parallelism', 'selector', 'targetPort', 'left out of the file', 'readinessProbe'])
    assert.ok(all.some((d) => d.includes(kind)), `no mutant of ${kind}`);
});
