// The figures of a batch, built row by row from aggregates only (counts per score and per failed
// check): memory does not grow with the number of submissions.
import type { BatchRow, CheckColumn } from './types.js';

export interface BatchSummary {
  submissions: number;
  passed: number;
  /** failed rows, internal errors included */
  failed: number;
  internalErrors: number;
  /** passed / submissions, rounded to 4 decimals */
  passRate: number;
  /** rounded to 2 decimals */
  meanScore: number;
  /** the middle score (the mean of the two middle ones for an even count) */
  medianScore: number;
  maxScore: number;
  /** one entry per score from 0 to maxScore */
  histogram: { score: number; count: number }[];
  /** checks that failed at least once: most failures first, then in the grader's order */
  failedChecks: { id: string; title: string; count: number }[];
}

const round = (x: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

export class SummaryBuilder {
  private n = 0;
  private passed = 0;
  private internal = 0;
  private total = 0;
  private readonly byScore: number[];
  private readonly failures = new Map<string, { title: string; count: number }>();

  constructor(
    private readonly maxScore: number,
    private readonly columns: readonly CheckColumn[],
  ) {
    this.byScore = new Array<number>(Math.max(0, maxScore) + 1).fill(0);
  }

  add(row: BatchRow): void {
    this.n++;
    if (row.passed) this.passed++;
    if (row.internalError !== undefined) this.internal++;
    const score = Math.min(this.maxScore, Math.max(0, Math.round(row.score)));
    this.total += score;
    this.byScore[score] = (this.byScore[score] ?? 0) + 1;
    for (const f of row.failed) {
      const e = this.failures.get(f.id);
      if (e) e.count++;
      else this.failures.set(f.id, { title: f.title, count: 1 });
    }
  }

  result(): BatchSummary {
    const n = this.n;
    const order = new Map(this.columns.map((c, i) => [c.id, i]));
    const failedChecks = [...this.failures]
      .map(([id, e]) => ({ id, title: e.title, count: e.count }))
      .sort((a, b) => b.count - a.count || (order.get(a.id) ?? Infinity) - (order.get(b.id) ?? Infinity) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return {
      submissions: n,
      passed: this.passed,
      failed: n - this.passed,
      internalErrors: this.internal,
      passRate: n === 0 ? 0 : round(this.passed / n, 4),
      meanScore: n === 0 ? 0 : round(this.total / n, 2),
      medianScore: n === 0 ? 0 : median(this.byScore, n),
      maxScore: this.maxScore,
      histogram: this.byScore.map((count, score) => ({ score, count })),
      failedChecks,
    };
  }
}

/** The median of `n` values given as counts per value. */
function median(byScore: readonly number[], n: number): number {
  const nth = (k: number) => {
    let seen = 0;
    for (let s = 0; s < byScore.length; s++) {
      seen += byScore[s]!;
      if (seen > k) return s;
    }
    return byScore.length - 1;
  };
  return n % 2 === 1 ? nth((n - 1) / 2) : (nth(n / 2 - 1) + nth(n / 2)) / 2;
}
