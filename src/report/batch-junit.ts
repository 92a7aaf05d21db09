// `kubedrill grade --format junit`: JUnit XML as CI servers read it. One <testsuite> for the
// exercise, one <testcase> per submission; a failed submission's <failure> lists its failed checks
// and their reasons, an internal error is an <error>. The totals go in the opening tags, so the
// test cases wait in a spool until the last row. Everything is escaped, and characters XML 1.0
// cannot carry at all are dropped. No times: the same inputs give the same bytes.
import type { BatchSummary } from '../grade/batch/summary.js';
import type { BatchRow, Skipped } from '../grade/batch/types.js';
import { percent, reasonOf, wellFormed, type BatchHeader, type BatchWriter, type Sink, type Spool } from './batch-common.js';
import { textWriter } from './batch-text.js';

// Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF] (XML 1.0, §2.2)
const NOT_XML = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

/** Text content: markup characters escaped, characters XML forbids dropped. */
export function xmlText(s: string): string {
  return wellFormed(s).replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An attribute value in double quotes; tabs and line ends as references, so parsers keep them. */
export function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

const attrs = (a: Record<string, string | number>) =>
  Object.entries(a)
    .map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`)
    .join('');

export function junitWriter(out: Sink, spool: Spool): BatchWriter {
  let header: BatchHeader | undefined;
  return {
    begin(h) {
      header = h;
    },
    row(r: BatchRow) {
      const suite = header!.exercise.id;
      const open = `    <testcase${attrs({ name: r.submission, classname: suite })}`;
      if (r.internalError !== undefined) {
        spool.write(`${open}>\n      <error${attrs({ message: r.internalError, type: 'internal-error' })}/>\n    </testcase>\n`);
      } else if (r.passed) {
        spool.write(`${open}/>\n`);
      } else {
        const ids = r.failed.map((f) => f.id).join(', ');
        const message = `score ${r.score}/${r.maxScore}${ids ? `; failed: ${ids}` : ''}`;
        const body = r.failed.map((f) => `✗ ${f.id} — ${f.title}\n  ${reasonOf(f)}`).join('\n');
        spool.write(`${open}>\n      <failure${attrs({ message, type: r.failed[0]?.id ?? 'failed' })}>${xmlText(body)}</failure>\n    </testcase>\n`);
      }
    },
    end(s: BatchSummary, skipped: readonly Skipped[]) {
      const h = header!;
      // JUnit counts an <error> apart from a <failure>.
      const counts = { tests: s.submissions, failures: s.failed - s.internalErrors, errors: s.internalErrors, skipped: 0 };
      out('<?xml version="1.0" encoding="UTF-8"?>\n');
      out(`<testsuites${attrs({ name: `kubedrill grade ${h.exercise.id}`, ...counts })}>\n`);
      out(`  <testsuite${attrs({ name: h.exercise.id, ...counts })}>\n`);
      const props: [string, string | number][] = [
        ['title', h.exercise.title],
        ['maxScore', s.maxScore],
        ['passRate', percent(s.passRate)],
        ['meanScore', s.meanScore],
        ['medianScore', s.medianScore],
        ['skippedFiles', skipped.length],
        ...s.failedChecks.map((f): [string, number] => [`failedCheck.${f.id}`, f.count]),
      ];
      out(`    <properties>\n${props.map(([name, value]) => `      <property${attrs({ name, value })}/>\n`).join('')}    </properties>\n`);
      spool.drain(out);
      // The text summary, for people reading the report in their CI's UI.
      let text = '';
      const t = textWriter((x) => (text += x));
      t.begin({ ...h, count: s.submissions });
      text = '';
      t.end(s, skipped);
      out(`    <system-out>${xmlText(text.replace(/^\n/, ''))}</system-out>\n`);
      out('  </testsuite>\n</testsuites>\n');
    },
  };
}
