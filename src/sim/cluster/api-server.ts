// Models the API server's storage, watch and create strategies (k8s.io/apiserver registry/generic,
// pkg/registry/{core/pod,core/service,apps/deployment,apps/replicaset,batch/job}/strategy.go and the
// ClusterIP allocator pkg/registry/core/service/ipallocator) for the cluster layer (Kubernetes 1.33).
// Every write is recorded in the ClusterTrace; watchers (the controllers, the node) hear of it at once.
import type { PodStatusSnapshot, EventOccurrence } from '../trace.js';
import type { Simulation } from '../engine/simulation.js';
import { sameJson } from '../engine/recorder.js';
import { Rng, fnv1a } from '../engine/rng.js';
import type { ClusterObject, ClusterRecord, ObjectKind, ObjectMeta, ObjectOf, ObjectRef } from './types.js';
import { SERVICE_RANGE, nextPodIndex, podAddress, randomSuffix, serviceAddress, uidFrom } from './names.js';
import { podIdentity } from '../pod-identity.js';

export type WatchEvent = 'added' | 'modified' | 'deleted';
export type Watcher = (ev: WatchEvent, obj: ClusterObject, old: ClusterObject | undefined) => void;
export type PodStatusWatcher = (pod: ObjectOf<'Pod'>, status: PodStatusSnapshot, old: PodStatusSnapshot | undefined) => void;

/** The status the API shows for a pod before the kubelet's first (what `statusAt` returns too). */
export const PENDING_POD_STATUS: PodStatusSnapshot = { phase: 'Pending', conditions: [], initContainers: [], containers: [] };

const key = (kind: ObjectKind, namespace: string, name: string): string => `${kind}/${namespace}/${name}`;

export function refOf(o: ClusterObject): ObjectRef {
  return { kind: o.kind, namespace: o.metadata.namespace, name: o.metadata.name, uid: o.metadata.uid };
}

export class ApiServer {
  readonly records: ClusterRecord[] = [];
  private readonly byKind = new Map<ObjectKind, Map<string, ClusterObject>>();
  private readonly watchers: Watcher[] = [];
  private readonly podWatchers: PodStatusWatcher[] = [];
  private readonly statuses = new Map<string, PodStatusSnapshot>();
  private readonly uids = new Set<string>();
  private readonly namesUsed = new Set<string>();
  private readonly podIPs = new Map<string, string>();
  private readonly ipsInUse = new Set<string>();
  private readonly serviceIPs = new Set<string>();
  private readonly nameRng: Rng;
  private lastT = 0;
  private created = 0;

  constructor(
    private readonly sim: Simulation,
    readonly seed: number,
  ) {
    this.nameRng = new Rng(fnv1a(`generateName#${seed}`));
    // the `kubernetes` Service and cluster DNS hold these in every kubeadm cluster
    this.serviceIPs.add('10.96.0.1');
    this.serviceIPs.add('10.96.0.10');
  }

  get now(): number {
    return this.sim.now;
  }

  watch(w: Watcher): void {
    this.watchers.push(w);
  }

  watchPodStatus(w: PodStatusWatcher): void {
    this.podWatchers.push(w);
  }

  private record(r: ClusterRecord): void {
    if (r.t < this.lastT) throw new Error(`cluster record at ${r.t} ms after one at ${this.lastT} ms`);
    this.lastT = r.t;
    this.records.push(r);
  }

  private table(kind: ObjectKind): Map<string, ClusterObject> {
    let t = this.byKind.get(kind);
    if (!t) this.byKind.set(kind, (t = new Map()));
    return t;
  }

  get<K extends ObjectKind>(kind: K, namespace: string, name: string): ObjectOf<K> | undefined {
    return this.table(kind).get(key(kind, namespace, name)) as ObjectOf<K> | undefined;
  }

  /** The live objects of a kind (in one namespace), oldest first. */
  list<K extends ObjectKind>(kind: K, namespace?: string): ObjectOf<K>[] {
    const out: ObjectOf<K>[] = [];
    for (const o of this.table(kind).values()) if (namespace === undefined || o.metadata.namespace === namespace) out.push(o as ObjectOf<K>);
    return out;
  }

  /** A fresh UID for an object (pods: the single-pod simulator's, so a bare Pod gets the same one). */
  newUid(kind: ObjectKind, namespace: string, name: string): string {
    let uid = kind === 'Pod' ? podIdentity(name, namespace, this.seed).uid : uidFrom(`${kind}/${namespace}/${name}#${this.seed}`);
    for (let n = 1; this.uids.has(uid); n++) uid = uidFrom(`${kind}/${namespace}/${name}#${this.seed}#${n}`);
    this.uids.add(uid);
    return uid;
  }

  /** generateName: the prefix plus five random characters, never a name this kind had before. */
  generateName(kind: ObjectKind, namespace: string, prefix: string): string {
    for (;;) {
      const name = prefix + randomSuffix(this.nameRng);
      if (!this.namesUsed.has(key(kind, namespace, name))) return name;
    }
  }

  /** metadata for a new object at `now` */
  newMeta(kind: ObjectKind, namespace: string, name: string, rest: Partial<ObjectMeta> = {}): ObjectMeta {
    return {
      name,
      namespace,
      uid: this.newUid(kind, namespace, name),
      creationMs: this.now,
      generation: 1,
      labels: {},
      annotations: {},
      ...rest,
    };
  }

