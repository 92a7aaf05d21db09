// The worker pool: rows come out once each and in submission order whatever the workers do, a
// worker that dies or hangs costs exactly the submission it was grading, and a pool whose workers
// cannot start grades in this thread instead. Rows equal the in-process grader's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { findExercise, loadPack } from '../../src/exercises/pack.js';
import { gradeInPool, gradeInProcess } from '../../src/grade/batch/pool.js';
import type { BatchRow, GraderInit, Submission } from '../../src/grade/batch/types.js';

const loaded = loadPack();
assert.ok(loaded.ok);
const ex = findExercise(loaded.pack, 'liveness-exam')!;
const init: GraderInit = { exercise: ex, lang: 'en' };
const CLASS = path.resolve('test/fixtures/class/submissions');
const WORKERS = path.resolve('test/fixtures/class/workers');
const FILES = ['alice/liveness-exam.yaml', 'bob/liveness-exam.yaml', 'carol/answer.yml', 'dave/liveness-exam.yaml', 'frank/liveness-exam.yaml', 'empty.yaml'].map((f) => path.join(CLASS, f));

/** Submissions named `name-NN.yaml`, each read from one of the class's files. */
function batch(names: string[]): Submission[] {
  return names.map((n, index) => ({ index, display: `${n}-${String(index).padStart(2, '0')}.yaml`, file: FILES[index % FILES.length]! }));
}

async function collect(run: (emit: (r: BatchRow) => void) => Promise<unknown>): Promise<BatchRow[]> {
  const rows: BatchRow[] = [];
  await run((r) => rows.push(r));
  return rows;
}

test('rows leave in submission order, once each, equal to the in-process rows, with rejected ones in place', async () => {
  const subs = batch(Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? 'slow' : 'quick')));
  subs[5] = { ...subs[5]!, rejected: 'it is not a regular file (a named pipe): not read' };
  const pooled = await collect((emit) => gradeInPool(subs, init, { size: 2, chunk: 3, workerFile: path.join(WORKERS, 'crash-worker.ts') }, emit));
  const local = await collect((emit) => gradeInProcess(subs, init, emit));
  assert.deepEqual(pooled.map((r) => r.index), subs.map((s) => s.index));
  assert.deepEqual(pooled, local);
  assert.equal(pooled[5]!.failed[0]!.message, `cannot read ${subs[5]!.display}: it is not a regular file (a named pipe): not read`);
});

test('a worker that exits, throws, runs out of memory or hangs costs one internal-error row; the batch goes on', async () => {
  const names = Array.from({ length: 24 }, () => 'quick');
  names[3] = 'crash-exit';
  names[8] = 'crash-throw';
  names[13] = 'crash-oom';
  names[19] = 'crash-hang';
  const subs = batch(names);
  let stats;
  const rows = await collect(async (emit) => {
    stats = await gradeInPool(subs, init, { size: 2, chunk: 4, stallMs: 1500, resourceLimits: { maxOldGenerationSizeMb: 48 }, workerFile: path.join(WORKERS, 'crash-worker.ts') }, emit);
  });
  assert.deepEqual(rows.map((r) => r.index), subs.map((s) => s.index));
  const errors = rows.filter((r) => r.internalError !== undefined).map((r) => [r.index, r.internalError]);
  assert.deepEqual(errors, [
    [3, 'internal error while grading: the worker thread stopped (exit code 7)'],
    [8, 'internal error while grading: the worker thread failed: a bug in the grader'],
    [13, 'internal error while grading: the worker thread ran out of memory'],
    [19, 'internal error while grading: no result after 2 s, so the worker thread was stopped'],
  ]);
  for (const r of rows.filter((x) => x.internalError !== undefined)) {
    assert.equal(r.passed, false);
    assert.equal(r.score, 0);
    assert.deepEqual(r.statuses, []);
  }
  // every other submission graded exactly as in this thread
  const local = await collect((emit) => gradeInProcess(subs.filter((s) => !s.display.startsWith('crash')), init, emit));
  assert.deepEqual(rows.filter((r) => r.internalError === undefined), local);
  assert.equal(stats!.workersLost, 4);
  assert.ok(stats!.workersStarted >= 6, `replacements were started (${stats!.workersStarted})`);
});

test('workers that cannot start: the batch is graded in this thread instead', async () => {
  const subs = batch(Array.from({ length: 8 }, () => 'quick'));
  let stats;
  const rows = await collect(async (emit) => {
    stats = await gradeInPool(subs, init, { size: 2, workerFile: path.join(WORKERS, 'broken-worker.ts') }, emit);
  });
  assert.equal(stats!.fellBack, true);
  assert.deepEqual(rows, await collect((emit) => gradeInProcess(subs, init, emit)));
});

test('Korean rows from the pool equal the in-process ones', async () => {
  const ko: GraderInit = { exercise: ex, lang: 'ko' };
  const subs = batch(Array.from({ length: 12 }, () => 'quick'));
  const pooled = await collect((emit) => gradeInPool(subs, ko, { size: 2 }, emit));
  assert.deepEqual(pooled, await collect((emit) => gradeInProcess(subs, ko, emit)));
  assert.match(pooled.find((r) => !r.passed)!.failed[0]!.title, /[\uac00-\ud7a3]/);
});
