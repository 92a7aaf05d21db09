// Models pkg/controller/deployment/deployment_controller.go (syncDeployment, the event handlers),
// sync.go (getNewReplicaSet, scale, scaleReplicaSet, cleanupDeployment, calculateStatus, isScalingEvent),
// rolling.go, recreate.go and progress.go (syncRolloutStatus, requeueStuckDeployment) (Kubernetes 1.33).
// The Deployment keeps one ReplicaSet per pod template; rolling updates scale them within maxSurge and
// maxUnavailable as the ReplicaSets' pods become available.
import type { PodTemplateSpec } from 'kubernetes-types/core/v1.d.ts';
import type { LabelSelector } from 'kubernetes-types/meta/v1.d.ts';
import type { Simulation } from '../engine/simulation.js';
import type { ApiServer } from './api-server.js';
import { refOf } from './api-server.js';
import { controllerOf, isTerminal, listPods, ownerRef, type PodView } from './controller-utils.js';
import {
  ANNOTATION,
  MESSAGE,
  POD_TEMPLATE_HASH,
  REASON,
  byCreation,
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  getCondition,
  hasProgressDeadline,
  isRollingUpdate,
  isSaturated,
  maxRevision,
  maxSurge,
  maxUnavailable,
  newCondition,
  newRSNewReplicas,
  newReplicaSetAnnotations,
  proportion,
  removeCondition,
  replicasAnnotationsNeedUpdate,
  replicasOf,
  revisionOf,
  setCondition,
  setReplicasAnnotations,
  sumActual,
  sumAvailable,
  sumReady,
  sumReplicas,
} from './deployment-util.js';
import { CONTROLLER_EVENTS } from './events.js';
import { canonicalJson, computeHash } from './names.js';
import { sameJson } from '../engine/recorder.js';
import { isEmptySelector, selectorMatches } from './labels.js';
import type { DeploymentStatus, ObjectOf } from './types.js';
import { WorkQueue } from './workqueue.js';

type Dep = ObjectOf<'Deployment'>;
type RS = ObjectOf<'ReplicaSet'>;

const keyOf = (namespace: string, name: string) => `${namespace}/${name}`;

/** EqualIgnoreHash: the same pod template, the pod-template-hash label aside. */
const templateKeys = new WeakMap<PodTemplateSpec, string>();

export function templateKey(t: PodTemplateSpec | undefined): string {
  if (!t) return computeTemplateKey(t);
  let k = templateKeys.get(t);
  if (k === undefined) templateKeys.set(t, (k = computeTemplateKey(t)));
  return k;
}

function computeTemplateKey(t: PodTemplateSpec | undefined): string {
  const labels = { ...(t?.metadata?.labels ?? {}) };
  delete labels[POD_TEMPLATE_HASH];
  return canonicalJson({ ...(t ?? {}), metadata: { ...(t?.metadata ?? {}), labels } });
}

const activeRSs = (rss: readonly (RS | undefined)[]): RS[] => rss.filter((rs): rs is RS => rs !== undefined && replicasOf(rs) > 0);

export class DeploymentController {
  private readonly queue: WorkQueue;

  constructor(
    private readonly api: ApiServer,
    private readonly sim: Simulation,
  ) {
    this.queue = new WorkQueue(sim, 'deployment-controller', (k, now) => this.syncDeployment(k, now));
    api.watch((ev, obj) => {
      if (obj.kind === 'Deployment') {
        if (ev !== 'deleted') this.queue.add(keyOf(obj.metadata.namespace, obj.metadata.name));
        return;
      }
      if (obj.kind === 'ReplicaSet') {
        // addReplicaSet / updateReplicaSet / deleteReplicaSet: the owner, or for an orphan every Deployment that selects it
        const ref = controllerOf(obj);
        if (ref?.kind === 'Deployment') this.queue.add(keyOf(obj.metadata.namespace, ref.name));
        else if (!ref && ev !== 'deleted') {
          for (const d of api.list('Deployment', obj.metadata.namespace))
            if (selectorMatches(d.spec.selector, obj.metadata.labels)) this.queue.add(keyOf(d.metadata.namespace, d.metadata.name));
        }
        return;
      }
      // deletePod: a Recreate Deployment waits for its old pods to be gone
      if (obj.kind === 'Pod' && ev === 'deleted') {
        const ref = controllerOf(obj);
        if (ref?.kind !== 'ReplicaSet') return;
        const rs = api.get('ReplicaSet', obj.metadata.namespace, ref.name);
        const dref = rs && controllerOf(rs);
        if (!dref || dref.kind !== 'Deployment') return;
        const d = api.get('Deployment', obj.metadata.namespace, dref.name);
        if (d && !isRollingUpdate(d)) this.queue.add(keyOf(d.metadata.namespace, d.metadata.name));
      }
    });
  }

