// Models pkg/kubelet/kuberuntime/kuberuntime_container.go killContainer / setTerminationGracePeriod
// and containerd's StopContainer (stop signal, wait up to the grace period, then SIGKILL) (Kubernetes 1.33).
import type { Container, Pod } from 'kubernetes-types/core/v1.d.ts';
import type { Signal } from '../trace.js';

export type KillReason = 'LivenessProbe' | 'StartupProbe' | 'Stop';

/** minimumGracePeriodInSeconds in kuberuntime_container.go */
export const MINIMUM_GRACE_PERIOD_SECONDS = 2;
export const DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 30;

/**
 * setTerminationGracePeriod + the 2 s floor of killContainer: the pod's deletionGracePeriodSeconds wins;
 * a probe-triggered kill uses that probe's terminationGracePeriodSeconds when set; else the pod's (default 30).
 * `preStopMs` is the time a preStop hook took, subtracted before the floor is applied.
 */
export function killGracePeriodMs(pod: Pod, container: Container, reason: KillReason, preStopMs = 0): number {
  let seconds: number;
  const deletion = pod.metadata?.deletionGracePeriodSeconds;
  const podTgps = pod.spec?.terminationGracePeriodSeconds ?? DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS;
  if (deletion !== undefined && deletion !== null) seconds = deletion;
  else if (reason === 'LivenessProbe' && container.livenessProbe?.terminationGracePeriodSeconds != null) {
    seconds = container.livenessProbe.terminationGracePeriodSeconds;
  } else if (reason === 'StartupProbe' && container.startupProbe?.terminationGracePeriodSeconds != null) {
    seconds = container.startupProbe.terminationGracePeriodSeconds;
  } else seconds = podTgps;
  const ms = seconds * 1000 - preStopMs;
  return Math.max(ms, MINIMUM_GRACE_PERIOD_SECONDS * 1000);
}

/** containerd sends the image's STOPSIGNAL, or SIGTERM. */
export function stopSignal(imageStopSignal: Signal | undefined): Signal {
  return imageStopSignal ?? 'SIGTERM';
}

/** Linux: a signal death exits with 128 + signo (runc libcontainer/utils.ExitStatus). */
export const SIGNAL_NUMBER: Record<Signal, number> = {
  SIGHUP: 1,
  SIGINT: 2,
  SIGQUIT: 3,
  SIGKILL: 9,
  SIGUSR1: 10,
  SIGUSR2: 12,
  SIGTERM: 15,
};
