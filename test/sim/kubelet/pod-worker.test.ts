// The pod worker end to end on the fake runtime: policies, kills, init containers, image policies, cost.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from 'kubernetes-types/core/v1.d.ts';
import { simulate, statusAt, eventOccurrences, killsOf, probeRuns, restartCountAt, type Trace } from '../../../src/sim/index.js';
import { fakeRuntime, busybox, busyboxExec, AGNHOST, NGINX, UNHEALTHY_NODE, type FakeBehaviour } from './fake-runtime.js';

const S = 1000;
const M = 60 * S;
const runtime = fakeRuntime([
  AGNHOST,
  NGINX,
  UNHEALTHY_NODE,
  busybox('busybox:1.36', (l) => {
    const script = (l.command ?? []).join(' ');
    const b: FakeBehaviour = { exec: busyboxExec(() => false) };
    if (script.includes('init-ok')) return { ...b, exitAfterMs: 3 * S, exitCode: 0 };
    if (script.includes('init-fail')) return { ...b, exitAfterMs: 500, exitCode: 1 };
    if (script.includes('trap')) return { ...b, onTerm: { exitCode: 0, afterMs: 4 * S } };
    if (script.includes('no-such-binary')) return { startError: NOT_FOUND };
    if (script.includes('slow-probe')) return { exec: () => ({ kind: 'exited', exitCode: 0, output: '', durationMs: 2500 }) };
    return { ...b, exitAfterMs: 10 * 365 * 24 * 3600 * S };
  }),
]);

const NOT_FOUND =
  'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "no-such-binary": executable file not found in $PATH: unknown';
const pod = (spec: Record<string, unknown>, name = 'p'): Pod => ({ apiVersion: "v1", kind: "Pod", metadata: { name }, spec }) as unknown as Pod;
const run = (p: Pod, untilMs: number, extra: Partial<Parameters<typeof simulate>[1]> = {}): Trace => simulate(p, { untilMs, runtime, ...extra });
const liveness500 = { httpGet: { path: '/', port: 8080 }, periodSeconds: 5, failureThreshold: 1 };

test('restartPolicy Never: a liveness kill without ", will be restarted", no restart, pod Failed with 137', () => {
  const trace = run(pod({ restartPolicy: 'Never', containers: [{ name: 'web', image: 'smlinux/unhealthy', livenessProbe: liveness500 }] }), 3 * M);
  const kills = killsOf(trace, 'web');
  assert.equal(kills.length, 1);
  assert.equal(kills[0].message, 'Container web failed liveness probe');
  const s = statusAt(trace, 3 * M);
  assert.equal(s.phase, 'Failed');
  assert.equal(s.containers[0].state.kind === 'terminated' && s.containers[0].state.exitCode, 137);
  assert.equal(restartCountAt(trace, 'web', 3 * M), 0);
  // the worker exits once the pod is terminal: no more probe runs after the kill
  assert.ok(probeRuns(trace, 'web').every((r) => r.t <= kills[0].t));
});

