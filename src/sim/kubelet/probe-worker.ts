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

/** Steps 1–9 decide; `probeGate` returns either a finished step or "run the handler now". */
export type ProbeGate = { kind: 'done'; step: ProbeStep } | { kind: 'run'; state: ProbeWorkerState; published: CachedResult | undefined };

function finish(state: ProbeWorkerState, published: CachedResult | undefined, exit: boolean, ran: boolean, skip?: SkipReason): ProbeStep {
  const step: ProbeStep = { state, exit, ran };
  if (skip !== undefined) step.skip = skip;
  if (published !== undefined) step.published = published;
  return step;
}

/** Steps 1–9 of doProbe. Never mutates `prev`. (No closures: this runs once per probe tick.) */
export function probeGate(type: ProbeType, spec: ProbeThresholds, prev: ProbeWorkerState, obs: ProbeObservation, nowMs: number): ProbeGate {
  const state: ProbeWorkerState = { containerId: prev.containerId, lastResult: prev.lastResult, resultRun: prev.resultRun, onHold: prev.onHold, cached: prev.cached };
  let published: CachedResult | undefined;
  // 1-2
  if (obs.podPhase === undefined) return { kind: 'done', step: finish(state, published, false, false, 'no-status') };
  if (obs.podPhase === 'Failed' || obs.podPhase === 'Succeeded') return { kind: 'done', step: finish(state, published, true, false) };
  // 3
  const c = obs.container;
  if (!c || c.containerId === '') return { kind: 'done', step: finish(state, published, false, false, 'no-container') };
  // 4: a new container instance: fresh cached value, hold released (lastResult/resultRun carry over)
  if (state.containerId !== c.containerId) {
    state.containerId = c.containerId;
    state.cached = published = initialValue(type);
    state.onHold = false;
  }
  // 5
  if (state.onHold) return { kind: 'done', step: finish(state, published, false, false, 'on-hold') };
  // 6
  if (c.state !== 'running') {
    if (state.cached !== 'failure') published = 'failure';
    state.cached = 'failure';
    const exit = c.state === 'terminated' && obs.restartPolicy === 'Never' && !obs.restartableInit;
    return { kind: 'done', step: finish(state, published, exit, false, 'not-running') };
  }
  // 7
  if (obs.deleting && (type === 'liveness' || type === 'startup')) {
    if (state.cached !== 'success') published = 'success';
    state.cached = 'success';
    return { kind: 'done', step: finish(state, published, true, false) };
  }
  // 8: int32(time.Since(startedAt).Seconds()) truncates to whole seconds
  const startedAt = c.startedAtMs ?? nowMs;
  if (Math.trunc((nowMs - startedAt) / 1000) < spec.initialDelaySeconds) return { kind: 'done', step: finish(state, published, false, false, 'initial-delay') };
  // 9
  if (c.started) {
    if (type === 'startup') return { kind: 'done', step: finish(state, published, false, false, 'already-started') };
  } else if (type !== 'startup') {
    return { kind: 'done', step: finish(state, published, false, false, 'not-started') };
  }
  return { kind: 'run', state, published };
}

/** Steps 10–14 of doProbe, given what the handler returned. Mutates and returns `gate.state`. */
export function probeApply(type: ProbeType, spec: ProbeThresholds, gate: Extract<ProbeGate, { kind: 'run' }>, result: ProbeRunResult): ProbeStep {
  const state = gate.state;
  let published = gate.published;
  // 10
  if (result === 'error') return finish(state, published, false, true, 'errored');
  // 11
  if (state.lastResult === result) state.resultRun++;
  else {
    state.lastResult = result;
    state.resultRun = 1;
  }
  // 12
  if ((result === 'failure' && state.resultRun < spec.failureThreshold) || (result === 'success' && state.resultRun < spec.successThreshold)) {
    return finish(state, published, false, true, 'below-threshold');
  }
  // 13
  if (state.cached !== result) published = result;
  state.cached = result;
  // 14
  if ((type === 'liveness' && result === 'failure') || type === 'startup') {
    state.onHold = true;
    state.resultRun = 0;
  }
  return finish(state, published, false, true);
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
  const gate = probeGate(type, spec, prev, obs, nowMs);
  return gate.kind === 'done' ? gate.step : probeApply(type, spec, gate, run());
}
