// Models pkg/controller/deployment/util/deployment_util.go and k8s.io/apimachinery/pkg/util/intstr
// (GetScaledValueFromIntOrPercent) (Kubernetes 1.33): surge and unavailability, the new ReplicaSet's
// size, revisions and annotations, and the conditions that say how a rollout is going.
import type { Deployment } from 'kubernetes-types/apps/v1.d.ts';
import { storedSeconds } from '../render/format.js';
import type { Condition, DeploymentStatus, ObjectOf } from './types.js';

export const ANNOTATION = {
  revision: 'deployment.kubernetes.io/revision',
  revisionHistory: 'deployment.kubernetes.io/revision-history',
  desiredReplicas: 'deployment.kubernetes.io/desired-replicas',
  maxReplicas: 'deployment.kubernetes.io/max-replicas',
  lastApplied: 'kubectl.kubernetes.io/last-applied-configuration',
} as const;

/** apps.DefaultDeploymentUniqueLabelKey */
export const POD_TEMPLATE_HASH = 'pod-template-hash';

/** The Progressing / Available condition reasons (deployment_util.go constants). */
export const REASON = {
  replicaSetUpdated: 'ReplicaSetUpdated',
  failedRSCreate: 'ReplicaSetCreateError',
  newReplicaSet: 'NewReplicaSetCreated',
  foundNewRS: 'FoundNewReplicaSet',
  newRSAvailable: 'NewReplicaSetAvailable',
  timedOut: 'ProgressDeadlineExceeded',
  paused: 'DeploymentPaused',
  resumed: 'DeploymentResumed',
  minimumReplicasAvailable: 'MinimumReplicasAvailable',
  minimumReplicasUnavailable: 'MinimumReplicasUnavailable',
} as const;

/** The condition messages (sync.go, progress.go), exactly. */
export const MESSAGE = {
  createdNewRS: (rs: string) => `Created new replica set "${rs}"`,
  foundNewRS: (rs: string) => `Found new replica set "${rs}"`,
  rsProgressed: (rs: string) => `ReplicaSet "${rs}" has successfully progressed.`,
  deploymentProgressed: (d: string) => `Deployment "${d}" has successfully progressed.`,
  rsProgressing: (rs: string) => `ReplicaSet "${rs}" is progressing.`,
  deploymentProgressing: (d: string) => `Deployment "${d}" is progressing.`,
  rsTimedOut: (rs: string) => `ReplicaSet "${rs}" has timed out progressing.`,
  deploymentTimedOut: (d: string) => `Deployment "${d}" has timed out progressing.`,
  minimumAvailable: 'Deployment has minimum availability.',
  minimumUnavailable: 'Deployment does not have minimum availability.',
  paused: 'Deployment is paused',
  resumed: 'Deployment is resumed',
} as const;

type Dep = ObjectOf<'Deployment'>;
type RS = ObjectOf<'ReplicaSet'>;

