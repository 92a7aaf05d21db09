// A learner whose Pod is the reference Pod gets the reference trace without a second simulation;
// it must be exactly what simulating their Pod gives (the simulator is pure).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { findExercise, loadPack } from '../../src/exercises/pack.js';
import { gradeText, referenceTrace } from '../../src/grade/index.js';
import { checkManifest } from '../../src/manifest/index.js';
import { simulate } from '../../src/sim/index.js';
import { createRuntime, type ImageSpec } from '../../src/sim/runtime/index.js';

const loaded = loadPack();
assert.ok(loaded.ok);
const ex = findExercise(loaded.pack, 'liveness-exam')!;
const solution = readFileSync(ex.solutionPath, 'utf8');

function fresh(text: string) {
  const pod = checkManifest(text, 'x.yaml').documents[0]!.pod!;
  return simulate(pod, { untilMs: ex.simulate!.forMs, seed: ex.simulate!.seed, runtime: createRuntime({ images: (ex.images ?? []) as ImageSpec[] }) });
}

test('the reference Pod written differently grades with the reference trace, equal to simulating it', () => {
  // same Pod, other layout: flow style and another key order
  const relaid = solution.replace('  name: liveness-exam\n', '  name: "liveness-exam"\n').replace(/successThreshold: 1\n(\s+)failureThreshold: 2/, 'failureThreshold: 2\n$1successThreshold: 1');
  assert.notEqual(relaid, solution);
  const r = gradeText(ex, relaid, 'answer.yaml');
  assert.equal(r.passed, true);
  assert.equal(r.trace, referenceTrace(ex), 'reused');
  assert.equal(JSON.stringify(r.trace), JSON.stringify(fresh(relaid)));
});

test('any other Pod is simulated on its own', () => {
  const other = solution.replace('periodSeconds: 5', 'periodSeconds: 6');
  const r = gradeText(ex, other, 'answer.yaml');
  assert.notEqual(r.trace, referenceTrace(ex));
  assert.equal(JSON.stringify(r.trace), JSON.stringify(fresh(other)));
  assert.notEqual(JSON.stringify(r.trace), JSON.stringify(referenceTrace(ex)));
});
