// Shapes of a mock exam (`kubedrill exam`): its tasks, its state file, its review.

/** The wall clock, injected at the command's edge: the exam model itself never reads the time. */
export interface Clock {
  /** milliseconds since the epoch */
  now(): number;
}

export const EXAM_FORMAT = 'kubedrill-exam/1';
/** The real CKA/CKAD pass mark, in percent of the weighted score. */
export const PASS_MARK = 66;
/** The real exam's length, and the most a drawn exam gets by default. */
export const REAL_EXAM_MINUTES = 120;
/** The countdown turns to its warning colour for the last five minutes. */
export const WARNING_MS = 5 * 60_000;

export interface ExamTask {
  /** 1-based, as shown: "Task 3" */
  n: number;
  exerciseId: string;
  domain: string;
  /** whole percent of the exam; the tasks' weights sum to 100 */
  weight: number;
  /** the answer file, relative to the exam's folder: "3-liveness-exam.yaml" */
  file: string;
  visited: boolean;
  flagged: boolean;
  /** the file differs from its starter (observed at the edge, see setAnswered) */
  answered: boolean;
}

export type TaskStatus = 'not-visited' | 'visited' | 'answered';

export type ExamPhase = { kind: 'running' } | { kind: 'submitted'; atMs: number; by: 'learner' | 'timeout' };

export interface ExamState {
  format: typeof EXAM_FORMAT;
  /** "20261207-132200": the start time (UTC); also the answers' folder name */
  id: string;
  seed: number;
  durationMs: number;
  /** wall-clock start */
  startedAtMs: number;
  /** exam time used so far: every forward step of the clock, never a backward one */
  usedMs: number;
  /** the clock's reading when usedMs was last brought up to date */
  lastSeenMs: number;
  tasks: ExamTask[];
  /** the task shown last (1-based), so a resumed exam opens where it was left */
  current: number;
  phase: ExamPhase;
  /** filled once graded (after submitting) */
  review?: ExamReview;
}

export interface FailedCheck {
  id: string;
  title: string;
  message: string;
  file?: string;
  line?: number;
  col?: number;
}

export interface TaskReview {
  n: number;
  exerciseId: string;
  domain: string;
  weight: number;
  score: number;
  maxScore: number;
  passed: boolean;
  answered: boolean;
  /** the weighted points earned: weight × score / maxScore */
  earned: number;
  failed: FailedCheck[];
  /** the first moment the learner's pod and the reference pod behave differently */
  divergence?: string;
}

export interface DomainReview {
  domain: string;
  tasks: number;
  weight: number;
  earned: number;
  /** percent of the domain's weight earned */
  score: number;
}

export interface ExamReview {
  /** weighted percent, 0-100, rounded to two decimals */
  score: number;
  passMark: number;
  passed: boolean;
  usedMs: number;
  durationMs: number;
  submittedBy: 'learner' | 'timeout';
  submittedAtMs: number;
  tasks: TaskReview[];
  domains: DomainReview[];
}
