// A deleted pod (pod_workers.go SyncTerminatingPod, kuberuntime killPod): every container stopped with the
// deletion's grace period, readiness probing on, liveness stopped, a terminal phase, then the object removed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from 'kubernetes-types/core/v1.d.ts';
import { applyPodDefaults } from '../../../src/manifest/defaults.js';
import { Simulation } from '../../../src/sim/engine/simulation.js';
import { TraceRecorder } from '../../../src/sim/engine/recorder.js';
import { Kubelet } from '../../../src/sim/kubelet/pod-worker.js';
import { podIdentity } from '../../../src/sim/pod-identity.js';
import { createRuntime } from '../../../src/sim/runtime/index.js';
import type { PodStatusSnapshot, TraceRecord } from '../../../src/sim/trace.js';

const S = 1000;

function runDeleted(spec: Record<string, unknown>, deleteAtMs: number, graceSeconds: number, untilMs = 120 * S) {
  const pod = applyPodDefaults({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec } as unknown as Pod);
  const sim = new Simulation();
  const rec = new TraceRecorder();
  let terminatedAt: number | undefined;
  const statuses: { t: number; s: PodStatusSnapshot }[] = [];
  const k = new Kubelet(pod, podIdentity('p', 'default', 1), {
    seed: 1,
    runtime: createRuntime(),
    kubeletVersion: '1.33',
    onStatus: (t, s) => statuses.push({ t, s }),
    onTerminated: (t) => (terminatedAt = t),
  }, sim, rec, 7);
  k.start();
  sim.at(deleteAtMs, 6, (t) => k.requestDeletion(t, graceSeconds));
  sim.run(untilMs);
  return { records: rec.records, statuses, terminatedAt, last: statuses[statuses.length - 1]!.s };
}

const of = <K extends TraceRecord['kind']>(rs: TraceRecord[], kind: K) => rs.filter((r): r is Extract<TraceRecord, { kind: K }> => r.kind === kind);

test('a shell ignoring SIGTERM: Killing "Stopping container", SIGTERM, the whole grace period, SIGKILL 137, phase Failed, removed', () => {
  const r = runDeleted({ containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 99999'] }] }, 20 * S, 30);
  const kill = of(r.records, 'kill');
  assert.equal(kill.length, 1);
  assert.deepEqual({ t: kill[0]!.t, reason: kill[0]!.reason, graceMs: kill[0]!.graceMs, message: kill[0]!.message }, { t: 20 * S, reason: 'Stop', graceMs: 30 * S, message: 'Stopping container app' });
  assert.ok(of(r.records, 'event').some((e) => e.t === 20 * S && e.event.reason === 'Killing' && e.event.message === 'Stopping container app'));
  assert.deepEqual(of(r.records, 'signal').map((s) => [s.t, s.signal, s.outcome]), [[20 * S, 'SIGTERM', 'ignored'], [50 * S, 'SIGKILL', 'exited']]);
  const c = r.last.containers[0]!;
  assert.equal(r.last.phase, 'Failed');
  assert.ok(c.state.kind === 'terminated' && c.state.exitCode === 137 && c.state.reason === 'Error');
  assert.ok(r.terminatedAt! >= 50 * S && r.terminatedAt! <= 51 * S, String(r.terminatedAt));
  // nothing is restarted while it terminates (restartPolicy Always)
  assert.equal(of(r.records, 'container-start').length, 1);
});

test("nginx stops on its own stop signal (SIGQUIT) at once and ends Succeeded; the pod's grace period is the deletion's", () => {
  const r = runDeleted({ terminationGracePeriodSeconds: 5, containers: [{ name: 'web', image: 'nginx:1.27' }] }, 20 * S, 10);
  assert.deepEqual(of(r.records, 'signal').map((s) => s.signal), ['SIGQUIT']);
  assert.equal(of(r.records, 'kill')[0]!.graceMs, 10 * S, 'deletionGracePeriodSeconds wins over the spec');
  assert.equal(r.last.phase, 'Succeeded');
  assert.ok(r.terminatedAt! < 22 * S);
});

test('readiness keeps probing while the pod terminates; liveness stops, so it never kills the terminating container', () => {
  const r = runDeleted(
    {
      containers: [
        {
          name: 'app',
          image: 'busybox:1.36',
          command: ['sh', '-c', 'touch /tmp/ready; sleep 99999'],
          readinessProbe: { exec: { command: ['cat', '/tmp/ready'] }, periodSeconds: 5 },
          livenessProbe: { exec: { command: ['cat', '/tmp/missing'] }, periodSeconds: 5, initialDelaySeconds: 25, failureThreshold: 1 },
        },
      ],
    },
    20 * S,
    30,
  );
  const probes = of(r.records, 'probe').filter((p) => p.t > 20 * S);
  assert.ok(probes.some((p) => p.probe === 'readiness'), 'readiness after the deletion');
  assert.ok(!probes.some((p) => p.probe === 'liveness'), 'no liveness after the deletion');
  assert.equal(of(r.records, 'kill').length, 1);
  // still Ready while its process runs (1/1 Terminating), not once it is gone
  const at40 = [...r.statuses].reverse().find((s) => s.t <= 40 * S)!.s;
  assert.equal(at40.conditions.find((c) => c.type === 'Ready')?.status, 'True');
  assert.equal(r.last.conditions.find((c) => c.type === 'Ready')?.status, 'False');
});

test('a preStop hook runs first and its whole seconds come off the grace period', () => {
  const r = runDeleted(
    { containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 99999'], lifecycle: { preStop: { exec: { command: ['sleep', '7'] } } } }] },
    20 * S,
    30,
  );
  assert.equal(of(r.records, 'kill')[0]!.graceMs, 23 * S);
  const [term, kill] = of(r.records, 'signal');
  // the hook's sleep 7 plus the exec's own few ms, then the 23 s left
  assert.equal(term!.signal, 'SIGTERM');
  assert.ok(term!.t >= 27 * S && term!.t < 27.1 * S, String(term!.t));
  assert.deepEqual([kill!.signal, kill!.t - term!.t], ['SIGKILL', 23 * S]);
});

test('a sidecar is stopped after the app container has exited (termination ordering)', () => {
  const r = runDeleted(
    {
      initContainers: [{ name: 'side', image: 'busybox:1.36', restartPolicy: 'Always', command: ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1; done'] }],
      containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1; done'] }],
    },
    20 * S,
    30,
  );
  const sig = of(r.records, 'signal');
  const app = sig.find((s) => s.container === 'app')!;
  const side = sig.find((s) => s.container === 'side')!;
  assert.ok(app.t <= side.t, `app at ${app.t}, sidecar at ${side.t}`);
  assert.equal(of(r.records, 'kill').length, 2, 'both get Killing at once');
  assert.equal(r.last.phase, 'Succeeded');
});

test('a pod deleted while its image is pulled: the pull is abandoned, ContainerStatusUnknown, exit 137, Failed', () => {
  const r = runDeleted({ containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 99999'] }] }, 0, 30);
  const c = r.last.containers[0]!;
  assert.equal(of(r.records, 'container-start').length, 0);
  assert.equal(r.last.phase, 'Failed');
  assert.ok(c.state.kind === 'terminated');
  assert.equal(c.state.kind === 'terminated' && c.state.reason, 'ContainerStatusUnknown');
  assert.equal(c.state.kind === 'terminated' && c.state.exitCode, 137);
  assert.equal(c.state.kind === 'terminated' && c.state.message, 'The container could not be located when the pod was terminated');
});
