// Models pkg/kubelet/pod_workers.go, kubelet.go (syncLoopIteration, SyncPod), prober/prober_manager.go
// and kuberuntime/kuberuntime_manager.go (SyncPod, computePodActions, doBackOff) (Kubernetes 1.33).
// One simulated kubelet running one pod in virtual time; everything it does lands in the trace.
import type { Container, Pod, Probe } from 'kubernetes-types/core/v1.d.ts';
import type { ContainerLaunch, ImageInfo, Process, ProcessExit, Runtime } from '../runtime/types.js';
import type { ContainerStatus, EventOccurrence, PodStatusSnapshot, ProbeType, Signal, TraceContainerInfo } from '../trace.js';
import { PRIORITY, type Simulation } from '../engine/simulation.js';
import { Rng } from '../engine/rng.js';
import type { TraceRecorder } from '../engine/recorder.js';
import { CrashLoopBackoff, DEFAULT_BACKOFF, type BackoffConfig } from './backoff.js';
import { EVENTS, backOffWaitingMessage, formatPod, probeKillMessage, stopMessage, WAITING, type KubeletVersion } from './events.js';
import { initialProbeState, probeApply, probeGate, type CachedResult, type ProbeObservation, type ProbeStep, type ProbeWorkerState, type SkipReason } from './probe-worker.js';
import { runProbe, type ProbeContext, type ProbeOutcome } from './prober.js';
import { buildPodStatus, shouldRestart, withConditions, type ContainerView, type InstanceView, type RestartPolicy } from './status.js';
import { MINIMUM_GRACE_PERIOD_SECONDS, killGracePeriodMs, runPreStopHook, stopSignal, type KillReason, type PreStopResult } from './termination.js';
import { defaultPullPolicy } from '../../manifest/defaults.js';
import { KUBERNETES_ENV } from '../runtime/image-fs.js';

export interface PodIdentity {
  name: string;
  namespace: string;
  uid: string;
  nodeName: string;
  podIP: string;
}

/** Images on the node and its one-at-a-time puller (image_manager.go, serial image puller). */
export interface NodeImages {
  present: Set<string>;
  pulledBefore: Set<string>;
  /** when the puller is free again */
  busyUntilMs: number;
  /** images pulled or queued for pulling: a later pull of one finds its layers */
  queued: Set<string>;
}

export interface KubeletOptions {
  seed: number;
  runtime: Runtime;
  kubeletVersion: KubeletVersion;
  /** images already on the node before the pod arrives */
  preloadedImages?: readonly string[];
  backoff?: BackoffConfig;
  /** virtual time the pod was created and bound to the node (default 0): the Scheduled event and PodScheduled */
  createdAtMs?: number;
  /**
   * seeds the pod worker's requeue jitter apart from the node's loop phases (which always come from
   * `seed`: one kubelet runs every pod of the node); default: the same stream as the phases
   */
  jitterSeed?: number;
  /** containers see the pod's IP (/etc/hosts, `hostname -i`); `simulate()` keeps the runtime's default */
  podIPInContainers?: boolean;
  /**
   * The node's image store, shared by every pod of the node (cluster runs): a pod finds the images an
   * earlier one pulled, and pulls are serialized (the kubelet's default serializeImagePulls) so a pod
   * may wait for another's pull ("... including waiting"). Default: this pod's own store.
   */
  nodeImages?: NodeImages;
  /** the status manager's updates to the API server: every status the kubelet records */
  onStatus?: (t: number, status: PodStatusSnapshot) => void;
  /** a deleted pod's containers have all stopped and its final status is written: the kubelet removes the object */
  onTerminated?: (t: number) => void;
}

/** Cadences of the kubelet's loops (pkg/kubelet/kubelet.go, pod_workers.go). */
export const KUBELET_TIMING = {
  plegRelistMs: 1_000,
  syncTickerMs: 1_000,
  housekeepingMs: 2_000,
  resyncMs: 60_000,
  resyncJitter: 0.5,
  errorBackoffMs: 10_000,
  errorBackoffJitter: 0.5,
} as const;

interface Instance {
  id: string;
  restartCount: number;
  process: Process;
  startedAtMs: number;
  exit?: ProcessExit & { finishedAtMs: number };
  /** the PLEG relist that notices the exit */
  exitSeenAtMs?: number;
  wakeAtMs?: number;
  wakeGen: number;
  logIndex: number;
  /** a sync blocked in killContainer waiting for this exit */
  waiter?: () => void;
  /** bound once: the process's own wake-up (arg = generation) */
  onWake: (now: number, gen: number) => void;
}

interface ContainerRt {
  spec: Container;
  name: string;
  init: boolean;
  image: ImageInfo;
  pullPolicy: 'Always' | 'IfNotPresent' | 'Never';
  instances: Instance[];
  startError?: { reason: string; message: string };
  backoffKey: string;
  /** how the runtime runs it (the process's own description once started) */
  behaviour: string;
  noted: boolean;
  /** a restartable init container (`restartPolicy: Always`): a sidecar that runs beside the app */
  sidecar: boolean;
  /** the waiting message and BackOff event of the current back-off value (immutable, shared by records) */
  backOffText?: { backoffMs: number; message: string; event: EventOccurrence; startError: { reason: string; message: string } };
  /** what the runtime is asked to start, the same object at every restart (the runtime prepares it once) */
  launch?: ContainerLaunch;
  /** one immutable object per distinct event of this container (see `keep`) */
  events: Map<string, EventOccurrence>;
  /** its probe workers by type (looked up at every sync and status) */
  workers: Partial<Record<ProbeType, WorkerRt>>;
}

interface WorkerRt {
  type: ProbeType;
  container: ContainerRt;
  probe: Probe;
  periodMs: number;
  thresholds: { initialDelaySeconds: number; successThreshold: number; failureThreshold: number };
  state: ProbeWorkerState;
  anchorMs: number;
  gen: number;
  busyUntilMs: number;
  pendingManual: boolean;
  manualAtMs?: number;
  exited: boolean;
  /** stopped by the pod's termination (probeManager.StopLivenessAndStartup): its result is gone */
  removed?: boolean;
  /** a handler run that takes time: committed when it completes */
  pending?: { step: ProbeStep; outcome: ProbeOutcome | undefined; startedAt: number };
  /** the prober context, reused by every run of this worker */
  ctx?: ProbeContext;
  /** peers a run of this worker touched (their logs and exits are collected after it) */
  touched?: unknown[];
  /**
   * The status snapshot on which the last tick was a no-op for a reason that only a new status can
   * change (on hold, not running, ...): while the kubelet's status is still that object, every tick
   * is the same no-op and is skipped straight to the next one (same ticks, same order, less work).
   */
  idleOn?: PodStatusSnapshot;
  /**
   * No tick is scheduled: the worker is idle and alone (no other worker's tick could share an
   * instant with its own), so its ticks are not simulated one by one; the next status change
   * schedules the first tick that sees it (setStatus).
   */
  parked: boolean;
  /** bound once per worker so a probe tick allocates no closure */
  onTick: (now: number, gen: number) => void;
  onCommit: (now: number, gen: number) => void;
}

interface KillPlan {
  c: ContainerRt;
  inst: Instance;
  reason: KillReason;
  message: string;
}

/** what a sync waits for; `pull`: an image pull, which a deletion cancels (its context is cancelled upstream) */
type Wait = { kind: 'sleep'; untilMs: number; pull?: true } | { kind: 'exit'; inst: Instance; deadlineMs: number };
type SyncGen = Generator<Wait, void, void>;

/** doProbe outcomes that depend on the status alone (not on the time, unlike the initial delay) */
const IDLE_SKIPS: ReadonlySet<string> = new Set<SkipReason>(['no-container', 'on-hold', 'not-running', 'not-started', 'already-started']);

function sameState(a: ProbeWorkerState, b: ProbeWorkerState): boolean {
  return a.containerId === b.containerId && a.lastResult === b.lastResult && a.resultRun === b.resultRun && a.onHold === b.onHold && a.cached === b.cached;
}

