// Shared shapes of the manifest pipeline: findings (errors as values) and checked documents.
import type { Pod } from 'kubernetes-types/core/v1.d.ts';
import type { KubeObject } from './kinds.js';

export type { KubeObject, Pod };
export type Severity = 'error' | 'warning';

/** Which stage of the pipeline produced a finding (also the order they run in). */
export type FindingStage = 'read' | 'yaml' | 'kind' | 'schema' | 'api' | 'expect' | 'behaviour';

/**
 * One problem the user can act on. `line`/`col` are 1-based and point at the key (for a
 * field problem) or the offending token (for YAML syntax).
 */
export interface Finding {
  /** stable machine code, e.g. "yaml/duplicate-key", "schema/unknown-field", "api/invalid" */
  code: string;
  stage: FindingStage;
  severity: Severity;
  /** the text the learner reads; for API rules it is kubectl's exact cause text */
  message: string;
  file: string;
  /** kubectl-style field path, e.g. spec.containers[0].livenessProbe.successThreshold */
  path?: string;
  line?: number;
  col?: number;
  /** the source line the position points into, without its newline */
  excerpt?: string;
  /** 0-based index of the YAML document in a multi-document file */
  doc?: number;
  /** did-you-mean suggestion, if any (also included in message) */
  suggestion?: string;
}

/** A position in the source text, 1-based. */
export interface Position {
  line: number;
  col: number;
}

/** One YAML document after the pipeline ran on it. */
export interface CheckedDocument {
  index: number;
  /** the document's `kind` as written (also when it is not one kubedrill checks) */
  kind?: string;
  /** plain JS value as parsed (undefined when the YAML did not parse) */
  value: unknown;
  /**
   * The object as the API server would store it (defaults applied), when the document has no
   * errors: a Pod, Deployment, ReplicaSet, Job or Service (switch on `object.kind`).
   */
  object?: KubeObject;
  /** the same object when it is a Pod (kept for the callers that check Pods only) */
  pod?: Pod;
  /** maps a path (e.g. ["spec","containers",0,"livenessProbe"]) to the key's position */
  locate(path: readonly (string | number)[]): Position | undefined;
}

export interface ManifestResult {
  file: string;
  text: string;
  findings: Finding[];
  documents: CheckedDocument[];
  /** true when no finding has severity "error" */
  ok: boolean;
}
