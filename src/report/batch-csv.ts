// `kubedrill grade --format csv`: RFC 4180 (CRLF line ends; a field with a comma, quote, CR or LF
// is quoted and its quotes doubled), one row per submission, one column per check. UTF-8, no BOM.
import type { CheckColumn } from '../grade/batch/types.js';
import { firstProblem, wellFormed, type BatchWriter, type Sink } from './batch-common.js';

export function csvField(s: string): string {
  const v = wellFormed(s);
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

const line = (fields: readonly string[]) => fields.map(csvField).join(',') + '\r\n';

export const CSV_COLUMNS = ['submission', 'passed', 'score', 'max_score', 'first_failed_check', 'reason'] as const;

export function csvWriter(out: Sink): BatchWriter {
  let columns: readonly CheckColumn[] = [];
  return {
    begin(h) {
      columns = h.columns;
      out(line([...CSV_COLUMNS, ...columns.map((c) => c.id)]));
    },
    row(r) {
      const p = firstProblem(r);
      out(line([r.submission, r.passed ? 'true' : 'false', String(r.score), String(r.maxScore), p?.id ?? '', p?.reason ?? '', ...columns.map((_, i) => r.statuses[i] ?? '')]));
    },
    end() {
      // CSV has rows only: the summary is in the other formats.
    },
  };
}
