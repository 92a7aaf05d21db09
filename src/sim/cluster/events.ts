// Models the controllers' event reasons and message templates (Kubernetes 1.33): pkg/controller/controller_utils.go
// (SuccessfulCreate / SuccessfulDelete), pkg/controller/deployment/sync.go (ScalingReplicaSet),
// pkg/controller/deployment/deployment_controller.go (SelectingAll), pkg/controller/job/job_controller.go
// (Completed, BackoffLimitExceeded, DeadlineExceeded). The texts are upstream's, exactly.
import type { EventOccurrence } from '../trace.js';

/** The event sources (EventSource.Component) the controllers record with: the From column of describe. */
export const CONTROLLER = {
  deployment: 'deployment-controller',
  replicaSet: 'replicaset-controller',
  job: 'job-controller',
  endpointSlice: 'endpointslice-controller',
  endpoints: 'endpoint-controller',
} as const;

const normal = (from: string, reason: string, message: string): EventOccurrence => ({ type: 'Normal', reason, from, message });
const warning = (from: string, reason: string, message: string): EventOccurrence => ({ type: 'Warning', reason, from, message });

export const CONTROLLER_EVENTS = {
  successfulCreate: (from: string, pod: string) => normal(from, 'SuccessfulCreate', `Created pod: ${pod}`),
  successfulDelete: (from: string, pod: string) => normal(from, 'SuccessfulDelete', `Deleted pod: ${pod}`),
  /** sync.go getNewReplicaSet: the new ReplicaSet is created with its first replicas */
  scaledUpNew: (rs: string, to: number) => normal(CONTROLLER.deployment, 'ScalingReplicaSet', `Scaled up replica set ${rs} from 0 to ${to}`),
  /** sync.go scaleReplicaSet */
  scaled: (op: 'up' | 'down', rs: string, from: number, to: number) =>
    normal(CONTROLLER.deployment, 'ScalingReplicaSet', `Scaled ${op} replica set ${rs} from ${from} to ${to}`),
  selectingAll: () => warning(CONTROLLER.deployment, 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.'),
  jobCompleted: () => normal(CONTROLLER.job, 'Completed', 'Job completed'),
  tooManySucceeded: () => warning(CONTROLLER.job, 'TooManySucceededPods', 'Too many succeeded pods running after completion count reached'),
  /** recordJobFinished: a failed Job's event carries the Failed condition's reason and message */
  jobFailed: (reason: string, message: string) => warning(CONTROLLER.job, reason, message),
} as const;
