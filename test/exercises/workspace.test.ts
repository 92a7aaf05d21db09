import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, existsSync, readdirSync, lstatSync, readlinkSync, mkdirSync, symlinkSync, linkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadPack } from '../../src/exercises/pack.js';
import { ioReason, openWorkspace, OutsideWorkspaceError, writeFileInside } from '../../src/exercises/workspace.js';
import { CACHE_DIR } from '../../src/exercises/context.js';
import { writeReference } from '../../src/grade/reference-cache.js';
import { runBody } from '../../src/commands/code-cache.js';
import { memoryIo } from '../../src/commands/io.js';
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

// --- symbolic links: kubedrill reads through them but never writes through one out of the workspace ---

/** Every entry below `dir` (links as `-> target`, files with their content), to prove nothing changed. */
function snapshot(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d).sort()) {
      const p = path.join(d, n);
      const st = lstatSync(p);
      const rel = path.relative(dir, p);
      if (st.isSymbolicLink()) out.push(`${rel} -> ${readlinkSync(p)}`);
      else if (st.isDirectory()) {
        out.push(`${rel}/`);
        walk(p);
      } else out.push(`${rel}: ${readFileSync(p, 'utf8')}`);
    }
  };
  walk(dir);
  return out;
}

/** A temp folder holding a workspace and, beside it, an "outside" folder with a file in it. */
function linked() {
  const root = tmp();
  const outside = path.join(root, 'outside');
  mkdirSync(outside);
  writeFileSync(path.join(outside, 'mine.yaml'), 'precious\n');
  const ws = openWorkspace({ cwd: root, env: {} });
  const exDir = path.join(ws.dir, ex.dir);
  return { root, outside, ws, exDir, file: ws.learnerPath(ex), before: snapshot(outside) };
}

test('reset: a learner file that links outside is replaced, the link itself is the backup, its target is untouched', () => {
  const t = linked();
  mkdirSync(t.exDir, { recursive: true });
  symlinkSync(path.join(t.outside, 'mine.yaml'), t.file);
  const r = t.ws.resetLearnerFile(ex);
  assert.deepEqual(snapshot(t.outside), t.before, 'nothing outside the workspace changed');
  assert.equal(r.backup, `${t.file}.bak-1`);
  assert.equal(r.linkTarget, path.join(t.outside, 'mine.yaml'));
  assert.equal(readlinkSync(r.backup!), path.join(t.outside, 'mine.yaml'), 'the backup is the same link');
  assert.equal(readFileSync(r.backup!, 'utf8'), 'precious\n');
  assert.equal(lstatSync(t.file).isFile(), true, 'the learner path is now a file of its own');
  assert.equal(readFileSync(t.file, 'utf8'), readFileSync(ex.starterPath!, 'utf8'));
});

test('reset: a dangling link is backed up as a link and never creates its target', () => {
  const t = linked();
  mkdirSync(t.exDir, { recursive: true });
  symlinkSync(path.join(t.outside, 'not-yet.yaml'), t.file);
  const r = t.ws.resetLearnerFile(ex);
  assert.deepEqual(snapshot(t.outside), t.before);
  assert.equal(readlinkSync(r.backup!), path.join(t.outside, 'not-yet.yaml'));
  assert.equal(readFileSync(t.file, 'utf8'), readFileSync(ex.starterPath!, 'utf8'));
});

test('reset: a relative link is backed up with the same (relative) target', () => {
  const t = linked();
  mkdirSync(t.exDir, { recursive: true });
  const rel = path.relative(t.exDir, path.join(t.outside, 'mine.yaml'));
  symlinkSync(rel, t.file);
  const r = t.ws.resetLearnerFile(ex);
  assert.equal(readlinkSync(r.backup!), rel);
  assert.equal(readFileSync(r.backup!, 'utf8'), 'precious\n');
  assert.deepEqual(snapshot(t.outside), t.before);
});

