// The recorded run of a cluster scenario: API objects as the API server stored them over time, the
// controllers' events, and one kubelet trace per pod. Times are integer virtual ms since the first apply.
import type { PodSpec, ServiceSpec } from 'kubernetes-types/core/v1.d.ts';
import type { DeploymentSpec, ReplicaSetSpec } from 'kubernetes-types/apps/v1.d.ts';
import type { JobSpec } from 'kubernetes-types/batch/v1.d.ts';
import type { KubeObject } from '../../manifest/kinds.js';
import type { EventOccurrence, Trace } from '../trace.js';

/** Every kind the cluster layer stores: the five a learner applies, and the two the endpoint controllers write. */
export type ObjectKind = 'Pod' | 'Deployment' | 'ReplicaSet' | 'Job' | 'Service' | 'Endpoints' | 'EndpointSlice';

/** An object's identity; `uid` tells apart two objects that had the same name at different times. */
export interface ObjectRef {
  kind: ObjectKind;
  namespace: string;
  name: string;
  uid: string;
}

export interface OwnerReference {
  apiVersion: string;
  kind: 'Deployment' | 'ReplicaSet' | 'Job' | 'Service';
  name: string;
  uid: string;
  controller: true;
  blockOwnerDeletion: true;
}

/** metav1.ObjectMeta with virtual-ms timestamps (the API keeps whole seconds: see storedSeconds). */
export interface ObjectMeta {
  name: string;
  namespace: string;
  uid: string;
  creationMs: number;
  generation: number;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  ownerReferences?: OwnerReference[];
  /** deletionTimestamp: when the deletion's grace period ends (the API server sets now + grace) */
  deletionMs?: number;
  deletionGracePeriodSeconds?: number;
}

/** A Deployment, ReplicaSet or Job condition. */
export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  /** Deployments only */
  lastUpdateMs?: number;
  lastTransitionMs: number;
  /** Jobs only */
  lastProbeMs?: number;
}

export interface DeploymentStatus {
  observedGeneration: number;
  replicas: number;
  updatedReplicas: number;
  readyReplicas: number;
  availableReplicas: number;
  unavailableReplicas: number;
  conditions: Condition[];
  collisionCount?: number;
}

export interface ReplicaSetStatus {
  replicas: number;
  fullyLabeledReplicas: number;
  readyReplicas: number;
  availableReplicas: number;
  observedGeneration: number;
  conditions?: Condition[];
}

export interface JobStatus {
  active: number;
  ready: number;
  succeeded: number;
  failed: number;
  terminating: number;
  startMs?: number;
  completionMs?: number;
  conditions: Condition[];
}

export interface EndpointAddress {
  ip: string;
  nodeName: string;
  targetRef: { kind: 'Pod'; namespace: string; name: string; uid: string };
}

export interface EndpointPort {
  /** '' when the Service port has no name */
  name: string;
  port: number;
  protocol: string;
}

export interface EndpointSubset {
  addresses: EndpointAddress[];
  notReadyAddresses: EndpointAddress[];
  ports: EndpointPort[];
}

export interface SliceEndpoint {
  addresses: string[];
  conditions: { ready: boolean; serving: boolean; terminating: boolean };
  nodeName: string;
  targetRef: { kind: 'Pod'; namespace: string; name: string; uid: string };
}

/** An object as the API server holds it. Pod statuses are in each pod's kubelet trace (ClusterTrace.pods). */
export type ClusterObject =
  | { kind: 'Pod'; metadata: ObjectMeta; spec: PodSpec }
  | { kind: 'Deployment'; metadata: ObjectMeta; spec: DeploymentSpec; status: DeploymentStatus }
  | { kind: 'ReplicaSet'; metadata: ObjectMeta; spec: ReplicaSetSpec; status: ReplicaSetStatus }
  | { kind: 'Job'; metadata: ObjectMeta; spec: JobSpec; status: JobStatus }
  | { kind: 'Service'; metadata: ObjectMeta; spec: ServiceSpec }
  | { kind: 'Endpoints'; metadata: ObjectMeta; subsets: EndpointSubset[] }
  | { kind: 'EndpointSlice'; metadata: ObjectMeta; addressType: 'IPv4'; ports: EndpointPort[]; endpoints: SliceEndpoint[] };

export type ObjectOf<K extends ObjectKind> = Extract<ClusterObject, { kind: K }>;

/** What `kubectl apply` printed for one object of a step. */
export type ApplyResult = 'created' | 'configured' | 'unchanged';

export type ClusterRecord =
  | { t: number; kind: 'apply'; step: number; ref: ObjectRef; result: ApplyResult }
  /** the API server refused the object (e.g. a change to an immutable field): kubectl's error text */
  | { t: number; kind: 'apply-error'; step: number; ref: Omit<ObjectRef, 'uid'>; message: string }
  | { t: number; kind: 'added' | 'modified'; object: ClusterObject }
  | { t: number; kind: 'deleted'; ref: ObjectRef }
  /** an event a controller recorded about an object (before the event correlator) */
  | { t: number; kind: 'event'; ref: ObjectRef; event: EventOccurrence };

/** One pod's kubelet trace (times in cluster time), with the pod's identity in the cluster. */
export interface PodRun {
  ref: ObjectRef;
  trace: Trace;
}

export interface ClusterTrace {
  format: 'kubedrill-cluster-trace/v1';
  seed: number;
  untilMs: number;
  nodeName: string;
  /** ordered by t, then by the order things happened */
  records: ClusterRecord[];
  /** every pod that existed, in creation order */
  pods: PodRun[];
}

/** One `kubectl apply` of a scenario: at `atMs` (the first at 0), these parsed manifests. */
export interface ApplyStep {
  atMs: number;
  objects: KubeObject[];
}

export interface Scenario {
  steps: ApplyStep[];
}
