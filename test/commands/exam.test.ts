// kubedrill exam through the command, on a fake clock: --plain end to end (start, resume with the
// right time left, flag, submit, review, history, JSON), auto-submit after the deadline, a state
// file left mid-exam by a crash, a corrupt or foreign state file, usage errors; and through the
// real CLI once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runExam } from '../../src/commands/exam.js';
import { memoryIo } from '../../src/commands/io.js';
import type { Clock, ExamState } from '../../src/exam/types.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MINI = path.join(ROOT, 'test/fixtures/packs/mini');
const T0 = Date.UTC(2026, 11, 7, 9, 0, 0);
const MIN = 60_000;

function fakeClock(t = T0): Clock & { set(ms: number): void } {
  let now = t;
  return { now: () => now, set: (ms) => (now = ms) };
}

function setup() {
  const dir = mkdtempSync(path.join(tmpdir(), 'kubedrill-exam-'));
  const clock = fakeClock();
  const exam = async (...args: string[]) => {
    const m = memoryIo({ cwd: dir });
    const code = await runExam(['--exercises', MINI, ...args], m.io, clock);
    return { code, out: m.out(), err: m.err() };
  };
  const ws = path.join(dir, 'kubedrill-workspace');
  const state = (): ExamState => JSON.parse(readFileSync(path.join(ws, 'exam/current.json'), 'utf8'));
  const answer = (s: ExamState, n: number) => {
    const t = s.tasks[n - 1]!;
    const sol = readdirSync(path.join(MINI, 'solutions')).find((d) => d.endsWith(`-${t.exerciseId}`))!;
    // (the mini pack's `pass` starter is its solution: the comment makes every copy an answer)
    writeFileSync(path.join(ws, 'exam', s.id, t.file), readFileSync(path.join(MINI, 'solutions', sol, 'pod.yaml'), 'utf8') + '# my answer\n');
  };
  return { dir, ws, clock, exam, state, answer };
}

test('--plain starts an exam: the sheet with weights, files and the time left; the starters copied into its own folder', async () => {
  const { ws, exam, state } = setup();
  const r = await exam('--plain', '--tasks', '3', '--minutes', '40', '--seed', '5');
  assert.equal(r.code, 0, r.err);
  assert.equal(r.err, '');
  const s = state();
  assert.equal(s.id, '20261207-090000');
  assert.equal(s.tasks.length, 3);
  assert.match(r.out, /^Exam 20261207-090000 · 3 tasks · 40:00 · 40:00 left\n0\/3 answered\nNothing is graded until you submit/);
  for (const t of s.tasks) {
    assert.match(r.out, new RegExp(`Task ${t.n} · ${t.weight} %  \\[visited\\]`));
    assert.ok(r.out.includes(`file: kubedrill-workspace/exam/20261207-090000/${t.file}`));
    assert.ok(existsSync(path.join(ws, 'exam', s.id, t.file)));
  }
  assert.equal(s.tasks.reduce((a, t) => a + t.weight, 0), 100);
  assert.equal(existsSync(path.join(ws, '01-pass')), false, 'exercise work is not touched');
  assert.doesNotMatch(r.out, /first hint|second hint/, "no hints");
});

test('resume after a crash: the state file mid-exam, the clock ran meanwhile; --flag toggles', async () => {
  const { clock, exam, state, ws } = setup();
  await exam('--plain', '--tasks', '2', '--minutes', '30', '--seed', '1');
  clock.set(T0 + 12 * MIN + 30_000); // kubedrill was killed; the learner comes back 12.5 minutes later
  const r = await exam('--plain', '--flag', '2');
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /· 17:30 left\n0\/2 answered · 1 flagged\n/);
  assert.match(r.out, /Task 2 · \d+ %  \[visited, flagged\]/);
  assert.equal(state().tasks[1]!.flagged, true);
  const again = await exam('--plain', '--tasks', '5');
  assert.match(again.err, /an exam is in progress: resuming it/);
  assert.equal(state().tasks.length, 2);
  // A deleted task file comes back as its starter; an edited one is left alone.
  const s = state();
  const dir = path.join(ws, 'exam', s.id);
  writeFileSync(path.join(dir, s.tasks[0]!.file), 'mine\n');
  rmSync(path.join(dir, s.tasks[1]!.file));
  await exam('--plain');
  assert.equal(readFileSync(path.join(dir, s.tasks[0]!.file), 'utf8'), 'mine\n');
  assert.ok(existsSync(path.join(dir, s.tasks[1]!.file)));
  assert.equal(state().tasks[0]!.answered, true);
});