test('reset: a hard link to a file outside is not written through (the starter gets a file of its own)', () => {
  const t = linked();
  mkdirSync(t.exDir, { recursive: true });
  linkSync(path.join(t.outside, 'mine.yaml'), t.file);
  const r = t.ws.resetLearnerFile(ex);
  assert.deepEqual(snapshot(t.outside), t.before);
  assert.equal(readFileSync(r.backup!, 'utf8'), 'precious\n');
  assert.equal(readFileSync(t.file, 'utf8'), readFileSync(ex.starterPath!, 'utf8'));
});

test('reset: a backup name taken by a link (even a dangling one) is skipped, never written through', () => {
  const t = linked();
  mkdirSync(t.exDir, { recursive: true });
  writeFileSync(t.file, 'my work\n');
  symlinkSync(path.join(t.outside, 'mine.yaml'), `${t.file}.bak-1`);
  symlinkSync(path.join(t.outside, 'gone.yaml'), `${t.file}.bak-2`);
  const r = t.ws.resetLearnerFile(ex);
  assert.equal(r.backup, `${t.file}.bak-3`);
  assert.equal(readFileSync(r.backup!, 'utf8'), 'my work\n');
  assert.deepEqual(snapshot(t.outside), t.before);
});

test('reset and the first copy refuse an exercise folder that links out of the workspace (nothing is created there)', () => {
  const t = linked();
  mkdirSync(t.ws.dir, { recursive: true });
  symlinkSync(t.outside, t.exDir);
  assert.throws(() => t.ws.resetLearnerFile(ex), (err: unknown) => {
    assert.ok(err instanceof OutsideWorkspaceError);
    assert.equal(ioReason(err), `${t.exDir} is a symbolic link to ${t.outside}, outside the workspace: kubedrill never writes through it`);
    return true;
  });
  assert.throws(() => t.ws.ensureLearnerFile(ex), OutsideWorkspaceError);
  assert.deepEqual(snapshot(t.outside), t.before);
  // a dangling folder link would make mkdir/copy create its target: refused too
  const gone = path.join(t.root, 'gone');
  rmSync(t.exDir);
  symlinkSync(gone, t.exDir);
  assert.throws(() => t.ws.ensureLearnerFile(ex), OutsideWorkspaceError);
  assert.throws(() => t.ws.resetLearnerFile(ex), OutsideWorkspaceError);
  assert.equal(existsSync(gone), false);
});

test('an existing learner file behind a folder link is read, not rewritten: ensureLearnerFile leaves it alone', () => {
  const t = linked();
  mkdirSync(t.ws.dir, { recursive: true });
  symlinkSync(t.outside, t.exDir);
  writeFileSync(path.join(t.outside, ex.file), 'kept\n');
  const before = snapshot(t.outside);
  assert.deepEqual(t.ws.ensureLearnerFile(ex), { path: t.file, created: false });
  assert.deepEqual(snapshot(t.outside), before);
});

test('a folder link that stays inside the workspace is followed', () => {
  const t = linked();
  const real = path.join(t.ws.dir, 'real-folder');
  mkdirSync(real, { recursive: true });
  symlinkSync('real-folder', t.exDir);
  assert.equal(t.ws.ensureLearnerFile(ex).created, true);
  writeFileSync(t.file, 'mine');
  const r = t.ws.resetLearnerFile(ex);
  assert.equal(readFileSync(path.join(real, `${ex.file}.bak-1`), 'utf8'), 'mine');
  assert.equal(r.backup, `${t.file}.bak-1`);
});

test('ensureLearnerFile: a dangling link at the learner path counts as present and its target is not created', () => {
  const t = linked();
  mkdirSync(t.exDir, { recursive: true });
  symlinkSync(path.join(t.outside, 'new.yaml'), t.file);
  assert.deepEqual(t.ws.ensureLearnerFile(ex), { path: t.file, created: false });
  assert.deepEqual(snapshot(t.outside), t.before);
});

test('reset: a learner path that is a folder is refused with a reason, and nothing is changed', () => {
  const t = linked();
  mkdirSync(t.file, { recursive: true });
  assert.throws(() => t.ws.resetLearnerFile(ex), (err: unknown) => ioReason(err) === `${t.file} is not a file`);
  assert.deepEqual(readdirSync(t.exDir), [ex.file]);
});

