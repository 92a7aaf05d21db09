// Models pkg/kubelet/kuberuntime/kuberuntime_container.go killContainer / setTerminationGracePeriod
// and containerd's StopContainer (stop signal, wait up to the grace period, then SIGKILL) (Kubernetes 1.33).
import type { Container, LifecycleHandler, Pod } from 'kubernetes-types/core/v1.d.ts';
import type { Process } from '../runtime/types.js';
import type { Signal } from '../trace.js';
import { resolveContainerPort } from './prober.js';

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

export interface PreStopResult {
  /** how long the kubelet waited for the hook (at most the grace period) */
  elapsedMs: number;
  /** the hook failed: a FailedPreStopHook event */
  failed: boolean;
}

/**
 * kuberuntime_container.go executePreStopHook + lifecycle/handlers.go: run the hook, wait for it at most
 * the grace period. The kubelet subtracts the whole seconds it waited from the grace period.
 */
export function runPreStopHook(
  hook: LifecycleHandler,
  ctx: { process: Process; container: Container; podIP: string; nowMs: number; kubeletMinor: string },
  graceMs: number,
): PreStopResult {
  const within = (ms: number, failed: boolean): PreStopResult => (ms >= graceMs ? { elapsedMs: graceMs, failed: false } : { elapsedMs: ms, failed });
  if (hook.exec) {
    const r = ctx.process.exec(hook.exec.command ?? [], ctx.nowMs, graceMs);
    if (r.kind === 'timeout') return { elapsedMs: graceMs, failed: false };
    if (r.kind === 'error') return { elapsedMs: 0, failed: true };
    return within(r.durationMs, r.exitCode !== 0);
  }
  if (hook.httpGet) {
    const port = resolveContainerPort(hook.httpGet.port as number | string, ctx.container);
    if ('error' in port) return { elapsedMs: 0, failed: true };
    const headers: Record<string, string> = { 'User-Agent': `kube-lifecycle/${ctx.kubeletMinor}` };
    for (const h of hook.httpGet.httpHeaders ?? []) headers[h.name] = h.value;
    const scheme = (hook.httpGet.scheme ?? 'HTTP').toLowerCase() === 'https' ? 'https' : 'http';
    const r = ctx.process.http({ port: port.port, path: hook.httpGet.path || '/', scheme, headers }, ctx.nowMs, graceMs);
    if (r.kind === 'refused') return { elapsedMs: 0, failed: true };
    if (r.kind === 'timeout') return { elapsedMs: graceMs, failed: false };
    return within(r.durationMs, false);
  }
  if (hook.sleep) return within(Math.max(0, hook.sleep.seconds) * 1000, false);
  // tcpSocket is not supported as a lifecycle handler: it fails at run time
  return { elapsedMs: 0, failed: true };
}
