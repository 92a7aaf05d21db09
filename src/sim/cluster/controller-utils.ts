// Models pkg/controller/controller_utils.go (PodControl create/delete and their events, GetPodFromTemplate,
// FilterActivePods, ActivePodsWithRanks, slowStartBatch), pkg/controller/controller_ref_manager.go
// (ClaimPods: adopt orphans, release strays) and pkg/api/v1/pod/util.go (IsPodReady, IsPodAvailable)
// (Kubernetes 1.33). Shared by the ReplicaSet and Job controllers.
import type { PodTemplateSpec } from 'kubernetes-types/core/v1.d.ts';
import type { LabelSelector } from 'kubernetes-types/meta/v1.d.ts';
import type { Pod } from '../../manifest/kinds.js';
import { applyPodDefaults } from '../../manifest/defaults.js';
import type { PodStatusSnapshot } from '../trace.js';
import { storedSeconds } from '../render/format.js';
import { NODE_NAME } from '../pod-identity.js';
import type { ApiServer } from './api-server.js';
import { refOf } from './api-server.js';
import { selectorMatches } from './labels.js';
import type { ObjectOf, ObjectRef, OwnerReference } from './types.js';
import { CONTROLLER_EVENTS } from './events.js';

/** A pod as a controller's lister returns it: the object and the status the kubelet last wrote. */
export interface PodView {
  obj: ObjectOf<'Pod'>;
  status: PodStatusSnapshot;
}

/** controller.SlowStartInitialBatchSize */
export const SLOW_START_INITIAL_BATCH_SIZE = 1;
/** the ReplicaSet controller's burstReplicas (kube-controller-manager default) */
export const BURST_REPLICAS = 500;

/**
 * slowStartBatch: calls `fn` `count` times in batches of 1, 2, 4, ... and stops at the first batch that
 * had a failure. Returns the successes. (Creates never fail in the simulated API server, so every batch runs.)
 */
export function slowStartBatch(count: number, initialBatchSize: number, fn: () => boolean): number {
  let remaining = count;
  let successes = 0;
  for (let batch = Math.min(remaining, initialBatchSize); batch > 0; batch = Math.min(2 * batch, remaining)) {
    let failed = 0;
    for (let i = 0; i < batch; i++) if (!fn()) failed++;
    successes += batch - failed;
    if (failed > 0) return successes;
    remaining -= batch;
  }
  return successes;
}

export function controllerOf(pod: { metadata: { ownerReferences?: OwnerReference[] } }): OwnerReference | undefined {
  return pod.metadata.ownerReferences?.find((o) => o.controller);
}

export function ownerRef(owner: ObjectOf<'Deployment' | 'ReplicaSet' | 'Job'>): OwnerReference {
  const apiVersion = owner.kind === 'Job' ? 'batch/v1' : 'apps/v1';
  return { apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid, controller: true, blockOwnerDeletion: true };
}

export function podReadyCondition(status: PodStatusSnapshot): PodStatusSnapshot['conditions'][number] | undefined {
  for (const c of status.conditions) if (c.type === 'Ready') return c;
  return undefined;
}

/** podutil.IsPodReady */
export function isPodReady(status: PodStatusSnapshot): boolean {
  return podReadyCondition(status)?.status === 'True';
}

/** podutil.IsPodAvailable: ready for more than minReadySeconds (the condition's time as the API keeps it: whole seconds). */
export function isPodAvailable(status: PodStatusSnapshot, minReadySeconds: number, nowMs: number): boolean {
  const c = podReadyCondition(status);
  if (c?.status !== 'True') return false;
  if (minReadySeconds <= 0) return true;
  return storedSeconds(c.lastTransitionMs) + minReadySeconds * 1000 < nowMs;
}

export function isTerminal(status: PodStatusSnapshot): boolean {
  return status.phase === 'Succeeded' || status.phase === 'Failed';
}

/** controller.IsPodActive: not terminal and not being deleted */
export function isPodActive(p: PodView): boolean {
  return !isTerminal(p.status) && p.obj.metadata.deletionMs === undefined;
}

export function listPods(api: ApiServer, namespace: string): PodView[] {
  return api.list('Pod', namespace).map((obj) => ({ obj, status: api.podStatus(obj.metadata.uid) }));
}

/**
 * ClaimPods (PodControllerRefManager): the pods the controller owns and still selects, plus orphans it
 * selects (adopted: their ownerReferences are patched). Owned pods it no longer selects are released.
 */
export function claimPods(api: ApiServer, owner: ObjectOf<'ReplicaSet' | 'Job'>, selector: LabelSelector | undefined, pods: PodView[]): PodView[] {
  const out: PodView[] = [];
  const ownerDeleting = owner.metadata.deletionMs !== undefined;
  for (const p of pods) {
    const ref = controllerOf(p.obj);
    const matches = selectorMatches(selector, p.obj.metadata.labels);
    if (ref) {
      if (ref.uid !== owner.metadata.uid) continue;
      if (matches) {
        out.push(p);
        continue;
      }
      if (ownerDeleting) continue;
      const others = (p.obj.metadata.ownerReferences ?? []).filter((o) => o.uid !== owner.metadata.uid);
      const meta = { ...p.obj.metadata };
      if (others.length > 0) meta.ownerReferences = others;
      else delete meta.ownerReferences;
      api.update({ ...p.obj, metadata: meta });
      continue;
    }
    if (!matches || ownerDeleting || p.obj.metadata.deletionMs !== undefined) continue;
    const adopted = api.update({ ...p.obj, metadata: { ...p.obj.metadata, ownerReferences: [...(p.obj.metadata.ownerReferences ?? []), ownerRef(owner)] } });
    out.push({ obj: adopted, status: p.status });
  }
  return out;
}

