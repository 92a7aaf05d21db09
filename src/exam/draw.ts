// Draws an exam's tasks from a pack: seeded, spread over the curriculum domains, weighted like the
// real exam's per-task percentages. Pure: the same exercises and seed give the same exam.
import { mulberry32 } from '../sim/engine/rng.js';
import type { Difficulty, Exercise } from '../exercises/types.js';
import { REAL_EXAM_MINUTES } from './types.js';

export const DEFAULT_TASKS = 8;

/** A harder task is worth more of the exam, as on the real one (4 % to 13 % a task). */
const DIFFICULTY_FACTOR: Record<Difficulty, number> = { easy: 2, medium: 3, hard: 4 };

export interface DrawnTask {
  exerciseId: string;
  domain: string;
  weight: number;
}

export type ExerciseLike = Pick<Exercise, 'id' | 'domain' | 'points' | 'difficulty' | 'timeBudget'>;

function shuffle<T>(xs: readonly T[], rnd: () => number): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/**
 * Whole numbers proportional to `raw` that sum to `total` (largest remainder; ties go to the
 * earlier entry), each at most `cap[i]` when given.
 */
export function apportion(raw: readonly number[], total: number, cap?: readonly number[]): number[] {
  const sum = raw.reduce((a, b) => a + b, 0);
  if (raw.length === 0) return [];
  const exact = raw.map((r) => (sum > 0 ? (r * total) / sum : total / raw.length));
  const out = exact.map((x, i) => Math.min(Math.floor(x), cap?.[i] ?? Infinity));
  let left = total - out.reduce((a, b) => a + b, 0);
  while (left > 0) {
    let best = -1;
    for (let i = 0; i < raw.length; i++) {
      if (out[i]! >= (cap?.[i] ?? Infinity)) continue;
      if (best < 0 || exact[i]! - out[i]! > exact[best]! - out[best]! + 1e-12) best = i;
    }
    if (best < 0) break;
    out[best]!++;
    left--;
  }
  return out;
}

/** Each task's weight in whole percent, from its points and difficulty; they sum to 100. */
export function taskWeights(exs: readonly ExerciseLike[]): number[] {
  return apportion(
    exs.map((e) => Math.max(1, e.points) * DIFFICULTY_FACTOR[e.difficulty]),
    100,
  );
}

/**
 * `count` exercises (at most the pack's size): every domain gets a task before any gets a second,
 * the rest go to the domains in proportion to how many exercises each has; which exercises, and
 * their order, come from the seed.
 */
export function drawTasks(exercises: readonly ExerciseLike[], count: number, seed: number): DrawnTask[] {
  const rnd = mulberry32(seed);
  const n = Math.max(0, Math.min(count, exercises.length));
  const byDomain = new Map<string, ExerciseLike[]>();
  for (const e of [...exercises].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const list = byDomain.get(e.domain) ?? [];
    list.push(e);
    byDomain.set(e.domain, list);
  }
  const domains = shuffle([...byDomain.keys()].sort(), rnd);
  const pools = domains.map((d) => shuffle(byDomain.get(d)!, rnd));
  let quota: number[];
  if (n < domains.length) {
    // Fewer tasks than domains: the larger domains first (ties in the shuffled order).
    const order = domains.map((_, i) => i).sort((a, b) => pools[b]!.length - pools[a]!.length);
    quota = domains.map(() => 0);
    for (const i of order.slice(0, n)) quota[i] = 1;
  } else {
    const rest = apportion(
      pools.map((p) => p.length - 1),
      n - domains.length,
      pools.map((p) => p.length - 1),
    );
    quota = rest.map((r) => r + 1);
  }
  const picked = shuffle(
    pools.flatMap((p, i) => p.slice(0, quota[i])),
    rnd,
  );
  const weights = taskWeights(picked);
  return picked.map((e, i) => ({ exerciseId: e.id, domain: e.domain, weight: weights[i]! }));
}

/** The exam's length: the drawn tasks' time budgets, at most the real exam's 120 minutes. */
export function defaultMinutes(exs: readonly ExerciseLike[]): number {
  const sum = exs.reduce((a, e) => a + e.timeBudget, 0);
  return Math.max(1, Math.min(REAL_EXAM_MINUTES, sum));
}