test('restartPolicy Never: a process that exits 0 on SIGTERM leaves the pod Succeeded', () => {
  const trace = run(
    pod({ restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', "trap 'exit 0' TERM; sleep 600 & wait"], livenessProbe: { exec: { command: ['/bin/false'] }, failureThreshold: 1 } }] }),
    2 * M,
  );
  const kill = killsOf(trace, 'c')[0];
  const exit = trace.records.find((r) => r.kind === 'container-exit')!;
  assert.equal(exit.t - kill.t, 4 * S, 'the trap handler exits 4 s after SIGTERM, before the 30 s grace');
  assert.equal(statusAt(trace, 2 * M).phase, 'Succeeded');
});

test('Go PID 1 (agnhost) exits 2 on SIGTERM at once; lastState exit code 2', () => {
  const trace = run(pod({ containers: [{ name: 'liveness', image: 'registry.k8s.io/e2e-test-images/agnhost:2.40', args: ['liveness'], livenessProbe: { httpGet: { path: '/healthz', port: 8080 }, initialDelaySeconds: 3, periodSeconds: 3 } }] }), 1 * M);
  const kill = killsOf(trace, 'liveness')[0];
  const exit = trace.records.find((r) => r.kind === 'container-exit')!;
  assert.equal(exit.t, kill.t);
  assert.equal(exit.kind === 'container-exit' && exit.exitCode, 2);
  const s = statusAt(trace, kill.t + 5 * S).containers[0];
  assert.equal(s.lastState?.exitCode, 2);
  assert.equal(s.restartCount, 1);
});

test('the image stop signal is sent (nginx: SIGQUIT) and a probe-level terminationGracePeriodSeconds is used', () => {
  const trace = run(
    pod({
      terminationGracePeriodSeconds: 3600,
      containers: [{ name: 'web', image: 'nginx:1.14', livenessProbe: { httpGet: { path: '/missing', port: 80 }, failureThreshold: 1, periodSeconds: 60, terminationGracePeriodSeconds: 60 } }],
    }),
    3 * M,
  );
  const kill = killsOf(trace, 'web')[0];
  assert.equal(kill.graceMs, 60 * S);
  const sig = trace.records.find((r) => r.kind === 'signal')!;
  assert.equal(sig.kind === 'signal' && sig.signal, 'SIGQUIT');
});

test('a SIGTERM-ignoring process is SIGKILLed after the grace period, with a 2 s floor', () => {
  const trace = run(pod({ terminationGracePeriodSeconds: 0, containers: [{ name: 'web', image: 'smlinux/unhealthy', livenessProbe: liveness500 }] }), 2 * M);
  const kill = killsOf(trace, 'web')[0];
  const signals = trace.records.filter((r) => r.kind === 'signal');
  assert.deepEqual(
    signals.slice(0, 2).map((r) => (r.kind === 'signal' ? [r.t - kill.t, r.signal, r.outcome] : [])),
    [
      [0, 'SIGTERM', 'ignored'],
      [2 * S, 'SIGKILL', 'exited'],
    ],
  );
});

test('init containers run to completion in order before the app container', () => {
  const trace = run(
    pod({
      initContainers: [
        { name: 'i1', image: 'busybox:1.36', command: ['sh', '-c', 'init-ok'] },
        { name: 'i2', image: 'busybox:1.36', command: ['sh', '-c', 'init-ok'] },
      ],
      containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 3600'] }],
    }),
    1 * M,
  );
  const order = trace.records.filter((r) => r.kind === 'container-start').map((r) => (r.kind === 'container-start' ? r.container : ''));
  assert.deepEqual(order, ['i1', 'i2', 'app']);
  const exits = trace.records.filter((r) => r.kind === 'container-exit');
  const starts = trace.records.filter((r) => r.kind === 'container-start');
  assert.ok(starts[1].t > exits[0].t && starts[2].t > exits[1].t);
  const early = statusAt(trace, starts[0].t + 1500);
  assert.equal(early.phase, 'Pending');
  assert.equal(early.containers[0].state.kind === 'waiting' && early.containers[0].state.reason, 'PodInitializing');
  const init = early.conditions.find((c) => c.type === 'Initialized')!;
  assert.deepEqual([init.status, init.reason, init.message], ['False', 'ContainersNotInitialized', 'containers with incomplete status: [i1 i2]']);
  const end = statusAt(trace, 1 * M);
  assert.equal(end.phase, 'Running');
  assert.deepEqual(end.initContainers.map((c) => c.state.kind === 'terminated' && c.state.reason), ['Completed', 'Completed']);
});

test('a failing init container is restarted with back-off under Always and fails the pod under Never', () => {
  const spec = (restartPolicy: string) => ({
    restartPolicy,
    initContainers: [{ name: 'init', image: 'busybox:1.36', command: ['sh', '-c', 'init-fail'] }],
    containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 3600'] }],
  });
  const always = run(pod(spec('Always')), 2 * M);
  assert.ok(restartCountAt(always, 'init', 2 * M) >= 3);
  assert.ok(always.records.some((r) => r.kind === 'backoff' && r.container === 'init'));
  assert.equal(always.records.filter((r) => r.kind === 'container-start' && r.container === 'app').length, 0);
  assert.equal(statusAt(always, 2 * M).phase, 'Pending');
  const never = run(pod(spec('Never')), 2 * M);
  assert.equal(statusAt(never, 2 * M).phase, 'Failed');
  assert.equal(never.records.filter((r) => r.kind === 'container-start').length, 1);
});

test('image pull policies: IfNotPresent pulls once, Always pulls every start, Never without the image fails', () => {
  const base = { name: 'web', image: 'smlinux/unhealthy:v1', livenessProbe: liveness500 };
  const ifNotPresent = run(pod({ containers: [base] }), 3 * M);
  assert.equal(eventOccurrences(ifNotPresent, 3 * M, 'Pulling').length, 1);
  assert.ok(eventOccurrences(ifNotPresent, 3 * M, 'Pulled').filter((e) => e.message === 'Container image "smlinux/unhealthy:v1" already present on machine').length >= 1);
  const always = run(pod({ containers: [{ ...base, imagePullPolicy: 'Always' }] }), 3 * M);
  const starts = always.records.filter((r) => r.kind === 'container-start').length;
  assert.equal(eventOccurrences(always, 3 * M, 'Pulling').length, starts);
  const preloaded = run(pod({ containers: [{ ...base, imagePullPolicy: 'IfNotPresent' }] }), 1 * M, { preloadedImages: ['smlinux/unhealthy:v1'] });
  assert.equal(eventOccurrences(preloaded, 1 * M, 'Pulling').length, 0);
  const never = run(pod({ containers: [{ ...base, imagePullPolicy: 'Never' }] }), 1 * M);
  const e = eventOccurrences(never, 1 * M, 'ErrImageNeverPull');
  assert.ok(e.length >= 2, 'retried on every error re-sync');
  assert.equal(e[0].message, 'Container image "smlinux/unhealthy:v1" is not present with pull policy of Never');
  const s = statusAt(never, 1 * M).containers[0];
  assert.equal(s.state.kind === 'waiting' && s.state.reason, 'ErrImageNeverPull');
});

test('readiness is triggered on the post-start sync, off the worker grid, then every period from there', () => {
  const trace = run(pod({ containers: [{ name: 'web', image: 'nginx:1.14', readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 10 } }] }), 1 * M);
  const runs = probeRuns(trace, 'web', 'readiness');
  const start = trace.records.find((r) => r.kind === 'container-start')!.t;
  assert.ok(runs[0].t > start && runs[0].t <= start + 1000, 'first run on the PLEG sync after start');
  assert.ok(runs[0].t % 10_000 !== 0, 'not on the worker tick grid anchored at the first sync (t = 0)');
  for (let i = 1; i < runs.length; i++) assert.equal(runs[i].t - runs[i - 1].t, 10 * S);
  const readyAt = trace.records.find((r) => r.kind === 'status' && r.status.containers[0]?.ready)!;
  assert.equal(readyAt.t, runs[0].t + runs[0].durationMs);
});

test('a probe slower than its period: the buffered tick runs as soon as it completes', () => {
  const trace = run(
    pod({ containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'slow-probe'], livenessProbe: { exec: { command: ['x'] }, periodSeconds: 1, timeoutSeconds: 5 } }] }),
    30 * S,
  );
  const runs = probeRuns(trace, 'c', 'liveness');
  assert.ok(runs.length > 3);
  for (let i = 1; i < runs.length; i++) assert.equal(runs[i].t - runs[i - 1].t, 2500);
});