  /** The pod's IP: the single-pod simulator's choice, else the next free address of 10.244.0.0/16. */
  allocatePodIP(uid: string, namespace: string, name: string): string {
    const h = fnv1a(`${namespace}/${name}#${this.seed}`);
    let n = 2 + (h % 250);
    while (this.ipsInUse.has(podAddress(n))) n = nextPodIndex(n);
    const ip = podAddress(n);
    this.ipsInUse.add(ip);
    this.podIPs.set(uid, ip);
    return ip;
  }

  podIP(uid: string): string | undefined {
    return this.podIPs.get(uid);
  }

  /** ipallocator: a free address of 10.96.0.0/12 picked from the Service's name and the seed. */
  allocateServiceIP(namespace: string, name: string): string {
    let off = 1 + (fnv1a(`service/${namespace}/${name}#${this.seed}`) % SERVICE_RANGE);
    while (this.serviceIPs.has(serviceAddress(off))) off = (off % SERVICE_RANGE) + 1;
    const ip = serviceAddress(off);
    this.serviceIPs.add(ip);
    return ip;
  }

  reserveServiceIP(ip: string): boolean {
    if (this.serviceIPs.has(ip)) return false;
    this.serviceIPs.add(ip);
    return true;
  }

  create<O extends ClusterObject>(obj: O): O {
    const k = key(obj.kind, obj.metadata.namespace, obj.metadata.name);
    const t = this.table(obj.kind);
    if (t.has(k)) throw new Error(`${obj.kind} ${obj.metadata.namespace}/${obj.metadata.name} already exists`);
    t.set(k, obj);
    this.namesUsed.add(k);
    this.created++;
    this.record({ t: this.now, kind: 'added', object: obj });
    for (const w of this.watchers) w('added', obj, undefined);
    return obj;
  }

  /** Replaces the stored object; a write that changes nothing is not one (no record, no watch event). */
  update<O extends ClusterObject>(obj: O): O {
    const k = key(obj.kind, obj.metadata.namespace, obj.metadata.name);
    const t = this.table(obj.kind);
    const old = t.get(k);
    if (!old || old.metadata.uid !== obj.metadata.uid) throw new Error(`update of a missing ${obj.kind} ${k}`);
    if (sameJson(old, obj)) return old as O;
    // the registry strategies: a spec change bumps metadata.generation (Deployment, ReplicaSet, Job)
    const spec = (o: ClusterObject): unknown => ('spec' in o ? o.spec : undefined);
    if ((obj.kind === 'Deployment' || obj.kind === 'ReplicaSet' || obj.kind === 'Job') && !sameJson(spec(old), spec(obj))) {
      obj = { ...obj, metadata: { ...obj.metadata, generation: old.metadata.generation + 1 } };
    } else if (obj.metadata.generation !== old.metadata.generation) obj = { ...obj, metadata: { ...obj.metadata, generation: old.metadata.generation } };
    t.set(k, obj);
    this.record({ t: this.now, kind: 'modified', object: obj });
    for (const w of this.watchers) w('modified', obj, old);
    return obj;
  }

  /** Removes the object now (pods: once their kubelet is done; see Node). */
  remove(ref: ObjectRef): void {
    const k = key(ref.kind, ref.namespace, ref.name);
    const t = this.table(ref.kind);
    const old = t.get(k);
    if (!old || old.metadata.uid !== ref.uid) return;
    t.delete(k);
    if (ref.kind === 'Pod') {
      const ip = this.podIPs.get(ref.uid);
      if (ip) this.ipsInUse.delete(ip);
    }
    this.record({ t: this.now, kind: 'deleted', ref });
    for (const w of this.watchers) w('deleted', old, old);
  }

  /**
   * DELETE with a grace period (pods): deletionTimestamp = now + grace, the object stays until the
   * kubelet has stopped it. A terminal or unscheduled pod would be removed at once by the API server;
   * every pod here is bound, so the kubelet always finishes it.
   */
  deletePod(ref: ObjectRef, graceSeconds?: number): void {
    const pod = this.get('Pod', ref.namespace, ref.name);
    if (!pod || pod.metadata.uid !== ref.uid || pod.metadata.deletionMs !== undefined) return;
    const grace = Math.max(0, graceSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30);
    this.update({ ...pod, metadata: { ...pod.metadata, deletionMs: this.now + grace * 1000, deletionGracePeriodSeconds: grace } });
  }

  podStatus(uid: string): PodStatusSnapshot {
    return this.statuses.get(uid) ?? PENDING_POD_STATUS;
  }

  /** The kubelet's status manager wrote a status (not recorded here: the pod's own trace holds it). */
  setPodStatus(pod: ObjectRef, status: PodStatusSnapshot): void {
    const obj = this.get('Pod', pod.namespace, pod.name);
    if (!obj || obj.metadata.uid !== pod.uid) return;
    const old = this.statuses.get(pod.uid);
    this.statuses.set(pod.uid, status);
    for (const w of this.podWatchers) w(obj, status, old);
  }

  event(ref: ObjectRef, event: EventOccurrence): void {
    this.record({ t: this.now, kind: 'event', ref, event });
  }

  applyRecord(r: Extract<ClusterRecord, { kind: 'apply' | 'apply-error' }>): void {
    this.record(r);
  }
}
