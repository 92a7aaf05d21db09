// The pure exam model on a fake clock: drawing (seeded, by domain, weights sum to 100), the
// countdown, auto-submit at 0, resume with the right time left, a clock that jumps backwards,
// flags and visits, scoring at the pass mark, the review's content.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apportion, defaultMinutes, drawTasks, taskWeights, type ExerciseLike } from '../../src/exam/draw.js';
import { autoSubmit, counts, createExam, examIdAt, formatClock, inWarning, isTimeUp, observe, remainingMs, setAnswered, submit, taskStatus, toggleFlag, visit } from '../../src/exam/model.js';
import { passes, scoreExam } from '../../src/exam/score.js';
import { formatReview } from '../../src/exam/text.js';
import type { ExamState } from '../../src/exam/types.js';
import type { GradeResult } from '../../src/grade/types.js';

const ex = (id: string, domain: string, over: Partial<ExerciseLike> = {}): ExerciseLike => ({ id, domain, points: 10, difficulty: 'easy', timeBudget: 6, ...over });
const PACK: ExerciseLike[] = [
  ...['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8', 'a9'].map((id) => ex(id, 'Observability')),
  ...['t1', 't2', 't3', 't4'].map((id) => ex(id, 'Troubleshooting', { difficulty: 'medium' })),
  ex('w1', 'Workloads', { difficulty: 'hard' }),
  ex('s1', 'Services'),
  ex('d1', 'Design', { points: 8 }),
];
const T0 = Date.UTC(2026, 11, 7, 13, 0, 0);
const MIN = 60_000;

function exam(minutes = 40, tasks = drawTasks(PACK, 4, 1)): ExamState {
  return createExam({ id: examIdAt(T0), seed: 1, minutes, nowMs: T0, tasks, fileOf: (id) => `${id}.yaml` });
}

test('drawing is deterministic for a seed and differs between seeds', () => {
  assert.deepEqual(drawTasks(PACK, 8, 42), drawTasks(PACK, 8, 42));
  const seeds = new Set([1, 2, 3, 4, 5, 6].map((s) => drawTasks(PACK, 8, s).map((t) => t.exerciseId).join(',')));
  assert.ok(seeds.size > 3, 'different seeds draw different exams');
  assert.deepEqual(drawTasks([...PACK].reverse(), 8, 42), drawTasks(PACK, 8, 42), 'the pack order does not matter');
});

test('every domain gets a task before any gets a second; the rest follow the domains\' sizes', () => {
  for (let seed = 0; seed < 50; seed++) {
    const d = drawTasks(PACK, 8, seed);
    assert.equal(new Set(d.map((t) => t.exerciseId)).size, 8, 'no exercise twice');
    const per = (dom: string) => d.filter((t) => t.domain === dom).length;
    for (const dom of ['Observability', 'Troubleshooting', 'Workloads', 'Services', 'Design']) assert.ok(per(dom) >= 1, `${dom} in seed ${seed}`);
    // 3 left over for Observability (8 more) and Troubleshooting (3 more): 2 and 1 by size.
    assert.equal(per('Observability'), 3);
    assert.equal(per('Troubleshooting'), 2);
  }
  const three = drawTasks(PACK, 3, 9);
  assert.equal(new Set(three.map((t) => t.domain)).size, 3, 'fewer tasks than domains: all different domains');
  assert.ok(three.some((t) => t.domain === 'Observability') && three.some((t) => t.domain === 'Troubleshooting'), 'the larger domains first');
  assert.equal(drawTasks(PACK, 100, 1).length, PACK.length, 'at most the pack');
  assert.deepEqual(drawTasks([], 8, 1), []);
});

test('weights are whole percents from points and difficulty and sum to exactly 100', () => {
  for (let seed = 0; seed < 30; seed++) {
    for (const n of [1, 2, 3, 7, 8, 11, PACK.length]) {
      const d = drawTasks(PACK, n, seed);
      assert.equal(d.reduce((a, t) => a + t.weight, 0), 100, `n=${n} seed=${seed}`);
      assert.ok(d.every((t) => Number.isInteger(t.weight)));
    }
  }
  assert.deepEqual(taskWeights([ex('e', 'x'), ex('m', 'x', { difficulty: 'medium' }), ex('h', 'x', { difficulty: 'hard' })]), [22, 33, 45]);
  assert.deepEqual(taskWeights([ex('a', 'x'), ex('b', 'x'), ex('c', 'x')]), [34, 33, 33], 'the remainder goes to the first');
  assert.deepEqual(apportion([1, 1], 5, [1, 10]), [1, 4], 'caps are respected');
});