  // ---------------------------------------------------------------- syncDeployment

  private syncDeployment(key: string, now: number): void {
    const [namespace, name] = key.split('/') as [string, string];
    let d = this.api.get('Deployment', namespace, name);
    if (!d) return;
    if (isEmptySelector(d.spec.selector)) {
      this.api.event(refOf(d), CONTROLLER_EVENTS.selectingAll());
      if (d.status.observedGeneration < d.metadata.generation) this.api.update({ ...d, status: { ...d.status, observedGeneration: d.metadata.generation } });
      return;
    }
    const rsList = this.getReplicaSetsForDeployment(d);
    if (d.metadata.deletionMs !== undefined) {
      this.syncStatusOnly(d, rsList);
      return;
    }
    d = this.checkPausedConditions(d, now);
    if (d.spec.paused) {
      this.sync(d, rsList, now);
      return;
    }
    if (this.isScalingEvent(d, rsList, now)) {
      this.sync(this.fresh(d), rsList, now);
      return;
    }
    d = this.fresh(d);
    if (isRollingUpdate(d)) this.rolloutRolling(d, this.getReplicaSetsForDeployment(d), now);
    else this.rolloutRecreate(d, this.getReplicaSetsForDeployment(d), now);
  }

  private fresh(d: Dep): Dep {
    return this.api.get('Deployment', d.metadata.namespace, d.metadata.name) ?? d;
  }

  /** getReplicaSetsForDeployment (ClaimReplicaSets): owned ReplicaSets it selects; orphans it selects are adopted. */
  private getReplicaSetsForDeployment(d: Dep): RS[] {
    const out: RS[] = [];
    for (const rs of this.api.list('ReplicaSet', d.metadata.namespace)) {
      const ref = controllerOf(rs);
      const matches = selectorMatches(d.spec.selector, rs.metadata.labels);
      if (ref) {
        if (ref.uid !== d.metadata.uid) continue;
        if (matches) out.push(rs);
        else if (d.metadata.deletionMs === undefined) {
          const others = (rs.metadata.ownerReferences ?? []).filter((o) => o.uid !== d.metadata.uid);
          const meta = { ...rs.metadata };
          if (others.length > 0) meta.ownerReferences = others;
          else delete meta.ownerReferences;
          this.api.update({ ...rs, metadata: meta });
        }
        continue;
      }
      if (!matches || d.metadata.deletionMs !== undefined || rs.metadata.deletionMs !== undefined) continue;
      out.push(this.api.update({ ...rs, metadata: { ...rs.metadata, ownerReferences: [...(rs.metadata.ownerReferences ?? []), ownerRef(d)] } }));
    }
    return out;
  }

  /** getPodMapForDeployment: the pods of each of its ReplicaSets (every phase, terminating ones too). */
  private podMap(rsList: RS[]): Map<string, PodView[]> {
    const m = new Map<string, PodView[]>();
    for (const rs of rsList) m.set(rs.metadata.uid, []);
    if (rsList.length === 0) return m;
    for (const p of listPods(this.api, rsList[0]!.metadata.namespace)) {
      const ref = controllerOf(p.obj);
      if (ref && m.has(ref.uid)) m.get(ref.uid)!.push(p);
    }
    return m;
  }

  /** The Deployment's annotations and status as a status update writes them (status strategy keeps spec and labels). */
  private writeStatus(d: Dep, annotations: Record<string, string>, status: DeploymentStatus): Dep {
    const cur = this.fresh(d);
    return this.api.update({ ...cur, metadata: { ...cur.metadata, annotations }, status });
  }

  private checkPausedConditions(d: Dep, now: number): Dep {
    if (!hasProgressDeadline(d)) return d;
    const cond = getCondition(d.status, 'Progressing');
    if (cond?.reason === REASON.timedOut) return d;
    const pausedExists = cond?.reason === REASON.paused;
    const status = { ...d.status, conditions: [...d.status.conditions] };
    if (d.spec.paused && !pausedExists) setCondition(status, newCondition('Progressing', 'Unknown', REASON.paused, MESSAGE.paused, now));
    else if (!d.spec.paused && pausedExists) setCondition(status, newCondition('Progressing', 'Unknown', REASON.resumed, MESSAGE.resumed, now));
    else return d;
    return this.writeStatus(d, d.metadata.annotations, status);
  }

