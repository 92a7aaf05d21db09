// The exam state file: kubedrill-workspace/exam/current.json, written atomically (temp + rename) on
// every change. A corrupt or foreign file is kept as current.json.corrupt-N and reported, never a crash.
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { ioReason, writeFileInside } from '../exercises/workspace.js';
import { EXAM_FORMAT, type ExamState, type ExamTask } from './types.js';

export const EXAM_DIR = 'exam';
export const STATE_FILE = 'current.json';

export const examRoot = (workspaceDir: string): string => path.join(workspaceDir, EXAM_DIR);
export const statePath = (workspaceDir: string): string => path.join(examRoot(workspaceDir), STATE_FILE);
export const examFolder = (workspaceDir: string, id: string): string => path.join(examRoot(workspaceDir), id);
export const taskPath = (workspaceDir: string, s: Pick<ExamState, 'id'>, t: Pick<ExamTask, 'file'>): string => path.join(examFolder(workspaceDir, s.id), t.file);

export type LoadedState =
  | { kind: 'none' }
  | { kind: 'ok'; state: ExamState }
  /** the file was unusable: it was moved to `backup` (or could not be, `backup` undefined) */
  | { kind: 'corrupt'; file: string; reason: string; backup?: string; why?: string };

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isNat = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0;

/** The reason a parsed value is not an exam state, or undefined when it is one. */
export function stateProblem(v: unknown): string | undefined {
  if (!isObj(v)) return 'not a kubedrill exam state (not an object)';
  if (v.format !== EXAM_FORMAT) return `not a kubedrill exam state (format ${JSON.stringify(v.format ?? null)}, expected "${EXAM_FORMAT}")`;
  if (typeof v.id !== 'string' || !/^[0-9A-Za-z-]+$/.test(v.id)) return 'the exam id is missing or not a plain name';
  for (const k of ['seed', 'durationMs', 'startedAtMs', 'usedMs', 'lastSeenMs', 'current'] as const) {
    if (!isNat(v[k])) return `"${k}" is not a whole number`;
  }
  if (!Array.isArray(v.tasks) || v.tasks.length === 0) return 'it has no tasks';
  for (const [i, t] of (v.tasks as unknown[]).entries()) {
    if (!isObj(t) || t.n !== i + 1 || typeof t.exerciseId !== 'string' || typeof t.domain !== 'string' || !isNat(t.weight)) return `task ${i + 1} is malformed`;
    if (typeof t.file !== 'string' || t.file === '' || t.file.includes('/') || t.file.includes('\\') || t.file.startsWith('.')) return `task ${i + 1}'s file is not a plain file name`;
    if (typeof t.visited !== 'boolean' || typeof t.flagged !== 'boolean' || typeof t.answered !== 'boolean') return `task ${i + 1}'s status is malformed`;
  }
  if ((v.current as number) < 1 || (v.current as number) > v.tasks.length) return '"current" is not one of its tasks';
  const ph = v.phase;
  if (!isObj(ph) || (ph.kind !== 'running' && !(ph.kind === 'submitted' && isNat(ph.atMs) && (ph.by === 'learner' || ph.by === 'timeout')))) return 'its phase is malformed';
  if (v.review !== undefined && !reviewOk(v.review, v.tasks.length)) return 'its review is malformed';
  return undefined;
}

function reviewOk(r: unknown, tasks: number): boolean {
  const num = (x: unknown) => typeof x === 'number' && Number.isFinite(x);
  const str = (x: unknown) => typeof x === 'string';
  if (!isObj(r) || !num(r.score) || !num(r.passMark) || typeof r.passed !== 'boolean' || !num(r.usedMs) || !num(r.durationMs) || !num(r.submittedAtMs)) return false;
  if (r.submittedBy !== 'learner' && r.submittedBy !== 'timeout') return false;
  if (!Array.isArray(r.tasks) || r.tasks.length !== tasks || !Array.isArray(r.domains)) return false;
  const taskOk = (t: unknown, i: number) =>
    isObj(t) && t.n === i + 1 && str(t.exerciseId) && str(t.domain) && num(t.weight) && num(t.score) && num(t.maxScore) && num(t.earned) &&
    typeof t.passed === 'boolean' && typeof t.answered === 'boolean' && (t.divergence === undefined || str(t.divergence)) &&
    Array.isArray(t.failed) && (t.failed as unknown[]).every((f) => isObj(f) && str(f.title) && str(f.message) && (f.file === undefined || str(f.file)));
  const domainOk = (d: unknown) => isObj(d) && str(d.domain) && num(d.tasks) && num(d.weight) && num(d.earned) && num(d.score);
  return (r.tasks as unknown[]).every(taskOk) && (r.domains as unknown[]).every(domainOk);
}

function backupName(file: string): string {
  let n = 1;
  while (existsSync(`${file}.corrupt-${n}`)) n++;
  return `${file}.corrupt-${n}`;
}

/** The current exam, if any. An unusable file is moved aside (so a new exam can start) and reported. */
export function loadState(workspaceDir: string): LoadedState {
  const file = statePath(workspaceDir);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'none' };
    return { kind: 'corrupt', file, reason: `it could not be read (${ioReason(err)})`, why: ioReason(err) };
  }
  let raw: unknown;
  let reason: string | undefined;
  try {
    raw = JSON.parse(text);
    reason = stateProblem(raw);
  } catch {
    reason = 'not valid JSON';
  }
  if (reason === undefined) return { kind: 'ok', state: raw as ExamState };
  const backup = backupName(file);
  try {
    renameSync(file, backup);
    return { kind: 'corrupt', file, reason, backup };
  } catch (err) {
    return { kind: 'corrupt', file, reason, why: ioReason(err) };
  }
}

/** Writes the whole state to a temp file beside it, then renames it over the old one. */
export function saveState(workspaceDir: string, s: ExamState): void {
  const file = statePath(workspaceDir);
  mkdirSync(workspaceDir, { recursive: true });
  writeFileInside(workspaceDir, file, JSON.stringify(s, null, 2) + '\n');
}

/**
 * Before a new exam replaces the current one, the old state goes into its own folder
 * (exam/<id>/exam.json), beside its answers: nothing of it is lost.
 */
export function archiveState(workspaceDir: string, s: ExamState): string {
  const dir = examFolder(workspaceDir, s.id);
  const target = path.join(dir, 'exam.json');
  mkdirSync(workspaceDir, { recursive: true });
  writeFileInside(workspaceDir, target, JSON.stringify(s, null, 2) + '\n');
  return target;
}
