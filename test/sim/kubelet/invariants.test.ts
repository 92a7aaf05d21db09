// Property checks over many generated pods on the real runtime: whatever the spec, the trace keeps
// the kubelet's invariants, and the same seed gives the same bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Container, Pod, Probe } from 'kubernetes-types/core/v1.d.ts';
import { simulate, statusAt, type Trace } from '../../../src/sim/index.js';
import { Rng } from '../../../src/sim/engine/rng.js';

const IMAGES: Pick<Container, 'image' | 'command' | 'args' | 'ports'>[] = [
  { image: 'busybox:1.36', command: ['sh', '-c', 'touch /tmp/healthy; sleep 40; rm -f /tmp/healthy; sleep 600'] },
  { image: 'busybox:1.36', command: ['sh', '-c', 'exit 1'] },
  { image: 'busybox:1.36', command: ['sh', '-c', 'sleep 20; exit 0'] },
  { image: 'busybox', args: ['/bin/sh', '-c', "trap 'exit 0' TERM; sleep 600 & wait"] },
  { image: 'nginx:1.14', ports: [{ containerPort: 80, name: 'http' }] },
  { image: 'smlinux/unhealthy', ports: [{ containerPort: 8080 }] },
  { image: 'registry.k8s.io/e2e-test-images/agnhost:2.40', args: ['liveness'] },
  { image: 'registry.k8s.io/goproxy:0.1' },
  { image: 'example.com/unknown:1' },
];

function probe(r: Rng): Probe {
  const handlers: Probe[] = [
    { exec: { command: ['cat', '/tmp/healthy'] } },
    { exec: { command: ['/bin/sh', '-c', 'sleep 3'] } },
    { httpGet: { path: '/', port: 80 } },
    { httpGet: { path: '/healthz', port: 8080 } },
    { httpGet: { path: '/', port: 'http' } },
    { httpGet: { path: '/', port: 'missing' } },
    { tcpSocket: { port: 8080 } },
    { grpc: { port: 2379 } },
  ];
  return {
    ...handlers[r.int(handlers.length)],
    initialDelaySeconds: r.int(3) * 5,
    periodSeconds: 1 + r.int(12),
    timeoutSeconds: 1 + r.int(2),
    failureThreshold: 1 + r.int(4),
  };
}

function genPod(seed: number): Pod {
  const r = new Rng(seed);
  const policy = (['Always', 'OnFailure', 'Never'] as const)[r.int(3)];
  const containers: Container[] = [];
  const n = 1 + r.int(2);
  for (let i = 0; i < n; i++) {
    const c: Container = { name: `c${i}`, ...IMAGES[r.int(IMAGES.length)] };
    if (r.float() < 0.7) c.livenessProbe = probe(r);
    if (r.float() < 0.5) c.readinessProbe = { ...probe(r), successThreshold: 1 + r.int(2) };
    if (r.float() < 0.3) c.startupProbe = probe(r);
    containers.push(c);
  }
  const spec: Pod['spec'] = { restartPolicy: policy, containers, terminationGracePeriodSeconds: r.int(4) * 10 };
  if (r.float() < 0.25) spec.initContainers = [{ name: 'init', image: 'busybox:1.36', command: ['sh', '-c', r.float() < 0.5 ? 'sleep 3' : 'exit 1'] }];
  if (r.float() < 0.25) {
    const sidecar: Container = { name: 'sidecar', restartPolicy: 'Always', ...IMAGES[r.int(IMAGES.length)] };
    if (r.float() < 0.5) sidecar.startupProbe = probe(r);
    if (r.float() < 0.5) sidecar.readinessProbe = probe(r);
    spec.initContainers = [...(spec.initContainers ?? []), sidecar];
  }
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: `gen-${seed}` }, spec };
}

function checkInvariants(pod: Pod, trace: Trace): void {
  let last = -1;
  const restarts = new Map<string, number>();
  const probeResults = new Map<string, string>();
  let terminal = false;
  const sidecars = new Set((pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  for (const r of trace.records) {
    assert.ok(r.t >= last, 'records in time order');
    assert.ok(r.t <= trace.untilMs, 'nothing after the horizon');
    last = r.t;
    if (r.kind === 'status') {
      for (const c of [...r.status.containers, ...r.status.initContainers]) {
        assert.ok(c.restartCount >= (restarts.get(c.name) ?? 0), `${c.name}: restart count never goes down`);
        restarts.set(c.name, c.restartCount);
        // a regular init container is ready once it completed (prober_manager UpdatePodStatus); others only while running
        const regularInit = c.init && !sidecars.has(c.name);
        if (c.ready && regularInit) assert.ok(c.state.kind === 'terminated' && c.state.exitCode === 0, 'a ready init container completed');
        if (c.ready && !regularInit) assert.equal(c.state.kind, 'running', 'only a running container is ready');
        if (c.lastState) assert.equal(c.lastState.kind, 'terminated');
      }
      if (terminal) assert.ok(r.status.phase === 'Succeeded' || r.status.phase === 'Failed', 'a terminal phase is final');
      terminal = r.status.phase === 'Succeeded' || r.status.phase === 'Failed';
    }
    if (r.kind === 'probe-result') probeResults.set(`${r.container}/${r.probe}`, r.result);
    if (r.kind === 'kill' && r.reason !== 'Stop') {
      const probeName = r.reason === 'LivenessProbe' ? 'liveness' : 'startup';
      assert.equal(probeResults.get(`${r.container}/${probeName}`), 'failure', `${r.container}: killed only after a ${probeName} failure was published`);
      assert.ok(r.graceMs >= 2000, 'grace period floor');
    }
    // sidecars restart whatever the pod's policy
    if (r.kind === 'container-start' && pod.spec?.restartPolicy === 'Never' && !sidecars.has(r.container)) assert.equal(r.restartCount, 0, 'Never: no restarts');
  }
}

for (let seed = 1; seed <= 40; seed++) {
  test(`generated pod #${seed}: invariants hold and the trace is deterministic`, () => {
    const pod = genPod(seed);
    const a = simulate(pod, { untilMs: 8 * 60_000, seed });
    checkInvariants(pod, a);
    const b = simulate(pod, { untilMs: 8 * 60_000, seed });
    assert.equal(JSON.stringify(a), JSON.stringify(b));
    // the view at the horizon exists and agrees with the last status record
    assert.ok(['Pending', 'Running', 'Succeeded', 'Failed'].includes(statusAt(a, a.untilMs).phase));
  });
}
