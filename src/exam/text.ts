// The exam as plain text (kubedrill exam --plain, --history) and as JSON: the task sheet with the
// time left, and the review. Pure: paths, titles and task texts are handed in.
import type { ExamRecord } from '../exercises/progress.js';
import type { Lang } from '../exercises/types.js';
import { examMessages } from './messages.js';
import { counts, formatClock, remainingMs, taskStatus } from './model.js';
import type { ExamReview, ExamState, ExamTask, TaskReview } from './types.js';

export interface TaskInfo {
  title: string;
  /** the task text (markdown) */
  text: string;
  /** the answer file as the learner should open it */
  file: string;
  /** the reference answer's path (shown in the review only) */
  solution: string;
}

export const pct = (x: number): string => (Number.isInteger(x) ? String(x) : x.toFixed(2).replace(/0$/, ''));
const indent = (text: string, pad: string): string =>
  text
    .replace(/\n+$/, '')
    .split('\n')
    .map((l) => (l === '' ? '' : pad + l))
    .join('\n');

export function statusWords(t: ExamTask, lang: Lang): string {
  const m = examMessages(lang);
  return m.status[taskStatus(t)] + (t.flagged ? `, ${m.flagged}` : '');
}

/** The task sheet: heading with the time left, then every task with its weight, status, file and text. */
export function formatSheet(s: ExamState, nowMs: number, info: (t: ExamTask) => TaskInfo, lang: Lang, submitCmd: string): string {
  const m = examMessages(lang);
  const c = counts(s);
  const left = remainingMs(s, nowMs);
  const out = [
    `${m.heading(s.id, s.tasks.length, formatClock(s.durationMs))} · ${left > 0 ? m.left(formatClock(left)) : m.timeUp}`,
    `${m.answeredCount(c.answered, c.tasks)}${c.flagged > 0 ? ` · ${m.flaggedCount(c.flagged)}` : ''}`,
    m.noFeedback,
    m.plainHowTo(submitCmd),
    '',
  ];
  for (const t of s.tasks) {
    const i = info(t);
    out.push(`${m.task(t.n, t.weight)}  [${statusWords(t, lang)}]  ${t.domain}`);
    out.push(`  ${i.title}`);
    out.push(`  ${m.file}: ${i.file}`);
    out.push('');
    out.push(indent(i.text, '    '));
    out.push('');
  }
  return out.join('\n') + '\n';
}

/** The review's opening lines: who submitted, when, the score and the verdict. */
export function reviewHeadLines(s: ExamState, r: ExamReview, lang: Lang): string[] {
  const m = examMessages(lang);
  return [
    m.reviewHeading(s.id, formatClock(r.usedMs), formatClock(r.durationMs), m.submittedBy[r.submittedBy]),
    `${m.scoreLine(pct(r.score), r.passMark)} — ${r.passed ? m.passed : m.failed}`,
  ];
}

/** One task of the review: score and weight, each failed check with its reason and position, the first divergence. */
export function reviewTaskLines(t: TaskReview, i: TaskInfo, lang: Lang): string[] {
  const m = examMessages(lang);
  const out = [
    `${m.task(t.n, t.weight)}  ${t.exerciseId} — ${i.title}  [${t.domain}]`,
    `  ${t.passed ? '✓' : '✗'} ${t.passed ? m.taskPassed : m.taskFailed}  ${m.points(t.score, t.maxScore)}  → ${m.earned(pct(t.earned), t.weight)}${t.answered ? '' : `  (${m.notAnswered})`}`,
  ];
  for (const f of t.failed) {
    const where = f.file !== undefined ? ` (${f.file}${f.line !== undefined ? `:${f.line}:${f.col ?? 1}` : ''})` : '';
    out.push(`  ✗ ${f.title} — ${f.message}${where}`);
  }
  if (t.divergence) out.push(`  ${m.firstDifference}: ${t.divergence}`);
  out.push(`  ${m.reference}: ${i.solution}`);
  return out;
}

export function reviewDomainLines(r: ExamReview, lang: Lang): string[] {
  const m = examMessages(lang);
  const w = Math.max(...r.domains.map((d) => d.domain.length));
  return [m.byDomain, ...r.domains.map((d) => `  ${d.domain.padEnd(w)}  ${pct(d.score).padStart(6)} %   ${m.domainRow(d.tasks, d.weight)}`)];
}

export function formatReview(s: ExamState, r: ExamReview, info: (t: ExamTask) => TaskInfo, lang: Lang): string {
  const out = [...reviewHeadLines(s, r, lang), ''];
  for (const t of r.tasks) out.push(...reviewTaskLines(t, info(s.tasks[t.n - 1]!), lang), '');
  out.push(...reviewDomainLines(r, lang));
  return out.join('\n') + '\n';
}

export function sheetJson(s: ExamState, nowMs: number, info: (t: ExamTask) => TaskInfo): unknown {
  return {
    format: 'kubedrill-exam-sheet/1',
    id: s.id,
    seed: s.seed,
    phase: s.phase.kind,
    minutes: s.durationMs / 60_000,
    remainingMs: remainingMs(s, nowMs),
    usedMs: s.durationMs - remainingMs(s, nowMs),
    tasks: s.tasks.map((t) => {
      const i = info(t);
      return { n: t.n, exerciseId: t.exerciseId, domain: t.domain, weight: t.weight, status: taskStatus(t), flagged: t.flagged, title: i.title, file: i.file, text: i.text };
    }),
  };
}

export function reviewJson(s: ExamState, r: ExamReview, info: (t: ExamTask) => TaskInfo): unknown {
  return {
    format: 'kubedrill-exam-review/1',
    id: s.id,
    seed: s.seed,
    ...r,
    tasks: r.tasks.map((t) => {
      const i = info(s.tasks[t.n - 1]!);
      return { ...t, title: i.title, file: i.file, solution: i.solution };
    }),
  };
}

export function formatHistory(exams: readonly ExamRecord[], lang: Lang): string {
  const m = examMessages(lang);
  if (exams.length === 0) return m.noHistory + '\n';
  const lines = [m.history];
  for (const e of [...exams].sort((a, b) => (a.date < b.date ? -1 : 1))) {
    lines.push(`  ${m.historyRow(e.date.slice(0, 16).replace('T', ' '), pct(e.score).padStart(6), e.passed ? m.passed : m.failed, e.tasks.length, e.minutes)}`);
    lines.push(`    ${e.domains.map((d) => `${d.domain} ${pct(d.score)} %`).join(' · ')}`);
  }
  return lines.join('\n') + '\n';
}
