// A grading result as rows: each check with ✓/✗, its message, file:line:col with excerpt and caret, the score.
import type { Finding } from '../manifest/types.js';
import type { CheckResult, GradeResult } from '../grade/types.js';
import type { Messages } from './messages.js';
import { blank, type Row, type Span } from './row-model.js';
import { caretPad, wrap } from './text.js';

interface Located {
  file?: string;
  line?: number;
  col?: number;
  excerpt?: string;
}

function locationRows(loc: Located, indent: string): Row[] {
  if (loc.line === undefined) return loc.file ? [{ spans: [{ text: indent + loc.file, tone: 'muted' }] }] : [];
  const where = `${loc.file ?? ''}:${loc.line}${loc.col !== undefined ? `:${loc.col}` : ''}`;
  const out: Row[] = [{ spans: [{ text: indent + where, tone: 'accent' }] }];
  if (loc.excerpt !== undefined) {
    const num = String(loc.line);
    const gutter = `${indent}${num} │ `;
    out.push({ spans: [{ text: gutter, tone: 'muted' }, { text: loc.excerpt.replace(/\t/g, ' '), tone: 'code' }] });
    if (loc.col !== undefined) {
      const pad = caretPad(loc.excerpt.replace(/\t/g, ' '), loc.col);
      out.push({
        spans: [
          { text: `${indent}${' '.repeat(num.length)} │ `, tone: 'muted' },
          { text: pad + '^', tone: 'bad', bold: true },
        ],
      });
    }
  }
  return out;
}

function messageRows(text: string, indent: string, cols: number, tone?: Span['tone']): Row[] {
  const rows: Row[] = [];
  for (const para of text.split('\n')) {
    for (const l of wrap(para, Math.max(10, cols - indent.length))) {
      rows.push({ spans: [tone ? { text: indent + l, tone } : { text: indent + l }] });
    }
  }
  return rows;
}

const MARK: Record<CheckResult['status'], Span> = {
  pass: { text: '✓', tone: 'ok', bold: true },
  fail: { text: '✗', tone: 'bad', bold: true },
  skip: { text: '–', tone: 'muted' },
};

export function checkRows(c: CheckResult, cols: number): Row[] {
  const rows: Row[] = [{ spans: [MARK[c.status], { text: ' ' }, { text: c.title, bold: c.status === 'fail' }] }];
  if (c.message !== '' && c.status !== 'pass') rows.push(...messageRows(c.message, '   ', cols, c.status === 'skip' ? 'muted' : undefined));
  if (c.status === 'fail') rows.push(...locationRows(c, '   '));
  return rows;
}

function findingRows(f: Finding, cols: number): Row[] {
  const mark: Span = f.severity === 'error' ? { text: '✗', tone: 'bad', bold: true } : { text: '!', tone: 'warn', bold: true };
  const [first = '', ...more] = wrap(f.message, Math.max(10, cols - 2));
  return [
    { spans: [mark, { text: ' ' + first }] },
    ...more.map((l) => ({ spans: [{ text: '  ' + l }] })),
    ...locationRows(f, '   '),
  ];
}

/** Findings not already shown by a check (same position and message). */
export function extraFindings(r: GradeResult): Finding[] {
  return r.findings.filter(
    (f) => !r.checks.some((c) => c.status === 'fail' && c.line === f.line && c.col === f.col && c.message.includes(f.message)),
  );
}

export function verdictSpans(r: GradeResult, m: Messages): Span[] {
  return [
    r.passed ? { text: `✓ ${m.passed}`, tone: 'ok', bold: true } : { text: `✗ ${m.failed}`, tone: 'bad', bold: true },
    { text: '  ' + m.score(r.score, r.maxScore), tone: 'muted' },
  ];
}

export function resultRows(r: GradeResult, m: Messages, cols: number): Row[] {
  const rows: Row[] = [];
  for (const f of extraFindings(r)) rows.push(...findingRows(f, cols));
  // A run of checks skipped for one reason ("fix the YAML errors first") is one line, not twenty.
  for (let i = 0; i < r.checks.length; ) {
    const c = r.checks[i]!;
    let j = i;
    while (c.status === 'skip' && j + 1 < r.checks.length && r.checks[j + 1]!.status === 'skip' && r.checks[j + 1]!.message === c.message) j++;
    const n = j - i + 1;
    if (n >= 3) rows.push(...messageRows(`– ${m.checksSkipped(n, c.message)}`, '', cols, 'muted'));
    else for (const k of r.checks.slice(i, j + 1)) rows.push(...checkRows(k, cols));
    i = j + 1;
  }
  if (r.divergence) {
    rows.push(blank());
    rows.push(...messageRows(`▲ ${m.firstDifference} @ ${Math.round(r.divergence.atMs / 1000)}s: ${r.divergence.message}`, '', cols, 'warn'));
  }
  return rows;
}