function num(v: number | undefined | null, fallback: number): number {
  return v === undefined || v === null || v === 0 ? fallback : v;
}

/** One container being stopped by the pod's termination (killContainersWithSyncResult runs them in parallel). */
interface Stopping {
  c: ContainerRt;
  inst: Instance;
  graceMs: number;
  /** the preStop hook is over and the sidecar's turn came: the stop signal was sent */
  signalled: boolean;
  /** kuberuntime_termination_order.go: what this sidecar waits for before its stop signal */
  waitsFor: Stopping[];
  turnSinceMs?: number;
}

export class Kubelet {
  private readonly rng: Rng;
  private readonly jitterRng: Rng;
  private readonly createdAtMs: number;
  private readonly idRng: Rng;
  private readonly backoff: CrashLoopBackoff;
  private readonly plegPhaseMs: number;
  private readonly syncTickPhaseMs: number;
  private readonly policy: RestartPolicy;
  private readonly podDesc: string;
  private readonly initContainers: ContainerRt[];
  private readonly containers: ContainerRt[];
  /** init containers then app containers, in spec order */
  private readonly allContainers: ContainerRt[];
  private readonly byId = new Map<string, Instance>();
  private readonly workers: WorkerRt[] = [];
  private readonly images: Set<string>;
  private readonly pulledBefore: Set<string>;
  private workersCreated = false;
  private sandboxReady = false;
  private lastStatus: PodStatusSnapshot | undefined;
  private busy = false;
  private syncScheduledAt: number | undefined;
  private pendingSync = false;
  private requeueGen = 0;
  /** the API server's deletion: deletionTimestamp set, with this grace period */
  private deletion: { requestedAtMs: number; graceSeconds: number } | undefined;
  /** the deletion waits for the running sync to finish */
  private terminationPending = false;
  /** SyncTerminatingPod has begun: nothing is started again, every container is being stopped */
  private terminating = false;
  private stopping: Stopping[] = [];
  /** every container of the terminating pod has exited (PLEG sees it next) */
  private allStopped = false;
  /** the final status (terminal phase) is generated */
  private terminated = false;
  /** the object is gone: nothing of this pod runs any more */
  private gone = false;

  constructor(
    private pod: Pod,
    readonly identity: PodIdentity,
    private readonly opts: KubeletOptions,
    private readonly sim: Simulation,
    private readonly rec: TraceRecorder,
    idSeed: number,
  ) {
    this.rng = new Rng(opts.seed);
    this.idRng = new Rng(idSeed);
    // the kubelet started long before the pod: its loops run on grids with a seed-dependent phase
    this.plegPhaseMs = this.rng.int(KUBELET_TIMING.plegRelistMs);
    this.syncTickPhaseMs = this.rng.int(KUBELET_TIMING.syncTickerMs);
    const housekeepingPhaseMs = this.rng.int(KUBELET_TIMING.housekeepingMs);
    this.jitterRng = opts.jitterSeed === undefined ? this.rng : new Rng(opts.jitterSeed);
    this.createdAtMs = opts.createdAtMs ?? 0;
    this.backoff = new CrashLoopBackoff({ ...(opts.backoff ?? DEFAULT_BACKOFF), housekeepingPhaseMs });
    const rp = pod.spec?.restartPolicy;
    this.policy = rp === 'Never' || rp === 'OnFailure' ? rp : 'Always';
    this.podDesc = formatPod(identity.name, identity.namespace, identity.uid);
    this.images = opts.nodeImages?.present ?? new Set();
    this.pulledBefore = opts.nodeImages?.pulledBefore ?? new Set();
    for (const img of opts.preloadedImages ?? []) this.images.add(img);
    const mk = (spec: Container, init: boolean): ContainerRt => {
      const ref = spec.image ?? '';
      const pp = spec.imagePullPolicy;
      const rt: ContainerRt = {
        spec,
        name: spec.name,
        init,
        image: opts.runtime.image(ref),
        pullPolicy: pp === 'Always' || pp === 'IfNotPresent' || pp === 'Never' ? pp : defaultPullPolicy(ref),
        instances: [],
        backoffKey: `${identity.name}_${identity.namespace}_${identity.uid}_${spec.name}_${ref}`,
        behaviour: '',
        noted: false,
        sidecar: init && spec.restartPolicy === 'Always',
        events: new Map(),
        workers: {},
      };
      rt.behaviour = rt.image.behaviour;
      return rt;
    };
    this.initContainers = (pod.spec?.initContainers ?? []).map((c) => mk(c, true));
    this.containers = (pod.spec?.containers ?? []).map((c) => mk(c, false));
    this.allContainers = [...this.initContainers, ...this.containers];
  }

  containerInfos(): TraceContainerInfo[] {
    return [...this.initContainers, ...this.containers].map((c) => ({
      name: c.name,
      image: c.image.ref,
      init: c.init,
      behaviour: c.behaviour,
      known: c.image.known,
    }));
  }

  /** Pod bound at its creation time (t = 0 unless `createdAtMs`); the kubelet's first sync follows at once. */
  start(): void {
    const t = this.createdAtMs;
    this.emit(t, EVENTS.scheduled(this.identity.namespace, this.identity.name, this.identity.nodeName));
    this.requestSync(t);
  }

  // ---------------------------------------------------------------- time grids

  private plegAfter(t: number): number {
    const p = KUBELET_TIMING.plegRelistMs;
    return this.plegPhaseMs + (Math.floor((t - this.plegPhaseMs) / p) + 1) * p;
  }

  private syncTickAtOrAfter(t: number): number {
    const p = KUBELET_TIMING.syncTickerMs;
    return this.syncTickPhaseMs + Math.ceil((t - this.syncTickPhaseMs) / p) * p;
  }

  // ---------------------------------------------------------------- trace helpers

  private emit(t: number, e: EventOccurrence): void {
    this.rec.add({ t, kind: 'event', event: e });
  }

  /**
   * Remembers `e` as the container's event `key` and returns it. A crash loop repeats a handful of
   * events thousands of times: records share one object each, and the event correlator works out
   * its keys once per object.
   */
  private keep(c: ContainerRt, key: string, e: EventOccurrence): EventOccurrence {
    // bounded: probe outputs that change every time (a clock in the output) would grow it for nothing
    if (c.events.size >= 256) c.events.clear();
    c.events.set(key, e);
    return e;
  }

  // ---------------------------------------------------------------- pod worker

  /** UpdatePod / a PLEG event / a probe result: run SyncPod now, or once the running one finishes. */
  private requestSync(now: number): void {
    if (this.busy) {
      this.pendingSync = true;
      return;
    }
    if (this.syncScheduledAt === now) return;
    this.syncScheduledAt = now;
    this.sim.at(now, PRIORITY.sync, this.onRunSync);
  }

  /** bound once: the sync loop's actions carry no per-event closure */
  private readonly onRunSync = (t: number): void => this.runSync(t);
  private readonly onRequestSync = (t: number): void => this.requestSync(t);
  private readonly onRequeue = (t: number, gen: number): void => {
    if (gen !== this.requeueGen) return;
    // requestSync would queue the sync behind everything at this instant and priority, and only
    // syncs run there (a pending one means syncScheduledAt === t): running it now is the same
    if (!this.busy && this.syncScheduledAt !== t) this.runSync(t);
    else this.requestSync(t);
  };