test('--plain --submit grades: the review, exit 0 when passed, the history; the review is kept', async () => {
  const { clock, exam, state, answer } = setup();
  await exam('--plain', '--tasks', '2', '--minutes', '20', '--seed', '3');
  const s = state();
  answer(s, 1);
  answer(s, 2);
  clock.set(T0 + 7 * MIN);
  const r = await exam('--plain', '--submit');
  assert.equal(r.code, 0, r.out + r.err);
  assert.match(r.out, /^Exam 20261207-090000 — submitted after 07:00 of 20:00\nScore: 100 % \(pass mark 66 %\) — PASSED\n/);
  assert.match(r.out, /  ✓ passed  score \d+\/\d+  → \d+ of \d+ %\n  Reference answer: .*solutions\/0\d-/);
  assert.match(r.out, /By domain\n  Application Observability and Maintenance     100 %   2 tasks, 100 % of the exam\n$/);
  const done = state();
  assert.equal(done.phase.kind, 'submitted');
  assert.equal(done.review?.score, 100);
  const again = await exam('--plain', '--submit', '--json');
  assert.equal(again.code, 0);
  const json = JSON.parse(again.out);
  assert.equal(json.format, 'kubedrill-exam-review/1');
  assert.equal(json.passed, true);
  assert.equal(json.tasks.length, 2);
  const h = await exam('--history');
  assert.match(h.out, /^Exam history\n  2026-12-07 09:07     100 %  PASSED  2 tasks, 20 min\n/);
  const hj = JSON.parse((await exam('--history', '--json')).out);
  assert.equal(hj[0].date, '2026-12-07T09:07:00.000Z');
  assert.equal(hj[0].submittedBy, 'learner');
});

test('a failed exam exits 1 with each failed check and its file:line:col; unanswered tasks score 0', async () => {
  const { exam, state, ws } = setup();
  await exam('--plain', '--tasks', '7', '--seed', '2');
  const s = state();
  const t = s.tasks.find((x) => x.exerciseId === 'expect-fail')!;
  // An answer that keeps the starter's mistake but is still an answer (a comment added).
  writeFileSync(path.join(ws, 'exam', s.id, t.file), readFileSync(path.join(ws, 'exam', s.id, t.file), 'utf8') + '# tried\n');
  const r = await exam('--plain', '--submit');
  assert.equal(r.code, 1);
  assert.match(r.out, /— FAILED\n/);
  assert.match(r.out, new RegExp(`Task ${t.n} · \\d+ %  expect-fail — Mini expect-fail.*\\n  ✗ not passed  score [1-9]\\d*/`));
  assert.match(r.out, /  ✗ .* — .* \(kubedrill-workspace\/exam\/20261207-090000\/\d-pod\.yaml:\d+:\d+\)\n/);
  assert.match(r.out, /not answered: the file is still the starter, 0 points/);
  assert.match(r.out, /score 0\/\d+/);
});

test('the time runs out while kubedrill is closed: the next run submits and grades it (by the timeout)', async () => {
  const { clock, exam, state } = setup();
  await exam('--plain', '--tasks', '1', '--minutes', '10', '--seed', '1');
  clock.set(T0 + 3 * 60 * MIN);
  const r = await exam('--plain');
  assert.equal(r.code, 1);
  assert.match(r.out, /^Exam 20261207-090000 — submitted automatically: the time ran out after 10:00 of 10:00\n/);
  assert.deepEqual(state().phase, { kind: 'submitted', atMs: T0 + 3 * 60 * MIN, by: 'timeout' });
  const next = await exam('--plain', '--tasks', '1');
  assert.equal(next.code, 0);
  assert.equal(state().id, '20261207-120000', 'a submitted exam is followed by a new one');
});