  // ---------------------------------------------------------------- sync.go

  /** getAllReplicaSetsAndSyncRevision */
  private getAllReplicaSetsAndSyncRevision(d: Dep, rsList: RS[], create: boolean, now: number): { newRS: RS | undefined; oldRSs: RS[] } {
    const newFound = this.findNewReplicaSet(d, rsList);
    const oldRSs = rsList.filter((rs) => rs.metadata.uid !== newFound?.metadata.uid);
    const newRS = this.getNewReplicaSet(d, rsList, oldRSs, create, now);
    return { newRS, oldRSs };
  }

  /** FindNewReplicaSet: the oldest ReplicaSet whose template is the Deployment's. */
  private findNewReplicaSet(d: Dep, rsList: RS[]): RS | undefined {
    const want = templateKey(d.spec.template);
    return [...rsList].sort(byCreation).find((rs) => templateKey(rs.spec.template) === want);
  }

  private getNewReplicaSet(d: Dep, rsList: RS[], oldRSs: RS[], create: boolean, now: number): RS | undefined {
    const existing = this.findNewReplicaSet(d, rsList);
    const newRevision = maxRevision(oldRSs) + 1;
    if (existing) {
      const { annotations, changed } = newReplicaSetAnnotations(d, existing.metadata.annotations, newRevision, true);
      const minReady = d.spec.minReadySeconds ?? 0;
      if (changed || (existing.spec.minReadySeconds ?? 0) !== minReady) {
        return this.api.update({ ...existing, metadata: { ...existing.metadata, annotations }, spec: { ...existing.spec, minReadySeconds: minReady } });
      }
      // the revision in the ReplicaSet's annotation, which it got before
      const ann = { ...d.metadata.annotations };
      let needsUpdate = false;
      const rev = existing.metadata.annotations[ANNOTATION.revision] ?? '';
      if (ann[ANNOTATION.revision] !== rev) {
        ann[ANNOTATION.revision] = rev;
        needsUpdate = true;
      }
      const status = { ...d.status, conditions: [...d.status.conditions] };
      if (hasProgressDeadline(d) && !getCondition(d.status, 'Progressing')) {
        setCondition(status, newCondition('Progressing', 'True', REASON.foundNewRS, MESSAGE.foundNewRS(existing.metadata.name), now));
        needsUpdate = true;
      }
      if (needsUpdate) this.writeStatus(d, ann, status);
      return existing;
    }
    if (!create) return undefined;

    const hash = computeHash(d.spec.template, d.status.collisionCount);
    const tmpl: PodTemplateSpec = {
      ...(d.spec.template ?? {}),
      metadata: { ...(d.spec.template?.metadata ?? {}), labels: { ...(d.spec.template?.metadata?.labels ?? {}), [POD_TEMPLATE_HASH]: hash } },
    };
    const selector: LabelSelector = { ...(d.spec.selector ?? {}), matchLabels: { ...(d.spec.selector?.matchLabels ?? {}), [POD_TEMPLATE_HASH]: hash } };
    const rsName = `${d.metadata.name}-${hash}`;
    const draft = { spec: { replicas: 0 } };
    const count = newRSNewReplicas(d, [...oldRSs, undefined], draft);
    const { annotations } = newReplicaSetAnnotations(d, {}, newRevision, false);
    let created: RS | undefined;
    let alreadyExists = false;
    const clash = this.api.get('ReplicaSet', d.metadata.namespace, rsName);
    if (clash) {
      alreadyExists = true;
      // the Deployment's own new ReplicaSet (a slow cache upstream), or a hash collision: bump collisionCount and retry
      if (controllerOf(clash)?.uid === d.metadata.uid && templateKey(clash.spec.template) === templateKey(d.spec.template)) created = clash;
      else {
        this.writeStatus(d, d.metadata.annotations, { ...d.status, collisionCount: (d.status.collisionCount ?? 0) + 1 });
        return undefined;
      }
    } else {
      created = this.api.create<RS>({
        kind: 'ReplicaSet',
        metadata: this.api.newMeta('ReplicaSet', d.metadata.namespace, rsName, {
          labels: { ...(tmpl.metadata?.labels ?? {}) },
          annotations,
          ownerReferences: [ownerRef(d)],
        }),
        spec: { replicas: count, minReadySeconds: d.spec.minReadySeconds ?? 0, selector, template: tmpl },
        status: { replicas: 0, fullyLabeledReplicas: 0, readyReplicas: 0, availableReplicas: 0, observedGeneration: 0 },
      });
    }
    if (!alreadyExists && count > 0) this.api.event(refOf(d), CONTROLLER_EVENTS.scaledUpNew(rsName, count));
    const cur = this.fresh(d);
    const ann = { ...cur.metadata.annotations };
    let needsUpdate = false;
    if (ann[ANNOTATION.revision] !== String(newRevision)) {
      ann[ANNOTATION.revision] = String(newRevision);
      needsUpdate = true;
    }
    const status = { ...cur.status, conditions: [...cur.status.conditions] };
    if (!alreadyExists && hasProgressDeadline(cur)) {
      setCondition(status, newCondition('Progressing', 'True', REASON.newReplicaSet, MESSAGE.createdNewRS(rsName), now));
      needsUpdate = true;
    }
    if (needsUpdate) this.writeStatus(cur, ann, status);
    return created;
  }