test('default length: the tasks\' time budgets, at most the real exam\'s 120 minutes', () => {
  assert.equal(defaultMinutes([ex('a', 'x'), ex('b', 'x', { timeBudget: 8 })]), 14);
  assert.equal(defaultMinutes(Array.from({ length: 30 }, (_, i) => ex(`x${i}`, 'x'))), 120);
});

test('the countdown on a fake clock: mm:ss left, warning in the last 5 minutes, time up at 0', () => {
  let s = exam(40);
  assert.equal(s.id, '20261207-130000');
  assert.equal(formatClock(remainingMs(s, T0)), '40:00');
  assert.equal(formatClock(remainingMs(s, T0 + 1)), '40:00', 'rounded up: a second is not gone until it has passed');
  assert.equal(formatClock(remainingMs(s, T0 + 61_500)), '38:59');
  assert.equal(inWarning(s, T0 + 34 * MIN + 59_000), false);
  assert.equal(inWarning(s, T0 + 35 * MIN), true);
  assert.equal(isTimeUp(s, T0 + 40 * MIN - 1), false);
  assert.equal(isTimeUp(s, T0 + 40 * MIN), true);
  assert.equal(formatClock(remainingMs(s, T0 + 99 * MIN)), '00:00');
  assert.equal(formatClock(150 * MIN), '150:00');
  s = autoSubmit(s, T0 + 39 * MIN);
  assert.equal(s.phase.kind, 'running');
  s = autoSubmit(s, T0 + 41 * MIN);
  assert.deepEqual(s.phase, { kind: 'submitted', atMs: T0 + 41 * MIN, by: 'timeout' });
  assert.equal(s.usedMs, 40 * MIN, 'used time never passes the length');
  assert.equal(remainingMs(s, T0 + 90 * MIN), 0);
});

test('resume after a crash: the clock ran while kubedrill was closed', () => {
  // The learner works 10 minutes (the state saved then), kubedrill dies, and comes back 5 minutes later.
  const saved = observe(exam(40), T0 + 10 * MIN);
  const reread = JSON.parse(JSON.stringify(saved)) as ExamState;
  assert.equal(formatClock(remainingMs(reread, T0 + 15 * MIN)), '25:00');
  // Even a state saved long before the crash gives the right time: the time since it counts too.
  const early = JSON.parse(JSON.stringify(observe(exam(40), T0 + 1 * MIN))) as ExamState;
  assert.equal(formatClock(remainingMs(early, T0 + 15 * MIN)), '25:00');
  // Back after the deadline: submitted at once, by the timeout.
  assert.equal(autoSubmit(reread, T0 + 3 * 60 * MIN).phase.kind, 'submitted');
});

test('a clock that jumps backwards gives no time back and takes none', () => {
  let s = observe(exam(40), T0 + 10 * MIN);
  assert.equal(s.usedMs, 10 * MIN);
  s = observe(s, T0 - 60 * MIN); // the system clock is set back an hour
  assert.equal(s.usedMs, 10 * MIN);
  assert.equal(formatClock(remainingMs(s, T0 - 60 * MIN)), '30:00');
  s = observe(s, T0 - 55 * MIN); // five minutes later on the new clock
  assert.equal(s.usedMs, 15 * MIN);
  assert.equal(formatClock(remainingMs(s, T0 - 50 * MIN)), '20:00');
  // The deadline follows the new clock: 25 more minutes from there.
  assert.equal(isTimeUp(s, T0 - 31 * MIN), false);
  assert.equal(isTimeUp(s, T0 - 30 * MIN), true);
});

test('visits, flags and answers; a submitted exam is frozen', () => {
  let s = exam(40);
  assert.deepEqual(s.tasks.map(taskStatus), ['not-visited', 'not-visited', 'not-visited', 'not-visited']);
  s = visit(s, 3);
  assert.equal(s.current, 3);
  s = toggleFlag(s, 2);
  s = setAnswered(s, 3, true);
  assert.deepEqual(s.tasks.map(taskStatus), ['not-visited', 'not-visited', 'answered', 'not-visited']);
  assert.deepEqual(counts(s), { tasks: 4, answered: 1, flagged: 1, visited: 1 });
  assert.equal(toggleFlag(toggleFlag(s, 2), 2).tasks[1]!.flagged, true);
  assert.equal(toggleFlag(s, 2).tasks[1]!.flagged, false);
  assert.equal(visit(s, 9), s, 'no such task');
  assert.equal(setAnswered(s, 3, true), s, 'no change, same object');
  const done = submit(s, T0 + MIN, 'learner');
  assert.deepEqual(done.phase, { kind: 'submitted', atMs: T0 + MIN, by: 'learner' });
  assert.equal(toggleFlag(done, 1), done);
  assert.equal(visit(done, 1), done);
  assert.equal(submit(done, T0 + 2 * MIN, 'timeout'), done);
  assert.equal(observe(done, T0 + 9 * MIN).usedMs, MIN, 'the clock stopped at submission');
});