test('progress: a .kubedrill-progress.json that links outside is replaced by a file; its target is untouched', () => {
  const t = linked();
  mkdirSync(t.ws.dir, { recursive: true });
  symlinkSync(path.join(t.outside, 'mine.yaml'), path.join(t.ws.dir, PROGRESS_FILE));
  saveProgress(t.ws, recordAttempt(loadProgress(t.ws), 'pass', result(true, 10)));
  assert.deepEqual(snapshot(t.outside), t.before);
  assert.equal(lstatSync(path.join(t.ws.dir, PROGRESS_FILE)).isFile(), true);
  assert.equal(progressOf(loadProgress(t.ws), 'pass').status, 'done');
});

test('caches: a .kubedrill-cache that links outside is never written (pack metadata, reference traces, code cache)', async () => {
  const t = linked();
  mkdirSync(t.ws.dir, { recursive: true });
  const cacheDir = path.join(t.ws.dir, CACHE_DIR);
  symlinkSync(t.outside, cacheDir);
  assert.equal(loadPack('test/fixtures/packs/mini', { cacheDir }).ok, true);
  writeReference(path.join(cacheDir, 'reference-x.json'), { starter: { text: '', findings: [] }, solution: { text: '', findings: [] } });
  const body = path.join(t.root, 'body.cjs');
  writeFileSync(body, '"use strict";\nexports.run = async () => 0;\n');
  assert.equal(await runBody(body, [], memoryIo().io, { cacheDir }), 0);
  assert.deepEqual(snapshot(t.outside), t.before);
  // the same calls with a real cache folder do write (so the assertion above can fail)
  rmSync(cacheDir);
  loadPack('test/fixtures/packs/mini', { cacheDir });
  writeReference(path.join(cacheDir, 'reference-x.json'), { starter: { text: '', findings: [] }, solution: { text: '', findings: [] } });
  await runBody(body, [], memoryIo().io, { cacheDir });
  const names = readdirSync(cacheDir);
  assert.ok(names.some((n) => n.startsWith('exercise-')), names.join());
  assert.ok(names.includes('reference-x.json'));
  assert.ok(names.some((n) => n.endsWith('.bin')));
  assert.ok(!names.some((n) => n.includes('.tmp-')), 'no temp file left');
});

test('writeFileInside: a leftover temp file (or a link by that name) is replaced, never written through', () => {
  const t = linked();
  mkdirSync(t.ws.dir, { recursive: true });
  const file = path.join(t.ws.dir, 'x.json');
  symlinkSync(path.join(t.outside, 'mine.yaml'), `${file}.tmp-${process.pid}`);
  writeFileInside(t.ws.dir, file, 'data');
  assert.equal(readFileSync(file, 'utf8'), 'data');
  assert.deepEqual(snapshot(t.outside), t.before);
  assert.deepEqual(readdirSync(t.ws.dir), ['x.json']);
});

test("a cluster exercise's own apply files are copied beside the learner's file, once, never over one", () => {
  const builtIn = loadPack('exercises');
  assert.ok(builtIn.ok);
  const rollout = builtIn.pack.exercises.find((e) => e.id === 'rollout-readiness-fix')!;
  const ws = openWorkspace({ cwd: tmp(), env: {} });
  const r = ws.ensureLearnerFile(rollout);
  assert.equal(r.created, true);
  const v1 = path.join(path.dirname(r.path), 'web-v1.yaml');
  assert.equal(readFileSync(v1, 'utf8'), readFileSync(path.join(rollout.path, 'web-v1.yaml'), 'utf8'));
  // the learner's own edits of it are kept; a deleted one comes back; a link there is left alone
  writeFileSync(v1, '# my notes\n');
  ws.ensureLearnerFile(rollout);
  assert.equal(readFileSync(v1, 'utf8'), '# my notes\n');
  rmSync(v1);
  const outside = path.join(tmp(), 'outside.yaml');
  symlinkSync(outside, v1); // dangling: copying onto it would create its target
  ws.ensureLearnerFile(rollout);
  assert.equal(existsSync(outside), false);
  assert.ok(lstatSync(v1).isSymbolicLink());
});
