// The learner's progress: a small JSON state file in the workspace, written atomically (temp file + rename).
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import type { GradeResult } from '../grade/types.js';
import type { Exercise, ExerciseProgress, Lang, Localized } from './types.js';
import { ioReason, writeFileInside, type Workspace } from './workspace.js';

/** One submitted mock exam (`kubedrill exam`), as the history keeps it. */
export interface ExamRecord {
  id: string;
  /** ISO 8601 (UTC), from the clock the command was given, when the exam was submitted */
  date: string;
  seed: number;
  minutes: number;
  /** milliseconds of exam time used */
  usedMs: number;
  /** weighted score in percent (0-100, two decimals) */
  score: number;
  passed: boolean;
  /** why it was submitted: by the learner, or because the time ran out */
  submittedBy: 'learner' | 'timeout';
  tasks: { exerciseId: string; domain: string; weight: number; score: number; maxScore: number; passed: boolean }[];
  domains: { domain: string; score: number; weight: number }[];
}

/** `exams` appeared after version 1 files were in use: a file without it still loads. */
export type Progress = { version: 1; exercises: Record<string, ExerciseProgress>; exams?: ExamRecord[] };

export const PROGRESS_FILE = '.kubedrill-progress.json';
const NEW: ExerciseProgress = { status: 'new', hintsShown: 0, attempts: 0 };

export const emptyProgress = (): Progress => ({ version: 1, exercises: {} });

export function progressPath(ws: Workspace): string {
  return path.join(ws.dir, PROGRESS_FILE);
}

/**
 * What loadProgress says about a state file it could not use. The learner's history must not be
 * lost silently: a corrupt or foreign file is kept as `<file>.corrupt-N` (N never reused), so the
 * next save cannot overwrite it, and the caller says so once (the backup means the next load finds
 * no file and says nothing).
 */
export type ProgressNotice =
  | { kind: 'corrupt'; file: string; reason: string; backup: string }
  | { kind: 'corrupt-kept'; file: string; reason: string; why: string }
  | { kind: 'unreadable'; file: string; why: string };

export interface LoadProgressOptions {
  /** told (once per load) when the file was there but could not be used */
  onNotice?: (n: ProgressNotice) => void;
}

const PROGRESS_TEXTS = {
  en: {
    corrupt: (n: { file: string; reason: string; backup: string }) =>
      `your progress file ${n.file} is ${n.reason}; it is kept as ${path.basename(n.backup)} and progress starts afresh`,
    kept: (n: { file: string; reason: string; why: string }) =>
      `your progress file ${n.file} is ${n.reason} and could not be backed up (${n.why}); progress is not saved over it this session`,
    unreadable: (n: { file: string; why: string }) => `your progress file ${n.file} could not be read (${n.why}); progress starts afresh`,
    notJson: 'not valid JSON',
    foreign: 'not a kubedrill progress file (or one from a newer kubedrill)',
  },
  ko: {
    corrupt: (n: { file: string; reason: string; backup: string }) =>
      `진행 파일 ${n.file}이(가) 손상되었습니다 (${n.reason}). ${path.basename(n.backup)}(으)로 보관하고 진행 상황을 새로 시작합니다`,
    kept: (n: { file: string; reason: string; why: string }) =>
      `진행 파일 ${n.file}이(가) 손상되었고 (${n.reason}) 백업하지 못했습니다 (${n.why}). 이번 세션에서는 그 위에 저장하지 않습니다`,
    unreadable: (n: { file: string; why: string }) => `진행 파일 ${n.file}을(를) 읽을 수 없습니다 (${n.why}). 진행 상황을 새로 시작합니다`,
    notJson: '올바른 JSON이 아님',
    foreign: 'kubedrill 진행 파일이 아님 (또는 더 새 버전의 파일)',
  },
} as const;

/** The notice as one line for stderr or the TUI's note; `cwd` shortens the file's path under it. */
export function progressNoticeText(notice: ProgressNotice, lang: Lang, cwd?: string): string {
  const t = PROGRESS_TEXTS[lang];
  const rel = cwd === undefined ? '' : path.relative(cwd, notice.file);
  const n = rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? { ...notice, file: rel } : notice;
  switch (n.kind) {
    case 'corrupt':
      return t.corrupt(n);
    case 'corrupt-kept':
      return t.kept(n);
    case 'unreadable':
      return t.unreadable(n);
  }
}

/** Files loadProgress found corrupt but could not move away: saving over them would lose them. */
const unmovable = new Set<string>();

/** `<file>.corrupt-N` for the first N not yet used. */
function backupName(file: string): string {
  let n = 1;
  while (existsSync(`${file}.corrupt-${n}`)) n++;
  return `${file}.corrupt-${n}`;
}

/**
 * A missing file is a fresh start. A file that is there but unusable (not JSON, not ours) is moved
 * to a numbered backup and reported through `onNotice`, then it is a fresh start too.
 */
export function loadProgress(ws: Workspace, opts: LoadProgressOptions = {}): Progress {
  const file = progressPath(ws);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') opts.onNotice?.({ kind: 'unreadable', file, why: ioReason(err) });
    return emptyProgress();
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return corrupt(file, 'notJson', opts);
  }
  const out = emptyProgress();
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || (raw as { version?: unknown }).version !== 1) return corrupt(file, 'foreign', opts);
  const exs = (raw as { exercises?: unknown }).exercises;
  if (typeof exs !== 'object' || exs === null || Array.isArray(exs)) return corrupt(file, 'foreign', opts);
  const exams = loadExams((raw as { exams?: unknown }).exams);
  if (exams.length > 0) out.exams = exams;
  for (const [id, v] of Object.entries(exs as Record<string, unknown>)) {
    if (typeof v !== 'object' || v === null) continue;
    const e = v as Record<string, unknown>;
    const status = e.status === 'done' || e.status === 'attempted' ? e.status : 'new';
    const nat = (x: unknown) => (typeof x === 'number' && Number.isInteger(x) && x >= 0 ? x : 0);
    out.exercises[id] = {
      status,
      hintsShown: nat(e.hintsShown),
      attempts: nat(e.attempts),
      ...(typeof e.lastScore === 'number' ? { lastScore: e.lastScore } : {}),
    };
  }
  return out;
}

