// What the exam screens need from the rest of kubedrill, as one injectable object (like services.ts
// for the exercise screens): the command wires the real files, grader and clock; tests wire fakes.
import { readFileSync } from 'node:fs';
import type { Exercise, Lang } from '../exercises/types.js';
import { ioReason } from '../exercises/workspace.js';
import { observeAnswer, taskExercise } from '../exam/session.js';
import { saveState, taskPath } from '../exam/store.js';
import type { Clock, ExamState, ExamTask } from '../exam/types.js';
import { runEditor } from './editor.js';
import { shownPath } from './ExerciseScreen.js';
import type { EditOutcome } from './services.js';
import type { RealServicesOptions } from './real-services.js';

export interface ExamServices {
  lang: Lang;
  color: boolean;
  clock: Clock;
  exercise(s: ExamState, n: number): Exercise;
  /** the answer file, absolute */
  taskFile(s: ExamState, t: ExamTask): string;
  /** a path as the learner reads it (relative to where kubedrill was started) */
  shown(file: string): string;
  /** writes the state file; returns why it failed, if it did */
  save(s: ExamState): string | undefined;
  /** the state with task n's answered flag as the file now is */
  observeAnswer(s: ExamState, n: number): ExamState;
  /** runs $VISUAL/$EDITOR with the UI suspended (the exercise screen's editor) */
  edit(file: string): Promise<EditOutcome>;
  /** grades a submitted exam, saves it and records it in the history; `warn` collects what went wrong */
  finish(s: ExamState, warn: (message: string) => void): Promise<ExamState>;
  /** the reference answer's text (the review only) */
  solutionText(s: ExamState, n: number): string | undefined;
  /** archives `previous` and starts a new exam (the resume prompt's `n`) */
  startNew(previous: ExamState): ExamState;
  /** told of every state the screen moves to (the command prints the time left at the end) */
  onState?(s: ExamState): void;
}

/** What the TUI's services are made of (its reference-trace cache aside), and the exam's clock and hooks. */
export interface RealExamServicesOptions extends Omit<RealServicesOptions, 'cacheDir'> {
  clock: Clock;
  onState(s: ExamState): void;
  finish(s: ExamState, warn: (message: string) => void): Promise<ExamState>;
  startNew(previous: ExamState): ExamState;
}

export function realExamServices(o: RealExamServicesOptions): ExamServices {
  const dir = o.workspace.dir;
  return {
    lang: o.lang,
    color: o.color,
    clock: o.clock,
    exercise: (s, n) => taskExercise(s, o.pack, n),
    taskFile: (s, t) => taskPath(dir, s, t),
    shown: (file) => shownPath(file, o.cwd),
    save(s) {
      try {
        saveState(dir, s);
        return undefined;
      } catch (err) {
        return ioReason(err);
      }
    },
    observeAnswer: (s, n) => observeAnswer(s, o.pack, dir, n),
    edit: async (file) => runEditor(file, o.env, o.terminal),
    finish: (s, warn) => o.finish(s, warn),
    solutionText(s, n) {
      try {
        return readFileSync(taskExercise(s, o.pack, n).solutionPath, 'utf8');
      } catch {
        return undefined;
      }
    },
    startNew: (previous) => o.startNew(previous),
    onState: o.onState,
  };
}
