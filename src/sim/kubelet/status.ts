// Models pkg/kubelet/kubelet_pods.go (generateAPIPodStatus, convertToAPIContainerStatuses, getPhase)
// and pkg/kubelet/status/generate.go (pod conditions) (Kubernetes 1.33).
import type { ContainerState, ContainerStatus, PodCondition, PodPhase, PodStatusSnapshot, Signal } from '../trace.js';
import { WAITING } from './events.js';

export type RestartPolicy = 'Always' | 'OnFailure' | 'Never';

export interface InstanceView {
  containerId: string;
  restartCount: number;
  startedAtMs: number;
  exit?: { exitCode: number; reason: string; signal?: Signal; finishedAtMs: number; message?: string };
}

export interface ContainerView {
  name: string;
  image: string;
  init: boolean;
  /** instances the kubelet's pod cache knows, oldest first */
  instances: InstanceView[];
  /** the reason cache: the last start attempt failed with this (e.g. CrashLoopBackOff) */
  startError?: { reason: string; message: string };
  /** waiting reason when there is no instance yet */
  pendingReason: string;
  /** prober manager's view of the newest running instance */
  started: boolean;
  ready: boolean;
  /** a sidecar: an init container with restartPolicy Always */
  restartable?: boolean;
}

function terminatedOf(i: InstanceView): Extract<ContainerState, { kind: 'terminated' }> {
  const e = i.exit!;
  const t: Extract<ContainerState, { kind: 'terminated' }> = {
    kind: 'terminated',
    exitCode: e.exitCode,
    reason: e.reason,
    startedAtMs: i.startedAtMs,
    finishedAtMs: e.finishedAtMs,
  };
  if (e.signal) t.signal = e.signal;
  if (e.message) t.message = e.message;
  return t;
}

/** ShouldContainerBeRestarted (pkg/kubelet/container/helpers.go) for an exited container. */
export function shouldRestart(policy: RestartPolicy, exitCode: number | undefined): boolean {
  if (exitCode === undefined) return true;
  if (policy === 'Never') return false;
  if (policy === 'OnFailure' && exitCode === 0) return false;
  return true;
}

export function containerStatus(v: ContainerView, policy: RestartPolicy): ContainerStatus {
  const n = v.instances.length;
  const newest = n > 0 ? v.instances[n - 1] : undefined;
  const previous = n > 1 ? v.instances[n - 2] : undefined;
  // init containers restart under OnFailure semantics whatever the pod policy says (except Never); sidecars always
  const effective: RestartPolicy = v.restartable ? 'Always' : v.init && policy === 'Always' ? 'OnFailure' : policy;
  // (object literals with every field, not spreads: this runs at every status change of a long run)
  if (!newest) {
    const state: ContainerState = v.startError
      ? { kind: 'waiting', reason: v.startError.reason, message: v.startError.message }
      : { kind: 'waiting', reason: v.pendingReason };
    return { name: v.name, image: v.image, init: v.init, state, ready: false, started: false, restartCount: 0, containerId: '' };
  }
  const status: ContainerStatus = {
    name: v.name,
    image: v.image,
    init: v.init,
    state: { kind: 'running', startedAtMs: newest.startedAtMs },
    ready: false,
    started: false,
    restartCount: newest.restartCount,
    containerId: newest.containerId,
  };
  if (v.init && !v.restartable) {
    // prober_manager.go UpdatePodStatus: a regular init container is started while it runs and ready once it completed
    status.started = !newest.exit;
    status.ready = !!newest.exit && newest.exit.exitCode === 0;
  }
  if (!newest.exit) {
    if (v.init && !v.restartable) {
      if (previous?.exit) status.lastState = terminatedOf(previous);
      return status;
    }
    status.started = v.started;
    status.ready = v.started && v.ready;
    if (previous?.exit) status.lastState = terminatedOf(previous);
    return status;
  }
  if (v.startError && shouldRestart(effective, newest.exit.exitCode)) {
    status.state = { kind: 'waiting', reason: v.startError.reason, message: v.startError.message };
    status.lastState = terminatedOf(newest);
    return status;
  }
  status.state = terminatedOf(newest);
  if (previous?.exit) status.lastState = terminatedOf(previous);
  return status;
}

