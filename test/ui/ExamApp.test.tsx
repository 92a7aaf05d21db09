// The exam screens through Ink (lastFrame after awaited input) on a fake clock: the countdown and
// its warning, navigation, flags, the editor, the submit confirmation, auto-submit at 0, the
// review and its solutions, the resume prompt.
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { render } from 'ink-testing-library';
import { createExam, setAnswered } from '../../src/exam/model.js';
import { scoreExam, withReview } from '../../src/exam/score.js';
import type { ExamState } from '../../src/exam/types.js';
import { ExamApp } from '../../src/ui/ExamApp.js';
import type { ExamServices } from '../../src/ui/exam-services.js';
import { drawn, EXERCISES, failResult, passResult, press, frameMatching } from './helpers.js';

const T0 = Date.UTC(2026, 11, 7, 9, 0, 0);
const MIN = 60_000;
const ESC = '\u001B';
const ENTER = '\r';

function newExam(): ExamState {
  return createExam({
    id: '20261207-090000',
    seed: 1,
    minutes: 40,
    nowMs: T0,
    tasks: EXERCISES.map((e, i) => ({ exerciseId: e.id, domain: i === 2 ? 'Troubleshooting' : e.domain, weight: [40, 35, 25][i]! })),
    fileOf: (id) => `${id}.yaml`,
  });
}

function fake(initial = newExam()) {
  let now = T0;
  const saved: ExamState[] = [];
  const calls: string[] = [];
  const answered = new Set<number>();
  const s: ExamServices & { saved: ExamState[]; calls: string[]; answered: Set<number>; set(ms: number): void } = {
    saved,
    calls,
    answered,
    set: (ms) => (now = ms),
    lang: 'en',
    color: false,
    clock: { now: () => now },
    exercise: (st, n) => EXERCISES.find((e) => e.id === st.tasks[n - 1]!.exerciseId)!,
    taskFile: (st, t) => `/ws/exam/${st.id}/${t.file}`,
    shown: (f) => f.replace('/ws/', 'kubedrill-workspace/'),
    save(st) {
      saved.push(st);
      return undefined;
    },
    observeAnswer: (st, n) => setAnswered(st, n, answered.has(n)),
    async edit(file) {
      calls.push(`edit ${file}`);
      return { ok: true };
    },
    async finish(st) {
      calls.push(`finish ${st.phase.kind === 'submitted' ? st.phase.by : 'running'}`);
      const graded = { ...st, tasks: st.tasks.map((t) => ({ ...t, answered: answered.has(t.n) })) };
      const results = graded.tasks.map((t) => (t.n === 1 ? passResult() : failResult()));
      return withReview(graded, scoreExam(graded, results));
    },
    solutionText: () => 'apiVersion: v1\nkind: Pod\n',
    startNew: () => {
      calls.push('new');
      return { ...newExam(), id: '20261207-100000' };
    },
  };
  return { s, initial };
}



const mounted: ReturnType<typeof render>[] = [];
// A failed assertion must not leave a ticking screen behind (the test run would never end).
afterEach(() => {
  for (const i of mounted.splice(0)) i.unmount();
});
const mount = (f: ReturnType<typeof fake>, askResume = false) => {
  const inst = render(<ExamApp services={f.s} initial={f.initial} askResume={askResume} size={{ width: 110, height: 30 }} tickMs={15} />);
  mounted.push(inst);
  return inst;
};

test('the countdown is always on screen and runs on the clock; the last 5 minutes say so', async () => {
  const f = fake();
  const inst = mount(f);
  await drawn(inst.frames, 0, 40);
  let frame = inst.lastFrame()!;
  assert.match(frame, /kubedrill · Exam 20261207-090000   ⏱ 40:00 left   0\/3 answered/);
  assert.match(frame, /Nothing is graded until you submit/);
  assert.match(frame, /› Task 1 · 40 %  not visited/);
  assert.doesNotMatch(frame, /h hint|s solution|score/, 'no hints, solutions or scores during the exam');
  f.s.set(T0 + 5 * MIN + 30_000);
  frame = await frameMatching(inst, /34:30 left/);
  assert.match(frame, /⏱ 34:30 left/);
  f.s.set(T0 + 36 * MIN);
  frame = await frameMatching(inst, /04:00 left/);
  assert.match(frame, /⏱ 04:00 left  Less than 5 minutes left\./);
  await press(inst, ENTER);
  assert.match(inst.lastFrame()!, /04:00 left/, 'on the task screen too');
  inst.unmount();
});