  private runSync(now: number): void {
    if (this.syncScheduledAt === now) this.syncScheduledAt = undefined;
    if (this.gone) return;
    if (this.busy) {
      this.pendingSync = true;
      return;
    }
    this.busy = true;
    // one sync runs at a time (busy): its plan, generator and outcome live in fields, so a sync
    // allocates no driver closures
    const result = this.syncResult;
    result.error = false;
    this.planSync(now);
    const { kills, starts, nKills, nStarts } = this;
    // A sync that kills nothing and finds every container it would start still in back-off (each
    // crash-loop re-sync) does not wait for anything: it runs to completion without a generator.
    let from = 0;
    if (nKills === 0) {
      while (from < nStarts && this.inBackOff(starts[from]!, now, result)) from++;
      if (from === nStarts) {
        this.completeWork(result.error);
        return;
      }
    }
    this.syncGen = this.actSync(now, kills.slice(0, nKills), starts.slice(0, nStarts), from, nKills === 0, result);
    this.syncStep();
  }

  private syncGen: SyncGen | undefined;
  /** the running sync waits for an image pull */
  private pulling = false;
  private readonly syncResult = { error: false };
  private readonly onSyncStep = (): void => this.syncStep();

  private syncStep(): void {
    // a sync cancelled by the pod's deletion during an image pull: its wake-up finds nothing to resume
    if (!this.syncGen) return;
    this.pulling = false;
    const r = this.syncGen.next();
    if (r.done) {
      this.syncGen = undefined;
      this.completeWork(this.syncResult.error);
      return;
    }
    const w = r.value;
    if (w.kind === 'sleep') {
      if (w.pull) this.pulling = true;
      this.sim.at(w.untilMs, PRIORITY.resume, this.onSyncStep);
      return;
    }
    if (w.inst.exit) {
      this.syncStep();
      return;
    }
    let resumed = false;
    const resume = () => {
      if (resumed) return;
      resumed = true;
      w.inst.waiter = undefined;
      this.syncStep();
    };
    w.inst.waiter = resume;
    this.sim.at(w.deadlineMs, PRIORITY.resume, resume);
  }

  /** pod_workers.go completeWork: requeue after Jitter(1m, 0.5) or, after an error, Jitter(10s, 0.5). */
  private completeWork(hadError: boolean): void {
    this.busy = false;
    const now = this.sim.now;
    if (this.terminationPending) {
      this.terminationPending = false;
      this.beginTermination(now);
    }
    if (this.pendingSync) {
      this.pendingSync = false;
      this.requestSync(now);
      return;
    }
    const gen = ++this.requeueGen;
    if (this.isTerminal() || this.terminating) return;
    const delay = hadError
      ? this.jitterRng.jitter(KUBELET_TIMING.errorBackoffMs, KUBELET_TIMING.errorBackoffJitter)
      : this.jitterRng.jitter(KUBELET_TIMING.resyncMs, KUBELET_TIMING.resyncJitter);
    // A periodic resync of a settled pod changes nothing; it is skipped so that cost follows events,
    // not simulated time. It matters only while a started container waits to become ready.
    if (!hadError && !this.resyncMatters()) return;
    const at = this.syncTickAtOrAfter(now + delay);
    this.sim.at(at, PRIORITY.sync, this.onRequeue, gen);
  }

  private resyncMatters(): boolean {
    for (let i = 0; i < this.workers.length; i++) {
      const w = this.workers[i]!;
      if (w.type !== 'readiness' || w.exited) continue;
      const st = (w.container.init ? this.lastStatus?.initContainers : this.lastStatus?.containers)?.find((c) => c.name === w.container.name);
      if (st && st.state.kind === 'running' && st.started && !st.ready) return true;
    }
    return false;
  }

  private isTerminal(): boolean {
    const p = this.lastStatus?.phase;
    return p === 'Succeeded' || p === 'Failed';
  }

  // ---------------------------------------------------------------- SyncPod

  /**
   * What a sync kills, then what it starts: the first nKills / nStarts entries (the arrays are
   * reused by every sync and never shrink; a sync that waits gets copies).
   */
  private readonly kills: KillPlan[] = [];
  private readonly starts: ContainerRt[] = [];
  private nKills = 0;
  private nStarts = 0;

  private addKill(k: KillPlan): void {
    this.kills[this.nKills++] = k;
  }

  private addStart(c: ContainerRt): void {
    this.starts[this.nStarts++] = c;
  }

  /** SyncPod up to its actions: the status, then computePodActions (which containers to kill, which to start). */
  private planSync(t0: number): void {
    this.nKills = 0;
    this.nStarts = 0;
    // generateAPIPodStatus comes first: the status reflects the runtime before this sync acts
    this.generateStatus(t0);
    // the first sync creates the sandbox; its IP shows in the next generated status
    this.sandboxReady = true;
    // a terminating pod only reports its status: its containers are being stopped (beginTermination)
    if (this.terminating) return;
    if (!this.workersCreated) {
      this.workersCreated = true;
      this.createWorkers(t0);
    }
    if (this.isTerminal()) {
      // SyncTerminatingPod: whatever still runs (sidecars once the app containers are done) is stopped
      for (const c of [...this.initContainers].reverse()) {
        const inst = c.instances[c.instances.length - 1];
        if (c.sidecar && inst && !inst.exit) this.addKill({ c, inst, reason: 'Stop', message: stopMessage(c.name) });
      }
      return;
    }

    // doBackOff looks at the newest instance exited as of sync start (computed when a start needs
    // it: only starting the container itself changes its instances, and exits of this sync are
    // seen by PLEG after t0)

    // once an app container has been created the pod is initialized: init containers never run again,
    // only sidecars are kept running
    let initialized = false;
    for (let i = 0; i < this.containers.length; i++) if (this.containers[i]!.instances.length > 0) initialized = true;
    let initDone = initialized;
    if (!initialized) {
      initDone = true;
      for (let i = 0; i < this.initContainers.length; i++) {
        const c = this.initContainers[i]!;
        const inst = c.instances[c.instances.length - 1];
        if (!inst) {
          this.addStart(c);
          initDone = false;
          break;
        }
        const running = !this.exitVisible(inst, t0);
        if (c.sidecar) {
          // a sidecar lets the next init container start once it is running and started
          if (running && this.probeKill(c, inst, true)) {
            initDone = false;
            break;
          }
          if (running && this.isStarted(c, inst)) continue;
          if (!running) this.addStart(c);
          initDone = false;
          break;
        }
        if (running) {
          initDone = false;
          break;
        }
        if (inst.exit!.exitCode === 0) continue;
        if (this.policy !== 'Never') this.addStart(c);
        initDone = false;
        break;
      }
    } else if (this.appContainersDone(t0)) {
      // every app container is done for good: the sidecars are stopped, last started first
      for (const c of [...this.initContainers].reverse()) {
        const inst = c.instances[c.instances.length - 1];
        if (c.sidecar && inst && !this.exitVisible(inst, t0)) this.addKill({ c, inst, reason: 'Stop', message: stopMessage(c.name) });
      }
    } else {
      for (let i = 0; i < this.initContainers.length; i++) {
        const c = this.initContainers[i]!;
        if (!c.sidecar) continue;
        const inst = c.instances[c.instances.length - 1];
        if (!inst || this.exitVisible(inst, t0)) this.addStart(c);
        else this.probeKill(c, inst, true);
      }
    }
    if (initDone) {
      for (let i = 0; i < this.containers.length; i++) {
        const c = this.containers[i]!;
        const inst = c.instances[c.instances.length - 1];
        if (inst && !this.exitVisible(inst, t0)) {
          this.probeKill(c, inst, this.policy !== 'Never');
          continue;
        }
        if (!inst || shouldRestart(this.policy, inst.exit!.exitCode)) this.addStart(c);
      }
    }

  }

