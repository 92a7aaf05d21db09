// The exam screens as rows: the countdown header, the task list, one task, the review. Pure
// functions of the exam state and the clock's reading, so they are tested without a terminal.
import type { Exercise, Lang } from '../exercises/types.js';
import { examMessages } from '../exam/messages.js';
import { counts, formatClock, inWarning, remainingMs, taskStatus } from '../exam/model.js';
import { pct, reviewDomainLines, reviewHeadLines, reviewTaskLines, type TaskInfo } from '../exam/text.js';
import type { ExamReview, ExamState, ExamTask } from '../exam/types.js';
import { renderMarkdown } from './markdown.js';
import { mdRows, type Row, type Span, type Tone } from './row-model.js';
import { fit, truncate, width, wrap } from './text.js';

const rule = (cols: number): Row => ({ spans: [{ text: '─'.repeat(Math.max(10, cols)), tone: 'muted' }] });

/** The countdown: always on screen; its warning tone for the last five minutes, and words too (NO_COLOR). */
export function clockSpans(s: ExamState, nowMs: number, lang: Lang): Span[] {
  const m = examMessages(lang);
  const left = remainingMs(s, nowMs);
  if (left <= 0) return [{ text: `⏱ ${m.timeUp}`, tone: 'bad', bold: true }];
  const warn = inWarning(s, nowMs);
  return [{ text: `⏱ ${m.left(formatClock(left))}`, tone: warn ? 'warn' : 'accent', bold: true }, ...(warn ? [{ text: `  ${m.warnFive}`, tone: 'warn' as Tone }] : [])];
}

export function examHeader(s: ExamState, nowMs: number, lang: Lang, cols: number, view?: string): Row[] {
  const m = examMessages(lang);
  const c = counts(s);
  return [
    {
      spans: [
        { text: 'kubedrill · ', tone: 'muted' },
        { text: `${m.exam} ${s.id}`, tone: 'accent', bold: true },
        ...(view ? [{ text: ` › ${view}`, tone: 'accent' as Tone }] : []),
        { text: '   ' },
        ...clockSpans(s, nowMs, lang),
        { text: `   ${m.answeredCount(c.answered, c.tasks)}${c.flagged > 0 ? ` · ${m.flaggedCount(c.flagged)}` : ''}`, tone: 'muted' },
      ],
    },
    { spans: [{ text: truncate(m.noFeedback, cols), tone: 'muted' }] },
    rule(cols),
  ];
}

const STATUS_TONE = { 'not-visited': 'muted', visited: 'warn', answered: 'ok' } as const satisfies Record<ReturnType<typeof taskStatus>, Tone>;

/** One row per task: number and weight, status, flag, domain, title; `sel` is the selected task. */
export function taskListRows(s: ExamState, sel: number, titleOf: (t: ExamTask) => string, lang: Lang, cols: number): Row[] {
  const m = examMessages(lang);
  const statusW = Math.max(...Object.values(m.status).map((x) => width(x)));
  const taskW = Math.max(...s.tasks.map((t) => width(m.task(t.n, t.weight))));
  return s.tasks.map((t) => {
    const mark = t.n === sel ? '› ' : '  ';
    const left = `${mark}${fit(m.task(t.n, t.weight), taskW)}  `;
    const status = fit(m.status[taskStatus(t)], statusW);
    const flag = t.flagged ? ' ⚑ ' : '   ';
    const domainW = Math.min(28, Math.max(10, Math.floor(cols / 4)));
    const rest = Math.max(0, cols - width(left) - statusW - flag.length - domainW - 2);
    return {
      spans: [
        { text: left, ...(t.n === sel ? { tone: 'accent' as Tone, bold: true } : {}) },
        { text: status, tone: STATUS_TONE[taskStatus(t)] },
        { text: flag, tone: 'warn' },
        { text: fit(t.domain, domainW) + '  ', tone: 'muted' },
        { text: truncate(titleOf(t), rest), ...(t.n === sel ? { bold: true } : {}) },
      ],
    };
  });
}

