// What the UI needs from the rest of kubedrill, as one injectable object: the command wires the
// real pack/workspace/progress/grader, tests wire small hand-made ones.
import type { Exercise, ExerciseProgress, Lang, Localized } from '../exercises/types.js';
import type { GradeResult } from '../grade/types.js';
import type { KubeEventObject, Trace } from '../sim/trace.js';
import type { ClusterTrace } from '../sim/cluster/types.js';
import type { TranscriptOptions } from '../sim/render/transcript.js';

export type ProgressSnapshot = Readonly<Record<string, ExerciseProgress>>;

export const NEW_PROGRESS: ExerciseProgress = { status: 'new', hintsShown: 0, attempts: 0 };

export interface HintReveal {
  snapshot: ProgressSnapshot;
  hint?: Localized;
  /** 1-based number of the hint just revealed (0 when none was left) */
  index: number;
  total: number;
}

/** Trace queries the playback needs (src/sim/query.ts and src/sim/render/), loaded lazily. */
export interface SimQueries {
  eventObjectsAt(trace: Trace, tMs: number): KubeEventObject[];
  /** kubectl's HumanDuration of a virtual-time span */
  humanDuration(ms: number): string;
  /** kubectl's translateTimestampSince: the age at `nowMs` of a timestamp stored at `tsMs` */
  ageAt(nowMs: number, tsMs: number): string;
  /** the Events section exactly as `kubectl describe` prints it at `atMs` */
  formatEventTable(events: readonly KubeEventObject[], atMs: number): string;
  /** a cluster run told as a kubectl session (src/sim/render/transcript.ts) */
  transcript(trace: ClusterTrace, opts: TranscriptOptions): string;
}

export type EditOutcome = { ok: true } | { ok: false; command: string; message: string };

export interface Services {
  lang: Lang;
  color: boolean;
  /** where the learner's files live */
  workspaceDir: string;
  /** the folder kubedrill was started in: paths under it are shown relative to it */
  cwd?: string;
  exercises: readonly Exercise[];
  /** said once, on the first screen: e.g. the progress file was corrupt and was kept as a backup */
  notice?: string;
  /** the last mock exam in the progress history, for the list's header (kubedrill exam) */
  lastExam?: LastExam;
  progress(): ProgressSnapshot;
  recordAttempt(ex: Exercise, result: GradeResult): ProgressSnapshot;
  revealNextHint(ex: Exercise): HintReveal;
  learnerPath(ex: Exercise): string;
  ensureLearnerFile(ex: Exercise): { path: string; created: boolean };
  resetLearnerFile(ex: Exercise): { path: string; backup?: string };
  /** the reference answer text (shown only after passing) */
  solutionText(ex: Exercise): string | undefined;
  /** grades the learner's file; the grader is imported on first use */
  grade(ex: Exercise): Promise<GradeResult>;
  sim(): Promise<SimQueries>;
  /** runs $VISUAL/$EDITOR on the file with the UI suspended */
  edit(path: string): Promise<EditOutcome>;
  /** calls `onChange` (debounced) when the file is saved; returns a stop function */
  watch(path: string, onChange: () => void): () => void;
}

export const progressOf = (p: ProgressSnapshot, id: string): ExerciseProgress => p[id] ?? NEW_PROGRESS;

/** The newest exam of the progress history, as the exercise list shows it. */
export interface LastExam {
  readonly score: number;
  readonly passed: boolean;
  /** exams in the history */
  readonly taken: number;
}
