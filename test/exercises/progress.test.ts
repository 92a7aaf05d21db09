// The progress file: a corrupt or foreign one is kept as a numbered backup and reported once (issue
// #10, bug 3), in the CLI (stderr) and in the TUI (a notice line); the exam history loads and saves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { render } from 'ink-testing-library';
import { createElement } from 'react';
import { openWorkspace } from '../../src/exercises/workspace.js';
import { loadPack } from '../../src/exercises/pack.js';
import { loadProgress, progressNoticeText, recordAttempt, recordExam, revealNextHint, saveProgress, PROGRESS_FILE, type ExamRecord, type ProgressNotice } from '../../src/exercises/progress.js';
import type { GradeResult } from '../../src/grade/types.js';
import { memoryIo } from '../../src/commands/io.js';
import { run as list } from '../../src/commands/list.js';
import { run as check } from '../../src/commands/check.js';
import { realServices } from '../../src/ui/real-services.js';
import { App } from '../../src/ui/App.js';
import { drawn } from '../ui/helpers.js';

const MINI = path.resolve('test/fixtures/packs/mini');
const mini = loadPack(MINI);
if (!mini.ok) throw new Error('mini pack');
const pack = mini.pack;
const tmp = () => mkdtempSync(path.join(tmpdir(), 'kubedrill-progress-'));
const wsIn = (dir: string) => openWorkspace({ cwd: dir, env: {}, dir: 'ws' });

function corruptWs(text = '{ "version": 1, "exercises": { "pass": { "status": "done"') {
  const dir = tmp();
  const ws = wsIn(dir);
  mkdirSync(ws.dir, { recursive: true });
  writeFileSync(path.join(ws.dir, PROGRESS_FILE), text);
  return { dir, ws, file: path.join(ws.dir, PROGRESS_FILE) };
}

const EXAM: ExamRecord = {
  id: '20261207-140000',
  date: '2026-12-07T14:40:00.000Z',
  seed: 7,
  minutes: 40,
  usedMs: 1_234_000,
  score: 71.5,
  passed: true,
  submittedBy: 'learner',
  tasks: [{ exerciseId: 'pass', domain: 'Troubleshooting', weight: 100, score: 7, maxScore: 10, passed: false }],
  domains: [{ domain: 'Troubleshooting', score: 71.5, weight: 100 }],
};

test('a corrupt file is moved to .corrupt-1, reported once, and the next load is a quiet fresh start', () => {
  const { ws, file } = corruptWs();
  const notices: ProgressNotice[] = [];
  assert.deepEqual(loadProgress(ws, { onNotice: (n) => notices.push(n) }), { version: 1, exercises: {} });
  assert.equal(notices.length, 1);
  assert.deepEqual(notices[0], { kind: 'corrupt', file, reason: 'not valid JSON', backup: `${file}.corrupt-1` });
  assert.equal(existsSync(file), false);
  assert.match(readFileSync(`${file}.corrupt-1`, 'utf8'), /"status": "done"$/, 'the backup holds the bytes as they were');
  assert.equal(progressNoticeText(notices[0]!, 'en'), `your progress file ${file} is not valid JSON; it is kept as ${PROGRESS_FILE}.corrupt-1 and progress starts afresh`);
  assert.match(progressNoticeText(notices[0]!, 'ko'), /corrupt-1/);
  loadProgress(ws, { onNotice: (n) => notices.push(n) });
  assert.equal(notices.length, 1, 'said once');
});

test('an earlier backup is never overwritten: the second corrupt file becomes .corrupt-2', () => {
  const { ws, file } = corruptWs('first');
  loadProgress(ws);
  writeFileSync(file, 'second');
  const notices: ProgressNotice[] = [];
  loadProgress(ws, { onNotice: (n) => notices.push(n) });
  assert.equal(readFileSync(`${file}.corrupt-1`, 'utf8'), 'first');
  assert.equal(readFileSync(`${file}.corrupt-2`, 'utf8'), 'second');
  assert.equal(notices[0]?.kind === 'corrupt' && notices[0].backup, `${file}.corrupt-2`);
});

test('foreign files (valid JSON, not ours) are kept too; a missing file says nothing', () => {
  for (const text of ['[]', '{"version":2,"exercises":{}}', '{"version":1,"exercises":[]}', '"hello"', 'null']) {
    const { ws, file } = corruptWs(text);
    const notices: ProgressNotice[] = [];
    assert.deepEqual(loadProgress(ws, { onNotice: (n) => notices.push(n) }), { version: 1, exercises: {} });
    assert.equal(notices.length, 1, text);
    assert.match(notices[0]!.kind === 'corrupt' ? notices[0].reason : '', /not a kubedrill progress file/);
    assert.equal(readFileSync(`${file}.corrupt-1`, 'utf8'), text);
  }
  const notices: ProgressNotice[] = [];
  loadProgress(wsIn(tmp()), { onNotice: (n) => notices.push(n) });
  assert.deepEqual(notices, []);
});

test('a corrupt file that cannot be moved is not saved over', { skip: process.getuid?.() === 0 ? 'root ignores folder permissions' : false }, () => {
  const { ws, file } = corruptWs('{');
  chmodSync(ws.dir, 0o555);
  try {
    const notices: ProgressNotice[] = [];
    loadProgress(ws, { onNotice: (n) => notices.push(n) });
    assert.equal(notices[0]?.kind, 'corrupt-kept');
    assert.throws(() => saveProgress(ws, { version: 1, exercises: {} }));
  } finally {
    chmodSync(ws.dir, 0o755);
  }
  assert.equal(readFileSync(file, 'utf8'), '{');
});

