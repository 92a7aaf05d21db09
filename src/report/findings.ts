// Plain-text (compiler style, so editors can jump to FILE:LINE:COL) and JSON reporters for findings.
import type { Finding } from '../manifest/types.js';

const MAX_EXCERPT = 160;

const ANSI = {
  red: (s: string) => `\x1b[1;31m${s}\x1b[0m`,
  yellow: (s: string) => `\x1b[1;33m${s}\x1b[0m`,
  green: (s: string) => `\x1b[32m${s}\x1b[0m`,
  dim: (s: string) => `\x1b[2m${s}\x1b[0m`,
  bold: (s: string) => `\x1b[1m${s}\x1b[0m`,
};
const PLAIN = { red: (s: string) => s, yellow: (s: string) => s, green: (s: string) => s, dim: (s: string) => s, bold: (s: string) => s };

/**
 * `FILE:LINE:COL: error: MESSAGE`, the source line, a caret under the column and `  at PATH`;
 * without a position: `FILE: error: MESSAGE`. Every line ends with a newline.
 */
export function formatFindings(findings: readonly Finding[], opts: { color?: boolean } = {}): string {
  const c = opts.color ? ANSI : PLAIN;
  let out = '';
  for (const f of findings) {
    const where = f.line !== undefined ? `${f.file}:${f.line}:${f.col ?? 1}` : f.file;
    const sev = f.severity === 'error' ? c.red('error') : c.yellow('warning');
    // a message may span lines (never in our own texts, but keep the layout if one does)
    out += `${c.bold(where + ':')} ${sev}: ${f.message.replace(/\n/g, '\n  ')}\n`;
    if (f.line !== undefined && f.excerpt !== undefined) {
      const { text, caretCol } = excerptLine(f.excerpt, f.col ?? 1);
      out += `  ${text}\n`;
      out += `  ${' '.repeat(caretCol - 1)}${c.green('^')}\n`;
    }
    if (f.path) out += `  ${c.dim(`at ${f.path}`)}\n`;
  }
  return out;
}

/** Tabs become spaces (so the caret lines up) and long lines are cut around the column. */
function excerptLine(raw: string, col: number): { text: string; caretCol: number } {
  let text = raw.replace(/\t/g, ' ').replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '?');
  let caretCol = Math.max(1, Math.min(col, text.length + 1));
  if (text.length > MAX_EXCERPT) {
    const start = Math.max(0, Math.min(caretCol - 1 - MAX_EXCERPT / 2, text.length - MAX_EXCERPT));
    const cut = text.slice(start, start + MAX_EXCERPT);
    text = (start > 0 ? '…' : '') + cut + (start + MAX_EXCERPT < raw.length ? '…' : '');
    caretCol = caretCol - start + (start > 0 ? 1 : 0);
  }
  return { text, caretCol };
}

const KEY_ORDER = ['file', 'line', 'col', 'severity', 'stage', 'code', 'message', 'path', 'doc', 'suggestion', 'excerpt'] as const;

/** A stable JSON array: fixed key order, absent fields omitted, 2-space indent, trailing newline. */
export function findingsToJson(findings: readonly Finding[]): string {
  const rows = findings.map((f) => {
    const row: Record<string, unknown> = {};
    for (const k of KEY_ORDER) if (f[k] !== undefined) row[k] = f[k];
    return row;
  });
  return JSON.stringify(rows, null, 2) + '\n';
}

/** "2 errors in liveness-exam.yaml" / "1 error and 1 warning in x.yaml". */
export function summarize(findings: readonly Finding[], file: string): string {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  const parts: string[] = [];
  if (errors > 0) parts.push(`${errors} error${errors === 1 ? '' : 's'}`);
  if (warnings > 0) parts.push(`${warnings} warning${warnings === 1 ? '' : 's'}`);
  return `${parts.join(' and ') || 'no problems'} in ${file}`;
}