/** One task during the exam: its title, weight, status, file and text; no hints, no checks. */
export function taskRows(t: ExamTask, ex: Exercise, file: string, lang: Lang, cols: number): Row[] {
  const m = examMessages(lang);
  return [
    { spans: [{ text: m.task(t.n, t.weight), tone: 'accent', bold: true }, { text: `  ${ex.title[lang]}`, bold: true }] },
    { spans: [{ text: `${m.status[taskStatus(t)]}${t.flagged ? ` · ⚑ ${m.flagged}` : ''} · ${t.domain}`, tone: 'muted' }] },
    { spans: [{ text: `${m.file}: ` }, { text: file, tone: 'code' }] },
    { spans: [] },
    ...mdRows(renderMarkdown(ex.task[lang], cols)),
  ];
}

function lineTone(line: string): Tone | undefined {
  if (line.startsWith('  ✓')) return 'ok';
  if (line.startsWith('  ✗')) return 'bad';
  return undefined;
}

/** Lines of the plain review as rows: wrapped under their own indentation, ✓ and ✗ lines toned. */
const textRows = (lines: readonly string[], cols: number, first?: Tone): Row[] =>
  lines.flatMap((l, i) => {
    const lead = /^ */.exec(l)![0];
    const hang = lead === '' ? '' : '   ';
    const tone = i === 0 && first ? first : lineTone(l);
    return wrap(l.slice(lead.length), Math.max(10, cols - lead.length - hang.length)).map((w, j) => ({
      spans: [{ text: (j === 0 ? lead : lead + hang) + w, ...(tone ? { tone } : {}) }],
    }));
  });

export function reviewHeader(s: ExamState, r: ExamReview, lang: Lang, cols: number, view?: string): Row[] {
  const [head, score] = reviewHeadLines(s, r, lang);
  return [
    { spans: [{ text: 'kubedrill · ', tone: 'muted' }, { text: head!, tone: 'accent', bold: true }, ...(view ? [{ text: ` › ${view}`, tone: 'accent' as Tone }] : [])] },
    { spans: [{ text: score!, tone: r.passed ? 'ok' : 'bad', bold: true }] },
    rule(cols),
  ];
}

/** The review list: a row per task (selectable), then the domains. */
export function reviewRows(r: ExamReview, sel: number, titleOf: (n: number) => string, lang: Lang, cols: number): Row[] {
  const m = examMessages(lang);
  const taskW = Math.max(...r.tasks.map((t) => width(m.task(t.n, t.weight))));
  const rows: Row[] = r.tasks.map((t) => ({
    spans: [
      { text: `${t.n === sel ? '› ' : '  '}${fit(m.task(t.n, t.weight), taskW)}  `, ...(t.n === sel ? { tone: 'accent' as Tone, bold: true } : {}) },
      { text: t.passed ? '✓ ' : '✗ ', tone: t.passed ? 'ok' : 'bad' },
      { text: fit(`${t.score}/${t.maxScore}`, 6) },
      { text: fit(`→ ${m.earned(pct(t.earned), t.weight)}`, 16), tone: 'muted' },
      { text: truncate(`${titleOf(t.n)}  [${t.domain}]`, Math.max(0, cols - taskW - 28)) },
    ],
  }));
  rows.push({ spans: [] }, ...textRows(reviewDomainLines(r, lang), cols, 'accent'));
  rows.push({ spans: [] }, { spans: [{ text: m.solutionsNow, tone: 'muted' }] });
  return rows;
}

export function reviewTaskRows(r: ExamReview, n: number, info: TaskInfo, lang: Lang, cols: number): Row[] {
  const t = r.tasks[n - 1];
  return t ? textRows(reviewTaskLines(t, info, lang), cols, 'accent') : [];
}
