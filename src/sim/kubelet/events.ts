// Models pkg/kubelet/events/event.go and the message templates of the kubelet's recorder calls (Kubernetes 1.33).
// Every text a learner reads in `kubectl describe` comes from here; they are copied from upstream exactly.
import type { EventOccurrence, ProbeType } from '../trace.js';

/** Which kubelet's wording to use where upstream texts changed between releases (semantics §0). */
export type KubeletVersion = '1.33' | '1.34' | '1.35';

export const REASON = {
  scheduled: 'Scheduled',
  pulling: 'Pulling',
  pulled: 'Pulled',
  created: 'Created',
  started: 'Started',
  killing: 'Killing',
  unhealthy: 'Unhealthy',
  probeWarning: 'ProbeWarning',
  backOff: 'BackOff',
  failed: 'Failed',
} as const;

export const SOURCE = { kubelet: 'kubelet', scheduler: 'default-scheduler' } as const;

/** Go time.Duration.String() for whole milliseconds: 308ms, 1.5s, 10s, 1m20s, 5m0s, 1h0m0s. */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  const neg = ms < 0;
  let rest = Math.abs(Math.trunc(ms));
  let out: string;
  if (rest < 1000) {
    out = `${rest}ms`;
  } else {
    const h = Math.floor(rest / 3_600_000);
    rest -= h * 3_600_000;
    const m = Math.floor(rest / 60_000);
    rest -= m * 60_000;
    const whole = Math.floor(rest / 1000);
    const frac = rest % 1000;
    const secs = frac === 0 ? `${whole}` : `${whole}.${String(frac).padStart(3, '0').replace(/0+$/, '')}`;
    out = h > 0 ? `${h}h${m}m${secs}s` : m > 0 ? `${m}m${secs}s` : `${secs}s`;
  }
  return neg ? `-${out}` : out;
}

/** Go's %q for a plain string: double quotes with backslash escapes. */
export function goQuote(s: string): string {
  return JSON.stringify(s);
}

/** k/k pkg/kubelet/util/format/pod.go: NAME_NAMESPACE(UID) */
export function formatPod(name: string, namespace: string, uid: string): string {
  return `${name}_${namespace}(${uid})`;
}

export function probeTypeName(p: ProbeType): string {
  return p === 'liveness' ? 'Liveness' : p === 'readiness' ? 'Readiness' : 'Startup';
}

const kubelet = (type: EventOccurrence['type'], reason: string, message: string, container?: string): EventOccurrence =>
  container === undefined ? { type, reason, from: SOURCE.kubelet, message } : { type, reason, from: SOURCE.kubelet, message, container };

export const EVENTS = {
  /** k/k pkg/scheduler/schedule_one.go finishBinding */
  scheduled: (namespace: string, pod: string, node: string): EventOccurrence => ({
    type: 'Normal',
    reason: REASON.scheduled,
    from: SOURCE.scheduler,
    message: `Successfully assigned ${namespace}/${pod} to ${node}`,
  }),
  /** k/k pkg/kubelet/images/image_manager.go */
  pulling: (container: string, image: string) => kubelet('Normal', REASON.pulling, `Pulling image ${goQuote(image)}`, container),
  pulled: (container: string, image: string, pullMs: number, totalMs: number, sizeBytes: number) =>
    kubelet(
      'Normal',
      REASON.pulled,
      `Successfully pulled image ${goQuote(image)} in ${goDuration(pullMs)} (${goDuration(totalMs)} including waiting). Image size: ${sizeBytes} bytes.`,
      container,
    ),
  alreadyPresent: (container: string, image: string, version: KubeletVersion) =>
    kubelet(
      'Normal',
      REASON.pulled,
      version === '1.35'
        ? `Container image ${goQuote(image)} already present on machine and can be accessed by the pod`
        : `Container image ${goQuote(image)} already present on machine`,
      container,
    ),
  errImageNeverPull: (container: string, image: string) =>
    kubelet('Warning', 'ErrImageNeverPull', `Container image ${goQuote(image)} is not present with pull policy of Never`, container),
  /** k/k pkg/kubelet/kuberuntime/kuberuntime_container.go startContainer */
  created: (container: string) => kubelet('Normal', REASON.created, `Created container: ${container}`, container),
  started: (container: string) => kubelet('Normal', REASON.started, `Started container ${container}`, container),
  /** kuberuntime_container.go startContainer: CRI StartContainer failed */
  failedToStart: (container: string, err: string) => kubelet('Warning', REASON.failed, `Error: ${err}`, container),
  /** k/k kuberuntime_container.go killContainer */
  killing: (container: string, message: string) => kubelet('Normal', REASON.killing, message, container),
  /** k/k pkg/kubelet/prober/prober.go */
  probeFailed: (container: string, p: ProbeType, output: string) =>
    kubelet('Warning', REASON.unhealthy, `${probeTypeName(p)} probe failed: ${output}`, container),
  probeErrored: (container: string, p: ProbeType, err: string) =>
    kubelet('Warning', REASON.unhealthy, `${probeTypeName(p)} probe errored and resulted in unknown state: ${err}`, container),
  probeWarning: (container: string, p: ProbeType, output: string) =>
    kubelet('Warning', REASON.probeWarning, `${probeTypeName(p)} probe warning: ${output}`, container),
  /** k/k kuberuntime_container.go executePreStopHook (the error is kept out of the event on purpose) */
  failedPreStopHook: (container: string) => kubelet('Warning', 'FailedPreStopHook', 'PreStopHook failed', container),
  /** k/k kuberuntime_manager.go doBackOff */
  backOff: (container: string, podDesc: string) =>
    kubelet('Warning', REASON.backOff, `Back-off restarting failed container ${container} in pod ${podDesc}`, container),
} as const;

/** k/k kuberuntime_manager.go computePodActions: the Killing message for a probe-triggered kill. */
export function probeKillMessage(container: string, probe: 'liveness' | 'startup', willRestart: boolean): string {
  return `Container ${container} failed ${probe} probe${willRestart ? ', will be restarted' : ''}`;
}

/** k/k kuberuntime_container.go killContainer default message for ordinary stops. */
export function stopMessage(container: string): string {
  return `Stopping container ${container}`;
}

/** k/k kuberuntime_manager.go doBackOff: the CrashLoopBackOff start error (waiting message). */
export function backOffWaitingMessage(backoffMs: number, container: string, podDesc: string): string {
  return `back-off ${goDuration(backoffMs)} restarting failed container=${container} pod=${podDesc}`;
}

export const WAITING = {
  containerCreating: 'ContainerCreating',
  podInitializing: 'PodInitializing',
  crashLoopBackOff: 'CrashLoopBackOff',
  errImageNeverPull: 'ErrImageNeverPull',
  runContainerError: 'RunContainerError',
} as const;