test('a corrupt or foreign state file: a clear message, a backup, and a new exam', async () => {
  const { ws, exam, state } = setup();
  mkdirSync(path.join(ws, 'exam'), { recursive: true });
  writeFileSync(path.join(ws, 'exam/current.json'), '{"format": "kubedrill-exam/1", "id": ');
  const r = await exam('--plain', '--tasks', '1');
  assert.equal(r.code, 0);
  assert.equal(r.err, 'kubedrill exam: the exam state file kubedrill-workspace/exam/current.json is unusable (not valid JSON); it is kept as current.json.corrupt-1\n');
  assert.equal(readFileSync(path.join(ws, 'exam/current.json.corrupt-1'), 'utf8'), '{"format": "kubedrill-exam/1", "id": ');
  assert.equal(state().tasks.length, 1);
  writeFileSync(path.join(ws, 'exam/current.json'), JSON.stringify({ format: 'something-else/2' }));
  const f = await exam('--plain', '--tasks', '1');
  assert.match(f.err, /unusable \(not a kubedrill exam state \(format "something-else\/2", expected "kubedrill-exam\/1"\)\); it is kept as current\.json\.corrupt-2/);
  const bad = { ...state(), tasks: [{ ...state().tasks[0]!, file: '../../escape.yaml' }] };
  writeFileSync(path.join(ws, 'exam/current.json'), JSON.stringify(bad));
  assert.match((await exam('--plain')).err, /task 1's file is not a plain file name/);
});

test('an exam started on another pack: a clear message, exit 2, nothing changed', async () => {
  const { ws, exam, state } = setup();
  await exam('--plain', '--tasks', '1');
  const s = state();
  const foreign = { ...s, tasks: [{ ...s.tasks[0]!, exerciseId: 'not-in-this-pack' }] };
  writeFileSync(path.join(ws, 'exam/current.json'), JSON.stringify(foreign));
  const r = await exam('--plain');
  assert.equal(r.code, 2);
  assert.match(r.err, /uses exercises this pack does not have \(not-in-this-pack\)/);
  assert.deepEqual(state(), foreign);
  const fresh = await exam('--plain', '--new', '--tasks', '2');
  assert.equal(fresh.code, 0);
  assert.ok(existsSync(path.join(ws, 'exam', s.id, 'exam.json')), 'the replaced exam is kept in its folder');
});

test('usage errors and no exam to submit exit 2; the TUI without a terminal points to --plain', async () => {
  const { exam } = setup();
  for (const args of [['--submit'], ['--plain', '--tasks', '0'], ['--plain', '--minutes', 'ten'], ['--resume', '--new'], ['extra'], ['--lang', 'fr']]) {
    const r = await exam(...args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, /^kubedrill exam: /);
  }
  const none = await exam('--plain', '--submit');
  assert.equal(none.code, 2);
  assert.match(none.err, /There is no exam in progress/);
  const tui = await exam();
  assert.equal(tui.code, 2);
  assert.match(tui.err, /needs a terminal .* use `kubedrill exam --plain`/);
  assert.equal((await exam('--history')).out, 'No exam submitted yet.\n');
  const help = await exam('--help');
  assert.match(help.out, /^Usage: kubedrill exam/);
});

test('through the real CLI: a script takes an exam end to end (--plain, answer, --submit --json)', { timeout: 30_000 }, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kubedrill-exam-cli-'));
  const cli = (...args: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'bin/kubedrill.js'), 'exam', '--exercises', MINI, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', KUBEDRILL_LANG: 'en' } });
  const start = cli('--plain', '--json', '--tasks', '1', '--seed', '4');
  assert.equal(start.status, 0, start.stderr);
  const sheet = JSON.parse(start.stdout);
  assert.equal(sheet.format, 'kubedrill-exam-sheet/1');
  assert.equal(sheet.tasks.length, 1);
  const t = sheet.tasks[0];
  const sol = readdirSync(path.join(MINI, 'solutions')).find((d) => d.endsWith(`-${t.exerciseId}`))!;
  writeFileSync(path.join(dir, t.file), readFileSync(path.join(MINI, 'solutions', sol, 'pod.yaml'), 'utf8') + '# mine\n');
  const done = cli('--plain', '--submit', '--json');
  assert.equal(done.status, 0, done.stderr);
  const review = JSON.parse(done.stdout);
  assert.equal(review.passed, true);
  assert.equal(review.score, 100);
  assert.equal(review.tasks[0].answered, true);
});
