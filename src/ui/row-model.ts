// A screen body as plain data: rows of styled spans, one terminal row each, so views can be
// scrolled, measured and tested without a terminal.
import type { MdLine } from './markdown.js';

export type Tone = 'ok' | 'bad' | 'warn' | 'accent' | 'muted' | 'code' | 'add' | 'del' | 'hunk';

export interface Span {
  text: string;
  tone?: Tone;
  bold?: boolean;
}

export interface Row {
  spans: Span[];
}

export const row = (...spans: (Span | string)[]): Row => ({
  spans: spans.map((s) => (typeof s === 'string' ? { text: s } : s)),
});

export const blank = (): Row => ({ spans: [] });

export const rowText = (r: Row): string => r.spans.map((s) => s.text).join('');

export function mdRows(lines: readonly MdLine[]): Row[] {
  return lines.map((l) => ({
    spans: l.spans.map((s): Span => {
      if (l.kind === 'heading') return { text: s.text, tone: 'accent', bold: true };
      if (s.code) return { text: s.text, tone: 'code' };
      return s.bold ? { text: s.text, bold: true } : { text: s.text };
    }),
  }));
}

/** The rows visible in a window of `height` rows starting at `offset` (clamped). */
export function viewport(rows: readonly Row[], offset: number, height: number): { rows: Row[]; offset: number } {
  const max = Math.max(0, rows.length - height);
  const o = Math.min(Math.max(0, offset), max);
  return { rows: rows.slice(o, o + height), offset: o };
}
