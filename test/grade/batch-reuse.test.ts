// What the grader reuses so a batch is fast, checked against doing the work afresh: learners'
// traces shared by identical defaulted Pods (in any layout) and bounded, diffs made when first
// read, divergences worked out once but handed out as copies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { findExercise, loadPack } from '../../src/exercises/pack.js';
import { semanticDiff, textDiff } from '../../src/grade/diff.js';
import { describeDivergence } from '../../src/grade/divergence.js';
import { gradeText, referenceTrace } from '../../src/grade/index.js';
import { checkManifest } from '../../src/manifest/index.js';
import { simulate } from '../../src/sim/index.js';
import { createRuntime, type ImageSpec } from '../../src/sim/runtime/index.js';

const loaded = loadPack();
assert.ok(loaded.ok);
const ex = findExercise(loaded.pack, 'liveness-exam')!;
const solution = readFileSync(ex.solutionPath, 'utf8');
const starter = readFileSync(ex.starterPath!, 'utf8');

function fresh(text: string) {
  const pod = checkManifest(text, 'x.yaml').documents[0]!.pod!;
  return simulate(pod, { untilMs: ex.simulate!.forMs, seed: ex.simulate!.seed, runtime: createRuntime({ images: (ex.images ?? []) as ImageSpec[] }) });
}

const wrong = solution.replace('periodSeconds: 5', 'periodSeconds: 7');
// the same Pod: other key order, flow style, quoting and comments
const wrongRelaid = wrong
  .replace('  name: liveness-exam\n', '  name: "liveness-exam" # kept\n')
  .replace(/      initialDelaySeconds: 10\n      periodSeconds: 7\n/, '      periodSeconds: 7\n      initialDelaySeconds: 10\n')
  .replace(/command:\n\s+- ls\n\s+- \/tmp\/healthy/, 'command: [ls, "/tmp/healthy"]');

test('identical defaulted Pods share one trace, equal to simulating them afresh', () => {
  assert.notEqual(wrongRelaid, wrong);
  const a = gradeText(ex, wrong, 'a.yaml');
  const b = gradeText(ex, wrongRelaid, 'b.yaml');
  assert.ok(a.trace && b.trace);
  assert.equal(b.trace, a.trace, 'the second is reused');
  assert.notEqual(a.trace, referenceTrace(ex));
  assert.equal(JSON.stringify(a.trace), JSON.stringify(fresh(wrongRelaid)));
  // and the rest of the result is the Pod's own
  assert.equal(b.file, 'b.yaml');
  assert.deepEqual(a.checks.map((c) => [c.id, c.status, c.message]), b.checks.map((c) => [c.id, c.status, c.message.replace('b.yaml', 'a.yaml')]));
});

test('the cache is bounded: after 300 other Pods the first is simulated again, with the same result', () => {
  const first = gradeText(ex, wrong, 'a.yaml').trace!;
  for (let i = 0; i < 300; i++) gradeText(ex, solution.replace('sleep 600', `sleep ${601 + i}`), 'x.yaml');
  const again = gradeText(ex, wrong, 'a.yaml').trace!;
  assert.notEqual(again, first, 'evicted and simulated again');
  assert.equal(JSON.stringify(again), JSON.stringify(first));
});

test('diffs are made when read, equal to making them directly, and part of the JSON of a result', () => {
  const r = gradeText(ex, wrong, 'mine.yaml');
  const pod = checkManifest(wrong, 'mine.yaml').documents[0]!.pod!;
  const ref = checkManifest(solution, 'ref.yaml').documents[0]!.pod!;
  assert.equal(r.diffStarter, textDiff(`starter/${ex.file}`, 'mine.yaml', starter, wrong));
  assert.equal(r.diffReference, semanticDiff(pod, ref, 'mine.yaml'));
  assert.match(r.diffReference, /^-\s+periodSeconds: 5$/m);
  const json = JSON.parse(JSON.stringify(r));
  assert.equal(json.diffStarter, r.diffStarter);
  assert.deepEqual(Object.keys(json).slice(0, 9), ['exerciseId', 'file', 'passed', 'score', 'maxScore', 'findings', 'checks', 'diffStarter', 'diffReference']);
});

test('a divergence is worked out once and handed out as a copy', () => {
  const mine = fresh(solution.replace('failureThreshold: 2', 'failureThreshold: 5'));
  const ref = referenceTrace(ex);
  const d1 = describeDivergence(mine, ref, 'en', { toleranceMs: 2000 })!;
  d1.message = 'changed by a caller';
  const d2 = describeDivergence(mine, ref, 'en', { toleranceMs: 2000 })!;
  assert.notEqual(d2.message, 'changed by a caller');
  assert.match(d2.message, /killed at/);
  assert.notEqual(describeDivergence(mine, ref, 'ko', { toleranceMs: 2000 })!.message, d2.message, 'per language');
  assert.equal(describeDivergence(ref, ref, 'en'), undefined);
});
