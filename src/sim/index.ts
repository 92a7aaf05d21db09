// The kubelet simulator's entry point: a Pod in, a recorded Trace out. Pure and synchronous:
// virtual time only, no wall clock, no I/O; the same pod, options and seed give the same trace.
import type { Pod } from '../manifest/types.js';
import { applyPodDefaults } from '../manifest/defaults.js';
import type { Runtime } from './runtime/types.js';
import { createRuntime } from './runtime/index.js';
import type { Trace } from './trace.js';
import { Simulation } from './engine/simulation.js';
import { TraceRecorder } from './engine/recorder.js';
import { fnv1a } from './engine/rng.js';
import { Kubelet } from './kubelet/pod-worker.js';
import { podIdentity } from './pod-identity.js';
import { DEFAULT_BACKOFF, REDUCED_BACKOFF } from './kubelet/backoff.js';
import type { KubeletVersion } from './kubelet/events.js';

export type * from './trace.js';
export * from './query.js';
export type { KubeletVersion } from './kubelet/events.js';

export { NODE_NAME, podIdentity } from './pod-identity.js';

export interface SimulateOptions {
  /** record until this virtual time (ms since the pod was created); events at exactly untilMs are included */
  untilMs: number;
  /** seeds the kubelet's jitter (loop phases, resync jitter) and the pod's UID/IP; default 1 */
  seed?: number;
  /** the container runtime; default: the built-in image catalogue (`createRuntime()`) */
  runtime?: Runtime;
  /** which kubelet's event wording to use (semantics §0); default 1.33 */
  kubeletVersion?: KubeletVersion;
  /** images already on the node when the pod arrives (default: none, the first start pulls) */
  preloadedImages?: readonly string[];
  /** `ReduceDefaultCrashLoopBackOffDecay` gate: 1 s initial, 60 s max */
  reducedCrashLoopBackOff?: boolean;
}

export function simulate(input: Pod, opts: SimulateOptions): Trace {
  const seed = opts.seed ?? 1;
  const runtime = opts.runtime ?? createRuntime();
  // a bug in the caller, not a learner's mistake: durations are parsed and bounded before this
  if (!Number.isFinite(opts.untilMs)) throw new Error(`simulate: untilMs must be a finite number of ms, got ${opts.untilMs}`);
  const untilMs = Math.max(0, Math.floor(opts.untilMs));
  const pod = applyPodDefaults(input);
  const identity = podIdentity(pod.metadata?.name ?? 'pod', pod.metadata?.namespace ?? 'default', seed);
  const sim = new Simulation();
  const rec = new TraceRecorder();
  const kubelet = new Kubelet(
    pod,
    identity,
    {
      seed,
      runtime,
      kubeletVersion: opts.kubeletVersion ?? '1.33',
      ...(opts.preloadedImages ? { preloadedImages: opts.preloadedImages } : {}),
      backoff: opts.reducedCrashLoopBackOff ? REDUCED_BACKOFF : DEFAULT_BACKOFF,
    },
    sim,
    rec,
    fnv1a(identity.uid),
  );
  kubelet.start();
  sim.run(untilMs);
  return {
    format: 'kubedrill-trace/v1',
    seed,
    untilMs,
    pod: { name: identity.name, namespace: identity.namespace, uid: identity.uid, nodeName: identity.nodeName },
    containers: kubelet.containerInfos(),
    records: rec.records,
  };
}