function corrupt(file: string, reason: 'notJson' | 'foreign', opts: LoadProgressOptions): Progress {
  const why = PROGRESS_TEXTS.en[reason];
  const backup = backupName(file);
  try {
    renameSync(file, backup);
    unmovable.delete(file);
    opts.onNotice?.({ kind: 'corrupt', file, reason: why, backup });
  } catch (err) {
    unmovable.add(file);
    opts.onNotice?.({ kind: 'corrupt-kept', file, reason: why, why: ioReason(err) });
  }
  return emptyProgress();
}

/** The exam history, entry by entry: a malformed entry is left out, the others are kept. */
function loadExams(v: unknown): ExamRecord[] {
  if (!Array.isArray(v)) return [];
  const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
  const out: ExamRecord[] = [];
  for (const e of v as unknown[]) {
    if (typeof e !== 'object' || e === null) continue;
    const r = e as Record<string, unknown>;
    if (typeof r.id !== 'string' || typeof r.date !== 'string' || !isNum(r.score) || typeof r.passed !== 'boolean') continue;
    const tasks = Array.isArray(r.tasks) ? (r.tasks as unknown[]).filter((t): t is ExamRecord['tasks'][number] => {
      const x = t as Record<string, unknown> | null;
      return typeof x === 'object' && x !== null && typeof x.exerciseId === 'string' && typeof x.domain === 'string' && isNum(x.weight) && isNum(x.score) && isNum(x.maxScore) && typeof x.passed === 'boolean';
    }) : [];
    const domains = Array.isArray(r.domains) ? (r.domains as unknown[]).filter((d): d is ExamRecord['domains'][number] => {
      const x = d as Record<string, unknown> | null;
      return typeof x === 'object' && x !== null && typeof x.domain === 'string' && isNum(x.score) && isNum(x.weight);
    }) : [];
    out.push({
      id: r.id,
      date: r.date,
      seed: isNum(r.seed) ? r.seed : 0,
      minutes: isNum(r.minutes) ? r.minutes : 0,
      usedMs: isNum(r.usedMs) ? r.usedMs : 0,
      score: r.score,
      passed: r.passed,
      submittedBy: r.submittedBy === 'timeout' ? 'timeout' : 'learner',
      tasks,
      domains,
    });
  }
  return out;
}

/** Pure: the history with one more submitted exam (an exam already there, by id, is replaced). */
export function recordExam(p: Progress, rec: ExamRecord): Progress {
  const exams = [...(p.exams ?? []).filter((e) => e.id !== rec.id), rec];
  return { ...p, exams };
}

/** Writes the whole file to a temp name in the same folder, then renames it over the old one (writeFileInside). */
export function saveProgress(ws: Workspace, p: Progress): void {
  const target = progressPath(ws);
  mkdirSync(ws.dir, { recursive: true });
  if (unmovable.has(target)) throw Object.assign(new Error(`${target} is corrupt and could not be backed up`), { code: 'EEXIST' });
  const sorted: Progress = {
    version: 1,
    exercises: Object.fromEntries(Object.keys(p.exercises).sort().map((k) => [k, p.exercises[k]!])),
    ...(p.exams && p.exams.length > 0 ? { exams: p.exams } : {}),
  };
  // a fresh temp file, renamed over the old one: a link planted at either name is replaced, never followed
  writeFileInside(ws.dir, target, JSON.stringify(sorted, null, 2) + '\n');
}

export function progressOf(p: Progress, id: string): ExerciseProgress {
  return p.exercises[id] ?? { ...NEW };
}

const withExercise = (p: Progress, id: string, e: ExerciseProgress): Progress => ({ ...p, version: 1, exercises: { ...p.exercises, [id]: e } });

/** Pure: passed -> done; otherwise attempted, unless it was already done. */
export function recordAttempt(p: Progress, id: string, result: GradeResult): Progress {
  const prev = progressOf(p, id);
  const status = result.passed || prev.status === 'done' ? 'done' : 'attempted';
  return withExercise(p, id, { ...prev, status, attempts: prev.attempts + 1, lastScore: result.score });
}

/**
 * Pure: reveals the next hint tier. `index` is the 1-based number of the hint just revealed, or 0
 * when every hint was already shown (then `hint` is undefined and the caller lists them all).
 */
export function revealNextHint(p: Progress, ex: Exercise): { progress: Progress; hint?: Localized; index: number; total: number } {
  const prev = progressOf(p, ex.id);
  const total = ex.hints.length;
  if (prev.hintsShown >= total) return { progress: p, index: 0, total };
  const index = prev.hintsShown + 1;
  return { progress: withExercise(p, ex.id, { ...prev, hintsShown: index }), hint: ex.hints[index - 1]!, index, total };
}

/** For CLI commands: the notice as one `kubedrill: ...` line on stderr. */
export function noticeToStderr(stderr: { write(s: string): unknown }, lang: Lang): LoadProgressOptions {
  return { onNotice: (n) => void stderr.write(`kubedrill: ${progressNoticeText(n, lang)}\n`) };
}
