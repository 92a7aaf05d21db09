// The exam as a pure state machine: creation, the countdown, visits, flags, answers, submission.
// Every function takes the clock's reading as an argument and returns a new state; nothing here
// reads the time, the disk or the terminal.
//
// The clock runs while kubedrill is closed, as the real exam's does (its timer does not stop when
// the browser tab closes): time between two readings counts whether or not kubedrill was running
// in between. A clock that jumps backwards never gives time back nor takes it: the step back counts
// as zero and the count goes on from the new reading.
import type { DrawnTask } from './draw.js';
import { EXAM_FORMAT, WARNING_MS, type ExamState, type ExamTask, type TaskStatus } from './types.js';

/** "20261207-132200" (UTC) for a start time. */
export function examIdAt(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2026-12-07T13:22:00.000Z
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}-${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`;
}

/** The answer file's name in the exam folder: the task number keeps two tasks' files apart. */
export const taskFileName = (n: number, exerciseFile: string): string => `${n}-${exerciseFile.replace(/[\\/]/g, '-')}`;

export interface NewExam {
  id: string;
  seed: number;
  minutes: number;
  nowMs: number;
  tasks: readonly DrawnTask[];
  /** each drawn exercise's file name (Exercise.file) */
  fileOf: (exerciseId: string) => string;
}

export function createExam(o: NewExam): ExamState {
  return {
    format: EXAM_FORMAT,
    id: o.id,
    seed: o.seed,
    durationMs: Math.round(o.minutes * 60_000),
    startedAtMs: o.nowMs,
    usedMs: 0,
    lastSeenMs: o.nowMs,
    tasks: o.tasks.map((t, i) => ({
      n: i + 1,
      exerciseId: t.exerciseId,
      domain: t.domain,
      weight: t.weight,
      file: taskFileName(i + 1, o.fileOf(t.exerciseId)),
      visited: false,
      flagged: false,
      answered: false,
    })),
    current: 1,
    phase: { kind: 'running' },
  };
}

const usedAt = (s: ExamState, nowMs: number): number => Math.min(s.durationMs, s.usedMs + Math.max(0, nowMs - s.lastSeenMs));

/** Brings the used time up to `nowMs`. A submitted exam's clock has stopped. */
export function observe(s: ExamState, nowMs: number): ExamState {
  if (s.phase.kind !== 'running') return s;
  const usedMs = usedAt(s, nowMs);
  if (usedMs === s.usedMs && nowMs === s.lastSeenMs) return s;
  return { ...s, usedMs, lastSeenMs: nowMs };
}

export function remainingMs(s: ExamState, nowMs: number): number {
  if (s.phase.kind !== 'running') return Math.max(0, s.durationMs - s.usedMs);
  return s.durationMs - usedAt(s, nowMs);
}

export const isTimeUp = (s: ExamState, nowMs: number): boolean => s.phase.kind === 'running' && remainingMs(s, nowMs) <= 0;

export const inWarning = (s: ExamState, nowMs: number): boolean => remainingMs(s, nowMs) <= WARNING_MS;

/** mm:ss, rounded up (00:00 only once the time is really up); minutes go past 59 ("120:00"). */
export function formatClock(ms: number): string {
  const secs = Math.max(0, Math.ceil(ms / 1000));
  return `${String(Math.floor(secs / 60)).padStart(2, '0')}:${String(secs % 60).padStart(2, '0')}`;
}

function withTask(s: ExamState, n: number, f: (t: ExamTask) => ExamTask): ExamState {
  if (s.phase.kind !== 'running') return s;
  let changed = false;
  const tasks = s.tasks.map((t) => {
    if (t.n !== n) return t;
    const u = f(t);
    changed ||= u.visited !== t.visited || u.flagged !== t.flagged || u.answered !== t.answered;
    return u;
  });
  return changed ? { ...s, tasks } : s;
}

/** Opens task n: it is visited and becomes the current one. */
export function visit(s: ExamState, n: number): ExamState {
  if (s.phase.kind !== 'running' || !s.tasks.some((t) => t.n === n)) return s;
  const v = withTask(s, n, (t) => ({ ...t, visited: true }));
  return v.current === n ? v : { ...v, current: n };
}

export const toggleFlag = (s: ExamState, n: number): ExamState => withTask(s, n, (t) => ({ ...t, flagged: !t.flagged }));

/** Records what the edge saw: the answer file differs from its starter (or no longer does). */
export const setAnswered = (s: ExamState, n: number, answered: boolean): ExamState => withTask(s, n, (t) => ({ ...t, answered }));

export function taskStatus(t: ExamTask): TaskStatus {
  return t.answered ? 'answered' : t.visited ? 'visited' : 'not-visited';
}

/** Ends the exam at `nowMs`: by the learner, or because the time ran out (then at the deadline). */
export function submit(s: ExamState, nowMs: number, by: 'learner' | 'timeout'): ExamState {
  if (s.phase.kind !== 'running') return s;
  const o = observe(s, nowMs);
  return { ...o, phase: { kind: 'submitted', atMs: nowMs, by } };
}

/** Submits the exam if its time is up: call on every tick and when resuming. */
export function autoSubmit(s: ExamState, nowMs: number): ExamState {
  return isTimeUp(s, nowMs) ? submit(s, nowMs, 'timeout') : observe(s, nowMs);
}

export const counts = (s: ExamState) => ({
  tasks: s.tasks.length,
  answered: s.tasks.filter((t) => t.answered).length,
  flagged: s.tasks.filter((t) => t.flagged).length,
  visited: s.tasks.filter((t) => t.visited).length,
});
