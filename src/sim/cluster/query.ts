// Pure questions over a recorded ClusterTrace, for the renderers, the grader and the UI.
// Every "at t" question means: taking into account the records with time <= t (what `kubectl get`
// would have shown right after the instant t). Objects are looked up by kind, name and namespace
// ('default' unless given); a name that was deleted and created again is the newest object by that name.
import type { KubeEventObject, PodStatusSnapshot, TraceRecord } from '../trace.js';
import { eventObjectsAt, statusAt } from '../query.js';
import type { ClusterObject, ClusterRecord, ClusterTrace, Condition, DeploymentStatus, JobStatus, ObjectKind, ObjectOf, ObjectRef, PodRun } from './types.js';

export const DEFAULT_NAMESPACE = 'default';

interface Index {
  /** kind/ns/name → the object after each change (undefined: deleted), in time order */
  timelines: Map<string, { t: number; object: ClusterObject | undefined }[]>;
  /** uid → the records of events about that object */
  events: Map<string, Pick<{ records: TraceRecord[] }, 'records'>>;
  pods: Map<string, PodRun>;
}

const indexes = new WeakMap<ClusterTrace, Index>();
const keyOf = (kind: ObjectKind, namespace: string, name: string) => `${kind}/${namespace}/${name}`;

function index(trace: ClusterTrace): Index {
  let ix = indexes.get(trace);
  if (ix) return ix;
  ix = { timelines: new Map(), events: new Map(), pods: new Map() };
  for (const r of trace.records) {
    if (r.kind === 'added' || r.kind === 'modified' || r.kind === 'deleted') {
      const ref = r.kind === 'deleted' ? r.ref : r.object.metadata;
      const kind = r.kind === 'deleted' ? r.ref.kind : r.object.kind;
      const k = keyOf(kind, ref.namespace, ref.name);
      let tl = ix.timelines.get(k);
      if (!tl) ix.timelines.set(k, (tl = []));
      tl.push({ t: r.t, object: r.kind === 'deleted' ? undefined : r.object });
    } else if (r.kind === 'event') {
      let e = ix.events.get(r.ref.uid);
      if (!e) ix.events.set(r.ref.uid, (e = { records: [] }));
      e.records.push({ t: r.t, kind: 'event', event: r.event });
    }
  }
  for (const p of trace.pods) ix.pods.set(p.ref.uid, p);
  indexes.set(trace, ix);
  return ix;
}

