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
