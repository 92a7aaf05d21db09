// The kinds of object kubedrill understands, with the apiVersion each is served under.
import type { Pod, Service } from 'kubernetes-types/core/v1.d.ts';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import type { Job } from 'kubernetes-types/batch/v1.d.ts';

export type { Deployment, Job, Pod, ReplicaSet, Service };

/** Every object kind the manifest pipeline, the simulator and the grader know. */
export const KINDS = ['Pod', 'Deployment', 'ReplicaSet', 'Job', 'Service'] as const;
export type Kind = (typeof KINDS)[number];

/** The group/version each kind is served under (what `apiVersion` must say). */
export const API_VERSION: Readonly<Record<Kind, string>> = {
  Pod: 'v1',
  Service: 'v1',
  Deployment: 'apps/v1',
  ReplicaSet: 'apps/v1',
  Job: 'batch/v1',
};

export type KubeObject = Pod | Deployment | ReplicaSet | Job | Service;

/** The objects that own a pod template. */
export type Workload = Deployment | ReplicaSet | Job;

export function isKind(k: unknown): k is Kind {
  return typeof k === 'string' && (KINDS as readonly string[]).includes(k);
}

/** For exhaustive switches: a value the type system says cannot exist. */
export function assertNever(x: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(x)}`);
}