/** The object as the API held it at t (undefined before it was created or after it was deleted). */
export function objectAt<K extends ObjectKind>(trace: ClusterTrace, kind: K, name: string, tMs: number, namespace = DEFAULT_NAMESPACE): ObjectOf<K> | undefined {
  const tl = index(trace).timelines.get(keyOf(kind, namespace, name));
  if (!tl) return undefined;
  let lo = 0;
  let hi = tl.length - 1;
  let ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (tl[mid]!.t <= tMs) {
      ans = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return ans < 0 ? undefined : (tl[ans]!.object as ObjectOf<K> | undefined);
}

/** Every object of a kind that existed at t (in one namespace, or all), in creation order. */
export function objectsAt<K extends ObjectKind>(trace: ClusterTrace, kind: K, tMs: number, namespace?: string): ObjectOf<K>[] {
  const out: ObjectOf<K>[] = [];
  for (const k of index(trace).timelines.keys()) {
    if (!k.startsWith(`${kind}/`)) continue;
    const [, ns, ...rest] = k.split('/');
    if (namespace !== undefined && ns !== namespace) continue;
    const o = objectAt(trace, kind, rest.join('/'), tMs, ns);
    if (o) out.push(o);
  }
  return out.sort((a, b) => a.metadata.creationMs - b.metadata.creationMs);
}

/** Every version of an object over the run, with its time ("kubectl get -w" sees each). */
export function objectHistory<K extends ObjectKind>(trace: ClusterTrace, kind: K, name: string, namespace = DEFAULT_NAMESPACE): { t: number; object: ObjectOf<K> | undefined }[] {
  return (index(trace).timelines.get(keyOf(kind, namespace, name)) ?? []) as { t: number; object: ObjectOf<K> | undefined }[];
}

/** The kubelet trace of a pod (by UID). */
export function podRun(trace: ClusterTrace, uid: string): PodRun | undefined {
  return index(trace).pods.get(uid);
}

/** A pod as `kubectl get pod` sees it at t: the object, its kubelet's latest status, and some derived facts. */
export interface PodAt {
  object: ObjectOf<'Pod'>;
  run: PodRun;
  status: PodStatusSnapshot;
  ready: boolean;
  terminating: boolean;
}

export function podsAt(trace: ClusterTrace, tMs: number, filter: { owner?: { kind: string; name: string }; namespace?: string } = {}): PodAt[] {
  const out: PodAt[] = [];
  for (const object of objectsAt(trace, 'Pod', tMs, filter.namespace)) {
    if (filter.owner) {
      const o = object.metadata.ownerReferences?.find((x) => x.controller);
      if (!o || o.kind !== filter.owner.kind || o.name !== filter.owner.name) continue;
    }
    const run = podRun(trace, object.metadata.uid);
    if (!run) continue;
    const status = statusAt(run.trace, tMs);
    out.push({ object, run, status, ready: status.conditions.some((c) => c.type === 'Ready' && c.status === 'True'), terminating: object.metadata.deletionMs !== undefined });
  }
  return out;
}

/** The pods of a Deployment at t: those of every ReplicaSet it owned then. */
export function deploymentPodsAt(trace: ClusterTrace, deployment: string, tMs: number, namespace = DEFAULT_NAMESPACE): PodAt[] {
  const rss = replicaSetsOf(trace, deployment, tMs, namespace).map((rs) => rs.metadata.name);
  return podsAt(trace, tMs, { namespace }).filter((p) => {
    const o = p.object.metadata.ownerReferences?.find((x) => x.controller);
    return o?.kind === 'ReplicaSet' && rss.includes(o.name);
  });
}

export function replicaSetsOf(trace: ClusterTrace, deployment: string, tMs: number, namespace = DEFAULT_NAMESPACE): ObjectOf<'ReplicaSet'>[] {
  return objectsAt(trace, 'ReplicaSet', tMs, namespace).filter((rs) => rs.metadata.ownerReferences?.some((o) => o.controller && o.kind === 'Deployment' && o.name === deployment));
}

export function deploymentStatusAt(trace: ClusterTrace, name: string, tMs: number, namespace = DEFAULT_NAMESPACE): DeploymentStatus | undefined {
  return objectAt(trace, 'Deployment', name, tMs, namespace)?.status;
}

export function conditionOf(status: { conditions: Condition[] } | undefined, type: string): Condition | undefined {
  return status?.conditions.find((c) => c.type === type);
}

/**
 * What `kubectl rollout status deployment/NAME` reports for the Deployment as it was at t
 * (k/kubectl pkg/polymorphichelpers/rollout_status.go DeploymentStatusViewer).
 */
export type RolloutState =
  | { kind: 'waiting-spec'; message: string }
  | { kind: 'waiting'; message: string }
  | { kind: 'done'; message: string }
  | { kind: 'error'; message: string };

export const ROLLOUT_TEXT = {
  specUpdate: 'Waiting for deployment spec update to be observed...\n',
  updated: (d: string, updated: number, want: number) => `Waiting for deployment "${d}" rollout to finish: ${updated} out of ${want} new replicas have been updated...\n`,
  oldPending: (d: string, n: number) => `Waiting for deployment "${d}" rollout to finish: ${n} old replicas are pending termination...\n`,
  available: (d: string, available: number, updated: number) => `Waiting for deployment "${d}" rollout to finish: ${available} of ${updated} updated replicas are available...\n`,
  done: (d: string) => `deployment "${d}" successfully rolled out\n`,
  deadline: (d: string) => `deployment "${d}" exceeded its progress deadline`,
  notFound: (d: string) => `deployments.apps "${d}" not found`,
} as const;

export function rolloutState(d: ObjectOf<'Deployment'>): RolloutState {
  const name = d.metadata.name;
  const s = d.status;
  if (d.metadata.generation > s.observedGeneration) return { kind: 'waiting-spec', message: ROLLOUT_TEXT.specUpdate };
  if (conditionOf(s, 'Progressing')?.reason === 'ProgressDeadlineExceeded') return { kind: 'error', message: ROLLOUT_TEXT.deadline(name) };
  const want = d.spec.replicas ?? 1;
  if (s.updatedReplicas < want) return { kind: 'waiting', message: ROLLOUT_TEXT.updated(name, s.updatedReplicas, want) };
  if (s.replicas > s.updatedReplicas) return { kind: 'waiting', message: ROLLOUT_TEXT.oldPending(name, s.replicas - s.updatedReplicas) };
  if (s.availableReplicas < s.updatedReplicas) return { kind: 'waiting', message: ROLLOUT_TEXT.available(name, s.availableReplicas, s.updatedReplicas) };
  return { kind: 'done', message: ROLLOUT_TEXT.done(name) };
}

/** How a rollout begun at `fromMs` (default: the Deployment's last spec change) ended by the end of the run. */
export type RolloutOutcome = { kind: 'complete'; atMs: number } | { kind: 'deadline-exceeded'; atMs: number } | { kind: 'in-progress' } | { kind: 'not-found' };

export function rolloutOutcome(trace: ClusterTrace, name: string, opts: { fromMs?: number; namespace?: string } = {}): RolloutOutcome {
  const hist = objectHistory(trace, 'Deployment', name, opts.namespace);
  if (hist.length === 0) return { kind: 'not-found' };
  const from = opts.fromMs ?? lastSpecChange(hist);
  const verdict = (d: ObjectOf<'Deployment'> | undefined, t: number): RolloutOutcome | undefined => {
    if (!d) return undefined;
    const st = rolloutState(d);
    if (st.kind === 'done') return { kind: 'complete', atMs: t };
    if (st.kind === 'error') return { kind: 'deadline-exceeded', atMs: t };
    return undefined;
  };
  const first = verdict(objectAt(trace, 'Deployment', name, from, opts.namespace), from);
  if (first) return first;
  for (const h of hist) {
    if (h.t <= from) continue;
    const v = verdict(h.object, h.t);
    if (v) return v;
  }
  return { kind: 'in-progress' };
}

function lastSpecChange(hist: { t: number; object: ObjectOf<'Deployment'> | undefined }[]): number {
  let gen = -1;
  let t = 0;
  for (const h of hist) {
    if (!h.object) continue;
    if (h.object.metadata.generation !== gen) {
      gen = h.object.metadata.generation;
      t = h.t;
    }
  }
  return t;
}

/** The times at which anything about the cluster changed, in order (and t itself, and `from`). */
function changeTimes(trace: ClusterTrace, fromMs: number, toMs: number): number[] {
  const ts = new Set<number>([fromMs]);
  for (const r of trace.records) if (r.t > fromMs && r.t <= toMs) ts.add(r.t);
  for (const p of trace.pods) for (const r of p.trace.records) if (r.kind === 'status' && r.t > fromMs && r.t <= toMs) ts.add(r.t);
  return [...ts].sort((a, b) => a - b);
}

/**
 * A Deployment's pods over [fromMs, toMs]: the most pods that existed at once (terminating ones
 * included, and not), and the fewest ready pods and available replicas (status.availableReplicas).
 */
export function deploymentPodRange(trace: ClusterTrace, name: string, fromMs: number, toMs: number, namespace = DEFAULT_NAMESPACE): { maxPods: number; maxActivePods: number; minReadyPods: number; minAvailable: number } {
  let maxPods = 0;
  let maxActivePods = 0;
  let minReadyPods = Infinity;
  let minAvailable = Infinity;
  for (const t of changeTimes(trace, fromMs, toMs)) {
    const pods = deploymentPodsAt(trace, name, t, namespace);
    maxPods = Math.max(maxPods, pods.length);
    maxActivePods = Math.max(maxActivePods, pods.filter((p) => !p.terminating && p.status.phase !== 'Succeeded' && p.status.phase !== 'Failed').length);
    minReadyPods = Math.min(minReadyPods, pods.filter((p) => p.ready && !p.terminating).length);
    minAvailable = Math.min(minAvailable, deploymentStatusAt(trace, name, t, namespace)?.availableReplicas ?? 0);
  }
  return { maxPods, maxActivePods, minReadyPods: minReadyPods === Infinity ? 0 : minReadyPods, minAvailable: minAvailable === Infinity ? 0 : minAvailable };
}

/** The Job's state at t, as `kubectl get job` sums it up (printers.go printJob STATUS). */
export function jobStateAt(trace: ClusterTrace, name: string, tMs: number, namespace = DEFAULT_NAMESPACE): { status: JobStatus; state: string } | undefined {
  const j = objectAt(trace, 'Job', name, tMs, namespace);
  if (!j) return undefined;
  return { status: j.status, state: jobStatusColumn(j) };
}

export function jobStatusColumn(j: ObjectOf<'Job'>): string {
  const has = (type: string) => j.status.conditions.some((c) => c.type === type && c.status === 'True');
  if (has('Complete')) return 'Complete';
  if (has('Failed')) return 'Failed';
  if (j.metadata.deletionMs !== undefined) return 'Terminating';
  if (has('Suspended')) return 'Suspended';
  if (has('FailureTarget')) return 'FailureTarget';
  if (has('SuccessCriteriaMet')) return 'SuccessCriteriaMet';
  return 'Running';
}

/** How a Job ended: its Complete or Failed condition and when (or still running at the end of the run). */
export type JobOutcome = { kind: 'complete'; atMs: number } | { kind: 'failed'; atMs: number; reason: string; message: string } | { kind: 'running' } | { kind: 'not-found' };

export function jobOutcome(trace: ClusterTrace, name: string, namespace = DEFAULT_NAMESPACE): JobOutcome {
  const hist = objectHistory(trace, 'Job', name, namespace);
  if (hist.length === 0) return { kind: 'not-found' };
  for (const h of hist) {
    const c = h.object?.status.conditions.find((x) => (x.type === 'Complete' || x.type === 'Failed') && x.status === 'True');
    if (!c) continue;
    return c.type === 'Complete' ? { kind: 'complete', atMs: h.t } : { kind: 'failed', atMs: h.t, reason: c.reason ?? '', message: c.message ?? '' };
  }
  return { kind: 'running' };
}

/** A Service's endpoints at t from its EndpointSlices: `ip:port` pairs by condition (headless without ports: bare IPs). */
export function serviceEndpointsAt(trace: ClusterTrace, service: string, tMs: number, namespace = DEFAULT_NAMESPACE): { ready: string[]; notReady: string[]; terminating: string[] } {
  const out = { ready: [] as string[], notReady: [] as string[], terminating: [] as string[] };
  for (const s of objectsAt(trace, 'EndpointSlice', tMs, namespace)) {
    if (s.metadata.labels['kubernetes.io/service-name'] !== service) continue;
    for (const e of s.endpoints) {
      const addrs = s.ports.length === 0 ? [...e.addresses] : s.ports.flatMap((p) => e.addresses.map((a) => `${a}:${p.port}`));
      if (e.conditions.ready) out.ready.push(...addrs);
      else out.notReady.push(...addrs);
      if (e.conditions.terminating) out.terminating.push(...addrs);
    }
  }
  return out;
}

/** The Event objects about an object up to t, after client-go's correlator (pods: their kubelet's and scheduler's). */
export function eventsOf(trace: ClusterTrace, ref: Pick<ObjectRef, 'uid' | 'kind'>, tMs: number): KubeEventObject[] {
  if (ref.kind === 'Pod') {
    const run = podRun(trace, ref.uid);
    return run ? eventObjectsAt(run.trace, tMs) : [];
  }
  const e = index(trace).events.get(ref.uid);
  return e ? eventObjectsAt(e, tMs) : [];
}

/** What `kubectl apply` said for each step (created / configured / unchanged, or the API server's error). */
export function applyResults(trace: ClusterTrace): Extract<ClusterRecord, { kind: 'apply' | 'apply-error' }>[] {
  return trace.records.filter((r): r is Extract<ClusterRecord, { kind: 'apply' | 'apply-error' }> => r.kind === 'apply' || r.kind === 'apply-error');
}
