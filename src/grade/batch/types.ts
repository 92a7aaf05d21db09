// Shapes of a batch grade: the submissions found, one compact row per graded submission, and what
// the pool and its workers say to each other. Rows hold no GradeResult, trace or diff: a batch
// keeps only what its outputs print.
import type { Exercise, Lang } from '../../exercises/types.js';
import type { CheckStage, CheckStatus } from '../types.js';

/** One file to grade, in output order. */
export interface Submission {
  /** position in the sorted list: rows are printed in this order */
  index: number;
  /** how rows and messages name it: relative to the current folder when inside it */
  display: string;
  /** what gets opened (a link inside the graded folder is read through the link) */
  file: string;
  /** set when the file is not graded at all: the reason is its failed row */
  rejected?: string;
}

/** Something found under a PATH that is not a submission, and why. */
export interface Skipped {
  path: string;
  reason: string;
}

/** A check as the batch outputs list it (every exercise check, in the grader's order). */
export interface CheckColumn {
  id: string;
  stage: CheckStage;
  title: string;
}

export interface FailedCheck {
  id: string;
  stage: CheckStage;
  title: string;
  message: string;
  file?: string;
  line?: number;
  col?: number;
}

export interface BatchRow {
  index: number;
  submission: string;
  passed: boolean;
  score: number;
  maxScore: number;
  /** the status of every check, aligned with the batch's CheckColumn list; empty after an internal error */
  statuses: CheckStatus[];
  /** the failed checks in the grader's order */
  failed: FailedCheck[];
  /** "internal error while grading: ..." (a bug in kubedrill, or a worker that died) */
  internalError?: string;
}

/** What every grader (in-process or in a worker) is set up with. */
export interface GraderInit {
  exercise: Exercise;
  lang: Lang;
  seed?: number;
}

export type ToWorker = { type: 'grade'; tasks: Submission[] };

export type FromWorker =
  | { type: 'ready' }
  /** the rows of one `grade` message, in its order, and the worker's heap (bytes) after it */
  | { type: 'rows'; rows: BatchRow[]; heapUsed: number };