  /**
   * doBackOff for a container about to start: true while it is in crash-loop back-off (the BackOff
   * event and waiting reason are recorded and the sync ends in error); false when it may start now
   * (the back-off entry is advanced). Looks at the newest instance exited as of sync start `t0`.
   */
  private inBackOff(c: ContainerRt, t0: number, result: { error: boolean }): boolean {
    const prev = this.newestExited(c, t0);
    if (!prev) return false;
    const now = this.sim.now;
    const finished = prev.exit!.finishedAtMs;
    if (!this.backoff.isInBackOffSince(c.backoffKey, finished, now)) {
      this.backoff.next(c.backoffKey, finished, now);
      return false;
    }
    const backoffMs = this.backoff.get(c.backoffKey, now);
    // the same texts at every back-off sync of a container: built once per back-off value
    if (c.backOffText?.backoffMs !== backoffMs) {
      const message = backOffWaitingMessage(backoffMs, c.name, this.podDesc);
      c.backOffText = { backoffMs, message, event: EVENTS.backOff(c.name, this.podDesc), startError: { reason: WAITING.crashLoopBackOff, message } };
    }
    const { message } = c.backOffText;
    this.emit(now, c.backOffText.event);
    this.rec.add({ t: now, kind: 'backoff', container: c.name, backoffMs, message });
    c.startError = c.backOffText.startError;
    result.error = true;
    return true;
  }

  /**
   * SyncPod's actions that wait (kills block until the container exits, pulls take time). Starts
   * from `starts[from]`, whose back-off was already checked when `checked` is true.
   */
  private *actSync(t0: number, kills: KillPlan[], starts: ContainerRt[], from: number, checked: boolean, result: { error: boolean }): SyncGen {
    for (let k = 0; k < kills.length; k++) yield* this.killContainer(kills[k]!.c, kills[k]!.inst, kills[k]!.reason, kills[k]!.message);
    for (let j = from; j < starts.length; j++) {
      const c = starts[j]!;
      if (!(checked && j === from) && this.inBackOff(c, t0, result)) continue;
      const ok = yield* this.startContainer(c);
      if (!ok) result.error = true;
      // init containers start one at a time: the next waits for this one to complete
    }
  }

  /** a running container whose liveness or startup probe failed is killed (and restarted unless `restart` is false) */
  private probeKill(c: ContainerRt, inst: Instance, restart: boolean): boolean {
    const live = this.cachedResult(c, 'liveness', inst.id);
    const startup = live === 'failure' ? undefined : this.cachedResult(c, 'startup', inst.id);
    if (live !== 'failure' && startup !== 'failure') return false;
    const probe = live === 'failure' ? 'liveness' : 'startup';
    this.addKill({ c, inst, reason: live === 'failure' ? 'LivenessProbe' : 'StartupProbe', message: probeKillMessage(c.name, probe, restart) });
    if (restart) this.addStart(c);
    return true;
  }

  /** started as the prober manager reports it: running, and its startup probe (if any) succeeded */
  private isStarted(c: ContainerRt, inst: Instance): boolean {
    return !c.workers.startup || this.cachedResult(c, 'startup', inst.id) === 'success';
  }

  /** every app container has exited and will not be restarted */
  private appContainersDone(now: number): boolean {
    for (let i = 0; i < this.containers.length; i++) {
      const c = this.containers[i]!;
      const inst = c.instances[c.instances.length - 1];
      if (!inst || !this.exitVisible(inst, now) || shouldRestart(this.policy, inst.exit!.exitCode)) return false;
    }
    return true;
  }

  private exitVisible(inst: Instance, now: number): boolean {
    return inst.exitSeenAtMs !== undefined && inst.exitSeenAtMs <= now;
  }

  private newestExited(c: ContainerRt, now: number): Instance | undefined {
    for (let i = c.instances.length - 1; i >= 0; i--) if (this.exitVisible(c.instances[i], now)) return c.instances[i];
    return undefined;
  }

  private initSucceeded(c: ContainerRt, now: number): boolean {
    const inst = c.instances[c.instances.length - 1];
    return !!inst && this.exitVisible(inst, now) && inst.exit!.exitCode === 0;
  }

  // ---------------------------------------------------------------- status

  private view(c: ContainerRt, now: number, initDone: boolean): ContainerView {
    // the status needs only the newest instance and the one before it (state and lastState);
    // built without spreads: this runs at every status change of a long run
    const instances: InstanceView[] = [];
    for (let k = Math.max(0, c.instances.length - 2); k < c.instances.length; k++) {
      const i = c.instances[k]!;
      const iv: InstanceView = { containerId: i.id, restartCount: i.restartCount, startedAtMs: i.startedAtMs };
      if (this.exitVisible(i, now)) {
        const e = i.exit!;
        const exit: NonNullable<InstanceView['exit']> = { exitCode: e.exitCode, reason: e.reason, finishedAtMs: e.finishedAtMs };
        if (e.signal) exit.signal = e.signal;
        if (e.message) exit.message = e.message;
        iv.exit = exit;
      }
      instances.push(iv);
    }
    const newest = c.instances[c.instances.length - 1];
    let started = false;
    let ready = false;
    if (newest && !this.exitVisible(newest, now)) {
      const su = c.workers.startup;
      started = !su || su.removed === true || this.cachedResult(c, 'startup', newest.id) === 'success';
      const rd = c.workers.readiness;
      ready = !rd || this.cachedResult(c, 'readiness', newest.id) === 'success';
    }
    const v: ContainerView = {
      name: c.name,
      image: c.image.ref,
      init: c.init,
      instances,
      pendingReason: c.init || !initDone ? WAITING.podInitializing : WAITING.containerCreating,
      started,
      ready,
    };
    if (c.startError) v.startError = c.startError;
    if (c.sidecar) v.restartable = true;
    return v;
  }

  /**
   * Everything the generated status depends on, cheaply, as a flat list of primitives written into
   * `fp`: equal lists give equal statuses. Returns true when it differs from `lastFp`.
   */
  private statusFingerprintChanged(now: number): boolean {
    const fp = this.fp;
    let n = 0;
    fp[n++] = this.sandboxReady;
    for (let k = 0; k < this.allContainers.length; k++) {
      const c = this.allContainers[k]!;
      const len = c.instances.length;
      const a = len > 0 ? c.instances[len - 1] : undefined;
      const b = len > 1 ? c.instances[len - 2] : undefined;
      fp[n++] = a ? a.id : '';
      fp[n++] = !!a && this.exitVisible(a, now);
      fp[n++] = !!b && this.exitVisible(b, now);
      fp[n++] = c.startError ? c.startError.message : '';
      fp[n++] = a ? this.cachedResult(c, 'startup', a.id) : undefined;
      fp[n++] = a ? this.cachedResult(c, 'readiness', a.id) : undefined;
    }
    fp.length = n;
    const last = this.lastFp;
    let same = last.length === n;
    for (let k = 0; same && k < n; k++) same = last[k] === fp[k];
    if (same) return false;
    this.fp = last;
    this.lastFp = fp;
    return true;
  }

  private fp: unknown[] = [];
  private lastFp: unknown[] = [];

  /** generateAPIPodStatus + probeManager.UpdatePodStatus (with the readiness manual trigger). */
  private generateStatus(now: number): void {
    // a sync that finds nothing changed (e.g. each crash-loop back-off re-sync) would regenerate the same status
    if (this.statusFingerprintChanged(now) || !this.lastStatus) this.buildStatus(now);
    const st = this.lastStatus!;
    this.triggerUnready(st.initContainers, this.initContainers, now);
    this.triggerUnready(st.containers, this.containers, now);
  }

  private triggerUnready(statuses: readonly ContainerStatus[], rts: readonly ContainerRt[], now: number): void {
    for (let i = 0; i < statuses.length; i++) {
      const s = statuses[i]!;
      if (s.state.kind !== 'running' || !s.started || s.ready) continue;
      let c = rts[i]!; // statuses are built in spec order
      if (c.name !== s.name) c = rts.find((x) => x.name === s.name)!;
      const w = c.workers.readiness;
      if (w) this.manualTrigger(w, now);
    }
  }