test('cost follows events, not time: a quiet pod for a year records what it records in a minute', () => {
  const p = pod({ containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 3600'] }] });
  const minute = run(p, 1 * M);
  const year = run(p, 365 * 24 * 60 * M);
  assert.equal(year.records.length, minute.records.length);
});

test('kubeletVersion 1.35 uses the newer image-present text', () => {
  const trace = run(pod({ containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 3600'] }] }), 1 * M, {
    kubeletVersion: '1.35',
    preloadedImages: ['busybox:1.36'],
  });
  assert.equal(eventOccurrences(trace, 1 * M, 'Pulled')[0].message, 'Container image "busybox:1.36" already present on machine and can be accessed by the pod');
});

test('pod identity: deterministic UID, IP and node; the Scheduled event names them', () => {
  const a = run(pod({ containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 3600'] }] }, 'web-1'), 5 * S);
  const b = run(pod({ containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 3600'] }] }, 'web-1'), 5 * S);
  assert.deepEqual(a.pod, b.pod);
  assert.match(a.pod.uid, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(a.pod.nodeName, 'kubedrill-node');
  assert.match(statusAt(a, 5 * S).podIP ?? '', /^10\.244\.0\.\d+$/);
  assert.equal(eventOccurrences(a, 0, 'Scheduled')[0].message, 'Successfully assigned default/web-1 to kubedrill-node');
  const c = run(pod({ containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 3600'] }] }, 'web-1'), 5 * S, { seed: 2 });
  assert.notEqual(c.pod.uid, a.pod.uid);
});

test('an unknown image is noted in the trace', () => {
  const trace = run(pod({ containers: [{ name: 'c', image: 'example.com/mystery:1' }] }), 5 * S);
  assert.equal(trace.containers[0].known, false);
  assert.ok(trace.records.some((r) => r.kind === 'note' && r.text.includes('example.com/mystery:1')));
});

test('a command missing from the image: Created, then Failed "Error: …", RunContainerError, then back-off', () => {
  const trace = run(pod({ containers: [{ name: 'c', image: 'busybox:1.36', command: ['no-such-binary'] }] }), 2 * M);
  const failed = eventOccurrences(trace, 2 * M, 'Failed');
  assert.ok(failed.length >= 2);
  assert.equal(failed[0].message, `Error: ${NOT_FOUND}`);
  assert.equal(failed[0].type, 'Warning');
  assert.equal(eventOccurrences(trace, 2 * M, 'Started').length, 0);
  const first = trace.records.find((r) => r.kind === 'container-exit')!;
  const s = statusAt(trace, first.t + 1500).containers[0];
  assert.equal(s.state.kind === 'waiting' && s.state.reason, 'RunContainerError');
  assert.deepEqual(s.lastState && [s.lastState.reason, s.lastState.exitCode, s.lastState.message], ['StartError', 128, NOT_FOUND]);
  assert.ok(trace.records.some((r) => r.kind === 'backoff'));
});

test('ReduceDefaultCrashLoopBackOffDecay: back-off doubles from 1 s and caps at 1m0s', () => {
  const p = pod({ containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'init-fail'] }] });
  const reduced = run(p, 20 * M, { reducedCrashLoopBackOff: true });
  const messages = [...new Set(reduced.records.flatMap((r) => (r.kind === 'backoff' ? [r.backoffMs] : [])))];
  assert.ok(messages.every((ms) => [1, 2, 4, 8, 16, 32, 60].includes(ms / 1000)), messages.join(','));
  assert.equal(Math.max(...messages), 60_000);
  const normal = run(p, 20 * M);
  assert.ok(restartCountAt(reduced, 'c', 20 * M) > restartCountAt(normal, 'c', 20 * M) * 2);
});

test('preStop: the hook runs before SIGTERM and its whole seconds come off the grace period', () => {
  const trace = run(
    pod({ containers: [{ name: 'web', image: 'smlinux/unhealthy', livenessProbe: liveness500, lifecycle: { preStop: { sleep: { seconds: 5 } } } }] }),
    2 * M,
  );
  const kill = killsOf(trace, 'web')[0];
  assert.equal(kill.graceMs, 25 * S);
  const signals = trace.records.filter((r) => r.kind === 'signal').slice(0, 2);
  assert.deepEqual(
    signals.map((r) => (r.kind === 'signal' ? [r.t - kill.t, r.signal] : [])),
    [
      [5 * S, 'SIGTERM'],
      [30 * S, 'SIGKILL'],
    ],
  );
});

test('preStop: a failing exec hook emits FailedPreStopHook "PreStopHook failed"', () => {
  const trace = run(
    pod({
      containers: [
        {
          name: 'web',
          image: 'busybox:1.36',
          command: ['sh', '-c', 'sleep 3600'],
          livenessProbe: { exec: { command: ['/bin/false'] }, failureThreshold: 1 },
          lifecycle: { preStop: { exec: { command: ['/bin/false'] } } },
        },
      ],
    }),
    2 * M,
  );
  const e = eventOccurrences(trace, 2 * M, 'FailedPreStopHook');
  assert.ok(e.length >= 1);
  assert.deepEqual([e[0].type, e[0].message], ['Warning', 'PreStopHook failed']);
});

test('sidecar (init container with restartPolicy Always): runs beside the app, gates on its startup, stopped when the app is done', () => {
  const trace = run(
    pod({
      restartPolicy: 'OnFailure',
      initContainers: [
        { name: 'init', image: 'busybox:1.36', command: ['sh', '-c', 'init-ok'] },
        { name: 'logger', image: 'busybox:1.36', restartPolicy: 'Always', command: ['sh', '-c', 'sleep 3600'], startupProbe: { exec: { command: ['/bin/true'] }, periodSeconds: 3 } },
      ],
      containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'init-ok'] }],
    }),
    2 * M,
  );
  const starts = trace.records.filter((r) => r.kind === 'container-start').map((r) => (r.kind === 'container-start' ? [r.container, r.t] : []));
  assert.deepEqual(
    starts.map((x) => x[0]),
    ['init', 'logger', 'app'],
  );
  // the app starts only after the sidecar's startup probe succeeded
  const startupOk = trace.records.find((r) => r.kind === 'probe-result' && r.container === 'logger' && r.probe === 'startup' && r.result === 'success')!;
  assert.ok((starts[2][1] as number) >= startupOk.t);
  // the app completes (exit 0, OnFailure): the sidecar is stopped; until it exits the pod is still Running
  const appExit = trace.records.find((r) => r.kind === 'container-exit' && r.container === 'app')!;
  const stop = killsOf(trace, 'logger')[0];
  assert.equal(stop.reason, 'Stop');
  assert.equal(stop.message, 'Stopping container logger');
  assert.ok(stop.t > appExit.t);
  assert.equal(statusAt(trace, stop.t + 1000).phase, 'Running');
  const end = statusAt(trace, 2 * M);
  assert.equal(end.phase, 'Succeeded');
  assert.deepEqual(
    end.initContainers.map((c) => [c.name, c.state.kind]),
    [
      ['init', 'terminated'],
      ['logger', 'terminated'],
    ],
  );
});

test('a sidecar that exits is restarted even under restartPolicy Never', () => {
  const trace = run(
    pod({
      restartPolicy: 'Never',
      initContainers: [{ name: 'side', image: 'busybox:1.36', restartPolicy: 'Always', command: ['sh', '-c', 'init-ok'] }],
      containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 3600'] }],
    }),
    2 * M,
  );
  assert.ok(restartCountAt(trace, 'side', 2 * M) >= 2);
  assert.equal(restartCountAt(trace, 'app', 2 * M), 0);
  assert.equal(statusAt(trace, 2 * M).phase, 'Running');
});