  private scaleReplicaSetAndRecordEvent(rs: RS, newScale: number, d: Dep): { scaled: boolean; rs: RS } {
    if (replicasOf(rs) === newScale) return { scaled: false, rs };
    return this.scaleReplicaSet(rs, newScale, d, replicasOf(rs) < newScale ? 'up' : 'down');
  }

  private scaleReplicaSet(rs: RS, newScale: number, d: Dep, op: 'up' | 'down'): { scaled: boolean; rs: RS } {
    const cur = this.api.get('ReplicaSet', rs.metadata.namespace, rs.metadata.name) ?? rs;
    const sizeNeeds = replicasOf(cur) !== newScale;
    const max = replicasOf(d) + maxSurge(d);
    if (!sizeNeeds && !replicasAnnotationsNeedUpdate(cur, replicasOf(d), max)) return { scaled: false, rs: cur };
    const oldScale = replicasOf(cur);
    const annotations = { ...cur.metadata.annotations };
    setReplicasAnnotations(annotations, replicasOf(d), max);
    const updated = this.api.update({ ...cur, metadata: { ...cur.metadata, annotations }, spec: { ...cur.spec, replicas: newScale } });
    if (sizeNeeds) this.api.event(refOf(d), CONTROLLER_EVENTS.scaled(op, cur.metadata.name, oldScale, newScale));
    return { scaled: sizeNeeds, rs: updated };
  }

  /** sync: scaling events and paused Deployments. */
  private sync(d: Dep, rsList: RS[], now: number): void {
    const { newRS, oldRSs } = this.getAllReplicaSetsAndSyncRevision(this.fresh(d), rsList, false, now);
    this.scale(this.fresh(d), newRS, oldRSs);
    if (d.spec.paused) this.cleanupDeployment(oldRSs, this.fresh(d));
    this.syncDeploymentStatus([...oldRSs, newRS], newRS, this.fresh(d));
  }

  private syncStatusOnly(d: Dep, rsList: RS[]): void {
    const { newRS, oldRSs } = this.getAllReplicaSetsAndSyncRevision(d, rsList, false, this.sim.now);
    this.syncDeploymentStatus([...oldRSs, newRS], newRS, this.fresh(d));
  }