  private buildStatus(now: number): void {
    let initDone = true;
    for (let i = 0; i < this.initContainers.length; i++) if (!this.initSucceeded(this.initContainers[i]!, now)) initDone = false;
    const initViews: ContainerView[] = [];
    for (let i = 0; i < this.initContainers.length; i++) initViews.push(this.view(this.initContainers[i]!, now, initDone));
    const views: ContainerView[] = [];
    for (let i = 0; i < this.containers.length; i++) views.push(this.view(this.containers[i]!, now, initDone));
    const status = buildPodStatus(
      {
        policy: this.policy,
        initContainers: initViews,
        containers: views,
        sandboxReady: this.sandboxReady,
        podIP: this.identity.podIP,
        scheduledAtMs: this.createdAtMs,
      },
      this.lastStatus,
      now,
    );
    this.setStatus(now, this.terminated ? this.terminalStatus(status, now) : status);
  }

  /**
   * statusManager.TerminatePod and getPhase(podIsTerminal): a deleted pod ends Succeeded when every app
   * container exited 0, else Failed; a container that never ran is reported as terminated with
   * ContainerStatusUnknown (exit 137).
   */
  private terminalStatus(s: PodStatusSnapshot, now: number): PodStatusSnapshot {
    const unknown = (cs: ContainerStatus): ContainerStatus =>
      cs.state.kind === 'terminated'
        ? cs
        : {
            ...cs,
            state: { kind: 'terminated', exitCode: 137, reason: 'ContainerStatusUnknown', message: 'The container could not be located when the pod was terminated', startedAtMs: 0, finishedAtMs: 0, zeroTimes: true },
            ready: false,
            started: false,
          };
    const containers = s.containers.map(unknown);
    const initContainers = s.initContainers.map(unknown);
    let succeeded = containers.length > 0;
    for (const cs of containers) if (cs.state.kind !== 'terminated' || cs.state.exitCode !== 0) succeeded = false;
    const phase = succeeded ? 'Succeeded' : 'Failed';
    const snap: PodStatusSnapshot = s.podIP === undefined ? { phase, conditions: [], initContainers, containers } : { phase, conditions: [], podIP: s.podIP, initContainers, containers };
    const sidecars = new Set(this.initContainers.filter((x) => x.sidecar).map((x) => x.name));
    return withConditions(snap, { sandboxReady: this.sandboxReady, scheduledAtMs: this.createdAtMs, sidecars }, this.lastStatus, now);
  }

  private setStatus(now: number, status: PodStatusSnapshot): void {
    this.lastStatus = status;
    if (this.rec.status(now, status) && this.opts.onStatus) this.opts.onStatus(now, status);
    for (let i = 0; i < this.workers.length; i++) if (this.workers[i]!.parked) this.unpark(this.workers[i]!, now);
  }

  /** statusManager.SetContainerReadiness / SetContainerStartup: patch the cached status at once. */
  private patchProbeStatus(now: number, c: ContainerRt, containerId: string): void {
    if (!this.lastStatus) return;
    const list = c.init ? this.lastStatus.initContainers : this.lastStatus.containers;
    const idx = list.findIndex((s) => s.name === c.name);
    if (idx < 0) return;
    const s = list[idx];
    if (s.containerId !== containerId || s.state.kind !== 'running') return;
    const su = c.workers.startup;
    const started = !su || this.cachedResult(c, 'startup', containerId) === 'success';
    const rd = c.workers.readiness;
    const ready = started && (!rd || this.cachedResult(c, 'readiness', containerId) === 'success');
    if (s.started === started && s.ready === ready) return;
    const patched = list.slice();
    patched[idx] = { ...s, started, ready };
    const snapshot = c.init ? { ...this.lastStatus, initContainers: patched } : { ...this.lastStatus, containers: patched };
    const sidecars = new Set(this.initContainers.filter((x) => x.sidecar).map((x) => x.name));
    const next = withConditions(snapshot, { sandboxReady: this.sandboxReady, scheduledAtMs: this.createdAtMs, sidecars }, this.lastStatus, now);
    this.setStatus(now, next);
    this.lastFp.length = 0; // the next sync regenerates the status
  }


  // ---------------------------------------------------------------- containers

  private launchOf(c: ContainerRt): ContainerLaunch {
    const env: Record<string, string> = { ...KUBERNETES_ENV, HOSTNAME: this.identity.name };
    for (const e of c.spec.env ?? []) if (e.value !== undefined) env[e.name] = e.value;
    const launch: ContainerLaunch = {
      name: c.name,
      image: c.image.ref,
      env,
      ports: (c.spec.ports ?? []).map((p) => ({
        ...(p.name ? { name: p.name } : {}),
        containerPort: p.containerPort,
        protocol: p.protocol ?? 'TCP',
      })),
    };
    if (c.spec.command) launch.command = c.spec.command;
    if (c.spec.args) launch.args = c.spec.args;
    if (c.spec.workingDir) launch.workingDir = c.spec.workingDir;
    if (this.opts.podIPInContainers) launch.podIP = this.identity.podIP;
    return launch;
  }

  /** image_manager.EnsureImageExists + startContainer (create, start). Returns false on a start error. */
  private *startContainer(c: ContainerRt): Generator<Wait, boolean, void> {
    let now = this.sim.now;
    const ref = c.image.ref;
    const present = this.images.has(ref);
    if (c.pullPolicy === 'Never' && !present) {
      const e = EVENTS.errImageNeverPull(c.name, ref);
      this.emit(now, e);
      c.startError = { reason: WAITING.errImageNeverPull, message: e.message };
      return false;
    }
    if (c.pullPolicy === 'Always' || !present) {
      this.emit(now, c.events.get('pulling') ?? this.keep(c, 'pulling', EVENTS.pulling(c.name, ref)));
      this.rec.add({ t: now, kind: 'pull-start', container: c.name, image: ref });
      let pullMs: number;
      let waitMs = 0;
      const q = this.opts.nodeImages;
      if (q) {
        const startAt = Math.max(now, q.busyUntilMs);
        waitMs = startAt - now;
        pullMs = this.pulledBefore.has(ref) || q.queued.has(ref) ? c.image.repullMs : c.image.firstPullMs;
        q.queued.add(ref);
        q.busyUntilMs = startAt + pullMs;
      } else pullMs = this.pulledBefore.has(ref) ? c.image.repullMs : c.image.firstPullMs;
      yield { kind: 'sleep', untilMs: now + waitMs + pullMs, pull: true };
      now = this.sim.now;
      this.images.add(ref);
      this.pulledBefore.add(ref);
      const pulledKey = `pulled ${pullMs} ${waitMs}`;
      this.emit(now, c.events.get(pulledKey) ?? this.keep(c, pulledKey, EVENTS.pulled(c.name, ref, pullMs, waitMs + pullMs, c.image.sizeBytes)));
      this.rec.add({ t: now, kind: 'pull-done', container: c.name, image: ref, pullMs, sizeBytes: c.image.sizeBytes });
    } else {
      this.emit(now, c.events.get('present') ?? this.keep(c, 'present', EVENTS.alreadyPresent(c.name, ref, this.opts.kubeletVersion)));
    }
    const prev = c.instances[c.instances.length - 1];
    const restartCount = prev ? prev.restartCount + 1 : 0;
    const id = `containerd://${this.idRng.hex(64)}`;
    this.emit(now, c.events.get('created') ?? this.keep(c, 'created', EVENTS.created(c.name)));
    const process = this.opts.runtime.start((c.launch ??= this.launchOf(c)), now);
    const inst: Instance = { id, restartCount, process, startedAtMs: now, wakeGen: 0, logIndex: 0, onWake: () => undefined };
    inst.onWake = (t, gen) => {
      if (gen !== inst.wakeGen || inst.exit) return;
      inst.wakeAtMs = undefined;
      inst.process.advance(t);
      this.afterInteraction(c, inst, t);
    };
    c.instances.push(inst);
    this.byId.set(id, inst);
    // Status, back-off and probes look at the newest two instances only (a third is kept for a
    // status generated before this start). Older ones, with their processes and filesystems, are
    // let go: a day of crash-looping would otherwise hold hundreds of them.
    if (c.instances.length > 3) this.byId.delete(c.instances.shift()!.id);
    c.startError = undefined;
    if (process.behaviour) c.behaviour = process.behaviour;
    if (!c.image.known && !c.noted) {
      c.noted = true;
      this.rec.add({ t: now, kind: 'note', text: `container ${c.name}: ${c.behaviour}` });
    }
    this.rec.add({ t: now, kind: 'container-start', container: c.name, restartCount, containerId: id });
    // PLEG notices the new container (or its failed start) at its next relist and wakes the pod worker
    this.sim.at(this.plegAfter(now), PRIORITY.pleg, this.onRequestSync);
    process.advance(now);
    const early = process.exited();
    if (early && (early.reason as string) === 'StartError') {
      // CRI StartContainer failed (e.g. the command is not in the image): no Started event
      const message = (early as { message?: string }).message ?? '';
      this.emit(now, EVENTS.failedToStart(c.name, message));
      c.startError = { reason: WAITING.runContainerError, message };
      this.afterInteraction(c, inst, now);
      return false;
    }
    this.emit(now, c.events.get('started') ?? this.keep(c, 'started', EVENTS.started(c.name)));
    this.afterInteraction(c, inst, now);
    return true;
  }