test('navigate, open, flag, next/previous, back: statuses follow and every change is saved', async () => {
  const f = fake();
  const inst = mount(f);
  await drawn(inst.frames, 0, 40);
  let frame = await press(inst, 'j', ENTER);
  assert.match(frame, /Task 2 · 35 %  Nginx liveness/);
  assert.match(frame, /file: kubedrill-workspace\/exam\/20261207-090000\/2-nginx-liveness\.yaml/);
  assert.match(frame, /Do it/, 'the task text');
  assert.match(frame, /e edit  f flag  n next  p previous/);
  frame = await press(inst, 'f');
  assert.match(frame, /visited · ⚑ flagged/);
  assert.equal(f.s.saved.at(-1)!.tasks[1]!.flagged, true, 'saved at once');
  frame = await press(inst, 'n');
  assert.match(frame, /Task 3 · 25 %/);
  frame = await press(inst, 'p', ESC);
  assert.match(frame, /  Task 1 · 40 %  not visited/);
  assert.match(frame, /› Task 2 · 35 %  visited     ⚑/);
  assert.match(frame, /  Task 3 · 25 %  visited/);
  assert.match(frame, /1 flagged/);
  frame = await press(inst, 'f');
  assert.doesNotMatch(frame, /flagged/);
  inst.unmount();
});

test('e edits the task file in the editor; a changed file counts as answered', async () => {
  const f = fake();
  const inst = mount(f);
  await drawn(inst.frames, 0, 40);
  f.s.answered.add(1);
  await press(inst, 'e');
  const frame = await frameMatching(inst, /answered  /);
  assert.deepEqual(f.s.calls, ['edit /ws/exam/20261207-090000/1-liveness-exam.yaml']);
  assert.match(frame, /› Task 1 · 40 %  answered/);
  assert.match(frame, /1\/3 answered/);
  inst.unmount();
});

test('S asks first (n goes back); y submits, grades and shows the review; the solutions open only now', async () => {
  const f = fake();
  f.s.answered.add(1);
  f.s.answered.add(2);
  const inst = mount(f);
  await drawn(inst.frames, 0, 40);
  let frame = await press(inst, 'S');
  assert.match(frame, /Submit the exam\? 0\/3 answered\. You cannot change your answers afterwards\. \(y\/n\)/);
  frame = await press(inst, 'n');
  assert.doesNotMatch(frame, /Submit the exam/);
  assert.deepEqual(f.s.calls, []);
  f.s.set(T0 + 12 * MIN);
  await press(inst, 'S', 'y');
  frame = await frameMatching(inst, /Score:/);
  assert.deepEqual(f.s.calls, ['finish learner']);
  assert.match(frame, /Exam 20261207-090000 — submitted after 12:00 of 40:00/);
  // 40 % × 10/10 + 35 % × 4/10 + 25 % × 0 (not answered)
  assert.match(frame, /Score: 54 % \(pass mark 66 %\) — FAILED/);
  assert.match(frame, /› Task 1 · 40 %  ✓ 10\/10 → 40 of 40 %/);
  assert.match(frame, /  Task 2 · 35 %  ✗ 4\/10  → 14 of 35 %/);
  assert.match(frame, /By domain\n  Application Observability and Maintenance +72 %   2 tasks, 75 % of the exam\n  Troubleshooting +0 %   1 task, 25 % of the exam/);
  frame = await press(inst, 'j', ENTER);
  assert.match(frame, /✗ The probe runs every 5 s — the liveness probe runs every 10 s; the task asks for every 5 s\s+\(liveness-exam\.yaml:14:7\)/);
  assert.match(frame, /First difference from the reference: the reference container is killed at 47 s; yours at 1m2s/);
  frame = await press(inst, 's');
  assert.match(frame, /1 │ apiVersion: v1/);
  frame = await press(inst, ESC);
  assert.match(frame, /Score: 54 %/);
  inst.unmount();
});

