// The recorded trace of one simulated pod: the single source every renderer, the grader and the UI read.
// Times are integer milliseconds of virtual time since the pod was created (t = 0).

export type ProbeType = 'liveness' | 'readiness' | 'startup';
export type EventType = 'Normal' | 'Warning';
export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed';
export type Signal = 'SIGTERM' | 'SIGKILL' | 'SIGINT' | 'SIGQUIT' | 'SIGHUP' | 'SIGUSR1' | 'SIGUSR2';

export type ContainerState =
  | { kind: 'waiting'; reason: string; message?: string }
  | { kind: 'running'; startedAtMs: number }
  | {
      kind: 'terminated';
      exitCode: number;
      reason: string;
      signal?: Signal;
      startedAtMs: number;
      finishedAtMs: number;
      message?: string;
      /** statusManager.TerminatePod's state for a container that never ran: no start or finish time (Go's zero time) */
      zeroTimes?: true;
    };

export interface ContainerStatus {
  name: string;
  image: string;
  /** true for init containers */
  init: boolean;
  state: ContainerState;
  /** only terminated last states are kept (what kubectl shows) */
  lastState?: Extract<ContainerState, { kind: 'terminated' }>;
  ready: boolean;
  started: boolean;
  restartCount: number;
  /** e.g. "containerd://<hex>", empty while never created */
  containerId: string;
}

export interface PodCondition {
  type: 'PodScheduled' | 'Initialized' | 'ContainersReady' | 'Ready' | 'PodReadyToStartContainers';
  status: 'True' | 'False';
  reason?: string;
  message?: string;
  lastTransitionMs: number;
}

export interface PodStatusSnapshot {
  phase: PodPhase;
  conditions: PodCondition[];
  podIP?: string;
  initContainers: ContainerStatus[];
  containers: ContainerStatus[];
}

/** One occurrence of a Kubernetes event, before kubectl-style aggregation. */
export interface EventOccurrence {
  type: EventType;
  reason: string;
  /** "kubelet" or "default-scheduler" */
  from: string;
  message: string;
  /** container name when the event's fieldPath is spec.containers{NAME} (or initContainers) */
  container?: string;
}

export type TraceRecord =
  | { t: number; kind: 'event'; event: EventOccurrence }
  | { t: number; kind: 'status'; status: PodStatusSnapshot }
  | { t: number; kind: 'pull-start'; container: string; image: string }
  | { t: number; kind: 'pull-done'; container: string; image: string; pullMs: number; sizeBytes: number }
  | { t: number; kind: 'container-start'; container: string; restartCount: number; containerId: string }
  | { t: number; kind: 'container-exit'; container: string; exitCode: number; reason: string; signal?: Signal }
  | {
      t: number;
      kind: 'probe';
      container: string;
      probe: ProbeType;
      /** success/failure after thresholds are not applied yet: the raw result of this one run */
      result: 'success' | 'warning' | 'failure' | 'error' | 'unknown';
      /** output / error text as it appears in the Unhealthy event (may be empty) */
      output: string;
      durationMs: number;
    }
  | { t: number; kind: 'probe-result'; container: string; probe: ProbeType; result: 'success' | 'failure' }
  | { t: number; kind: 'kill'; container: string; reason: 'LivenessProbe' | 'StartupProbe' | 'Stop'; graceMs: number; message: string }
  | { t: number; kind: 'signal'; container: string; signal: Signal; outcome: 'ignored' | 'handled' | 'exited' }
  | { t: number; kind: 'backoff'; container: string; backoffMs: number; message: string }
  | { t: number; kind: 'log'; container: string; text: string }
  | { t: number; kind: 'note'; text: string };

export interface TraceContainerInfo {
  name: string;
  image: string;
  init: boolean;
  /** how the runtime ran it: "busybox sh", "nginx", ..., or "generic process (image not in the catalogue)" */
  behaviour: string;
  known: boolean;
}

export interface Trace {
  format: 'kubedrill-trace/v1';
  seed: number;
  untilMs: number;
  pod: { name: string; namespace: string; uid: string; nodeName: string };
  containers: TraceContainerInfo[];
  /** ordered by t, then by the order the simulator recorded them */
  records: TraceRecord[];
  // The pod's life in a cluster run (src/sim/cluster); absent from `simulate()` traces, whose pod is created at t = 0.
  /** when the pod object was created */
  createdAtMs?: number;
  /** when the API server set its deletionTimestamp, with which grace period */
  deletion?: { requestedAtMs: number; gracePeriodSeconds: number };
  /** when the object was removed (its containers had stopped) */
  deletedAtMs?: number;
  /** the controller that created it */
  owner?: { kind: string; name: string; uid: string };
  labels?: Record<string, string>;
}

/**
 * An Event object as the API server stores it after client-go's correlator (dedup by message,
 * aggregation, spam filter): what `kubectl describe` / `kubectl get events` list.
 */
export interface KubeEventObject extends EventOccurrence {
  count: number;
  firstMs: number;
  lastMs: number;
}
