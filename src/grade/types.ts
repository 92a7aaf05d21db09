// Shapes of a grading result, shared by the check command, reporters and the UI.
import type { Finding } from '../manifest/types.js';
import type { Trace } from '../sim/trace.js';
import type { ClusterTrace } from '../sim/cluster/types.js';

export type CheckStage = 'yaml' | 'schema' | 'api' | 'expect' | 'preserve' | 'behaviour';
export type CheckStatus = 'pass' | 'fail' | 'skip';

export interface CheckResult {
  id: string;
  stage: CheckStage;
  /** what is checked, e.g. "liveness probe runs every 5 s" */
  title: string;
  status: CheckStatus;
  /** why it failed (or a short confirmation when it passed) */
  message: string;
  file?: string;
  line?: number;
  col?: number;
  excerpt?: string;
  points: number;
}

export interface Divergence {
  atMs: number;
  /** "your container is killed at 12 s; the reference is never killed" */
  message: string;
}

export interface GradeResult {
  exerciseId: string;
  file: string;
  passed: boolean;
  score: number;
  maxScore: number;
  /** YAML / schema / API findings of the learner's file */
  findings: Finding[];
  checks: CheckResult[];
  /** unified diff learner vs starter ("what you changed") */
  diffStarter: string;
  /** semantic diff learner vs reference (normalised key order and defaults) */
  diffReference: string;
  trace?: Trace;
  referenceTrace?: Trace;
  /** a cluster exercise's run (`trace` and `referenceTrace` above are a Pod exercise's) */
  cluster?: ClusterRun;
  divergence?: Divergence;
}

export interface ClusterRun {
  trace?: ClusterTrace;
  referenceTrace?: ClusterTrace;
  /** the file each apply step named (the learner's file in the answer's place), for the transcript */
  files: string[];
  /** when the learner's answer was applied */
  answerAtMs: number;
}
