// The exam state file: atomic saves, read back; anything malformed is moved aside with its reason
// (never a crash later, in the model or the screens); a replaced exam is archived in its folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createExam, submit } from '../../src/exam/model.js';
import { scoreExam, withReview } from '../../src/exam/score.js';
import { archiveState, loadState, saveState, stateProblem, statePath } from '../../src/exam/store.js';
import type { ExamState } from '../../src/exam/types.js';

const T0 = Date.UTC(2026, 11, 7, 9, 0, 0);
const state = (): ExamState =>
  createExam({ id: '20261207-090000', seed: 3, minutes: 20, nowMs: T0, tasks: [{ exerciseId: 'a', domain: 'A', weight: 60 }, { exerciseId: 'b', domain: 'B', weight: 40 }], fileOf: (id) => `${id}.yaml` });
const ws = () => mkdtempSync(path.join(tmpdir(), 'kubedrill-exam-store-'));

test('saved atomically and read back; no temp file left', () => {
  const dir = ws();
  assert.deepEqual(loadState(dir), { kind: 'none' });
  const s = state();
  saveState(dir, s);
  assert.deepEqual(loadState(dir), { kind: 'ok', state: s });
  assert.deepEqual(readdirSync(path.join(dir, 'exam')), ['current.json']);
  const graded = withReview(submit(s, T0 + 60_000, 'learner'), scoreExam(submit(s, T0 + 60_000, 'learner'), [undefined, undefined]));
  saveState(dir, graded);
  assert.deepEqual(loadState(dir), { kind: 'ok', state: graded }, 'a graded exam with its review validates');
  const archived = archiveState(dir, graded);
  assert.equal(archived, path.join(dir, 'exam', graded.id, 'exam.json'));
  assert.deepEqual(JSON.parse(readFileSync(archived, 'utf8')), graded);
});

test('every kind of malformed state has a reason', () => {
  const s = state();
  const graded = withReview(submit(s, T0, 'learner'), scoreExam(submit(s, T0, 'learner'), [undefined, undefined]));
  const cases: [unknown, RegExp][] = [
    [[], /not an object/],
    [{ ...s, format: 'kubedrill-exam/2' }, /format "kubedrill-exam\/2"/],
    [{ ...s, id: '../x' }, /exam id/],
    [{ ...s, usedMs: -1 }, /"usedMs" is not a whole number/],
    [{ ...s, tasks: [] }, /no tasks/],
    [{ ...s, tasks: [{ ...s.tasks[0]!, n: 2 }] }, /task 1 is malformed/],
    [{ ...s, tasks: [{ ...s.tasks[0]!, file: '.hidden' }] }, /plain file name/],
    [{ ...s, tasks: [{ ...s.tasks[0]!, flagged: 'yes' }] }, /status is malformed/],
    [{ ...s, current: 3 }, /"current" is not one of its tasks/],
    [{ ...s, phase: { kind: 'paused' } }, /phase is malformed/],
    [{ ...graded, review: { ...graded.review!, tasks: [] } }, /review is malformed/],
    [{ ...graded, review: { ...graded.review!, domains: [{ domain: 1 }] } }, /review is malformed/],
  ];
  for (const [v, re] of cases) assert.match(stateProblem(v) ?? 'ok', re, JSON.stringify(v).slice(0, 80));
  assert.equal(stateProblem(graded), undefined);
});

test('a corrupt file is moved to current.json.corrupt-N, never over an earlier backup', () => {
  const dir = ws();
  mkdirSync(path.join(dir, 'exam'));
  writeFileSync(statePath(dir), 'one');
  const a = loadState(dir);
  assert.equal(a.kind, 'corrupt');
  assert.equal(a.kind === 'corrupt' && a.backup, `${statePath(dir)}.corrupt-1`);
  writeFileSync(statePath(dir), JSON.stringify({ format: 'kubedrill-exam/1' }));
  const b = loadState(dir);
  assert.equal(b.kind === 'corrupt' && b.backup, `${statePath(dir)}.corrupt-2`);
  assert.equal(readFileSync(`${statePath(dir)}.corrupt-1`, 'utf8'), 'one');
  assert.equal(existsSync(statePath(dir)), false);
  assert.deepEqual(loadState(dir), { kind: 'none' });
});