/** getPhase (kubelet_pods.go). Sidecars (named in `sidecars`) never decide the phase once the pod is initialized. */
export function podPhase(policy: RestartPolicy, init: ContainerStatus[], app: ContainerStatus[], sidecars: ReadonlySet<string> = NO_SIDECARS): PodPhase {
  let pendingInitialization = false;
  let failedInitialization = false;
  const initialized = anyInitialized(app);
  for (let i = 0; i < init.length; i++) {
    const s = init[i]!;
    if (sidecars.has(s.name)) {
      if (!initialized && !(s.state.kind === 'running' && s.started)) pendingInitialization = true;
      continue;
    }
    if (s.state.kind === 'terminated' && s.state.exitCode === 0) continue;
    pendingInitialization = true;
    if (s.state.kind === 'terminated' || (s.state.kind === 'waiting' && s.lastState)) failedInitialization = true;
  }
  if (failedInitialization && policy === 'Never') return 'Failed';
  if (pendingInitialization) return 'Pending';
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (let i = 0; i < app.length; i++) {
    const s = app[i]!;
    if (s.state.kind === 'running') running++;
    else if (s.state.kind === 'terminated') {
      stopped++;
      if (s.state.exitCode === 0) succeeded++;
    } else if (s.lastState) stopped++;
    else waiting++;
  }
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  // the app containers are done but a sidecar still runs: the pod is not terminal until it stops
  for (let i = 0; i < init.length; i++) if (sidecars.has(init[i]!.name) && init[i]!.state.kind === 'running') return 'Running';
  if (stopped > 0) {
    if (policy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (policy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

function condition(
  prev: PodStatusSnapshot | undefined,
  type: PodCondition['type'],
  ok: boolean,
  nowMs: number,
  reason?: string,
  message?: string,
): PodCondition {
  const status = ok ? 'True' : 'False';
  let old: PodCondition | undefined;
  if (prev) for (let i = 0; i < prev.conditions.length && !old; i++) if (prev.conditions[i]!.type === type) old = prev.conditions[i];
  // unchanged: the same object (snapshots share it; comparing them then stops at once)
  if (old && old.status === status && old.reason === reason && old.message === message) return old;
  const c: PodCondition = { type, status, lastTransitionMs: old && old.status === status ? old.lastTransitionMs : nowMs };
  if (reason) c.reason = reason;
  if (message) c.message = message;
  return c;
}

/** Go's %s of a []string: [a b c] */
const goList = (xs: string[]) => `[${xs.join(' ')}]`;

const NO_SIDECARS: ReadonlySet<string> = new Set();

export interface PodStatusInput {
  policy: RestartPolicy;
  initContainers: ContainerView[];
  containers: ContainerView[];
  /** the sandbox exists (PodReadyToStartContainers) */
  sandboxReady: boolean;
  podIP: string;
  scheduledAtMs: number;
}

export function sidecarNames(views: readonly ContainerView[]): ReadonlySet<string> {
  let names: Set<string> | undefined;
  for (let i = 0; i < views.length; i++) if (views[i]!.restartable) (names ??= new Set()).add(views[i]!.name);
  return names ?? NO_SIDECARS;
}

/** some app container got past PodInitializing (or has run before) */
function anyInitialized(app: readonly ContainerStatus[]): boolean {
  for (let i = 0; i < app.length; i++) {
    const c = app[i]!;
    if (!(c.state.kind === 'waiting' && c.state.reason === WAITING.podInitializing && !c.lastState)) return true;
  }
  return false;
}

export function buildPodStatus(input: PodStatusInput, prev: PodStatusSnapshot | undefined, nowMs: number): PodStatusSnapshot {
  const init: ContainerStatus[] = [];
  for (let i = 0; i < input.initContainers.length; i++) init.push(containerStatus(input.initContainers[i]!, input.policy));
  const app: ContainerStatus[] = [];
  for (let i = 0; i < input.containers.length; i++) app.push(containerStatus(input.containers[i]!, input.policy));
  const sidecars = sidecarNames(input.initContainers);
  const phase = podPhase(input.policy, init, app, sidecars);
  const s: PodStatusSnapshot = input.sandboxReady
    ? { phase, conditions: [], podIP: input.podIP, initContainers: init, containers: app }
    : { phase, conditions: [], initContainers: init, containers: app };
  return withConditions(s, { sandboxReady: input.sandboxReady, scheduledAtMs: input.scheduledAtMs, sidecars }, prev, nowMs);
}

/** Recomputes the conditions of a snapshot (also used when only readiness changed). */
export function withConditions(
  s: PodStatusSnapshot,
  input: Pick<PodStatusInput, 'sandboxReady' | 'scheduledAtMs'> & { sidecars?: ReadonlySet<string> },
  prev: PodStatusSnapshot | undefined,
  nowMs: number,
): PodStatusSnapshot {
  const sidecars = input.sidecars ?? NO_SIDECARS;
  const conditions: PodCondition[] = [];
  conditions.push(condition(prev, 'PodReadyToStartContainers', input.sandboxReady, nowMs));
  const initialized = anyInitialized(s.containers);
  const uninit: string[] = [];
  for (let i = 0; i < s.initContainers.length; i++) {
    const c = s.initContainers[i]!;
    const incomplete = sidecars.has(c.name)
      ? !initialized && !(c.state.kind === 'running' && c.started)
      : !(c.state.kind === 'terminated' && c.state.exitCode === 0);
    if (incomplete) uninit.push(c.name);
  }
  if (s.phase === 'Succeeded' && uninit.length === 0) conditions.push(condition(prev, 'Initialized', true, nowMs, 'PodCompleted'));
  else if (uninit.length === 0) conditions.push(condition(prev, 'Initialized', true, nowMs));
  else conditions.push(condition(prev, 'Initialized', false, nowMs, 'ContainersNotInitialized', `containers with incomplete status: ${goList(uninit)}`));
  // sidecars count for readiness too, listed first (status/generate.go)
  const unready: string[] = [];
  for (let i = 0; i < s.initContainers.length; i++) {
    const c = s.initContainers[i]!;
    if (sidecars.has(c.name) && !c.ready) unready.push(c.name);
  }
  for (let i = 0; i < s.containers.length; i++) if (!s.containers[i]!.ready) unready.push(s.containers[i]!.name);
  const isReady = s.phase !== 'Succeeded' && unready.length === 0;
  const reason = s.phase === 'Succeeded' ? 'PodCompleted' : isReady ? undefined : 'ContainersNotReady';
  const message = s.phase === 'Succeeded' || isReady ? undefined : `containers with unready status: ${goList(unready)}`;
  conditions.push(condition(prev, 'Ready', isReady, nowMs, reason, message));
  conditions.push(condition(prev, 'ContainersReady', isReady, nowMs, reason, message));
  let sched: PodCondition | undefined;
  if (prev) for (let i = 0; i < prev.conditions.length && !sched; i++) if (prev.conditions[i]!.type === 'PodScheduled') sched = prev.conditions[i];
  conditions.push(sched ?? { type: 'PodScheduled', status: 'True', lastTransitionMs: input.scheduledAtMs });
  // the same fields in the same order as `s`, with the new conditions (no spread: see containerStatus)
  return s.podIP === undefined
    ? { phase: s.phase, conditions, initContainers: s.initContainers, containers: s.containers }
    : { phase: s.phase, conditions, podIP: s.podIP, initContainers: s.initContainers, containers: s.containers };
}

export const PENDING_REASON = { creating: WAITING.containerCreating, initializing: WAITING.podInitializing } as const;