  /** scale: one active ReplicaSet takes the whole size; several share a scale proportionally (RollingUpdate). */
  private scale(d: Dep, newRS: RS | undefined, oldRSs: RS[]): void {
    const activeOrLatest = findActiveOrLatest(newRS, oldRSs);
    if (activeOrLatest) {
      if (replicasOf(activeOrLatest) === replicasOf(d)) return;
      this.scaleReplicaSetAndRecordEvent(activeOrLatest, replicasOf(d), d);
      return;
    }
    if (isSaturated(d, newRS)) {
      for (const old of activeRSs(oldRSs)) this.scaleReplicaSetAndRecordEvent(old, 0, d);
      return;
    }
    if (!isRollingUpdate(d)) return;
    const all = activeRSs([...oldRSs, newRS]);
    const allowed = replicasOf(d) > 0 ? replicasOf(d) + maxSurge(d) : 0;
    const toAdd = allowed - sumReplicas(all);
    let op: 'up' | 'down' = 'up';
    if (toAdd > 0) all.sort((a, b) => replicasOf(b) - replicasOf(a) || -byCreation(a, b));
    else if (toAdd < 0) {
      all.sort((a, b) => replicasOf(b) - replicasOf(a) || byCreation(a, b));
      op = 'down';
    }
    let added = 0;
    const size = new Map<string, number>();
    for (const rs of all) {
      if (toAdd !== 0) {
        const p = proportion(rs, d, toAdd, added);
        size.set(rs.metadata.name, replicasOf(rs) + p);
        added += p;
      } else size.set(rs.metadata.name, replicasOf(rs));
    }
    all.forEach((rs, i) => {
      if (i === 0 && toAdd !== 0) size.set(rs.metadata.name, Math.max(0, size.get(rs.metadata.name)! + toAdd - added));
      this.scaleReplicaSet(rs, size.get(rs.metadata.name)!, d, op);
    });
  }

  /** isScalingEvent: an active ReplicaSet was sized for another replica count than the Deployment's. */
  private isScalingEvent(d: Dep, rsList: RS[], now: number): boolean {
    const { newRS, oldRSs } = this.getAllReplicaSetsAndSyncRevision(d, rsList, false, now);
    const fresh = this.fresh(d);
    for (const rs of activeRSs([...oldRSs, newRS])) {
      const desired = rs.metadata.annotations[ANNOTATION.desiredReplicas];
      if (desired === undefined || !/^[+-]?\d+$/.test(desired)) continue;
      if (Number(desired) !== replicasOf(fresh)) return true;
    }
    return false;
  }

  /** cleanupDeployment: keep revisionHistoryLimit old ReplicaSets, delete older empty ones. */
  private cleanupDeployment(oldRSs: RS[], d: Dep): void {
    const limit = d.spec.revisionHistoryLimit;
    if (limit === undefined || limit === null || limit === 2147483647) return;
    const cleanable = oldRSs
      .map((rs) => this.api.get('ReplicaSet', rs.metadata.namespace, rs.metadata.name))
      .filter((rs): rs is RS => rs !== undefined && rs.metadata.deletionMs === undefined);
    const diff = cleanable.length - limit;
    if (diff <= 0) return;
    cleanable.sort((a, b) => {
      const ra = revisionOf(a);
      const rb = revisionOf(b);
      return ra === rb ? byCreation(a, b) : ra - rb;
    });
    for (let i = 0; i < diff; i++) {
      const rs = cleanable[i]!;
      if (rs.status.replicas !== 0 || replicasOf(rs) !== 0 || rs.metadata.generation > rs.status.observedGeneration) continue;
      this.api.remove(refOf(rs));
    }
  }

  private syncDeploymentStatus(allRSs: (RS | undefined)[], newRS: RS | undefined, d: Dep): void {
    const status = calculateStatus(allRSs, newRS, d, this.sim.now);
    this.writeStatus(d, d.metadata.annotations, status);
  }

  // ---------------------------------------------------------------- rolling.go

  private rolloutRolling(d: Dep, rsList: RS[], now: number): void {
    const { newRS, oldRSs } = this.getAllReplicaSetsAndSyncRevision(d, rsList, true, now);
    d = this.fresh(d);
    const allRSs: (RS | undefined)[] = [...oldRSs, newRS];
    if (newRS && this.reconcileNewReplicaSet(allRSs, newRS, d)) {
      this.syncRolloutStatus(allRSs, newRS, this.fresh(d), now);
      return;
    }
    if (newRS && this.reconcileOldReplicaSets(allRSs, activeRSs(oldRSs), newRS, d)) {
      this.syncRolloutStatus(allRSs, newRS, this.fresh(d), now);
      return;
    }
    d = this.fresh(d);
    if (deploymentComplete(d, d.status)) this.cleanupDeployment(oldRSs, d);
    this.syncRolloutStatus(allRSs, newRS, this.fresh(d), now);
  }

  private reconcileNewReplicaSet(allRSs: (RS | undefined)[], newRS: RS, d: Dep): boolean {
    if (replicasOf(newRS) === replicasOf(d)) return false;
    if (replicasOf(newRS) > replicasOf(d)) return this.scaleReplicaSetAndRecordEvent(newRS, replicasOf(d), d).scaled;
    return this.scaleReplicaSetAndRecordEvent(newRS, newRSNewReplicas(d, allRSs, newRS), d).scaled;
  }

