import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadPack } from '../../src/exercises/pack.js';
import { openWorkspace } from '../../src/exercises/workspace.js';
import { loadProgress, progressOf, recordAttempt, revealNextHint, saveProgress, PROGRESS_FILE } from '../../src/exercises/progress.js';
import type { GradeResult } from '../../src/grade/types.js';

const pack = loadPack('test/fixtures/packs/mini');
if (!pack.ok) throw new Error('mini pack');
const ex = pack.pack.exercises[0]!;
const tmp = () => mkdtempSync(path.join(tmpdir(), 'kubedrill-ws-'));

test('workspace location: --workspace, then KUBEDRILL_WORKSPACE, then ./kubedrill-workspace', () => {
  assert.equal(openWorkspace({ cwd: '/a', env: {}, dir: 'w' }).dir, '/a/w');
  assert.equal(openWorkspace({ cwd: '/a', env: { KUBEDRILL_WORKSPACE: '/x' } }).dir, '/x');
  assert.equal(openWorkspace({ cwd: '/a', env: {} }).dir, '/a/kubedrill-workspace');
  assert.equal(openWorkspace({ cwd: '/a', env: {} }).learnerPath(ex), '/a/kubedrill-workspace/01-pass/pod.yaml');
});

test('ensureLearnerFile copies the starter once and never overwrites', () => {
  const ws = openWorkspace({ cwd: tmp(), env: {} });
  const a = ws.ensureLearnerFile(ex);
  assert.equal(a.created, true);
  assert.equal(readFileSync(a.path, 'utf8'), readFileSync(ex.starterPath!, 'utf8'));
  writeFileSync(a.path, 'mine');
  const b = ws.ensureLearnerFile(ex);
  assert.equal(b.created, false);
  assert.equal(readFileSync(b.path, 'utf8'), 'mine');
});

test('resetLearnerFile restores the starter and keeps numbered backups', () => {
  const ws = openWorkspace({ cwd: tmp(), env: {} });
  const first = ws.resetLearnerFile(ex);
  assert.equal(first.backup, undefined, 'nothing to back up');
  writeFileSync(first.path, 'one');
  const r1 = ws.resetLearnerFile(ex);
  assert.equal(r1.backup, `${first.path}.bak-1`);
  writeFileSync(first.path, 'two');
  const r2 = ws.resetLearnerFile(ex);
  assert.equal(r2.backup, `${first.path}.bak-2`);
  assert.equal(readFileSync(r1.backup!, 'utf8'), 'one');
  assert.equal(readFileSync(r2.backup!, 'utf8'), 'two');
  assert.equal(readFileSync(first.path, 'utf8'), readFileSync(ex.starterPath!, 'utf8'));
});

const result = (passed: boolean, score: number) => ({ passed, score }) as GradeResult;

test('progress: attempts, done stays done, saved atomically and read back', () => {
  const ws = openWorkspace({ cwd: tmp(), env: {} });
  let p = loadProgress(ws);
  assert.deepEqual(progressOf(p, 'pass'), { status: 'new', hintsShown: 0, attempts: 0 });
  const p0 = p;
  p = recordAttempt(p, 'pass', result(false, 3));
  assert.deepEqual(progressOf(p0, 'pass').attempts, 0, 'recordAttempt is pure');
  assert.equal(progressOf(p, 'pass').status, 'attempted');
  p = recordAttempt(p, 'pass', result(true, 10));
  p = recordAttempt(p, 'pass', result(false, 4));
  assert.deepEqual(progressOf(p, 'pass'), { status: 'done', hintsShown: 0, attempts: 3, lastScore: 4 });
  saveProgress(ws, p);
  assert.deepEqual(readdirSync(ws.dir), [PROGRESS_FILE], 'no temp file left behind');
  assert.deepEqual(loadProgress(ws), p);
});

test('revealNextHint walks the tiers, then reports none left', () => {
  let p = loadProgress(openWorkspace({ cwd: tmp(), env: {} }));
  const a = revealNextHint(p, ex);
  assert.equal(a.index, 1);
  assert.equal(a.total, 2);
  assert.equal(a.hint?.en, 'first hint');
  p = a.progress;
  const b = revealNextHint(p, ex);
  assert.equal(b.hint?.en, 'second hint');
  const c = revealNextHint(b.progress, ex);
  assert.equal(c.index, 0);
  assert.equal(c.hint, undefined);
  assert.equal(progressOf(c.progress, ex.id).hintsShown, 2);
});
