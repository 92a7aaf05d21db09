// `kubedrill grade --format json`: one JSON document (exercise, checks, rows, skipped, summary),
// written as the rows arrive, every object with its keys in a fixed order.
import type { BatchSummary } from '../grade/batch/summary.js';
import type { BatchRow, CheckColumn, FailedCheck, Skipped } from '../grade/batch/types.js';
import { wellFormed, type BatchWriter, type Sink } from './batch-common.js';

export const BATCH_JSON_FORMAT = 'kubedrill-grade/1';

const str = (s: string) => JSON.stringify(wellFormed(s));

function failedJson(f: FailedCheck) {
  return {
    id: f.id,
    stage: f.stage,
    title: wellFormed(f.title),
    message: wellFormed(f.message),
    ...(f.file !== undefined ? { file: wellFormed(f.file) } : {}),
    ...(f.line !== undefined ? { line: f.line } : {}),
    ...(f.col !== undefined ? { col: f.col } : {}),
  };
}

/** A row as JSON: `checks` maps every check id to pass / fail / skip (empty after an internal error). */
export function rowJson(r: BatchRow, columns: readonly CheckColumn[]) {
  const checks: Record<string, string> = {};
  r.statuses.forEach((st, i) => (checks[columns[i]!.id] = st));
  return {
    submission: wellFormed(r.submission),
    passed: r.passed,
    score: r.score,
    maxScore: r.maxScore,
    ...(r.internalError !== undefined ? { error: wellFormed(r.internalError) } : {}),
    checks,
    failed: r.failed.map(failedJson),
  };
}

export function jsonWriter(out: Sink): BatchWriter {
  let columns: readonly CheckColumn[] = [];
  let first = true;
  return {
    begin(h) {
      columns = h.columns;
      const ex = `{ "id": ${str(h.exercise.id)}, "title": ${str(h.exercise.title)}, "maxScore": ${h.exercise.maxScore} }`;
      const cols = h.columns.map((c) => `    { "id": ${str(c.id)}, "stage": ${str(c.stage)}, "title": ${str(c.title)} }`).join(',\n');
      out(`{\n  "format": ${str(BATCH_JSON_FORMAT)},\n  "exercise": ${ex},\n  "checks": [\n${cols}\n  ],\n  "rows": [`);
    },
    row(r) {
      out(`${first ? '\n' : ',\n'}    ${JSON.stringify(rowJson(r, columns))}`);
      first = false;
    },
    end(s: BatchSummary, skipped: readonly Skipped[]) {
      const sk = skipped.map((k) => `    ${JSON.stringify({ path: wellFormed(k.path), reason: wellFormed(k.reason) })}`).join(',\n');
      const summary = JSON.stringify(
        {
          submissions: s.submissions,
          passed: s.passed,
          failed: s.failed,
          internalErrors: s.internalErrors,
          passRate: s.passRate,
          meanScore: s.meanScore,
          medianScore: s.medianScore,
          maxScore: s.maxScore,
          histogram: s.histogram.map((h) => ({ score: h.score, count: h.count })),
          failedChecks: s.failedChecks.map((f) => ({ id: f.id, title: wellFormed(f.title), count: f.count })),
        },
        null,
        2,
      ).replace(/\n/g, '\n  ');
      out(`${first ? '' : '\n  '}],\n  "skipped": [${skipped.length ? `\n${sk}\n  ` : ''}],\n  "summary": ${summary}\n}\n`);
    },
  };
}