const grade = (score: number, maxScore: number, over: Partial<GradeResult> = {}): GradeResult => ({
  exerciseId: 'x',
  file: 'x.yaml',
  passed: score === maxScore,
  score,
  maxScore,
  findings: [],
  checks: [],
  diffStarter: '',
  diffReference: '',
  ...over,
});

function weighted(weights: number[]): ExamState {
  const tasks = weights.map((w, i) => ({ exerciseId: `e${i}`, domain: i % 2 ? 'B' : 'A', weight: w }));
  let s = createExam({ id: 'x', seed: 1, minutes: 10, nowMs: T0, tasks, fileOf: (id) => `${id}.yaml` });
  for (const t of s.tasks) s = setAnswered(s, t.n, true);
  return submit(s, T0 + MIN, 'learner');
}

test('scoring: weighted percent, and the 66 % pass mark at its boundary', () => {
  const s = weighted([66, 34]);
  const at = scoreExam(s, [grade(10, 10), grade(0, 10)]);
  assert.equal(at.score, 66);
  assert.equal(at.passed, true, 'exactly 66 % passes');
  const below = scoreExam(weighted([50, 50]), [grade(10, 10), grade(159, 500)]);
  assert.equal(below.score, 65.9);
  assert.equal(below.passed, false);
  assert.equal(passes(65.99), false);
  assert.equal(passes(66), true);
  // Thirds: 33 + 33 + 34 with 2/3 of each = 66.67 %, no float dust.
  const thirds = scoreExam(weighted([34, 33, 33]), [grade(2, 3), grade(2, 3), grade(2, 3)]);
  assert.equal(thirds.score, 66.67);
  assert.equal(thirds.passed, true);
  assert.equal(scoreExam(weighted([100]), [undefined]).score, 0, 'a task that could not be graded scores 0');
  assert.throws(() => scoreExam(exam(), []), /not submitted/);
});

test('an unanswered task (still the starter) earns nothing, whatever its checks say', () => {
  let s = createExam({ id: 'x', seed: 1, minutes: 10, nowMs: T0, tasks: [{ exerciseId: 'a', domain: 'A', weight: 100 }], fileOf: () => 'a.yaml' });
  s = submit(s, T0, 'learner');
  const r = scoreExam(s, [grade(7, 10)]);
  assert.equal(r.tasks[0]!.score, 0);
  assert.equal(r.score, 0);
});

test('the review: per task (score, weight, failed checks with file:line:col, divergence) and per domain', () => {
  const s = weighted([60, 40]);
  const failing = grade(4, 10, {
    checks: [
      { id: 'period', stage: 'expect', title: 'The probe runs every 5 s', status: 'fail', message: 'periodSeconds is 10', file: 'ws/exam/x/2-e1.yaml', line: 14, col: 7, points: 6 },
      { id: 'name', stage: 'preserve', title: 'The name', status: 'pass', message: 'ok', points: 4 },
    ],
    divergence: { atMs: 40_000, message: 'the reference is killed at 40 s; yours at 50 s' },
  });
  const r = scoreExam(s, [grade(10, 10), failing]);
  assert.equal(r.score, 76);
  assert.equal(r.passed, true);
  assert.deepEqual(r.tasks[1]!.failed, [{ id: 'period', title: 'The probe runs every 5 s', message: 'periodSeconds is 10', file: 'ws/exam/x/2-e1.yaml', line: 14, col: 7 }]);
  assert.deepEqual(r.domains, [
    { domain: 'A', tasks: 1, weight: 60, earned: 60, score: 100 },
    { domain: 'B', tasks: 1, weight: 40, earned: 16, score: 40 },
  ]);
  const text = formatReview(s, r, (t) => ({ title: `Title ${t.n}`, text: '', file: `f${t.n}`, solution: `sol/${t.n}.yaml` }), 'en');
  assert.match(text, /^Exam x — submitted after 01:00 of 10:00\nScore: 76 % \(pass mark 66 %\) — PASSED\n/);
  assert.match(text, /Task 2 · 40 %  e1 — Title 2  \[B\]\n  ✗ not passed  score 4\/10  → 16 of 40 %\n  ✗ The probe runs every 5 s — periodSeconds is 10 \(ws\/exam\/x\/2-e1\.yaml:14:7\)\n  First difference from the reference: the reference is killed at 40 s; yours at 50 s\n  Reference answer: sol\/2\.yaml\n/);
  assert.match(text, /By domain\n  A     100 %   1 task, 60 % of the exam\n  B      40 %   1 task, 40 % of the exam\n$/);
  assert.match(formatReview(s, r, () => ({ title: 't', text: '', file: 'f', solution: 's' }), 'ko'), /합격선 66 %/);
});