  /** killContainer: Killing event, stop signal, wait up to the grace period, SIGKILL. Blocks the pod worker. */
  private *killContainer(c: ContainerRt, inst: Instance, reason: KillReason, message: string): Generator<Wait, void, void> {
    let now = this.sim.now;
    let graceMs = killGracePeriodMs(this.pod, c.spec, reason);
    const preStop = c.spec.lifecycle?.preStop;
    let hook: PreStopResult | undefined;
    if (preStop && !inst.exit) {
      // the hook runs before the stop signal; the whole seconds it took come off the grace period
      inst.process.advance(now);
      hook = runPreStopHook(
        preStop,
        { process: inst.process, container: c.spec, podIP: this.identity.podIP, nowMs: now, kubeletMinor: this.opts.kubeletVersion },
        graceMs,
      );
      graceMs = killGracePeriodMs(this.pod, c.spec, reason, Math.floor(hook.elapsedMs / 1000) * 1000);
    }
    this.rec.add({ t: now, kind: 'kill', container: c.name, reason, graceMs, message });
    const killingKey = `killing ${message}`;
    this.emit(now, c.events.get(killingKey) ?? this.keep(c, killingKey, EVENTS.killing(c.name, message)));
    if (inst.exit) return;
    if (hook) {
      this.afterInteraction(c, inst, now);
      if (hook.elapsedMs > 0) yield { kind: 'sleep', untilMs: now + hook.elapsedMs };
      now = this.sim.now;
      if (hook.failed) this.emit(now, EVENTS.failedPreStopHook(c.name));
      if (inst.exit) return;
    }
    inst.process.advance(now);
    this.afterInteraction(c, inst, now);
    if (inst.exit) return;
    this.signal(c, inst, stopSignal(c.image.stopSignal), now);
    if (inst.exit) return;
    yield { kind: 'exit', inst, deadlineMs: now + graceMs };
    if (inst.exit) return;
    const t = this.sim.now;
    inst.process.advance(t);
    this.afterInteraction(c, inst, t);
    if (inst.exit) return;
    this.signal(c, inst, 'SIGKILL', t);
    if (!inst.exit) throw new Error(`container ${c.name} survived SIGKILL`);
  }

  private signal(c: ContainerRt, inst: Instance, sig: Signal, now: number): void {
    const outcome = inst.process.signal(sig, now);
    this.rec.add({ t: now, kind: 'signal', container: c.name, signal: sig, outcome });
    this.afterInteraction(c, inst, now);
  }

  /** After anything touched the process: collect logs, notice an exit, reschedule its own wake-up. */
  private afterInteraction(c: ContainerRt, inst: Instance, now: number): void {
    this.harvestLogs(c, inst, now);
    if (inst.exit) return;
    const exit = inst.process.exited();
    if (exit) {
      this.onExit(c, inst, exit, now);
      return;
    }
    this.scheduleWake(c, inst, now);
  }

  private harvestLogs(c: ContainerRt, inst: Instance, now: number): void {
    const logs = inst.process.logs();
    for (; inst.logIndex < logs.length; inst.logIndex++) this.rec.add({ t: now, kind: 'log', container: c.name, text: logs[inst.logIndex].text });
  }

  private scheduleWake(c: ContainerRt, inst: Instance, now: number): void {
    const w = inst.process.nextWakeMs();
    if (w === undefined) {
      inst.wakeAtMs = undefined;
      inst.wakeGen++;
      return;
    }
    const at = Math.max(now, Math.ceil(w));
    if (inst.wakeAtMs === at) return;
    inst.wakeAtMs = at;
    this.sim.at(at, PRIORITY.process, inst.onWake, ++inst.wakeGen);
  }

  private onExit(c: ContainerRt, inst: Instance, exit: ProcessExit, now: number): void {
    const finishedAtMs = Math.min(now, Math.max(exit.atMs, inst.startedAtMs));
    inst.exit = { ...exit, finishedAtMs };
    inst.wakeGen++;
    this.rec.add({
      t: now,
      kind: 'container-exit',
      container: c.name,
      exitCode: exit.exitCode,
      reason: exit.reason,
      ...(exit.signal ? { signal: exit.signal } : {}),
    });
    inst.exitSeenAtMs = this.plegAfter(now);
    this.sim.at(inst.exitSeenAtMs, PRIORITY.pleg, this.onRequestSync);
    inst.waiter?.();
  }

  // ---------------------------------------------------------------- pod termination

  /**
   * The API server set the pod's deletionTimestamp with `graceSeconds` (pod_workers.go UpdatePod with a
   * deletion: the worker moves to terminating). It begins once the running sync, if any, is done (upstream
   * cancels that sync's context instead).
   */
  requestDeletion(now: number, graceSeconds: number): void {
    if (this.deletion || this.gone) return;
    this.deletion = { requestedAtMs: now, graceSeconds };
    // the pod the kubelet sees from now on: killContainer takes the deletion's grace period from it
    this.pod = { ...this.pod, metadata: { ...(this.pod.metadata ?? {}), deletionGracePeriodSeconds: graceSeconds } };
    this.sim.at(now, PRIORITY.sync, this.onDeletion);
  }

  private readonly onDeletion = (t: number): void => {
    if (this.terminating || this.gone) return;
    if (this.busy && this.pulling) {
      // the deletion cancels the sync's context: the pull is abandoned, nothing is started
      this.syncGen = undefined;
      this.pulling = false;
      this.busy = false;
      this.pendingSync = false;
      this.beginTermination(t);
    } else if (this.busy) this.terminationPending = true;
    else this.beginTermination(t);
  };

  /** SyncTerminatingPod: status, StopLivenessAndStartup, then killPod (every running container at once). */
  private beginTermination(now: number): void {
    if (this.terminating) return;
    this.terminating = true;
    ++this.requeueGen; // no periodic resync of a terminating pod
    // probeManager.StopLivenessAndStartup: those workers stop and their results are forgotten; readiness keeps probing
    for (const w of this.workers) {
      if (w.type === 'readiness') continue;
      w.exited = true;
      w.removed = true;
      w.parked = false;
      w.gen++;
    }
    this.lastFp.length = 0;
    this.generateStatus(now);
    const running = (list: ContainerRt[]): [ContainerRt, Instance][] => {
      const out: [ContainerRt, Instance][] = [];
      for (const c of list) {
        const inst = c.instances[c.instances.length - 1];
        if (inst && !inst.exit) out.push([c, inst]);
      }
      return out;
    };
    const mains = running(this.containers).map(([c, inst]): Stopping => ({ c, inst, graceMs: 0, signalled: false, waitsFor: [] }));
    // kuberuntime_termination_order.go: the last sidecar waits for the app containers, each earlier one for the next
    const sidecars: Stopping[] = [];
    let after: Stopping[] = mains;
    for (const [c, inst] of running(this.initContainers.filter((x) => x.sidecar)).reverse()) {
      const st: Stopping = { c, inst, graceMs: 0, signalled: false, waitsFor: after };
      sidecars.push(st);
      after = [st];
    }
    this.stopping = [...mains, ...sidecars];
    if (this.stopping.length === 0) {
      this.finishTermination(now);
      return;
    }
    for (const st of this.stopping) this.startStopping(st, now);
  }