test('at 0 the exam submits itself (by the timeout) and is graded', async () => {
  const f = fake();
  const inst = mount(f);
  await drawn(inst.frames, 0, 40);
  f.s.set(T0 + 40 * MIN);
  const frame = await frameMatching(inst, /Score:/);
  assert.deepEqual(f.s.calls, ['finish timeout']);
  assert.match(frame, /submitted automatically: the time ran out after 40:00 of 40:00/);
  const submitted = f.s.saved.find((x) => x.phase.kind === 'submitted');
  assert.deepEqual(submitted?.phase, { kind: 'submitted', atMs: T0 + 40 * MIN, by: 'timeout' }, 'saved as submitted before grading');
  inst.unmount();
});

test('an exam in progress: the resume prompt (r resumes with the time left; n starts a new one)', async () => {
  const f = fake();
  f.s.set(T0 + 10 * MIN);
  const inst = mount(f, true);
  await drawn(inst.frames, 0, 40);
  let frame = inst.lastFrame()!;
  assert.match(frame, /An exam is in progress \(20261207-090000, 30:00 left\)\./);
  assert.match(frame, /r resume  n new exam  q quit/);
  frame = await press(inst, 'r');
  assert.match(frame, /› Task 1 · 40 %/);
  inst.unmount();
  const g = fake();
  const other = mount(g, true);
  await drawn(other.frames, 0, 40);
  frame = await press(other, 'n');
  assert.deepEqual(g.s.calls, ['new']);
  assert.match(frame, /Exam 20261207-100000/);
  other.unmount();
});

test('a resumed exam whose time ran out while closed opens on its review', async () => {
  const f = fake();
  f.s.set(T0 + 2 * 60 * MIN);
  const inst = mount(f, true);
  const frame = await frameMatching(inst, /Score:/);
  assert.deepEqual(f.s.calls, ['finish timeout']);
  assert.match(frame, /submitted automatically/);
  inst.unmount();
});

test('a notice from the command (a corrupt state file kept as a backup) is shown on the first screen', async () => {
  const f = fake();
  const inst = render(<ExamApp services={f.s} initial={f.initial} notice="the exam state file is unusable (not valid JSON); it is kept as current.json.corrupt-1" size={{ width: 110, height: 30 }} tickMs={15} />);
  mounted.push(inst);
  await drawn(inst.frames, 0, 40);
  assert.match(inst.lastFrame()!, /it is kept as current\.json\.corrupt-1/);
});

test('in Korean the task list lines up (double-width text measured by display width)', async () => {
  const f = fake();
  f.s.lang = 'ko';
  const inst = mount(f);
  await drawn(inst.frames, 0, 40);
  const frame = inst.lastFrame()!;
  assert.match(frame, /남음/);
  const rows = frame.split('\n').filter((l) => /^(› |  )문제 \d/.test(l));
  assert.equal(rows.length, 3);
  const { width } = await import('../../src/ui/text.js');
  const at = rows.map((r) => width(r.slice(0, r.indexOf('Application') >= 0 ? r.indexOf('Application') : r.indexOf('Troubleshooting'))));
  assert.equal(new Set(at).size, 1, frame);
});

test('the countdown\'s tone: accent, warn in the last 5 minutes, bad at 0 (colour only without NO_COLOR; the words say it too)', async () => {
  const { clockSpans } = await import('../../src/ui/exam-model.js');
  const s = newExam();
  assert.deepEqual(clockSpans(s, T0, 'en').map((x) => x.tone), ['accent']);
  assert.deepEqual(clockSpans(s, T0 + 35 * MIN, 'en'), [
    { text: '⏱ 05:00 left', tone: 'warn', bold: true },
    { text: '  Less than 5 minutes left.', tone: 'warn' },
  ]);
  assert.deepEqual(clockSpans(s, T0 + 40 * MIN, 'en'), [{ text: "⏱ time's up", tone: 'bad', bold: true }]);
  const { toneColor } = await import('../../src/ui/theme.js');
  assert.equal(toneColor('warn', true), 'yellow');
  assert.equal(toneColor('warn', false), undefined, 'NO_COLOR: no colour');
});

test('an answer saved from another window shows as answered within a couple of seconds of the clock', async () => {
  const f = fake();
  const inst = mount(f);
  await drawn(inst.frames, 0, 40);
  f.s.answered.add(2);
  f.s.set(T0 + 3000);
  const frame = await frameMatching(inst, /1\/3 answered/);
  assert.match(frame, /  Task 2 · 35 %  answered/);
  assert.equal(f.s.saved.at(-1)!.tasks[1]!.answered, true, 'saved when it changed');
});
