// Models pkg/controller/replicaset/replica_set.go (syncReplicaSet, manageReplicas, getPodsToDelete, the pod
// event handlers) and replica_set_utils.go (calculateStatus) (Kubernetes 1.33).
// Simplified: pod creations and deletions are observed at once (no expectations to wait for), and
// status.terminatingReplicas (alpha DeploymentReplicaSetTerminatingReplicas, off by default) is not kept.
import type { Simulation } from '../engine/simulation.js';
import type { ApiServer } from './api-server.js';
import { refOf } from './api-server.js';
import {
  BURST_REPLICAS,
  SLOW_START_INITIAL_BATCH_SIZE,
  claimPods,
  controllerOf,
  createPodFromTemplate,
  deletePod,
  isPodActive,
  isPodAvailable,
  isPodReady,
  listPods,
  podsToDelete,
  slowStartBatch,
  type PodView,
} from './controller-utils.js';
import { CONTROLLER } from './events.js';
import { selectorMatches } from './labels.js';
import type { ObjectOf, ReplicaSetStatus } from './types.js';
import { WorkQueue } from './workqueue.js';

const keyOf = (namespace: string, name: string) => `${namespace}/${name}`;

export class ReplicaSetController {
  private readonly queue: WorkQueue;

  constructor(
    private readonly api: ApiServer,
    sim: Simulation,
  ) {
    this.queue = new WorkQueue(sim, 'replicaset-controller', (k, now) => this.syncReplicaSet(k, now));
    api.watch((ev, obj, old) => {
      if (obj.kind === 'ReplicaSet') {
        if (ev !== 'deleted') this.queue.add(keyOf(obj.metadata.namespace, obj.metadata.name));
        return;
      }
      if (obj.kind !== 'Pod') return;
      // addPod / updatePod / deletePod: the owner (and a former owner) hears of it; an orphan wakes every RS that selects it
      const ref = controllerOf(obj);
      if (ref?.kind === 'ReplicaSet') this.queue.add(keyOf(obj.metadata.namespace, ref.name));
      const oldRef = old && old.kind === 'Pod' ? controllerOf(old) : undefined;
      if (oldRef?.kind === 'ReplicaSet' && oldRef.uid !== ref?.uid) this.queue.add(keyOf(obj.metadata.namespace, oldRef.name));
      if (!ref && ev !== 'deleted') {
        for (const rs of api.list('ReplicaSet', obj.metadata.namespace)) {
          if (selectorMatches(rs.spec.selector, obj.metadata.labels)) this.queue.add(keyOf(rs.metadata.namespace, rs.metadata.name));
        }
      }
    });
    api.watchPodStatus((pod, status, old) => {
      const ref = controllerOf(pod);
      if (ref?.kind !== 'ReplicaSet') return;
      const k = keyOf(pod.metadata.namespace, ref.name);
      this.queue.add(k);
      // a pod that became ready is checked again for availability after minReadySeconds (+1 s against ms skew)
      const rs = api.get('ReplicaSet', pod.metadata.namespace, ref.name);
      const minReady = rs?.spec.minReadySeconds ?? 0;
      if (minReady > 0 && isPodReady(status) && !(old && isPodReady(old))) this.queue.addAfter(k, minReady * 1000 + 1000);
    });
  }

  private syncReplicaSet(key: string, now: number): void {
    const [namespace, name] = key.split('/') as [string, string];
    const rs = this.api.get('ReplicaSet', namespace, name);
    if (!rs) return;
    const active = listPods(this.api, namespace).filter(isPodActive);
    const filtered = claimPods(this.api, rs, rs.spec.selector, active);
    if (rs.metadata.deletionMs === undefined) this.manageReplicas(filtered, rs, now);
    const status = calculateStatus(rs, filtered, now);
    const current = this.api.get('ReplicaSet', namespace, name)!;
    const updated = this.api.update({ ...current, status });
    const minReady = updated.spec.minReadySeconds ?? 0;
    const replicas = updated.spec.replicas ?? 1;
    if (minReady > 0 && status.readyReplicas === replicas && status.availableReplicas !== replicas) this.queue.addAfter(key, minReady * 1000);
  }

  /** manageReplicas: create (slow-start batches) or delete (ranked) the difference, at most burstReplicas at a time. */
  private manageReplicas(active: PodView[], rs: ObjectOf<'ReplicaSet'>, now: number): void {
    const want = rs.spec.replicas ?? 1;
    let diff = active.length - want;
    if (diff < 0) {
      diff = Math.min(-diff, BURST_REPLICAS);
      slowStartBatch(diff, SLOW_START_INITIAL_BATCH_SIZE, () => {
        createPodFromTemplate(this.api, rs.spec.template, rs, CONTROLLER.replicaSet);
        return true;
      });
    } else if (diff > 0) {
      diff = Math.min(diff, BURST_REPLICAS);
      for (const p of podsToDelete(active, diff, now)) deletePod(this.api, p.obj, refOf(rs), CONTROLLER.replicaSet);
    }
  }
}

/** calculateStatus (replica_set_utils.go): counts over the active pods the ReplicaSet owns. */
export function calculateStatus(rs: ObjectOf<'ReplicaSet'>, pods: PodView[], now: number): ReplicaSetStatus {
  const templateLabels = rs.spec.template?.metadata?.labels ?? {};
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  for (const p of pods) {
    let all = true;
    for (const [k, v] of Object.entries(templateLabels)) if (p.obj.metadata.labels[k] !== v) all = false;
    if (all) fullyLabeled++;
    if (isPodReady(p.status)) {
      ready++;
      if (isPodAvailable(p.status, rs.spec.minReadySeconds ?? 0, now)) available++;
    }
  }
  return { replicas: pods.length, fullyLabeledReplicas: fullyLabeled, readyReplicas: ready, availableReplicas: available, observedGeneration: rs.metadata.generation };
}
