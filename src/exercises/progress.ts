// The learner's progress: a small JSON state file in the workspace, written atomically (temp file + rename).
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { GradeResult } from '../grade/types.js';
import type { Exercise, ExerciseProgress, Localized } from './types.js';
import type { Workspace } from './workspace.js';

export type Progress = { version: 1; exercises: Record<string, ExerciseProgress> };

export const PROGRESS_FILE = '.kubedrill-progress.json';
const NEW: ExerciseProgress = { status: 'new', hintsShown: 0, attempts: 0 };

export const emptyProgress = (): Progress => ({ version: 1, exercises: {} });

export function progressPath(ws: Workspace): string {
  return path.join(ws.dir, PROGRESS_FILE);
}

/** A missing or unreadable state file is a fresh start (never an error: it is ours, not the learner's). */
export function loadProgress(ws: Workspace): Progress {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(progressPath(ws), 'utf8'));
  } catch {
    return emptyProgress();
  }
  const out = emptyProgress();
  if (typeof raw !== 'object' || raw === null || (raw as { version?: unknown }).version !== 1) return out;
  const exs = (raw as { exercises?: unknown }).exercises;
  if (typeof exs !== 'object' || exs === null) return out;
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

/** Writes the whole file to a temp name in the same folder, then renames it over the old one. */
export function saveProgress(ws: Workspace, p: Progress): void {
  const target = progressPath(ws);
  mkdirSync(ws.dir, { recursive: true });
  const tmp = `${target}.tmp-${process.pid}`;
  const sorted: Progress = { version: 1, exercises: Object.fromEntries(Object.keys(p.exercises).sort().map((k) => [k, p.exercises[k]!])) };
  writeFileSync(tmp, JSON.stringify(sorted, null, 2) + '\n');
  renameSync(tmp, target);
}

export function progressOf(p: Progress, id: string): ExerciseProgress {
  return p.exercises[id] ?? { ...NEW };
}

const withExercise = (p: Progress, id: string, e: ExerciseProgress): Progress => ({ version: 1, exercises: { ...p.exercises, [id]: e } });

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