  /** killContainer for a pod being deleted: Killing event, preStop hook, (a sidecar's turn), stop signal, SIGKILL after the grace period. */
  private startStopping(st: Stopping, now: number): void {
    const { c, inst } = st;
    let graceMs = killGracePeriodMs(this.pod, c.spec, 'Stop');
    const preStop = c.spec.lifecycle?.preStop;
    let hook: PreStopResult | undefined;
    if (preStop && !inst.exit) {
      inst.process.advance(now);
      hook = runPreStopHook(
        preStop,
        { process: inst.process, container: c.spec, podIP: this.identity.podIP, nowMs: now, kubeletMinor: this.opts.kubeletVersion },
        graceMs,
      );
      graceMs = killGracePeriodMs(this.pod, c.spec, 'Stop', Math.floor(hook.elapsedMs / 1000) * 1000);
    }
    st.graceMs = graceMs;
    const message = stopMessage(c.name);
    this.rec.add({ t: now, kind: 'kill', container: c.name, reason: 'Stop', graceMs, message });
    const killingKey = `killing ${message}`;
    this.emit(now, c.events.get(killingKey) ?? this.keep(c, killingKey, EVENTS.killing(c.name, message)));
    inst.waiter = () => this.stoppingExited(this.sim.now);
    if (inst.exit) {
      this.stoppingExited(now);
      return;
    }
    if (!hook) {
      this.afterPreStop(st, now);
      return;
    }
    this.afterInteraction(c, inst, now);
    const done = (t: number): void => {
      if (hook!.failed) this.emit(t, EVENTS.failedPreStopHook(c.name));
      this.afterPreStop(st, t);
    };
    if (hook.elapsedMs > 0) this.sim.at(now + hook.elapsedMs, PRIORITY.resume, done);
    else done(now);
  }

  private afterPreStop(st: Stopping, now: number): void {
    if (st.inst.exit) return;
    if (st.waitsFor.some((w) => !w.inst.exit)) {
      // waitForTurn: at most the grace period; the whole seconds waited come off it
      st.turnSinceMs = now;
      this.sim.at(now + st.graceMs, PRIORITY.resume, (t) => this.takeTurn(st, t));
      return;
    }
    this.sendStop(st, now);
  }

  private takeTurn(st: Stopping, now: number): void {
    if (st.signalled || st.inst.exit) return;
    const waited = Math.floor((now - (st.turnSinceMs ?? now)) / 1000) * 1000;
    st.graceMs = Math.max(st.graceMs - waited, MINIMUM_GRACE_PERIOD_SECONDS * 1000);
    this.sendStop(st, now);
  }

  /** containerd StopContainer: the stop signal, then SIGKILL once the grace period is over. */
  private sendStop(st: Stopping, now: number): void {
    const { c, inst } = st;
    st.signalled = true;
    inst.process.advance(now);
    this.afterInteraction(c, inst, now);
    if (inst.exit) return;
    this.signal(c, inst, stopSignal(c.image.stopSignal), now);
    if (inst.exit) return;
    this.sim.at(now + st.graceMs, PRIORITY.resume, (t) => {
      if (inst.exit) return;
      inst.process.advance(t);
      this.afterInteraction(c, inst, t);
      if (inst.exit) return;
      this.signal(c, inst, 'SIGKILL', t);
      if (!inst.exit) throw new Error(`container ${c.name} survived SIGKILL`);
    });
  }

  /** A container of the terminating pod exited: waiting sidecars may go; once all are down, PLEG sees it. */
  private stoppingExited(now: number): void {
    let last = -1;
    for (const st of this.stopping) {
      if (!st.inst.exit) {
        if (st.turnSinceMs !== undefined && !st.signalled && st.waitsFor.every((w) => w.inst.exit)) this.takeTurn(st, now);
        if (!st.inst.exit) return;
      }
      last = Math.max(last, st.inst.exit!.finishedAtMs);
    }
    if (this.allStopped) return;
    this.allStopped = true;
    this.sim.at(Math.max(now, this.plegAfter(last)), PRIORITY.pleg, (t) => this.finishTermination(t));
  }

  /** syncTerminatedPod + the status manager's final update and delete: the object is removed. */
  private finishTermination(t: number): void {
    if (this.gone) return;
    this.terminated = true;
    // probeManager.RemovePod
    for (const w of this.workers) {
      w.exited = true;
      w.parked = false;
      w.gen++;
    }
    this.buildStatus(t);
    this.gone = true;
    this.opts.onTerminated?.(t);
  }

  // ---------------------------------------------------------------- probe workers

  /** results manager lookup: the worker's cached value, if it belongs to this container ID. */
  private cachedResult(c: ContainerRt, type: ProbeType, containerId: string): CachedResult | undefined {
    const w = c.workers[type];
    if (!w || w.state.containerId !== containerId) return undefined;
    return w.state.cached;
  }

  /** probeManager.AddPod: one worker per (container, probe type); each probes at once, then on its ticker. */
  private createWorkers(now: number): void {
    for (const c of [...this.initContainers.filter((x) => x.sidecar), ...this.containers]) {
      // prober_manager.go AddPod creates them in this order: startup, readiness, liveness
      const probes: [ProbeType, Probe | undefined][] = [
        ['startup', c.spec.startupProbe],
        ['readiness', c.spec.readinessProbe],
        ['liveness', c.spec.livenessProbe],
      ];
      for (const [type, probe] of probes) {
        if (!probe) continue;
        const w: WorkerRt = {
          type,
          container: c,
          probe,
          periodMs: num(probe.periodSeconds, 10) * 1000,
          thresholds: {
            initialDelaySeconds: probe.initialDelaySeconds ?? 0,
            successThreshold: num(probe.successThreshold, 1),
            failureThreshold: num(probe.failureThreshold, 3),
          },
          state: initialProbeState(),
          anchorMs: now,
          gen: 0,
          busyUntilMs: now,
          pendingManual: false,
          exited: false,
          parked: false,
          onTick: () => undefined,
          onCommit: () => undefined,
        };
        w.onTick = (t, gen) => {
          if (gen === w.gen) this.doProbe(w, t);
        };
        w.onCommit = (t, gen) => {
          const p = w.pending;
          if (gen !== w.gen || !p) return;
          w.pending = undefined;
          this.commitProbe(w, p.step, p.outcome, p.startedAt, t);
        };
        this.workers.push(w);
        c.workers[type] = w;
        this.scheduleProbe(w, now);
      }
    }
  }

  private scheduleProbe(w: WorkerRt, at: number): void {
    w.parked = false;
    this.sim.at(at, PRIORITY.probe, w.onTick, ++w.gen);
  }

  /** A parked worker's next tick on its grid that sees a status set now (probe ticks run after syncs, before published results). */
  private unpark(w: WorkerRt, now: number): void {
    const atOrAfter = this.sim.priority < PRIORITY.probe ? now : now + 1;
    this.scheduleProbe(w, w.anchorMs + Math.ceil((atOrAfter - w.anchorMs) / w.periodMs) * w.periodMs);
  }

  private nextGridTick(w: WorkerRt, after: number): number {
    return w.anchorMs + (Math.floor((after - w.anchorMs) / w.periodMs) + 1) * w.periodMs;
  }

