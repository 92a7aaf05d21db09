import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findExercise, loadPack } from '../../src/exercises/pack.js';

const FIXTURE = 'test/fixtures/packs/workloads';

/** A copy of the workloads fixture pack whose 01-web exercise.yaml is rewritten by `edit`. */
function withWebMeta(edit: (meta: string) => string): { dir: string; meta: string; done: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'kubedrill-workloads-'));
  cpSync(FIXTURE, dir, { recursive: true });
  const meta = path.join(dir, 'exercises/01-web/exercise.yaml');
  writeFileSync(meta, edit(readFileSync(meta, 'utf8')));
  return { dir, meta, done: () => rmSync(dir, { recursive: true, force: true }) };
}

const messages = (dir: string) => {
  const r = loadPack(dir);
  assert.equal(r.ok, false);
  return r.ok ? [] : r.findings.map((f) => `${path.basename(path.dirname(f.file))}:${f.line ?? '-'}: ${f.message}`);
};

test('steps, object: and the cluster kinds load as typed checks, times in ms', () => {
  const r = loadPack(FIXTURE);
  assert.ok(r.ok);
  const web = findExercise(r.pack, 'web')!;
  assert.deepEqual(web.simulate, { forMs: 180_000, seed: 1, steps: [{ atMs: 0, file: 'web-v1.yaml' }, { atMs: 30_000, file: 'web.yaml' }] });
  assert.equal(web.checks!.expect[1]!.object, 'Service/web');
  assert.equal(web.checks!.preserve[0]!.object, 'Deployment/web');
  const b = Object.fromEntries(web.checks!.behaviour.map((c) => [c.id, c]));
  assert.deepEqual(b.rollout, { id: 'rollout', points: 1, title: b.rollout!.title, message: b.rollout!.message, kind: 'rollout', deployment: 'web', outcome: 'complete', withinMs: [30_000, 120_000] });
  assert.equal(b.capacity!.kind === 'podRange' && b.capacity!.maxPods, 4);
  assert.deepEqual(b.endpoints!.kind === 'endpoints' && [b.endpoints!.atMs, b.endpoints!.ready, b.endpoints!.notReady], [150_000, { min: 3, max: 3 }, { min: 0, max: 0 }]);
  assert.equal(b['new-pod-ready']!.of, 'Deployment/web');
  const job = findExercise(r.pack, 'job')!;
  assert.equal(job.simulate!.steps, undefined, 'no steps: the answer alone at 0');
  const pods = job.checks!.behaviour.find((c) => c.id === 'pods')!;
  assert.deepEqual(pods.kind === 'jobPods' && [pods.succeeded, pods.failed, pods.maxActive], [{ min: 4, max: 4 }, { min: 0, max: 0 }, 2]);
});

test('steps must apply the answer exactly once, in time order, before the end, from files of the exercise', () => {
  const noAnswer = withWebMeta((m) => m.replace('- { at: 30s, file: web.yaml }', '- { at: 30s, file: web-v1.yaml }'));
  assert.deepEqual(messages(noAnswer.dir), ['01-web:14: simulate.steps: exactly one step must apply the learner\'s answer "web.yaml" (found 0)']);
  noAnswer.done();
  const late = withWebMeta((m) => m.replace('at: 30s', 'at: 5m'));
  assert.deepEqual(messages(late.dir), ['01-web:16: simulate.steps[1]: applies after the end of the run (simulate.for)']);
  late.done();
  const missing = withWebMeta((m) => m.replace('file: web-v1.yaml', 'file: web-v0.yaml'));
  assert.match(messages(missing.dir)[0]!, /^01-web:15: simulate\.steps\[0\]: the file "web-v0\.yaml" does not exist \(/);
  missing.done();
  const escape = withWebMeta((m) => m.replace('file: web-v1.yaml', 'file: ../02-job/job.yaml'));
  assert.deepEqual(messages(escape.dir), ['01-web:15: simulate.steps.0.file: must be a relative path inside the pack (no "..", not absolute)']);
  escape.done();
});

test('cluster checks with nothing to check, or contradicting bounds, are refused with the line', () => {
  const cases: [string, string, string][] = [
    ['      maxPods: 4\n      minAvailable: 3\n', '', 'checks.behaviour[1]: give maxPods, minAvailable and/or minReady'],
    ['ready: { min: 3, max: 3 }', 'ready: { min: 4, max: 3 }', 'checks.behaviour[2]: ready: min 4 is greater than max 3'],
    ['outcome: complete\n      within', 'outcome: complete\n      reason: BackoffLimitExceeded\n      within', 'checks.behaviour.0: unknown field "reason"'],
    ['object: Service/web', 'object: ConfigMap/web', 'checks.expect.1.object: must match ^(Pod|Deployment|ReplicaSet|Job|Service)/[a-z0-9]([-a-z0-9.]*[a-z0-9])?$'],
    ['of: Deployment/web', 'of: Service/web', 'checks.behaviour.3.of: must match ^(Deployment|ReplicaSet|Job)/[a-z0-9]([-a-z0-9.]*[a-z0-9])?$'],
  ];
  for (const [from, to, want] of cases) {
    const p = withWebMeta((m) => {
      assert.ok(m.includes(from), from);
      return m.replace(from, to);
    });
    const got = messages(p.dir).map((s) => s.replace(/^01-web:[0-9-]+: /, ''));
    assert.ok(got.includes(want), `${want}\n  got: ${JSON.stringify(got)}`);
    p.done();
  }
});
