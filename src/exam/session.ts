// The exam's edge: files and grading. Starts an exam (its folder, the starters copied in), sees
// which answers differ from their starters, grades a submitted exam and turns it into a history
// entry. The clock is a parameter; the decisions are the pure model's (model.ts, score.ts).
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Pack } from '../exercises/pack.js';
import type { ExamRecord } from '../exercises/progress.js';
import type { Exercise, Lang } from '../exercises/types.js';
import type { GradeResult } from '../grade/types.js';
import { defaultMinutes, drawTasks, DEFAULT_TASKS } from './draw.js';
import { createExam, examIdAt, setAnswered } from './model.js';
import { scoreExam, withReview } from './score.js';
import { examFolder, taskPath } from './store.js';
import type { Clock, ExamReview, ExamState } from './types.js';

export interface ExamOptions {
  tasks?: number;
  minutes?: number;
  seed?: number;
}

const exerciseOf = (pack: Pack, id: string): Exercise | undefined => pack.exercises.find((e) => e.id === id);
const starterOf = (ex: Exercise) => ex.starterPath ?? path.join(ex.path, ex.file);

/** The task's exercise ids that the pack does not have (an exam started on another pack). */
export function missingExercises(s: ExamState, pack: Pack): string[] {
  return s.tasks.filter((t) => !exerciseOf(pack, t.exerciseId)).map((t) => t.exerciseId);
}

export function taskExercise(s: ExamState, pack: Pack, n: number): Exercise {
  const t = s.tasks[n - 1];
  const ex = t && exerciseOf(pack, t.exerciseId);
  if (!ex) throw new Error(`exam task ${n} has no exercise in the pack (checked by missingExercises first)`);
  return ex;
}

/**
 * A new exam: N tasks drawn with the seed (default: from the clock), its folder made and each
 * starter copied in. The state is not saved here (the caller saves, archiving the one it replaces).
 */
export function startExam(pack: Pack, workspaceDir: string, clock: Clock, o: ExamOptions = {}): ExamState {
  const now = clock.now();
  const seed = o.seed ?? (now % 2 ** 31);
  const drawn = drawTasks(pack.exercises, o.tasks ?? Math.min(DEFAULT_TASKS, pack.exercises.length), seed);
  const picked = drawn.map((t) => exerciseOf(pack, t.exerciseId)!);
  let id = examIdAt(now);
  for (let i = 2; existsSync(examFolder(workspaceDir, id)); i++) id = `${examIdAt(now)}-${i}`;
  const state = createExam({ id, seed, minutes: o.minutes ?? defaultMinutes(picked), nowMs: now, tasks: drawn, fileOf: (eid) => exerciseOf(pack, eid)!.file });
  ensureTaskFiles(state, pack, workspaceDir);
  return state;
}

/** Copies a task's starter in when its file is missing (never over an answer). */
export function ensureTaskFiles(s: ExamState, pack: Pack, workspaceDir: string): void {
  mkdirSync(examFolder(workspaceDir, s.id), { recursive: true });
  for (const t of s.tasks) {
    const file = taskPath(workspaceDir, s, t);
    if (!existsSync(file)) copyFileSync(starterOf(taskExercise(s, pack, t.n)), file);
  }
}

function sameBytes(a: string, b: string): boolean {
  try {
    return readFileSync(a).equals(readFileSync(b));
  } catch {
    return false;
  }
}

function fileDiffers(s: ExamState, pack: Pack, workspaceDir: string, n: number): boolean {
  const file = taskPath(workspaceDir, s, s.tasks[n - 1]!);
  return existsSync(file) && !sameBytes(file, starterOf(taskExercise(s, pack, n)));
}

/** Task n is answered once its file differs from the starter (a deleted file is not an answer). */
export function observeAnswer(s: ExamState, pack: Pack, workspaceDir: string, n: number): ExamState {
  return s.tasks[n - 1] ? setAnswered(s, n, fileDiffers(s, pack, workspaceDir, n)) : s;
}

export function observeAnswers(s: ExamState, pack: Pack, workspaceDir: string): ExamState {
  return s.tasks.reduce((acc, t) => observeAnswer(acc, pack, workspaceDir, t.n), s);
}

export interface GradeExamOptions {
  lang: Lang;
  /** file names in messages are relative to it */
  cwd: string;
  cacheDir?: string;
}

/** Grades every task of a submitted exam and attaches the review. The results keep their traces. */
export async function gradeExam(s: ExamState, pack: Pack, workspaceDir: string, o: GradeExamOptions): Promise<{ state: ExamState; results: GradeResult[] }> {
  const g = await import('../grade/index.js');
  // Whether each task was answered is decided by the files as they are now, the moment of grading
  // (the model freezes a submitted exam's flags, so they are set here directly).
  s = { ...s, tasks: s.tasks.map((t) => ({ ...t, answered: fileDiffers(s, pack, workspaceDir, t.n) })) };
  const results: GradeResult[] = [];
  for (const t of s.tasks) {
    const ex = taskExercise(s, pack, t.n);
    const file = taskPath(workspaceDir, s, t);
    const rel = path.relative(o.cwd, file);
    const displayName = rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
    await g.prepareExercise(ex);
    results.push(g.gradeFile(ex, file, { lang: o.lang, displayName, ...(o.cacheDir ? { cacheDir: o.cacheDir } : {}) }));
  }
  return { state: withReview(s, scoreExam(s, results)), results };
}

/** The history entry of a graded exam. */
export function examRecord(s: ExamState, review: ExamReview): ExamRecord {
  return {
    id: s.id,
    date: new Date(review.submittedAtMs).toISOString(),
    seed: s.seed,
    minutes: Math.round(s.durationMs / 60_000),
    usedMs: review.usedMs,
    score: review.score,
    passed: review.passed,
    submittedBy: review.submittedBy,
    tasks: review.tasks.map((t) => ({ exerciseId: t.exerciseId, domain: t.domain, weight: t.weight, score: t.score, maxScore: t.maxScore, passed: t.passed })),
    domains: review.domains.map((d) => ({ domain: d.domain, score: d.score, weight: d.weight })),
  };
}