  private reconcileOldReplicaSets(allRSs: (RS | undefined)[], oldRSs: RS[], newRS: RS, d: Dep): boolean {
    if (sumReplicas(oldRSs) === 0) return false;
    const allPods = sumReplicas(allRSs);
    const minAvailable = replicasOf(d) - maxUnavailable(d);
    const newUnavailable = replicasOf(newRS) - newRS.status.availableReplicas;
    const maxScaledDown = allPods - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) return false;
    // unhealthy old replicas go first: they cost no availability (kubernetes/kubernetes#16737)
    const { oldRSs: cleaned, count: cleanupCount } = this.cleanupUnhealthyReplicas(oldRSs, d, maxScaledDown);
    const scaledDown = this.scaleDownOldReplicaSetsForRollingUpdate([...cleaned, newRS], cleaned, d);
    return cleanupCount + scaledDown > 0;
  }

  private cleanupUnhealthyReplicas(oldRSs: RS[], d: Dep, maxCleanup: number): { oldRSs: RS[]; count: number } {
    const sorted = [...oldRSs].sort(byCreation);
    let total = 0;
    for (let i = 0; i < sorted.length; i++) {
      if (total >= maxCleanup) break;
      const rs = sorted[i]!;
      if (replicasOf(rs) === 0) continue;
      if (replicasOf(rs) === rs.status.availableReplicas) continue;
      const down = Math.min(maxCleanup - total, replicasOf(rs) - rs.status.availableReplicas);
      sorted[i] = this.scaleReplicaSetAndRecordEvent(rs, replicasOf(rs) - down, d).rs;
      total += down;
    }
    return { oldRSs: sorted, count: total };
  }

  private scaleDownOldReplicaSetsForRollingUpdate(allRSs: RS[], oldRSs: RS[], d: Dep): number {
    const minAvailable = replicasOf(d) - maxUnavailable(d);
    const available = sumAvailable(allRSs);
    if (available <= minAvailable) return 0;
    const sorted = [...oldRSs].sort(byCreation);
    let total = 0;
    const want = available - minAvailable;
    for (const rs of sorted) {
      if (total >= want) break;
      if (replicasOf(rs) === 0) continue;
      const down = Math.min(replicasOf(rs), want - total);
      this.scaleReplicaSetAndRecordEvent(rs, replicasOf(rs) - down, d);
      total += down;
    }
    return total;
  }

  // ---------------------------------------------------------------- recreate.go

  private rolloutRecreate(d: Dep, rsList: RS[], now: number): void {
    let { newRS, oldRSs } = this.getAllReplicaSetsAndSyncRevision(d, rsList, false, now);
    d = this.fresh(d);
    let allRSs: (RS | undefined)[] = [...oldRSs, newRS];
    let scaledDown = false;
    for (const rs of activeRSs(oldRSs)) if (this.scaleReplicaSetAndRecordEvent(rs, 0, d).scaled) scaledDown = true;
    if (scaledDown) {
      this.syncRolloutStatus(allRSs, newRS, this.fresh(d), now);
      return;
    }
    if (this.oldPodsRunning(newRS, oldRSs, this.podMap(rsList))) {
      this.syncRolloutStatus(allRSs, newRS, this.fresh(d), now);
      return;
    }
    if (!newRS) {
      ({ newRS, oldRSs } = this.getAllReplicaSetsAndSyncRevision(this.fresh(d), this.getReplicaSetsForDeployment(d), true, now));
      allRSs = [...oldRSs, newRS];
    }
    d = this.fresh(d);
    if (newRS) this.scaleReplicaSetAndRecordEvent(newRS, replicasOf(d), d);
    d = this.fresh(d);
    if (deploymentComplete(d, d.status)) this.cleanupDeployment(oldRSs, d);
    this.syncRolloutStatus(allRSs, newRS, this.fresh(d), now);
  }

  /** oldPodsRunning: old ReplicaSets still report pods, or some old pod is not terminal yet (terminating ones count). */
  private oldPodsRunning(newRS: RS | undefined, oldRSs: RS[], podMap: Map<string, PodView[]>): boolean {
    if (sumActual(oldRSs) > 0) return true;
    for (const [uid, pods] of podMap) {
      if (newRS && newRS.metadata.uid === uid) continue;
      for (const p of pods) if (!isTerminal(p.status)) return true;
    }
    return false;
  }

  // ---------------------------------------------------------------- progress.go

  private syncRolloutStatus(allRSs: (RS | undefined)[], newRS: RS | undefined, d: Dep, now: number): void {
    const status = calculateStatus(allRSs, newRS, d, now);
    if (!hasProgressDeadline(d)) removeCondition(status, 'Progressing');
    const current = getCondition(d.status, 'Progressing');
    const isComplete = status.replicas === status.updatedReplicas && current?.reason === REASON.newRSAvailable;
    if (hasProgressDeadline(d) && !isComplete) {
      if (deploymentComplete(d, status)) {
        const msg = newRS ? MESSAGE.rsProgressed(newRS.metadata.name) : MESSAGE.deploymentProgressed(d.metadata.name);
        setCondition(status, newCondition('Progressing', 'True', REASON.newRSAvailable, msg, now));
      } else if (deploymentProgressing(d, status)) {
        const msg = newRS ? MESSAGE.rsProgressing(newRS.metadata.name) : MESSAGE.deploymentProgressing(d.metadata.name);
        let c = newCondition('Progressing', 'True', REASON.replicaSetUpdated, msg, now);
        // the same reason again, but a new lastUpdateTime: progress was made (the transition time is kept)
        if (current) {
          if (current.status === 'True') c = { ...c, lastTransitionMs: current.lastTransitionMs };
          removeCondition(status, 'Progressing');
        }
        setCondition(status, c);
      } else if (deploymentTimedOut(d, status, now)) {
        const msg = newRS ? MESSAGE.rsTimedOut(newRS.metadata.name) : MESSAGE.deploymentTimedOut(d.metadata.name);
        setCondition(status, newCondition('Progressing', 'False', REASON.timedOut, msg, now));
      }
    }
    // (ReplicaFailure conditions come from ReplicaSets whose pod creates failed: they never fail here)
    status.conditions = status.conditions.filter((c) => c.type !== 'ReplicaFailure');
    // (both built field by field in the same order: sameJson is reflect.DeepEqual here)
    if (sameJson(d.status, status)) {
      this.requeueStuckDeployment(d, status, now);
      return;
    }
    this.writeStatus(d, d.metadata.annotations, status);
  }

  /** requeueStuckDeployment: with no progress, check again when the deadline would pass. */
  private requeueStuckDeployment(d: Dep, status: DeploymentStatus, now: number): void {
    const current = getCondition(d.status, 'Progressing');
    if (!hasProgressDeadline(d) || !current) return;
    if (deploymentComplete(d, status) || current.reason === REASON.timedOut) return;
    const after = (current.lastUpdateMs ?? current.lastTransitionMs) + d.spec.progressDeadlineSeconds! * 1000 - now;
    const key = keyOf(d.metadata.namespace, d.metadata.name);
    // under a second left: the rate limiter's first retry (5 ms); else one second after the deadline
    if (after < 1000) this.queue.addAfter(key, 5);
    else this.queue.addAfter(key, after + 1000);
  }
}