test('old files without an exam history still load; the history round-trips; malformed entries are dropped', () => {
  const dir = tmp();
  const ws = wsIn(dir);
  mkdirSync(ws.dir, { recursive: true });
  const old = { version: 1, exercises: { pass: { status: 'done', hintsShown: 1, attempts: 2, lastScore: 10 } } };
  writeFileSync(path.join(ws.dir, PROGRESS_FILE), JSON.stringify(old));
  const p = loadProgress(ws);
  assert.deepEqual(p, old);
  const withExam = recordExam(p, EXAM);
  assert.equal(p.exams, undefined, 'recordExam is pure');
  saveProgress(ws, withExam);
  assert.deepEqual(loadProgress(ws), withExam);
  assert.deepEqual(recordExam(withExam, { ...EXAM, score: 80 }).exams?.map((e) => e.score), [80], 'the same exam is replaced, not doubled');
  assert.deepEqual(recordAttempt(withExam, 'pass', { passed: false, score: 1 } as GradeResult).exams, [EXAM], 'exercise progress keeps the exam history');
  assert.deepEqual(revealNextHint(withExam, pack.exercises[0]!).progress.exams, [EXAM]);
  const raw = JSON.parse(readFileSync(path.join(ws.dir, PROGRESS_FILE), 'utf8'));
  raw.exams.push({ id: 3 }, 'x', { ...EXAM, id: 'b', tasks: [{ exerciseId: 1 }] });
  writeFileSync(path.join(ws.dir, PROGRESS_FILE), JSON.stringify(raw));
  const back = loadProgress(ws);
  assert.deepEqual(back.exams?.map((e) => e.id), [EXAM.id, 'b']);
  assert.deepEqual(back.exams?.[1]?.tasks, []);
  assert.deepEqual(readdirSync(ws.dir), [PROGRESS_FILE]);
});

test('CLI: kubedrill list says so once on stderr and keeps the backup; check then saves fresh progress', async () => {
  const { dir, ws, file } = corruptWs();
  const a = memoryIo({ cwd: dir });
  assert.equal(await list(['--exercises', MINI, '--workspace', ws.dir], a.io), 0);
  assert.equal(a.err(), `kubedrill: your progress file ${file} is not valid JSON; it is kept as ${PROGRESS_FILE}.corrupt-1 and progress starts afresh\n`);
  assert.match(a.out(), /0\/7 done/);
  const b = memoryIo({ cwd: dir });
  await check(['pass', '--exercises', MINI, '--workspace', ws.dir], b.io);
  assert.equal(b.err(), '', 'not said again');
  assert.equal(JSON.parse(readFileSync(file, 'utf8')).exercises.pass.attempts, 1);
  assert.ok(existsSync(`${file}.corrupt-1`));
});

test('TUI: the list shows the notice line; opening an exercise clears it', async () => {
  const { dir, ws } = corruptWs();
  const pack = loadPack(MINI);
  assert.ok(pack.ok);
  const services = realServices({ pack: pack.pack, workspace: ws, lang: 'en', color: false, env: {}, cwd: dir, terminal: { suspend() {}, resume() {} } });
  const inst = render(createElement(App, { services, size: { width: 160, height: 20 } }));
  await drawn(inst.frames, 0, 40);
  assert.match(inst.lastFrame() ?? '', /your progress file ws\/\.kubedrill-progress\.json is not valid JSON; it is kept as \.kubedrill-progress\.json\.corrupt-1 and progress starts afresh/);
  inst.unmount();
});

test('saving progress never writes through a link: neither at the progress file nor at its temp name', () => {
  const dir = tmp();
  const ws = wsIn(dir);
  mkdirSync(ws.dir, { recursive: true });
  const outside = path.join(dir, 'notes.txt');
  writeFileSync(outside, 'my notes\n');
  const file = path.join(ws.dir, PROGRESS_FILE);
  symlinkSync(outside, `${file}.tmp-${process.pid}`);
  const p = loadProgress(ws);
  saveProgress(ws, p);
  assert.equal(readFileSync(outside, 'utf8'), 'my notes\n', 'the planted temp link was replaced, not followed');
  assert.ok(lstatSync(file).isFile());
  assert.equal(existsSync(`${file}.tmp-${process.pid}`), false);
  // the progress file itself a link out of the workspace: replaced by the file, its target untouched
  const dir2 = tmp();
  const ws2 = wsIn(dir2);
  mkdirSync(ws2.dir, { recursive: true });
  const outside2 = path.join(dir2, 'elsewhere.json');
  writeFileSync(outside2, JSON.stringify({ version: 1, exercises: {} }));
  symlinkSync(outside2, path.join(ws2.dir, PROGRESS_FILE));
  saveProgress(ws2, loadProgress(ws2));
  assert.equal(readFileSync(outside2, 'utf8'), JSON.stringify({ version: 1, exercises: {} }));
  assert.ok(lstatSync(path.join(ws2.dir, PROGRESS_FILE)).isFile());
});

test('TUI: the exam history of the progress file gives the list its last mock exam', () => {
  const dir = tmp();
  const ws = wsIn(dir);
  saveProgress(ws, recordExam(recordExam(loadProgress(ws), { ...EXAM, id: 'a', score: 50, passed: false }), EXAM));
  const services = realServices({ pack, workspace: ws, lang: 'en', color: false, env: {}, cwd: dir, terminal: { suspend() {}, resume() {} } });
  assert.deepEqual(services.lastExam, { score: 71.5, passed: true, taken: 2 });
  const fresh = realServices({ pack, workspace: wsIn(tmp()), lang: 'en', color: false, env: {}, cwd: dir, terminal: { suspend() {}, resume() {} } });
  assert.equal(fresh.lastExam, undefined);
});
