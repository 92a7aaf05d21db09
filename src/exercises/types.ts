// Shapes of an exercise pack as the rest of the program sees it (after ajv-validated loading).

/** Text in both languages the product ships. */
export interface Localized {
  en: string;
  ko: string;
}

export type Lang = keyof Localized;
export type Difficulty = 'easy' | 'medium' | 'hard';
export type ExerciseStatus = 'done' | 'attempted' | 'new';

export interface Exercise {
  /** stable id, e.g. "liveness-exam" */
  id: string;
  /** folder name, e.g. "01-liveness-exam" */
  dir: string;
  /** absolute path of the exercise folder */
  path: string;
  title: Localized;
  /** task text, simple markdown (headings, lists, code) */
  task: Localized;
  difficulty: Difficulty;
  /** CKA/CKAD curriculum domain, e.g. "Application Observability and Maintenance" */
  domain: string;
  tags: string[];
  hints: Localized[];
  points: number;
  /** minutes */
  timeBudget: number;
  /** the file the learner edits, relative to the exercise folder (and to the workspace) */
  file: string;
  /** absolute path of the reference answer */
  solutionPath: string;
}

export interface ExerciseProgress {
  status: ExerciseStatus;
  hintsShown: number;
  attempts: number;
  lastScore?: number;
}

// ---- Added by the pack loader (optional so hand-made Exercises in tests stay valid) ----

/** A field of the defaulted Pod: `spec.containers[name=app].livenessProbe.periodSeconds`. */
export type FieldPath = string;

/** A JSON Schema fragment (the subset documented in docs/exercise-format.md). */
export type SchemaFragment = Record<string, unknown>;

interface CheckBase {
  /** unique in the exercise */
  id: string;
  /** default 1 */
  points: number;
  title: Localized;
  /** what the learner reads when the check fails */
  message: Localized;
}

/**
 * `Deployment/web`: the object of the learner's file a field check looks at (its paths are relative
 * to it). Without one: the file's only object, or its only Pod.
 */
export type ObjectRefText = string;

export interface ExpectCheck extends CheckBase {
  object?: ObjectRefText;
  path: FieldPath;
  schema?: SchemaFragment;
  /** the field must be missing */
  absent?: boolean;
  /** a missing field passes */
  optional?: boolean;
}

export interface PreserveCheck extends CheckBase {
  object?: ObjectRefText;
  path: FieldPath;
}

export type BehaviourProbe = 'liveness' | 'startup';

/** Inclusive bounds of a count. */
export interface CountRange {
  min: number;
  max: number;
}

/** Pod checks of a cluster exercise: `Deployment/web` — the first pod the workload created after the answer was applied. */
interface PodScope {
  of?: ObjectRefText;
}

/**
 * Behaviour assertions on the simulated pod (ms since it was created), or on the simulated cluster
 * (ms since the first apply step).
 */
export type BehaviourCheck = CheckBase &
  (
    | { kind: 'restarts'; container: string; atMs: number; min: number; max: number }
    | { kind: 'killed'; container: string; probe?: BehaviourProbe; withinMs: [number, number] }
    | { kind: 'notKilled'; container: string; probe?: BehaviourProbe; beforeMs: number }
    | { kind: 'ready'; container: string; withinMs: [number, number] }
    | { kind: 'neverReady'; container: string; beforeMs: number }
    | {
        kind: 'event';
        reason: string;
        type?: 'Normal' | 'Warning';
        container?: string;
        messageIncludes?: string;
        min: number;
        max: number;
        atMs: number;
      }
    | { kind: 'phase'; atMs: number; phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed' }
    | { kind: 'state'; container: string; atMs: number; state: 'running' | 'waiting' | 'terminated'; reason?: string }
    | { kind: 'sameAsReference'; container?: string; toleranceMs: number }
    // ---- over a cluster trace (src/sim/cluster/query.ts)
    | { kind: 'rollout'; deployment: string; outcome: 'complete' | 'deadline-exceeded'; withinMs?: [number, number] }
    | { kind: 'podRange'; deployment: string; fromMs?: number; toMs?: number; maxPods?: number; minAvailable?: number; minReady?: number }
    | { kind: 'job'; job: string; outcome: 'complete' | 'failed'; reason?: string; withinMs?: [number, number] }
    | { kind: 'jobPods'; job: string; atMs?: number; succeeded?: CountRange; failed?: CountRange; maxActive?: number }
    | { kind: 'endpoints'; service: string; atMs: number; ready: CountRange; notReady?: CountRange }
  ) &
  PodScope;

/** The behaviour kinds that look at a cluster, not at one pod. */
export const CLUSTER_KINDS = ['rollout', 'podRange', 'job', 'jobPods', 'endpoints'] as const;

export interface ExerciseChecks {
  expect: ExpectCheck[];
  preserve: PreserveCheck[];
  behaviour: BehaviourCheck[];
}

/** One `kubectl apply` of a cluster exercise's run: the learner's answer, or a file of the pack. */
export interface SimulationStep {
  atMs: number;
  /** relative to the exercise folder; the exercise's own `file` means the learner's answer */
  file: string;
}

export interface ExerciseSimulation {
  forMs: number;
  seed: number;
  /** a cluster run's apply steps, in time order (absent: the answer alone at 0) */
  steps?: SimulationStep[];
}

// Declaration merging keeps the original interface untouched: these fields are filled by loadPack.
export interface Exercise {
  /** absolute path of the starter file */
  starterPath?: string;
  simulate?: ExerciseSimulation;
  /** extra image behaviours (runtime ImageSpec entries), passed to createRuntime */
  images?: unknown[];
  checks?: ExerciseChecks;
}