/** FindActiveOrLatest: the only active ReplicaSet, or the newest when none is active; undefined when several are. */
function findActiveOrLatest(newRS: RS | undefined, oldRSs: RS[]): RS | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const olds = [...oldRSs].sort((a, b) => -byCreation(a, b));
  const active = activeRSs([...olds, newRS]);
  if (active.length === 0) return newRS ?? olds[0];
  if (active.length === 1) return active[0];
  return undefined;
}

/** calculateStatus (sync.go) */
export function calculateStatus(allRSs: (RS | undefined)[], newRS: RS | undefined, d: Dep, nowMs: number): DeploymentStatus {
  const available = sumAvailable(allRSs);
  const total = sumReplicas(allRSs);
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation,
    replicas: sumActual(allRSs),
    updatedReplicas: sumActual([newRS]),
    readyReplicas: sumReady(allRSs),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, total - available),
    conditions: [...d.status.conditions],
  };
  if (d.status.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
  if (available >= replicasOf(d) - maxUnavailable(d)) setCondition(status, newCondition('Available', 'True', REASON.minimumReplicasAvailable, MESSAGE.minimumAvailable, nowMs));
  else setCondition(status, newCondition('Available', 'False', REASON.minimumReplicasUnavailable, MESSAGE.minimumUnavailable, nowMs));
  return status;
}
