// The cluster layer's entry point: a scenario of `kubectl apply` steps in, a recorded ClusterTrace out.
// One discrete-event Simulation runs the API server, the controllers and one kubelet per pod on the node
// kubedrill-node. Pure and synchronous; the same scenario, options and seed give the same trace.
import type { Runtime } from '../runtime/types.js';
import { createRuntime } from '../runtime/index.js';
import { PRIORITY, Simulation } from '../engine/simulation.js';
import { DEFAULT_BACKOFF, REDUCED_BACKOFF } from '../kubelet/backoff.js';
import type { KubeletVersion } from '../kubelet/events.js';
import { NODE_NAME } from '../pod-identity.js';
import { ApiServer } from './api-server.js';
import { Applier } from './apply.js';
import { DeploymentController } from './deployment.js';
import { EndpointSliceController, EndpointsController } from './endpoints.js';
import { JobController } from './job.js';
import { Node } from './node.js';
import { ReplicaSetController } from './replicaset.js';
import type { ClusterTrace, Scenario } from './types.js';

export type * from './types.js';

export interface ClusterOptions {
  /** record until this virtual time (ms since the first apply); events at exactly untilMs are included */
  untilMs: number;
  /** seeds names, UIDs, addresses and the kubelet's jitter; default 1 */
  seed?: number;
  runtime?: Runtime;
  kubeletVersion?: KubeletVersion;
  /** images already on the node at t = 0 */
  preloadedImages?: readonly string[];
  reducedCrashLoopBackOff?: boolean;
}

export function simulateCluster(scenario: Scenario, opts: ClusterOptions): ClusterTrace {
  if (!Number.isFinite(opts.untilMs)) throw new Error(`simulateCluster: untilMs must be a finite number of ms, got ${opts.untilMs}`);
  const untilMs = Math.max(0, Math.floor(opts.untilMs));
  const seed = opts.seed ?? 1;
  const sim = new Simulation();
  const api = new ApiServer(sim, seed);
  const node = new Node(api, sim, {
    seed,
    runtime: opts.runtime ?? createRuntime(),
    kubeletVersion: opts.kubeletVersion ?? '1.33',
    backoff: opts.reducedCrashLoopBackOff ? REDUCED_BACKOFF : DEFAULT_BACKOFF,
    ...(opts.preloadedImages ? { preloadedImages: opts.preloadedImages } : {}),
  });
  // kube-controller-manager's controllers (the order they hear of a change at one instant)
  new DeploymentController(api, sim);
  new ReplicaSetController(api, sim);
  new JobController(api, sim);
  new EndpointSliceController(api, sim);
  new EndpointsController(api, sim);
  const applier = new Applier(api);
  scenario.steps.forEach((step, i) => {
    if (!Number.isInteger(step.atMs) || step.atMs < 0) throw new Error(`simulateCluster: step ${i} at ${step.atMs} ms`);
    sim.at(step.atMs, PRIORITY.apply, () => applier.applyStep(step.objects, i));
  });
  sim.run(untilMs);
  return { format: 'kubedrill-cluster-trace/v1', seed, untilMs, nodeName: NODE_NAME, records: api.records, pods: node.finish(untilMs) };
}