  /** prober_manager.UpdatePodStatus: a non-blocking send on the worker's manual trigger channel. */
  private manualTrigger(w: WorkerRt, now: number): void {
    if (w.exited) return;
    if (w.busyUntilMs > now) {
      // buffered in the channel; runs as soon as the current run returns
      if (w.pending) w.pendingManual = true;
      else if (w.manualAtMs !== w.busyUntilMs) {
        w.manualAtMs = w.busyUntilMs;
        w.anchorMs = w.busyUntilMs;
        this.scheduleProbe(w, w.busyUntilMs);
      }
      return;
    }
    if (w.manualAtMs === now) return;
    w.manualAtMs = now;
    w.anchorMs = now; // the ticker is reset: the next tick is one full period after the manual run
    this.scheduleProbe(w, now);
  }

  /** what each worker reads from the status manager; rebuilt only when the status object changes */
  private readonly observed = new Map<ContainerRt, { status: PodStatusSnapshot | undefined; obs: ProbeObservation }>();

  private observe(c: ContainerRt): ProbeObservation {
    const s = this.lastStatus;
    const hit = this.observed.get(c);
    if (hit && hit.status === s) return hit.obs;
    const obs = this.buildObservation(c, s);
    this.observed.set(c, { status: s, obs });
    return obs;
  }

  private buildObservation(c: ContainerRt, s: PodStatusSnapshot | undefined): ProbeObservation {
    const obs: ProbeObservation = { podPhase: s?.phase, restartPolicy: this.policy, deleting: false };
    if (!s) return obs;
    if (c.sidecar) obs.restartableInit = true;
    const list = c.init ? s.initContainers : s.containers;
    for (let i = 0; i < list.length; i++) {
      const cs = list[i]!;
      if (cs.name !== c.name) continue;
      obs.container = {
        containerId: cs.containerId,
        state: cs.state.kind,
        startedAtMs: cs.state.kind === 'running' ? cs.state.startedAtMs : undefined,
        started: cs.started,
      };
      break;
    }
    return obs;
  }

  /** The pod's other containers whose newest instance still runs, advanced to now (sidecars first, in spec order). */
  private runningPeers(probed: ContainerRt, now: number): [ContainerRt, Instance][] {
    const out: [ContainerRt, Instance][] = [];
    for (const c of this.allContainers) {
      if (c === probed) continue;
      const inst = c.instances[c.instances.length - 1];
      if (!inst || inst.exit) continue;
      inst.process.advance(now);
      if (inst.process.exited()) {
        this.afterInteraction(c, inst, now);
        continue;
      }
      out.push([c, inst]);
    }
    return out;
  }

  private doProbe(w: WorkerRt, now: number): void {
    if (w.exited) return;
    if (w.idleOn !== undefined && w.idleOn === this.lastStatus) {
      w.busyUntilMs = now;
      if (this.workers.length === 1 && !w.pendingManual) w.parked = true;
      else this.scheduleAfterRun(w, now, now);
      return;
    }
    w.idleOn = undefined;
    const c = w.container;
    const obs = this.observe(c);
    const gate = probeGate(w.type, w.thresholds, w.state, obs, now);
    let step: ProbeStep;
    let outcome: ProbeOutcome | undefined;
    if (gate.kind === 'done') {
      step = gate.step;
      if (IDLE_SKIPS.has(step.skip!) && step.published === undefined && !step.exit && sameState(step.state, w.state)) w.idleOn = this.lastStatus;
    } else {
      const inst = this.byId.get(obs.container!.containerId)!;
      inst.process.advance(now);
      const ctx = this.probeContext(w);
      ctx.process = inst.process;
      ctx.nowMs = now;
      w.touched = undefined;
      outcome = runProbe(w.probe, ctx);
      this.afterInteraction(c, inst, now);
      const touched = w.touched as [ContainerRt, Instance][] | undefined;
      if (touched) {
        w.touched = undefined;
        for (const [pc, pi] of touched) this.afterInteraction(pc, pi, now);
      }
      const r = outcome.result;
      step = probeApply(w.type, w.thresholds, gate, r === 'error' ? 'error' : r === 'failure' || r === 'unknown' ? 'failure' : 'success');
      this.rec.add({ t: now, kind: 'probe', container: c.name, probe: w.type, result: r, output: outcome.output, durationMs: outcome.durationMs });
    }
    const doneAt = now + (outcome?.durationMs ?? 0);
    // Ticks that fall during the run are buffered by the Go ticker, not run. Effects (events, a
    // published result, the worker exiting) happen when the handler returns; a run without effects
    // is committed at once, which saves an event per healthy probe.
    w.busyUntilMs = doneAt;
    const quiet = step.published === undefined && !step.exit && (!outcome || outcome.result === 'success' || outcome.result === 'unknown');
    if (doneAt > now && !quiet) {
      w.pending = { step, outcome, startedAt: now };
      this.sim.at(doneAt, PRIORITY.probe, w.onCommit, ++w.gen);
    } else this.commitProbe(w, step, outcome, now, now, doneAt);
  }

  /** The worker's prober context, made once (runProbe reads it synchronously; process and time change per run). */
  private probeContext(w: WorkerRt): ProbeContext {
    if (w.ctx) return w.ctx;
    const c = w.container;
    const ctx: ProbeContext = {
      podIP: this.identity.podIP,
      container: c.spec,
      process: undefined as unknown as Process,
      nowMs: 0,
      kubeletMinor: this.opts.kubeletVersion,
    };
    if (this.allContainers.length > 1 && !w.probe.exec) {
      ctx.peers = () => {
        const touched = this.runningPeers(c, ctx.nowMs);
        w.touched = touched;
        return touched.map(([, i]) => i.process);
      };
    }
    w.ctx = ctx;
    return ctx;
  }

  private commitProbe(w: WorkerRt, step: ProbeStep, outcome: ProbeOutcome | undefined, startedAt: number, t: number, doneAt = t): void {
    const c = w.container;
    w.state = step.state;
    if (outcome) {
      const r = outcome.result;
      if (r === 'failure' || r === 'warning' || r === 'error') {
        const key = `${w.type} ${r} ${outcome.output}`;
        const e = c.events.get(key);
        if (e) this.emit(t, e);
        else if (r === 'failure') this.emit(t, this.keep(c, key, EVENTS.probeFailed(c.name, w.type, outcome.output)));
        else if (r === 'warning') this.emit(t, this.keep(c, key, EVENTS.probeWarning(c.name, w.type, outcome.output)));
        else this.emit(t, this.keep(c, key, EVENTS.probeErrored(c.name, w.type, outcome.output)));
      }
    }
    if (step.published !== undefined) this.onPublished(w, step.published, step.state.containerId, t);
    if (step.exit) {
      w.exited = true;
      w.gen++;
      return;
    }
    this.scheduleAfterRun(w, startedAt, doneAt);
  }

  /** Go ticker semantics: a tick that fell during the run is delivered at once; later ones stay on the grid. */
  private scheduleAfterRun(w: WorkerRt, startedAt: number, doneAt: number): void {
    if (w.pendingManual) {
      w.pendingManual = false;
      w.manualAtMs = doneAt;
      w.anchorMs = doneAt;
      this.scheduleProbe(w, doneAt);
      return;
    }
    const tick = this.nextGridTick(w, startedAt);
    this.scheduleProbe(w, tick <= doneAt ? doneAt : tick);
  }

  /**
   * The sync loop's reaction to a results-manager update (kubelet.go syncLoopIteration). The update
   * travels through a channel, so a probe tick of another worker at the same instant still sees the
   * status from before it (e.g. liveness does not run on the tick where startup succeeded).
   */
  private onPublished(w: WorkerRt, value: CachedResult, containerId: string, now: number): void {
    if (value !== 'unknown') this.rec.add({ t: now, kind: 'probe-result', container: w.container.name, probe: w.type, result: value });
    if (w.type === 'liveness' && value !== 'failure') return;
    this.sim.at(now, PRIORITY.probeResult, (t) => {
      if (w.type !== 'liveness') this.patchProbeStatus(t, w.container, containerId);
      this.requestSync(t);
    });
  }

}
