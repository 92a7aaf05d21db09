// Display-width aware text helpers: Korean (and other wide) characters take two terminal columns.
import stringWidth from 'string-width';

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * Terminal columns of `s`. Printable ASCII is one column a character; anything else goes to
 * string-width, whose grapheme segmentation (Intl.Segmenter) costs the first frame tens of ms.
 */
export function width(s: string): number {
  return PRINTABLE_ASCII.test(s) ? s.length : stringWidth(s);
}

/** Pads (or cuts, with an ellipsis) `s` to exactly `cols` display columns. */
export function fit(s: string, cols: number, align: 'left' | 'right' = 'left'): string {
  if (cols <= 0) return '';
  const w = width(s);
  if (w > cols) return truncate(s, cols);
  const pad = ' '.repeat(cols - w);
  return align === 'left' ? s + pad : pad + s;
}

/** Cuts `s` to at most `cols` display columns, ending with "…" when something was cut. */
export function truncate(s: string, cols: number): string {
  if (width(s) <= cols) return s;
  if (cols <= 1) return cols === 1 ? '…' : '';
  let out = '';
  let used = 0;
  for (const ch of s) {
    const w = width(ch);
    if (used + w > cols - 1) break;
    out += ch;
    used += w;
  }
  return out + ' '.repeat(cols - 1 - used) + '…';
}

/**
 * Word-wraps one line to `cols` display columns. Words longer than a line are split by
 * character (a Korean sentence without spaces still wraps). Leading indentation is kept on
 * continuation lines when `hang` is given.
 */
export function wrap(line: string, cols: number, hang = ''): string[] {
  if (cols <= 0) return [line];
  if (width(line) <= cols) return [line];
  const out: string[] = [];
  const tokens = line.split(/(\s+)/).filter((t) => t !== '');
  let cur = '';
  let curW = 0;
  const flush = () => {
    out.push(cur.replace(/\s+$/, ''));
    cur = hang;
    curW = width(hang);
  };
  for (const tok of tokens) {
    const w = width(tok);
    if (/^\s+$/.test(tok)) {
      if (curW + w <= cols && curW > width(hang)) {
        cur += tok;
        curW += w;
      }
      continue;
    }
    if (curW + w <= cols) {
      cur += tok;
      curW += w;
      continue;
    }
    if (curW > width(hang)) flush();
    if (w <= cols - curW) {
      cur += tok;
      curW += w;
      continue;
    }
    for (const ch of tok) {
      const cw = width(ch);
      if (curW + cw > cols) flush();
      cur += ch;
      curW += cw;
    }
  }
  if (cur.trim() !== '') out.push(cur.replace(/\s+$/, ''));
  return out;
}

/** The number of columns before 1-based `col` in `excerpt`, for a caret under it. */
export function caretPad(excerpt: string, col: number): string {
  return [...excerpt]
    .slice(0, Math.max(0, col - 1))
    .map((ch) => (ch === '\t' ? '\t' : ' '.repeat(width(ch))))
    .join('');
}
