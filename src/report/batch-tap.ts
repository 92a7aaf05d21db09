// `kubedrill grade --format tap`: TAP version 14 (testanything.org/tap-version-14-specification):
// the plan first (the submissions are counted before grading), `ok` / `not ok` per submission
// with a YAML diagnostic block for each failure, and the summary as comments at the end.
import type { BatchSummary } from '../grade/batch/summary.js';
import type { BatchRow, Skipped } from '../grade/batch/types.js';
import { oneLine, percent, whereOf, wellFormed, type BatchWriter, type Sink } from './batch-common.js';

/** A test point's description: `#` would start a directive and `\` escapes, so both are escaped; one line. */
export function tapDescription(s: string): string {
  return oneLine(s.replace(/\\/g, '\\\\').replace(/#/g, '\\#'));
}

// Not printable in a YAML double-quoted scalar (YAML 1.2 §5.1, and the breaks YAML 1.1 knows).
const YAML_UNPRINTABLE = /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g;

/** A YAML double-quoted scalar: JSON's escapes are YAML's, plus the characters YAML will not take raw. */
export function yamlString(s: string): string {
  return JSON.stringify(wellFormed(s)).replace(YAML_UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function tapWriter(out: Sink): BatchWriter {
  let n = 0;
  return {
    begin(h) {
      out(`TAP version 14\n1..${h.count}\n`);
    },
    row(r: BatchRow) {
      n++;
      const desc = `${tapDescription(r.submission)} (${r.score}/${r.maxScore})`;
      if (r.passed) {
        out(`ok ${n} - ${desc}\n`);
        return;
      }
      const y: string[] = ['  ---', `  submission: ${yamlString(r.submission)}`, `  score: ${r.score}`, `  maxScore: ${r.maxScore}`];
      if (r.internalError !== undefined) y.push(`  error: ${yamlString(r.internalError)}`);
      if (r.failed.length > 0) {
        y.push('  failed:');
        for (const f of r.failed) {
          y.push(`    - id: ${yamlString(f.id)}`, `      title: ${yamlString(f.title)}`, `      message: ${yamlString(f.message)}`);
          const at = whereOf(f);
          if (at !== undefined) y.push(`      at: ${yamlString(at)}`);
        }
      }
      y.push('  ...');
      out(`not ok ${n} - ${desc}\n${y.join('\n')}\n`);
    },
    end(s: BatchSummary, skipped: readonly Skipped[]) {
      const c = [
        `# submissions ${s.submissions}, passed ${s.passed}, failed ${s.failed}, internal errors ${s.internalErrors}`,
        `# pass rate ${percent(s.passRate)}, mean score ${s.meanScore}/${s.maxScore}, median score ${s.medianScore}/${s.maxScore}`,
        `# scores ${s.histogram.map((h) => `${h.score}:${h.count}`).join(' ')}`,
        ...s.failedChecks.map((f) => `# failed ${f.count}x ${oneLine(f.id)} — ${oneLine(f.title)}`),
        ...skipped.map((k) => `# skipped ${oneLine(k.path)} — ${oneLine(k.reason)}`),
      ];
      out(c.join('\n') + '\n');
    },
  };
}
