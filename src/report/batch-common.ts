// What the batch reporters (text, JSON, CSV, JUnit, TAP) share: the writer interface they all
// implement, and the text clean-ups every format needs for names and messages it does not control.
import type { Lang } from '../exercises/types.js';
import type { BatchSummary } from '../grade/batch/summary.js';
import type { BatchRow, CheckColumn, FailedCheck, Skipped } from '../grade/batch/types.js';

export interface BatchHeader {
  exercise: { id: string; title: string; maxScore: number };
  columns: readonly CheckColumn[];
  /** submissions that will follow (known before the first row: the paths are collected first) */
  count: number;
  lang: Lang;
  /** display width of the longest submission path (for the text table) */
  pathWidth: number;
}

/** Where output goes, a piece at a time. */
export type Sink = (s: string) => void;

/** A reporter: begin once, one row per submission in order, end with the summary. */
export interface BatchWriter {
  begin(h: BatchHeader): void;
  row(r: BatchRow): void;
  end(summary: BatchSummary, skipped: readonly Skipped[]): void;
}

/**
 * Temporary storage for a format that must print its totals before its rows (JUnit's attributes):
 * the rows wait on disk, not in memory.
 */
export interface Spool {
  write(s: string): void;
  /** everything written, in order, a piece at a time; then the spool is empty */
  drain(sink: Sink): void;
}

export function memorySpool(): Spool {
  let parts: string[] = [];
  return {
    write: (s) => void parts.push(s),
    drain: (sink) => {
      for (const p of parts) sink(p);
      parts = [];
    },
  };
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Lone UTF-16 surrogates (a learner's "\ud800" escape in YAML) become U+FFFD: no output format can
 * carry them as text.
 */
export function wellFormed(s: string): string {
  return s.replace(LONE_SURROGATE, '\ufffd');
}

// C0 and C1 controls, DEL, and the line and paragraph separators: never printed raw in a line of
// text (a file name with ESC in it must not drive the instructor's terminal).
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** One line of plain text: control characters written as escapes (\n, \t, \u001b). */
export function oneLine(s: string): string {
  return wellFormed(s).replace(CONTROL, (c) => {
    switch (c) {
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      case '\t':
        return '\\t';
      default:
        return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    }
  });
}

/** `file:line:col`, or the file alone when the check has no position. */
export function whereOf(f: FailedCheck): string | undefined {
  if (f.file === undefined) return undefined;
  return f.line !== undefined ? `${f.file}:${f.line}:${f.col ?? 1}` : f.file;
}

/** The failed check's message with its position, as `kubedrill check` prints it. */
export function reasonOf(f: FailedCheck): string {
  const at = whereOf(f);
  return at === undefined ? f.message : `${f.message} (${at})`;
}

/** The first thing wrong with a row: its first failed check (id, title, reason) or its internal error. */
export function firstProblem(r: BatchRow): { id: string; title: string; reason: string } | undefined {
  if (r.internalError !== undefined) return { id: 'internal-error', title: r.internalError, reason: r.internalError };
  const f = r.failed[0];
  return f ? { id: f.id, title: f.title, reason: reasonOf(f) } : undefined;
}

/** 0.4167 -> "41.7%" */
export function percent(rate: number): string {
  return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}