/** intstr.GetScaledValueFromIntOrPercent; undefined where upstream returns an error (validation rejects those). */
export function scaledValue(v: number | string | undefined, total: number, roundUp: boolean): number | undefined {
  if (v === undefined) return 0;
  if (typeof v === 'number') return v;
  if (!v.endsWith('%')) return undefined;
  const p = v.slice(0, -1);
  if (!/^[+-]?\d+$/.test(p)) return undefined;
  const x = (Number(p) * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}

export const replicasOf = (d: { spec: { replicas?: number } }): number => d.spec.replicas ?? 1;

export function isRollingUpdate(d: Dep): boolean {
  return (d.spec.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
}

/** ResolveFenceposts: surge rounds up, unavailable down; both 0 → unavailable 1. */
export function resolveFenceposts(maxSurge: number | string | undefined, maxUnavailable: number | string | undefined, desired: number): { surge: number; unavailable: number } {
  const surge = scaledValue(maxSurge ?? 0, desired, true) ?? 0;
  let unavailable = scaledValue(maxUnavailable ?? 0, desired, false) ?? 0;
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

export function maxSurge(d: Dep): number {
  if (!isRollingUpdate(d)) return 0;
  const ru = d.spec.strategy?.rollingUpdate;
  return resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, replicasOf(d)).surge;
}

export function maxUnavailable(d: Dep): number {
  const replicas = replicasOf(d);
  if (!isRollingUpdate(d) || replicas === 0) return 0;
  const ru = d.spec.strategy?.rollingUpdate;
  const u = resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, replicas).unavailable;
  return u > replicas ? replicas : u;
}

export const sumReplicas = (rss: readonly (RS | undefined)[]): number => rss.reduce((n, rs) => n + (rs ? replicasOf(rs) : 0), 0);
export const sumActual = (rss: readonly (RS | undefined)[]): number => rss.reduce((n, rs) => n + (rs ? rs.status.replicas : 0), 0);
export const sumReady = (rss: readonly (RS | undefined)[]): number => rss.reduce((n, rs) => n + (rs ? rs.status.readyReplicas : 0), 0);
export const sumAvailable = (rss: readonly (RS | undefined)[]): number => rss.reduce((n, rs) => n + (rs ? rs.status.availableReplicas : 0), 0);

/** NewRSNewReplicas: how big the new ReplicaSet may be now. */
export function newRSNewReplicas(d: Dep, allRSs: readonly (RS | undefined)[], newRS: { spec: { replicas?: number } }): number {
  if (!isRollingUpdate(d)) return replicasOf(d);
  const surge = scaledValue(d.spec.strategy?.rollingUpdate?.maxSurge, replicasOf(d), true) ?? 0;
  const current = sumReplicas(allRSs);
  const maxTotal = replicasOf(d) + surge;
  const newReplicas = newRS.spec.replicas ?? 0;
  if (current >= maxTotal) return newReplicas;
  const scaleUp = Math.min(maxTotal - current, replicasOf(d) - newReplicas);
  return newReplicas + scaleUp;
}

export function revisionOf(o: { metadata: { annotations: Record<string, string> } }): number {
  const v = o.metadata.annotations[ANNOTATION.revision];
  if (v === undefined || !/^\d+$/.test(v)) return 0;
  return Number(v);
}

export function maxRevision(rss: readonly RS[]): number {
  let m = 0;
  for (const rs of rss) m = Math.max(m, revisionOf(rs));
  return m;
}

/** IsSaturated: the new ReplicaSet has, and is meant to have, all the replicas. */
export function isSaturated(d: Dep, rs: RS | undefined): boolean {
  if (!rs) return false;
  const desired = rs.metadata.annotations[ANNOTATION.desiredReplicas];
  if (desired === undefined || !/^[+-]?\d+$/.test(desired)) return false;
  return replicasOf(rs) === replicasOf(d) && Number(desired) === replicasOf(d);
}

export function hasProgressDeadline(d: Dep): boolean {
  const s = d.spec.progressDeadlineSeconds;
  return s !== undefined && s !== 2147483647;
}

export function getCondition(status: { conditions: Condition[] }, type: string): Condition | undefined {
  return status.conditions.find((c) => c.type === type);
}

export function newCondition(type: string, status: Condition['status'], reason: string, message: string, nowMs: number): Condition {
  const t = storedSeconds(nowMs);
  return { type, status, lastUpdateMs: t, lastTransitionMs: t, reason, message };
}

/** SetDeploymentCondition: no change for the same status and reason; the transition time is kept for the same status. */
export function setCondition(status: DeploymentStatus, c: Condition): void {
  const cur = getCondition(status, c.type);
  if (cur && cur.status === c.status && cur.reason === c.reason) return;
  const next = cur && cur.status === c.status ? { ...c, lastTransitionMs: cur.lastTransitionMs } : c;
  status.conditions = [...status.conditions.filter((x) => x.type !== c.type), next];
}

export function removeCondition(status: DeploymentStatus, type: string): void {
  status.conditions = status.conditions.filter((x) => x.type !== type);
}

/** DeploymentComplete: every desired replica updated and available, no old pods, the spec observed. */
export function deploymentComplete(d: Dep, s: DeploymentStatus): boolean {
  const r = replicasOf(d);
  return s.updatedReplicas === r && s.replicas === r && s.availableReplicas === r && s.observedGeneration >= d.metadata.generation;
}

/** DeploymentProgressing: new pods scaled up or became ready or available, or old ones scaled down. */
export function deploymentProgressing(d: Dep, s: DeploymentStatus): boolean {
  const o = d.status;
  return (
    s.updatedReplicas > o.updatedReplicas ||
    s.replicas - s.updatedReplicas < o.replicas - o.updatedReplicas ||
    s.readyReplicas > o.readyReplicas ||
    s.availableReplicas > o.availableReplicas
  );
}

/** DeploymentTimedOut: the last progress is older than progressDeadlineSeconds. */
export function deploymentTimedOut(d: Dep, s: DeploymentStatus, nowMs: number): boolean {
  if (!hasProgressDeadline(d)) return false;
  const c = getCondition(s, 'Progressing');
  if (!c) return false;
  if (c.reason === REASON.newRSAvailable) return false;
  if (c.reason === REASON.timedOut) return true;
  return (c.lastUpdateMs ?? c.lastTransitionMs) + d.spec.progressDeadlineSeconds! * 1000 < nowMs;
}

/** annotationsToSkip: what a Deployment's annotations do not pass on to its ReplicaSets. */
const SKIP = new Set<string>([ANNOTATION.lastApplied, ANNOTATION.revision, ANNOTATION.revisionHistory, ANNOTATION.desiredReplicas, ANNOTATION.maxReplicas]);

/** SetNewReplicaSetAnnotations: copy the Deployment's annotations, set the revision (keeping history), sizes for a new one. */
export function newReplicaSetAnnotations(d: Dep, annotations: Record<string, string>, newRevision: number, exists: boolean): { annotations: Record<string, string>; changed: boolean } {
  const a = { ...annotations };
  let changed = false;
  for (const [k, v] of Object.entries(d.metadata.annotations)) {
    if (SKIP.has(k) || a[k] === v) continue;
    a[k] = v;
    changed = true;
  }
  const old = a[ANNOTATION.revision];
  const oldInt = old === undefined || old === '' ? 0 : /^\d+$/.test(old) ? Number(old) : NaN;
  if (Number.isNaN(oldInt)) return { annotations: a, changed };
  if (oldInt < newRevision) {
    a[ANNOTATION.revision] = String(newRevision);
    changed = true;
    // an existing revision replaced: a rollback to this ReplicaSet keeps its old revisions (at most ~2000 chars)
    if (old !== undefined) {
      const history = a[ANNOTATION.revisionHistory] ?? '';
      if (history === '') a[ANNOTATION.revisionHistory] = old;
      else {
        const parts = history.split(',');
        let total = history.length + old.length + 1;
        let start = 0;
        while (total > 2000 && start < parts.length) total -= parts[start++]!.length + 1;
        if (total <= 2000) a[ANNOTATION.revisionHistory] = [...parts.slice(start), old].join(',');
      }
    }
  }
  if (!exists) {
    const r = setReplicasAnnotations(a, replicasOf(d), replicasOf(d) + maxSurge(d));
    changed = r || changed;
  }
  return { annotations: a, changed };
}

/** SetReplicasAnnotations, in place; true when it changed something. */
export function setReplicasAnnotations(a: Record<string, string>, desired: number, max: number): boolean {
  let changed = false;
  if (a[ANNOTATION.desiredReplicas] !== String(desired)) {
    a[ANNOTATION.desiredReplicas] = String(desired);
    changed = true;
  }
  if (a[ANNOTATION.maxReplicas] !== String(max)) {
    a[ANNOTATION.maxReplicas] = String(max);
    changed = true;
  }
  return changed;
}

export function replicasAnnotationsNeedUpdate(rs: RS, desired: number, max: number): boolean {
  const a = rs.metadata.annotations;
  return a[ANNOTATION.desiredReplicas] !== String(desired) || a[ANNOTATION.maxReplicas] !== String(max);
}

/** GetProportion / getReplicaSetFraction: a ReplicaSet's share of a scale during a rollout (proportional scaling). */
export function proportion(rs: RS, d: Dep, toAdd: number, added: number): number {
  if (replicasOf(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  let fraction: number;
  if (replicasOf(d) === 0) fraction = -replicasOf(rs);
  else {
    const deploymentReplicas = replicasOf(d) + maxSurge(d);
    const annotated = Number(rs.metadata.annotations[ANNOTATION.maxReplicas] ?? NaN);
    const base = Number.isInteger(annotated) && annotated > 0 ? annotated : d.status.replicas;
    // integer.RoundToInt32: round half away from zero
    const x = (replicasOf(rs) * deploymentReplicas) / base;
    fraction = Math.sign(x) * Math.round(Math.abs(x)) - replicasOf(rs);
  }
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

/** ReplicaSetsByCreationTimestamp: oldest first; same second → by name. */
export function byCreation(a: RS, b: RS): number {
  const ta = storedSeconds(a.metadata.creationMs);
  const tb = storedSeconds(b.metadata.creationMs);
  if (ta !== tb) return ta - tb;
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}

export type { Deployment };
