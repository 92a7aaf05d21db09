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

/**
 * How kubectl names each kind's resource: `deployment.apps/web created` (singular) and
 * `deployments.apps "web" already exists` (plural, from the API server).
 */
export const RESOURCE: Readonly<Record<Kind, { singular: string; plural: string }>> = {
  Pod: { singular: 'pod', plural: 'pods' },
  Service: { singular: 'service', plural: 'services' },
  Deployment: { singular: 'deployment.apps', plural: 'deployments.apps' },
  ReplicaSet: { singular: 'replicaset.apps', plural: 'replicasets.apps' },
  Job: { singular: 'job.batch', plural: 'jobs.batch' },
};

/**
 * Built-in kinds of a Kubernetes 1.33 cluster that kubedrill does not check: a manifest of one of
 * these is real, just not one kubedrill can judge (a misspelt kind is told apart from them).
 */
export const OTHER_BUILTIN_KINDS: readonly string[] = [
  'APIService', 'Binding', 'CSIDriver', 'CSINode', 'CSIStorageCapacity', 'CertificateSigningRequest', 'ClusterRole',
  'ClusterRoleBinding', 'ComponentStatus', 'ConfigMap', 'ControllerRevision', 'CronJob', 'CustomResourceDefinition',
  'DaemonSet', 'EndpointSlice', 'Endpoints', 'Event', 'FlowSchema', 'HorizontalPodAutoscaler', 'Ingress',
  'IngressClass', 'Lease', 'LimitRange', 'MutatingWebhookConfiguration', 'Namespace', 'NetworkPolicy', 'Node',
  'PersistentVolume', 'PersistentVolumeClaim', 'PodDisruptionBudget', 'PodTemplate', 'PriorityClass',
  'PriorityLevelConfiguration', 'ReplicationController', 'ResourceQuota', 'Role', 'RoleBinding', 'RuntimeClass',
  'Secret', 'ServiceAccount', 'StatefulSet', 'StorageClass', 'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding', 'ValidatingWebhookConfiguration', 'VolumeAttachment',
];

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