/** getPodsPrefix + the API server's generateName truncation (63 - 5 random characters). */
function podsPrefix(controllerName: string): string {
  const prefix = `${controllerName}-`;
  return prefix.length > 58 ? prefix.slice(0, 58) : prefix;
}

/** PodControl.CreatePods: GetPodFromTemplate, the API server's create (name, UID, defaults, binding), SuccessfulCreate. */
export function createPodFromTemplate(
  api: ApiServer,
  template: PodTemplateSpec | undefined,
  owner: ObjectOf<'ReplicaSet' | 'Job'>,
  source: string,
  generateNamePrefix = podsPrefix(owner.metadata.name),
): ObjectOf<'Pod'> {
  const ns = owner.metadata.namespace;
  const name = api.generateName('Pod', ns, generateNamePrefix);
  const defaulted = applyPodDefaults({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns }, spec: template?.spec } as Pod);
  const spec = { ...defaulted.spec!, nodeName: NODE_NAME };
  const pod: ObjectOf<'Pod'> = {
    kind: 'Pod',
    metadata: api.newMeta('Pod', ns, name, {
      labels: { ...(template?.metadata?.labels ?? {}) },
      annotations: { ...(template?.metadata?.annotations ?? {}) },
      ownerReferences: [ownerRef(owner)],
    }),
    spec,
  };
  api.create(pod);
  api.event(refOf(owner), CONTROLLER_EVENTS.successfulCreate(source, name));
  return pod;
}

/** PodControl.DeletePod: a graceful delete (the pod's own grace period) and SuccessfulDelete. */
export function deletePod(api: ApiServer, pod: ObjectOf<'Pod'>, owner: ObjectRef, source: string): void {
  api.deletePod(refOf(pod));
  api.event(owner, CONTROLLER_EVENTS.successfulDelete(source, pod.metadata.name));
}

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

function maxRestarts(p: PodView): number {
  let m = 0;
  for (const c of p.status.containers) m = Math.max(m, c.restartCount);
  return m;
}

/** controller.kubernetes.io/pod-deletion-cost (PodDeletionCost, GA): lower goes first; an invalid value counts as 0 */
function deletionCost(p: PodView): number {
  const v = p.obj.metadata.annotations['controller.kubernetes.io/pod-deletion-cost'];
  if (v === undefined || !/^[+-]?\d+$/.test(v)) return 0;
  const n = Number(v);
  return n >= -2147483648 && n <= 2147483647 ? n : 0;
}

/** logarithmicRankDiff: how many doublings older one time is than the other, as of now (ns as upstream). */
function logRank(t: number, now: number): number {
  const d = (now - t) * 1e6;
  return d > 0 ? Math.floor(Math.log2(d)) : -1;
}

/**
 * ActivePodsWithRanks.Less with LogarithmicScaleDown (GA): the pods a scale-down deletes first. All pods
 * are on one node, so the "doubled up" rank never differs. Ties keep the lister's (creation) order, then UID.
 */
export function podsToDelete(pods: PodView[], diff: number, now: number): PodView[] {
  if (diff >= pods.length) return pods.slice(0, diff);
  const readyAt = (p: PodView) => storedSeconds(podReadyCondition(p.status)?.lastTransitionMs ?? 0);
  const less = (a: PodView, b: PodView): number => {
    const an = a.obj.spec.nodeName ?? '';
    const bn = b.obj.spec.nodeName ?? '';
    if (an !== bn && (an === '' || bn === '')) return an === '' ? -1 : 1;
    const pa = PHASE_ORDINAL[a.status.phase] ?? 0;
    const pb = PHASE_ORDINAL[b.status.phase] ?? 0;
    if (pa !== pb) return pa - pb;
    const ra = isPodReady(a.status);
    const rb = isPodReady(b.status);
    if (ra !== rb) return ra ? 1 : -1;
    const ca0 = deletionCost(a);
    const cb0 = deletionCost(b);
    if (ca0 !== cb0) return ca0 - cb0;
    if (ra && rb) {
      const ta = readyAt(a);
      const tb = readyAt(b);
      if (ta !== tb) {
        const d = logRank(ta, now) - logRank(tb, now);
        if (d !== 0) return d;
        if (a.obj.metadata.uid !== b.obj.metadata.uid) return a.obj.metadata.uid < b.obj.metadata.uid ? -1 : 1;
      }
    }
    const ma = maxRestarts(a);
    const mb = maxRestarts(b);
    if (ma !== mb) return mb - ma;
    const ca = storedSeconds(a.obj.metadata.creationMs);
    const cb = storedSeconds(b.obj.metadata.creationMs);
    if (ca !== cb) {
      const d = logRank(ca, now) - logRank(cb, now);
      if (d !== 0) return d;
      return a.obj.metadata.uid < b.obj.metadata.uid ? -1 : 1;
    }
    return 0;
  };
  return [...pods].sort(less).slice(0, diff);
}
