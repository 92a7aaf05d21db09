// Hand-made traces and statuses for renderer unit tests (goldens use real simulations).
import type { ContainerStatus, PodStatusSnapshot, Trace, TraceRecord } from '../../../src/sim/trace.js';

export function trace(records: TraceRecord[], over: Partial<Trace> = {}): Trace {
  return {
    format: 'kubedrill-trace/v1',
    seed: 1,
    untilMs: records.length ? records[records.length - 1]!.t : 0,
    pod: { name: 'web', namespace: 'default', uid: '0f2d6c3e-1111-4222-8333-444455556666', nodeName: 'kubedrill-node' },
    containers: [{ name: 'app', image: 'nginx:1.14', init: false, behaviour: 'nginx', known: true }],
    records,
    ...over,
  };
}

export function container(over: Partial<ContainerStatus> = {}): ContainerStatus {
  return {
    name: 'app',
    image: 'nginx:1.14',
    init: false,
    state: { kind: 'running', startedAtMs: 2_000 },
    ready: true,
    started: true,
    restartCount: 0,
    containerId: 'containerd://abc123',
    ...over,
  };
}

export function snapshot(over: Partial<PodStatusSnapshot> = {}): PodStatusSnapshot {
  return {
    phase: 'Running',
    podIP: '10.244.0.5',
    conditions: [
      { type: 'PodReadyToStartContainers', status: 'True', lastTransitionMs: 1_000 },
      { type: 'Initialized', status: 'True', lastTransitionMs: 0 },
      { type: 'Ready', status: 'True', lastTransitionMs: 2_000 },
      { type: 'ContainersReady', status: 'True', lastTransitionMs: 2_000 },
      { type: 'PodScheduled', status: 'True', lastTransitionMs: 0 },
    ],
    initContainers: [],
    containers: [container()],
    ...over,
  };
}
