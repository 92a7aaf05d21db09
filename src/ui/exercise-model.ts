// The exercise screen body as rows: task text, the file to edit, revealed hints, the latest result.
import type { Exercise, Lang, Localized } from '../exercises/types.js';
import type { GradeResult } from '../grade/types.js';
import { renderMarkdown } from './markdown.js';
import type { Messages } from './messages.js';
import { resultRows, verdictSpans } from './results-model.js';
import { blank, mdRows, type Row } from './row-model.js';
import { wrap } from './text.js';

export type GradeState =
  | { kind: 'none' }
  | { kind: 'running'; previous?: GradeResult }
  | { kind: 'done'; result: GradeResult };

function section(title: string, extra: Row['spans'] = []): Row {
  return { spans: [{ text: `── ${title} `, tone: 'accent', bold: true }, ...extra] };
}

export function hintRows(ex: Exercise, shown: number, lang: Lang, m: Messages, cols: number): Row[] {
  const rows: Row[] = [section(m.hints)];
  if (ex.hints.length === 0) return [...rows, { spans: [{ text: m.noHints, tone: 'muted' }] }];
  const n = Math.min(shown, ex.hints.length);
  ex.hints.slice(0, n).forEach((h: Localized, i) => {
    rows.push({ spans: [{ text: m.hintN(i + 1, ex.hints.length), tone: 'warn', bold: true }] });
    for (const r of mdRows(renderMarkdown(h[lang], cols - 2))) rows.push({ spans: [{ text: '  ' }, ...r.spans] });
  });
  const left = ex.hints.length - n;
  rows.push({ spans: [{ text: left > 0 ? m.hintsLeft(left) : m.noHintsLeft, tone: 'muted' }] });
  return rows;
}

export function gradeRows(g: GradeState, m: Messages, cols: number): Row[] {
  switch (g.kind) {
    case 'none':
      return [section(m.result), ...wrap(m.notGraded, cols).map((t) => ({ spans: [{ text: t, tone: 'muted' as const }] }))];
    case 'running':
      return [
        section(m.result, [{ text: m.grading, tone: 'warn' }]),
        ...(g.previous ? resultRows(g.previous, m, cols) : []),
      ];
    case 'done':
      return [section(m.result, verdictSpans(g.result, m)), ...resultRows(g.result, m, cols)];
  }
}

export interface ExerciseBodyInput {
  ex: Exercise;
  lang: Lang;
  m: Messages;
  cols: number;
  hintsShown: number;
  grade: GradeState;
}

/** Task first, then hints, then the result; `resultsAt` is the row where the result starts. */
export function exerciseBody(i: ExerciseBodyInput): { rows: Row[]; resultsAt: number } {
  const rows = [
    section(i.m.task),
    ...mdRows(renderMarkdown(i.ex.task[i.lang], i.cols)),
    blank(),
    ...hintRows(i.ex, i.hintsShown, i.lang, i.m, i.cols),
    blank(),
  ];
  return { rows: [...rows, ...gradeRows(i.grade, i.m, i.cols)], resultsAt: rows.length };
}

export interface HeaderInput {
  ex: Exercise;
  lang: Lang;
  m: Messages;
  cols: number;
  filePath: string;
  grade: GradeState;
  /** what the screen shows below the header, e.g. "Diff" */
  view?: string;
}

/** Title, the file the learner edits (and where it lives), and the current verdict. */
export function exerciseHeader(h: HeaderInput): Row[] {
  const { ex, m } = h;
  const num = /^(\d+)/.exec(ex.dir)?.[1];
  const meta = `${ex.difficulty} · ${m.minutes(ex.timeBudget)} · ${m.points(ex.points)} · ${ex.domain}`;
  const verdict: Row['spans'] =
    h.grade.kind === 'done'
      ? verdictSpans(h.grade.result, m)
      : h.grade.kind === 'running'
        ? [{ text: m.grading, tone: 'warn' }]
        : [{ text: m.noGradeYet, tone: 'muted' }];
  return [
    {
      spans: [
        { text: `${m.appTitle} › `, tone: 'muted' },
        { text: `${num ? num + ' ' : ''}${ex.id}`, tone: 'accent', bold: true },
        { text: ' — ' + ex.title[h.lang], bold: true },
        ...(h.view ? [{ text: ` › ${h.view}`, tone: 'accent' as const }] : []),
      ],
    },
    { spans: [{ text: meta, tone: 'muted' }] },
    { spans: [{ text: `${m.yourFile}: ` }, { text: h.filePath, tone: 'code' }, { text: `  (${m.watching})`, tone: 'muted' }] },
    { spans: [{ text: `${m.result}: ` }, ...verdict] },
    { spans: [{ text: '─'.repeat(Math.max(10, h.cols)), tone: 'muted' }] },
  ];
}
