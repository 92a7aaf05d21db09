// The exercise list as data: filtering by status, searching by name or tag, and the table rows.
import type { Exercise, ExerciseStatus, Lang } from '../exercises/types.js';
import type { Messages } from './messages.js';
import { type Row, type Span } from './row-model.js';
import { progressOf, type ProgressSnapshot } from './services.js';
import { fit, width as textWidth } from './text.js';

export type StatusFilter = 'all' | ExerciseStatus;
export const FILTER_CYCLE: readonly StatusFilter[] = ['all', 'new', 'attempted', 'done'];

export interface ListState {
  /** id of the highlighted exercise */
  selectedId?: string;
  filter: StatusFilter;
  query: string;
  searching: boolean;
}

export const INITIAL_LIST: ListState = { filter: 'all', query: '', searching: false };

export function nextFilter(f: StatusFilter): StatusFilter {
  return FILTER_CYCLE[(FILTER_CYCLE.indexOf(f) + 1) % FILTER_CYCLE.length]!;
}

/** Does the exercise match a search query? Title (both languages), id, folder and tags; case-insensitive. */
export function matches(ex: Exercise, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (q === '') return true;
  const hay = [ex.id, ex.dir, ex.title.en, ex.title.ko, ex.domain, ...ex.tags].map((s) => s.toLowerCase());
  return q.split(/\s+/).every((word) => hay.some((h) => h.includes(word)));
}

export function visibleExercises(all: readonly Exercise[], progress: ProgressSnapshot, st: ListState): Exercise[] {
  return all.filter(
    (ex) => (st.filter === 'all' || progressOf(progress, ex.id).status === st.filter) && matches(ex, st.query),
  );
}

export function selectedIndex(visible: readonly Exercise[], id: string | undefined): number {
  const i = visible.findIndex((e) => e.id === id);
  return i < 0 ? 0 : i;
}

export function statusSpan(status: ExerciseStatus, m: Messages): Span {
  switch (status) {
    case 'done':
      return { text: `✓ ${m.done}`, tone: 'ok' };
    case 'attempted':
      return { text: `✗ ${m.attempted}`, tone: 'warn' };
    case 'new':
      return { text: `· ${m.new}`, tone: 'muted' };
  }
}

/** `[████░░░░] 3/10 done` scaled to `cols` columns for the bar itself. */
export function progressBar(done: number, total: number, cols: number): string {
  const n = Math.max(4, cols);
  const filled = total === 0 ? 0 : Math.round((done / total) * n);
  return `[${'█'.repeat(filled)}${'░'.repeat(n - filled)}]`;
}

const number = (ex: Exercise): string => /^(\d+)/.exec(ex.dir)?.[1] ?? '';

/** Table rows for the visible exercises, `selected` highlighted, fitted to `cols`. */
export function listRows(
  visible: readonly Exercise[],
  progress: ProgressSnapshot,
  selected: number,
  cols: number,
  lang: Lang,
  m: Messages,
): Row[] {
  const statusW = Math.max(...[m.done, m.attempted, m.new].map(textWidth)) + 2;
  const diffW = 6;
  const timeW = Math.max(...visible.map((e) => textWidth(m.minutes(e.timeBudget))), 6);
  const numW = 3;
  const idW = Math.min(22, Math.max(8, ...visible.map((e) => textWidth(e.id))));
  const fixed = 2 + numW + 1 + statusW + 1 + idW + 1 + 1 + diffW + 1 + timeW + 1;
  const rest = Math.max(10, cols - fixed);
  const domainW = rest >= 60 ? Math.min(34, Math.floor(rest * 0.4)) : 0;
  const titleW = rest - (domainW > 0 ? domainW + 1 : 0);
  return visible.map((ex, i) => {
    const sel = i === selected;
    const p = progressOf(progress, ex.id);
    const st = statusSpan(p.status, m);
    const spans: Span[] = [
      { text: sel ? '› ' : '  ', tone: 'accent', bold: true },
      { text: fit(number(ex), numW) + ' ', tone: 'muted' },
      { ...st, text: fit(st.text, statusW) + ' ' },
      { text: fit(ex.id, idW) + ' ', bold: sel },
      { text: fit(ex.title[lang], titleW) + ' ', tone: sel ? 'accent' : undefined, bold: sel },
      { text: fit(ex.difficulty, diffW) + ' ', tone: ex.difficulty === 'hard' ? 'bad' : ex.difficulty === 'medium' ? 'warn' : 'ok' },
      { text: fit(m.minutes(ex.timeBudget), timeW, 'right') + ' ', tone: 'muted' },
    ];
    if (domainW > 0) spans.push({ text: fit(ex.domain, domainW), tone: 'muted' });
    return { spans: spans.map((s) => (s.tone === undefined ? { text: s.text, ...(s.bold ? { bold: true } : {}) } : s)) };
  });
}
