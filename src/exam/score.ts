// Scores a submitted exam from its tasks' grade results: weighted percent, the 66 % pass mark,
// per task (failed checks, the first divergence) and per domain. Pure.
import type { GradeResult } from '../grade/types.js';
import { PASS_MARK, type DomainReview, type ExamReview, type ExamState, type TaskReview } from './types.js';

/** Two decimals, and no float dust at the pass mark (0.1 + 0.2 style sums). */
const round2 = (x: number): number => Math.round(x * 100 + 1e-9) / 100;

export function reviewTask(t: ExamState['tasks'][number], r: GradeResult | undefined): TaskReview {
  // An untouched starter earns nothing, as a blank answer on the real exam (the starters pass the
  // checks that only ask to keep names and images).
  const score = t.answered ? (r?.score ?? 0) : 0;
  const maxScore = r?.maxScore ?? 0;
  const earned = maxScore > 0 ? (t.weight * score) / maxScore : 0;
  return {
    n: t.n,
    exerciseId: t.exerciseId,
    domain: t.domain,
    weight: t.weight,
    score,
    maxScore,
    passed: t.answered && (r?.passed ?? false),
    answered: t.answered,
    earned,
    failed: (r?.checks ?? [])
      .filter((c) => c.status === 'fail')
      .map((c) => ({
        id: c.id,
        title: c.title,
        message: c.message,
        ...(c.file !== undefined ? { file: c.file } : {}),
        ...(c.line !== undefined ? { line: c.line } : {}),
        ...(c.col !== undefined ? { col: c.col } : {}),
      })),
    ...(r?.divergence ? { divergence: r.divergence.message } : {}),
  };
}

/** 66 of 100 passes; 65.99 does not. */
export function passes(weightedScore: number): boolean {
  return weightedScore + 1e-9 >= PASS_MARK;
}

/**
 * The review of a submitted exam. `results[i]` is task i+1's grade (undefined when it could not be
 * graded at all: it scores 0).
 */
export function scoreExam(s: ExamState, results: readonly (GradeResult | undefined)[]): ExamReview {
  if (s.phase.kind !== 'submitted') throw new Error('scoreExam: the exam is not submitted');
  const tasks = s.tasks.map((t, i) => reviewTask(t, results[i]));
  const total = tasks.reduce((a, t) => a + t.earned, 0);
  const weightSum = tasks.reduce((a, t) => a + t.weight, 0);
  const exact = weightSum > 0 ? (total * 100) / weightSum : 0;
  const domains = new Map<string, DomainReview>();
  for (const t of tasks) {
    const d = domains.get(t.domain) ?? { domain: t.domain, tasks: 0, weight: 0, earned: 0, score: 0 };
    d.tasks++;
    d.weight += t.weight;
    d.earned += t.earned;
    domains.set(t.domain, d);
  }
  // The verdict follows the score as shown (two decimals), so the two never disagree.
  const score = round2(exact);
  return {
    score,
    passMark: PASS_MARK,
    passed: passes(score),
    usedMs: s.usedMs,
    durationMs: s.durationMs,
    submittedBy: s.phase.by,
    submittedAtMs: s.phase.atMs,
    tasks: tasks.map((t) => ({ ...t, earned: round2(t.earned) })),
    domains: [...domains.values()]
      .map((d) => ({ ...d, earned: round2(d.earned), score: d.weight > 0 ? round2((d.earned * 100) / d.weight) : 0 }))
      .sort((a, b) => b.weight - a.weight || (a.domain < b.domain ? -1 : 1)),
  };
}

/** Attaches the review to the submitted state. */
export function withReview(s: ExamState, review: ExamReview): ExamState {
  return { ...s, review };
}
