// Models pkg/kubelet/prober/worker.go doProbe (legacy ticker worker, Kubernetes 1.33).
// A pure step of (state, observation, now) so a table-driven test can drive it directly (semantics §2.2).
import type { PodPhase, ProbeType } from '../trace.js';

/** The results manager's value for one container ID. */
export type CachedResult = 'success' | 'failure' | 'unknown';

export interface ProbeThresholds {
  initialDelaySeconds: number;
  successThreshold: number;
  failureThreshold: number;
}

export interface ProbeWorkerState {
  /** the container ID the worker last saw ('' before any) */
  containerId: string;
  /** Go zero value of results.Result is Success, so a fresh worker starts with lastResult success, run 0 */
  lastResult: 'success' | 'failure';
  resultRun: number;
  onHold: boolean;
  /** results-manager value for `containerId` (undefined before the first container) */
  cached: CachedResult | undefined;
}

export interface ProbeObservation {
  /** undefined: the status manager has no status for the pod yet */
  podPhase: PodPhase | undefined;
  container?: {
    containerId: string;
    state: 'waiting' | 'running' | 'terminated';
    startedAtMs?: number;
    started: boolean;
  };
  restartPolicy: 'Always' | 'OnFailure' | 'Never';
  deleting: boolean;
  /** a sidecar (init container with restartPolicy Always) */
  restartableInit?: boolean;
}

/** What one run of the handler gave, as the worker sees it (prober errors are discarded). */
export type ProbeRunResult = 'success' | 'failure' | 'error';

export type SkipReason =
  | 'no-status'
  | 'no-container'
  | 'on-hold'
  | 'not-running'
  | 'initial-delay'
  | 'not-started'
  | 'already-started'
  | 'errored'
  | 'below-threshold';

export interface ProbeStep {
  state: ProbeWorkerState;
  /** the worker goroutine exits (the probe is never run again) */
  exit: boolean;
  /** the handler ran this tick */
  ran: boolean;
  /** why nothing was published (when nothing was) */
  skip?: SkipReason;
  /** the results manager value changed to this: the kubelet reacts (semantics §2.3) */
  published?: CachedResult;
}

export function initialProbeState(): ProbeWorkerState {
  return { containerId: '', lastResult: 'success', resultRun: 0, onHold: false, cached: undefined };
}

export function initialValue(type: ProbeType): CachedResult {
  return type === 'readiness' ? 'failure' : type === 'liveness' ? 'success' : 'unknown';
}

/**
 * One `doProbe`. `run` is called only when the handler would really run (step 10); it returns the
 * worker-visible result. Never mutates `prev`.
 */
export function probeStep(
  type: ProbeType,
  spec: ProbeThresholds,
  prev: ProbeWorkerState,
  obs: ProbeObservation,
  nowMs: number,
  run: () => ProbeRunResult,
): ProbeStep {
  const state: ProbeWorkerState = { ...prev };
  let published: CachedResult | undefined;
  const set = (v: CachedResult) => {
    if (state.cached !== v) published = v;
    state.cached = v;
  };
  const out = (o: Omit<ProbeStep, 'state' | 'published'>): ProbeStep =>
    published === undefined ? { state, ...o } : { state, published, ...o };

  // 1-2
  if (obs.podPhase === undefined) return out({ exit: false, ran: false, skip: 'no-status' });
  if (obs.podPhase === 'Failed' || obs.podPhase === 'Succeeded') return out({ exit: true, ran: false });
  // 3
  const c = obs.container;
  if (!c || c.containerId === '') return out({ exit: false, ran: false, skip: 'no-container' });
  // 4: a new container instance: fresh cached value, hold released (lastResult/resultRun carry over)
  if (state.containerId !== c.containerId) {
    state.containerId = c.containerId;
    state.cached = undefined;
    set(initialValue(type));
    state.onHold = false;
  }
  // 5
  if (state.onHold) return out({ exit: false, ran: false, skip: 'on-hold' });
  // 6
  if (c.state !== 'running') {
    set('failure');
    const exit = c.state === 'terminated' && obs.restartPolicy === 'Never' && !obs.restartableInit;
    return out({ exit, ran: false, skip: 'not-running' });
  }
  // 7
  if (obs.deleting && (type === 'liveness' || type === 'startup')) {
    set('success');
    return out({ exit: true, ran: false });
  }
  // 8: int32(time.Since(startedAt).Seconds()) truncates to whole seconds
  const startedAt = c.startedAtMs ?? nowMs;
  if (Math.trunc((nowMs - startedAt) / 1000) < spec.initialDelaySeconds) return out({ exit: false, ran: false, skip: 'initial-delay' });
  // 9
  if (c.started) {
    if (type === 'startup') return out({ exit: false, ran: false, skip: 'already-started' });
  } else if (type !== 'startup') {
    return out({ exit: false, ran: false, skip: 'not-started' });
  }
  // 10
  const result = run();
  if (result === 'error') return out({ exit: false, ran: true, skip: 'errored' });
  // 11
  if (state.lastResult === result) state.resultRun++;
  else {
    state.lastResult = result;
    state.resultRun = 1;
  }
  // 12
  if ((result === 'failure' && state.resultRun < spec.failureThreshold) || (result === 'success' && state.resultRun < spec.successThreshold)) {
    return out({ exit: false, ran: true, skip: 'below-threshold' });
  }
  // 13
  set(result);
  // 14
  if ((type === 'liveness' && result === 'failure') || type === 'startup') {
    state.onHold = true;
    state.resultRun = 0;
  }
  return out({ exit: false, ran: true });
}
