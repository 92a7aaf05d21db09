// Models the scheduler's binding of every pod to the one node (pkg/scheduler/schedule_one.go) and the
// kubelet's handling of pods from the API server (pkg/kubelet/kubelet.go HandlePodAdditions / HandlePodUpdates
// with a deletionTimestamp, the status manager's updates and final delete) (Kubernetes 1.33).
// One Kubelet (src/sim/kubelet/pod-worker.ts) per pod, sharing the node's image store and loop phases.
import type { Pod } from '../../manifest/kinds.js';
import type { Simulation } from '../engine/simulation.js';
import { TraceRecorder } from '../engine/recorder.js';
import { fnv1a } from '../engine/rng.js';
import { Kubelet, type NodeImages } from '../kubelet/pod-worker.js';
import type { BackoffConfig } from '../kubelet/backoff.js';
import type { KubeletVersion } from '../kubelet/events.js';
import type { Runtime } from '../runtime/types.js';
import type { Trace } from '../trace.js';
import { NODE_NAME } from '../pod-identity.js';
import type { ApiServer } from './api-server.js';
import { refOf } from './api-server.js';
import { controllerOf } from './controller-utils.js';
import type { ObjectOf, PodRun } from './types.js';

export interface NodeOptions {
  seed: number;
  runtime: Runtime;
  kubeletVersion: KubeletVersion;
  backoff: BackoffConfig;
  preloadedImages?: readonly string[];
}

interface Running {
  kubelet: Kubelet;
  run: PodRun;
}

export class Node {
  private readonly pods = new Map<string, Running>();
  private readonly runs: PodRun[] = [];
  private readonly images: NodeImages = { present: new Set(), pulledBefore: new Set(), busyUntilMs: 0, queued: new Set() };

  constructor(
    private readonly api: ApiServer,
    private readonly sim: Simulation,
    private readonly opts: NodeOptions,
  ) {
    for (const img of opts.preloadedImages ?? []) this.images.present.add(img);
    api.watch((ev, obj) => {
      if (obj.kind !== 'Pod') return;
      if (ev === 'added') this.startPod(obj);
      else if (ev === 'modified' && obj.metadata.deletionMs !== undefined) {
        const r = this.pods.get(obj.metadata.uid);
        if (r && !r.run.trace.deletion) {
          const grace = obj.metadata.deletionGracePeriodSeconds ?? 30;
          r.run.trace.deletion = { requestedAtMs: this.sim.now, gracePeriodSeconds: grace };
          r.kubelet.requestDeletion(this.sim.now, grace);
        }
      }
    });
  }

  private startPod(obj: ObjectOf<'Pod'>): void {
    const m = obj.metadata;
    const ref = refOf(obj);
    const podIP = this.api.allocatePodIP(m.uid, m.namespace, m.name);
    const pod: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: m.name, namespace: m.namespace, uid: m.uid, labels: m.labels }, spec: obj.spec };
    const owner = controllerOf(obj);
    const rec = new TraceRecorder();
    const trace: Trace = {
      format: 'kubedrill-trace/v1',
      seed: this.opts.seed,
      untilMs: 0,
      pod: { name: m.name, namespace: m.namespace, uid: m.uid, nodeName: NODE_NAME },
      containers: [],
      records: rec.records,
      createdAtMs: this.sim.now,
      labels: m.labels,
    };
    if (owner) trace.owner = { kind: owner.kind, name: owner.name, uid: owner.uid };
    const run: PodRun = { ref, trace };
    const kubelet = new Kubelet(
      pod,
      { name: m.name, namespace: m.namespace, uid: m.uid, nodeName: NODE_NAME, podIP },
      {
        seed: this.opts.seed,
        runtime: this.opts.runtime,
        kubeletVersion: this.opts.kubeletVersion,
        backoff: this.opts.backoff,
        createdAtMs: this.sim.now,
        // a bare Pod keeps the single-pod simulator's jitter; a controller's replicas each get their own
        ...(owner ? { jitterSeed: fnv1a(`${m.uid}#jitter`) } : {}),
        podIPInContainers: true,
        nodeImages: this.images,
        onStatus: (_t, status) => this.api.setPodStatus(ref, status),
        onTerminated: (t) => {
          trace.deletedAtMs = t;
          this.api.remove(ref);
        },
      },
      this.sim,
      rec,
      fnv1a(m.uid),
    );
    this.pods.set(m.uid, { kubelet, run });
    this.runs.push(run);
    kubelet.start();
  }

  /** The pods' traces at the end of the run. */
  finish(untilMs: number): PodRun[] {
    for (const { kubelet, run } of this.pods.values()) {
      run.trace.untilMs = untilMs;
      run.trace.containers = kubelet.containerInfos();
    }
    return this.runs;
  }
}
