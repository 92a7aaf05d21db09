// Fidelity cases of the kubelet semantics (§9 A–H) and the course's recorded run, each asserted
// from the trace through query.ts: restart counts, event counts and texts at stated times.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Pod } from '../../src/manifest/types.js';
import { createRuntime } from '../../src/sim/runtime/index.js';
import type { Runtime } from '../../src/sim/runtime/types.js';
import { goDuration } from '../../src/sim/kubelet/events.js';
import { simulate, statusAt, eventObjectsAt, restartCountAt, killsOf, firstReadyAt, probeRuns, eventOccurrences, type Trace } from '../../src/sim/index.js';
import {
  fakeRuntime,
  busybox,
  busyboxExec,
  AGNHOST,
  ETCD,
  EXEC_LIVENESS,
  GOPROXY,
  NGINX,
  SLOW_APP,
  UNHEALTHY_NODE,
} from './kubelet/fake-runtime.js';

const fake = fakeRuntime([
  EXEC_LIVENESS,
  AGNHOST,
  GOPROXY,
  ETCD,
  SLOW_APP,
  NGINX,
  UNHEALTHY_NODE,
  busybox('busybox:1.36', (l) => {
    const script = (l.command ?? []).concat(l.args ?? []).join(' ');
    if (script === 'sh -c exit 1') return { exitAfterMs: 0, exitCode: 1 };
    if (script === 'sh -c exit 0') return { exitAfterMs: 0, exitCode: 0 };
    if (script.startsWith('sh -c sleep 700; exit 1')) return { exitAfterMs: 700_000, exitCode: 1 };
    // echo ok >/tmp/health; sleep 10; rm -rf /tmp/health; sleep 600
    if (script.includes('rm -rf /tmp/health')) return { exitAfterMs: 610_000, exec: busyboxExec((p, up) => p === '/tmp/health' && up < 10_000) };
    return { exitAfterMs: 3_600_000, exec: busyboxExec((p) => p === '/tmp/health') };
  }),
]);

const S = 1000;
const M = 60 * S;

function fixture(name: string): Pod {
  return parse(readFileSync(new URL(`../fixtures/pods/${name}.yaml`, import.meta.url), 'utf8')) as Pod;
}

// Every case runs twice: on the scripted fake runtime (the behaviour stated exactly) and on the
// real runtime (busybox interpreter, image catalogue), which must reproduce the same facts.
const RUNTIMES: [string, Runtime][] = [
  ['fake runtime', fake],
  ['real runtime', createRuntime()],
];
let runtime: Runtime = fake;

function run(pod: Pod, untilMs: number, seed = 1): Trace {
  return simulate(pod, { untilMs, seed, runtime });
}

/** the start time of each container instance */
function starts(trace: Trace, container: string): number[] {
  return trace.records.filter((r) => r.kind === 'container-start' && r.container === container).map((r) => r.t);
}

function eventObject(trace: Trace, t: number, reason: string, messageIncludes = '') {
  return eventObjectsAt(trace, t).filter((e) => e.reason === reason && e.message.includes(messageIncludes));
}

const trimmed = (s: string) => s.trim();

for (const [label, rt] of RUNTIMES) {
  const use = () => {
    runtime = rt;
  };
  test(`${label}: A. docs exec liveness: 3 failures per instance, kill, SIGTERM ignored -> 137, immediate restarts, back-off at #6`, () => {
    use();
    const trace = run(fixture('liveness-exec'), 10 * M);
    const [s0] = starts(trace, 'liveness');
    // pulled on first start (IfNotPresent, node empty): S = P + pull time (the docs' phase is S = P + 2 s)
    const image = runtime.image('registry.k8s.io/busybox:1.27.2');
    assert.equal(s0, image.firstPullMs);
    const runs = probeRuns(trace, 'liveness', 'liveness').filter((r) => r.t < s0 + 60 * S);
    assert.ok(Math.floor((runs[0].t - s0) / 1000) >= 5, 'first probe only after the 5 s initial delay');
    assert.ok(runs.every((r) => r.t % (5 * S) === 0), 'probes on the worker grid anchored at the first sync (t = 0)');
    // failures at the three ticks in [S+30, S+45)
    const failures = runs.filter((r) => r.result === 'failure').map((r) => r.t);
    const firstFailTick = Math.ceil((s0 + 30 * S) / (5 * S)) * 5 * S;
    assert.deepEqual(failures, [firstFailTick, firstFailTick + 5 * S, firstFailTick + 10 * S]);
    assert.ok(runs.filter((r) => r.result === 'success').every((r) => r.t - s0 < 30 * S));
    const kills = killsOf(trace, 'liveness');
    assert.ok(kills[0].t - failures[2] < 100, 'Killing at the third failure');
    assert.ok(kills[0].t - s0 >= 40 * S && kills[0].t - s0 < 45 * S);
    assert.equal(kills[0].message, 'Container liveness failed liveness probe, will be restarted');
    assert.equal(kills[0].graceMs, 30 * S);
    // the docs' "after 35 seconds" view, 10 s after the kill: Unhealthy 10s (x3 over 20s), Killing 10s
    const view = kills[0].t + 10 * S;
    const at57 = eventObjectsAt(trace, view);
    const unhealthy = at57.find((e) => e.reason === 'Unhealthy')!;
    assert.equal(unhealthy.count, 3);
    assert.equal(trimmed(unhealthy.message), "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory");
    assert.equal(Math.floor((view - unhealthy.lastMs) / 1000), 10);
    assert.equal(Math.floor((view - unhealthy.firstMs) / 1000), 20);
    assert.equal(at57.filter((e) => e.reason === 'Killing').length, 1);
    // SIGTERM ignored by sh as PID 1: SIGKILL after 30 s, exit 137
    const exit = trace.records.find((r) => r.kind === 'container-exit')!;
    assert.equal(exit.t, kills[0].t + 30 * S);
    assert.equal(exit.kind === 'container-exit' && exit.exitCode, 137);
    const st = statusAt(trace, s0 + 76 * S).containers[0];
    assert.equal(st.restartCount, 1);
    assert.deepEqual(st.lastState && [st.lastState.reason, st.lastState.exitCode], ['Error', 137]);
    // RESTARTS ≈ 1 @S+73, 2 @S+148, 3 @S+223, 4 @S+298, 5 @S+373 (range: PLEG ≤ 1 s)
    for (const [n, at] of [[1, 73], [2, 148], [3, 223], [4, 298], [5, 373]] as const) {
      assert.equal(restartCountAt(trace, 'liveness', s0 + (at - 3) * S), n - 1, `before restart ${n}`);
      assert.equal(restartCountAt(trace, 'liveness', s0 + (at + 3) * S), n, `after restart ${n}`);
    }
    // restart #6 denied: 75 s lived < 80 s back-off
    const firstBackoff = trace.records.find((r) => r.kind === 'backoff')!;
    assert.ok(firstBackoff.t >= s0 + 445 * S && firstBackoff.t <= s0 + 452 * S, `first back-off at ${firstBackoff.t}`);
    const waiting = statusAt(trace, firstBackoff.t + 15 * S).containers[0].state;
    assert.equal(waiting.kind, 'waiting');
    assert.equal(waiting.kind === 'waiting' && waiting.reason, 'CrashLoopBackOff');
    assert.equal(waiting.kind === 'waiting' && waiting.message, `back-off 1m20s restarting failed container=liveness pod=liveness-exec_default(${trace.pod.uid})`);
    const sixth = starts(trace, 'liveness')[6];
    const fifthExit = trace.records.filter((r) => r.kind === 'container-exit')[5].t;
    assert.ok(sixth - fifthExit >= 80 * S && sixth - fifthExit < 96 * S, `restart #6 ${sixth - fifthExit} ms after exit`);
    // events at 6 minutes: Created x5/Started x5 (one object each), Pulling x1, pulled x1 + already present x4
    const at6m = eventObjectsAt(trace, 6 * M);
    const count = (reason: string, msg = '') => at6m.filter((e) => e.reason === reason && e.message.includes(msg)).reduce((n, e) => n + e.count, 0);
    assert.equal(count('Created'), 5);
    assert.equal(count('Started'), 5);
    assert.equal(count('Pulling'), 1);
    const pull = goDuration(image.firstPullMs);
    assert.equal(count('Pulled', `Successfully pulled image "registry.k8s.io/busybox:1.27.2" in ${pull} (${pull} including waiting)`), 1);
    assert.equal(count('Pulled', 'Container image "registry.k8s.io/busybox:1.27.2" already present on machine'), 4);
    assert.equal(count('Killing'), 5);
    assert.equal(count('Unhealthy'), 15);
  });

  test(`${label}: course run: liveness-pod (smlinux/unhealthy) at 6m6s shows Restart Count 3, Unhealthy x9, Killing x3, last state 137`, () => {
    use();
    const trace = run(fixture('liveness-pod'), 6 * M + 6 * S);
    const at = 6 * M + 6 * S;
    const st = statusAt(trace, at).containers[0];
    assert.equal(st.restartCount, 3);
    assert.equal(st.state.kind, 'running');
    assert.deepEqual(st.lastState && [st.lastState.reason, st.lastState.exitCode], ['Error', 137]);
    const ev = eventObjectsAt(trace, at);
    const unhealthy = ev.filter((e) => e.reason === 'Unhealthy');
    assert.deepEqual(unhealthy.map((e) => [e.count, e.message]), [[9, 'Liveness probe failed: HTTP probe failed with statuscode: 500']]);
    const killing = ev.filter((e) => e.reason === 'Killing');
    assert.deepEqual(killing.map((e) => [e.count, e.message]), [[3, 'Container liveness failed liveness probe, will be restarted']]);
    // imagePullPolicy Always (no tag): a pull before every start; 18.4 s the first time, 1.5 s after
    const pulled = ev.filter((e) => e.reason === 'Pulled').map((e) => [e.count, e.message]);
    const size = runtime.image('smlinux/unhealthy').sizeBytes;
    assert.deepEqual(pulled, [
      [1, `Successfully pulled image "smlinux/unhealthy" in 18.4s (18.4s including waiting). Image size: ${size} bytes.`],
      [3, `Successfully pulled image "smlinux/unhealthy" in 1.5s (1.5s including waiting). Image size: ${size} bytes.`],
    ]);
    assert.equal(ev.find((e) => e.reason === 'Pulling')!.count, 4);
    assert.equal(ev.find((e) => e.reason === 'Scheduled')!.message, 'Successfully assigned default/liveness-pod to kubedrill-node');
  });

  test(`${label}: C. docs TCP goproxy: no Unhealthy, no restarts, Ready within [S+15, S+25), ContainersNotReady before`, () => {
    use();
    const trace = run(fixture('tcp-liveness-readiness'), 4 * M);
    const [s0] = starts(trace, 'goproxy');
    const ready = firstReadyAt(trace, 'goproxy')!;
    assert.ok(ready - s0 >= 15 * S && ready - s0 < 25 * S, `ready ${ready - s0} ms after start`);
    const before = statusAt(trace, ready - 1);
    const cond = before.conditions.find((c) => c.type === 'Ready')!;
    assert.deepEqual([cond.status, cond.reason, cond.message], ['False', 'ContainersNotReady', 'containers with unready status: [goproxy]']);
    assert.equal(statusAt(trace, ready).conditions.find((c) => c.type === 'Ready')!.status, 'True');
    assert.equal(eventOccurrences(trace, 4 * M, 'Unhealthy').length, 0);
    assert.equal(restartCountAt(trace, 'goproxy', 4 * M), 0);
    // liveness first runs at the first tick with ⌊t−S⌋ ≥ 15
    const firstLive = probeRuns(trace, 'goproxy', 'liveness')[0];
    assert.ok(Math.floor((firstLive.t - s0) / 1000) >= 15 && firstLive.t - s0 < 25 * S);
  });

  test(`${label}: D. docs gRPC etcd: serving -> no failures; wrong port 2333 (delay 60, timeout 5, threshold 1) -> restart within 4 min`, () => {
    use();
    const ok = run(fixture('grpc-liveness'), 4 * M);
    assert.equal(restartCountAt(ok, 'etcd', 15 * S), 0);
    assert.equal(restartCountAt(ok, 'etcd', 4 * M), 0);
    assert.equal(eventOccurrences(ok, 4 * M, 'Unhealthy').length, 0);
    assert.ok(probeRuns(ok, 'etcd', 'liveness').every((r) => r.result === 'success'));

    const pod = fixture('grpc-liveness');
    pod.spec!.containers[0].livenessProbe = { grpc: { port: 2333 }, initialDelaySeconds: 60, timeoutSeconds: 5, failureThreshold: 1 };
    const bad = run(pod, 4 * M);
    assert.ok(restartCountAt(bad, 'etcd', 4 * M) >= 1);
    const msg = eventOccurrences(bad, 4 * M, 'Unhealthy')[0].message;
    const ip = statusAt(bad, 4 * M).podIP;
    assert.equal(msg, `Liveness probe failed: timeout: failed to connect service "${ip}:2333" within 5s: context deadline exceeded`);
    // etcd exits 0 on SIGTERM: the kill completes at once, not after the 30 s grace period
    const kill = killsOf(bad, 'etcd')[0];
    const exit = bad.records.find((r) => r.kind === 'container-exit')!;
    assert.ok(exit.t - kill.t < 1 * S, `exited ${exit.t - kill.t} ms after SIGTERM`);
    assert.equal(exit.kind === 'container-exit' && exit.exitCode, 0);
  });

  test(`${label}: E. startup never healthy: 30 startup failures, killed before S+300, liveness never ran`, () => {
    use();
    const trace = run(fixture('startup-never-healthy'), 6 * M);
    const [s0] = starts(trace, 'app');
    const startup = probeRuns(trace, 'app', 'startup').filter((r) => r.t < s0 + 300 * S);
    const first = startup[0].t;
    assert.ok(first >= s0 && first < s0 + 10 * S);
    const kill = killsOf(trace, 'app')[0];
    assert.equal(kill.t - first, 290 * S);
    assert.ok(kill.t < s0 + 300 * S);
    assert.equal(kill.reason, 'StartupProbe');
    assert.equal(kill.message, 'Container app failed startup probe, will be restarted');
    const failures = eventOccurrences(trace, kill.t, 'Unhealthy');
    assert.equal(failures.length, 30);
    const ip = statusAt(trace, kill.t).podIP;
    assert.ok(failures.every((e) => e.message === `Startup probe failed: Get "http://${ip}:8080/healthz": dial tcp ${ip}:8080: connect: connection refused`));
    assert.equal(probeRuns(trace, 'app', 'liveness').length, 0);
    // the spam filter lets 25 Warning writes through at once, the API object shows the count it last wrote
    const obj = eventObject(trace, kill.t, 'Unhealthy')[0];
    assert.equal(obj.count, 25);
    assert.equal(eventOccurrences(trace, kill.t, 'Killing').length, 1);
  });

  test(`${label}: E. startup healthy at S+X: startup succeeds at the first tick >= S+X, liveness starts on a later tick`, () => {
    use();
    const pod = fixture('startup-never-healthy');
    pod.spec!.containers[0].env = [{ name: 'STARTUP_DELAY', value: '45' }];
    const trace = run(pod, 3 * M);
    const [s0] = starts(trace, 'app');
    const okRun = probeRuns(trace, 'app', 'startup').find((r) => r.result === 'success')!;
    assert.ok(okRun.t >= s0 + 45 * S && okRun.t < s0 + 55 * S);
    const live = probeRuns(trace, 'app', 'liveness');
    assert.ok(live.length > 0 && live[0].t > okRun.t);
    assert.equal(restartCountAt(trace, 'app', 3 * M), 0);
    assert.ok(statusAt(trace, okRun.t + 2 * S).containers[0].started);
    assert.equal(statusAt(trace, okRun.t - 1).containers[0].started, false);
  });

  test(`${label}: F. crash loop exit 1 under Always: restart #1 at once, then back-off 10s, 20s, 40s, 1m20s, 2m40s, 5m0s`, () => {
    use();
    const trace = run(fixture('crashloop'), 20 * M);
    const st = starts(trace, 'app');
    const exits = trace.records.filter((r) => r.kind === 'container-exit').map((r) => r.t);
    assert.ok(st[1] - exits[0] <= 1 * S, 'restart #1 after the PLEG relist');
    const minimum = [10, 20, 40, 80, 160, 300, 300];
    for (let i = 0; i < minimum.length; i++) {
      const gap = st[i + 2] - exits[i + 1];
      assert.ok(gap >= minimum[i] * S && gap < (minimum[i] + 16) * S, `restart #${i + 2}: ${gap} ms after the exit, want >= ${minimum[i]} s`);
    }
    const messages = [...new Set(trace.records.filter((r) => r.kind === 'backoff').map((r) => (r.kind === 'backoff' ? r.message : '')))];
    const uid = trace.pod.uid;
    assert.deepEqual(
      messages,
      ['10s', '20s', '40s', '1m20s', '2m40s', '5m0s'].map((d) => `back-off ${d} restarting failed container=app pod=crashloop_default(${uid})`),
    );
    const c = statusAt(trace, 7 * M).containers[0];
    assert.equal(c.state.kind === 'waiting' && c.state.reason, 'CrashLoopBackOff');
    assert.deepEqual(c.lastState && [c.lastState.reason, c.lastState.exitCode], ['Error', 1]);
    assert.equal(statusAt(trace, 6 * M).phase, 'Running');
    // BackOff: one occurrence per 10–15 s re-sync while waiting
    const backoffs = eventOccurrences(trace, 20 * M, 'BackOff');
    assert.equal(backoffs[0].message, `Back-off restarting failed container app in pod crashloop_default(${uid})`);
    const during = backoffs.filter((e) => e.t > exits[6] + 2 * S && e.t < st[7]);
    assert.ok(during.length >= 20 && during.length <= 30, `${during.length} BackOff in a 300 s wait`);
    // the spam filter: the API object's count lags the occurrences
    const obj = eventObject(trace, 20 * M, 'BackOff')[0];
    assert.ok(obj.count < backoffs.length);
  });

  test(`${label}: F. exit 0 under Always restarts (Completed); under OnFailure it does not and the pod Succeeds`, () => {
    use();
    const pod = fixture('crashloop');
    pod.spec!.containers[0].command = ['sh', '-c', 'exit 0'];
    const always = run(pod, 2 * M);
    assert.ok(restartCountAt(always, 'app', 2 * M) >= 3);
    const c = statusAt(always, 2 * M).containers[0];
    assert.deepEqual(c.lastState && [c.lastState.reason, c.lastState.exitCode], ['Completed', 0]);

    pod.spec!.restartPolicy = 'OnFailure';
    const onFailure = run(pod, 2 * M);
    assert.equal(restartCountAt(onFailure, 'app', 2 * M), 0);
    const s = statusAt(onFailure, 2 * M);
    assert.equal(s.phase, 'Succeeded');
    assert.equal(s.containers[0].state.kind === 'terminated' && s.containers[0].state.reason, 'Completed');

    pod.spec!.containers[0].command = ['sh', '-c', 'exit 1'];
    const onFailureErr = run(pod, 2 * M);
    assert.ok(restartCountAt(onFailureErr, 'app', 2 * M) >= 3);
    pod.spec!.restartPolicy = 'Never';
    const never = run(pod, 2 * M);
    assert.equal(restartCountAt(never, 'app', 2 * M), 0);
    assert.equal(statusAt(never, 2 * M).phase, 'Failed');
  });

  test(`${label}: F. a container that stayed up > 600 s resets the back-off: its next crash restarts at once`, () => {
    use();
    const pod = fixture('crashloop');
    pod.spec!.containers[0].command = ['sh', '-c', 'sleep 700; exit 1'];
    const trace = run(pod, 40 * M);
    const st = starts(trace, 'app');
    const exits = trace.records.filter((r) => r.kind === 'container-exit').map((r) => r.t);
    for (let i = 1; i < 4; i++) assert.ok(st[i] - exits[i - 1] <= 1 * S, `restart #${i} immediate`);
    assert.equal(trace.records.filter((r) => r.kind === 'backoff').length, 0);
  });

  // G. e2e conformance set (k/k test/e2e/common/node/container_probe.go), 4-minute window.
  const bb = (probes: Record<string, unknown>, command = 'echo ok >/tmp/health; sleep 600'): Pod =>
    ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'e2e' },
      spec: { containers: [{ name: 'c', image: 'busybox:1.36', command: ['/bin/sh', '-c', command], ...probes }] },
    }) as Pod;
  const agn = (args: string[], probes: Record<string, unknown>): Pod =>
    ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'e2e' },
      spec: { containers: [{ name: 'c', image: 'registry.k8s.io/e2e-test-images/agnhost:2.40', args, ...probes }] },
    }) as Pod;
  const web = (probes: Record<string, unknown>): Pod =>
    ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'e2e' }, spec: { containers: [{ name: 'c', image: 'nginx:1.14', ...probes }] } }) as Pod;

  const G: { name: string; pod: Pod; restarts: number | '>=1'; ready?: 'never' | 'after15' }[] = [
    { name: 'readiness with initial delay', pod: web({ readinessProbe: { httpGet: { path: '/', port: 80 }, initialDelaySeconds: 15 } }), restarts: 0, ready: 'after15' },
    { name: 'failing readiness', pod: web({ readinessProbe: { exec: { command: ['/bin/false'] } } }), restarts: 0, ready: 'never' },
    {
      name: 'exec cat /tmp/health restart',
      pod: bb(
        { livenessProbe: { exec: { command: ['cat', '/tmp/health'] }, initialDelaySeconds: 15, timeoutSeconds: 5, failureThreshold: 1 } },
        'echo ok >/tmp/health; sleep 10; rm -rf /tmp/health; sleep 600',
      ),
      restarts: '>=1',
    },
    {
      name: 'exec cat /tmp/health no restart',
      pod: bb({ livenessProbe: { exec: { command: ['cat', '/tmp/health'] }, initialDelaySeconds: 15, timeoutSeconds: 5, failureThreshold: 1 } }),
      restarts: 0,
    },
    { name: '/healthz http restart', pod: agn(['liveness'], { livenessProbe: { httpGet: { path: '/healthz', port: 8080 }, initialDelaySeconds: 15, failureThreshold: 1 } }), restarts: '>=1' },
    { name: 'tcp:8080 no restart', pod: agn(['liveness'], { livenessProbe: { tcpSocket: { port: 8080 }, initialDelaySeconds: 15, failureThreshold: 1 } }), restarts: 0 },
    { name: 'exec timeout', pod: bb({ livenessProbe: { exec: { command: ['/bin/sh', '-c', 'sleep 10'] }, timeoutSeconds: 1, failureThreshold: 1 } }), restarts: '>=1' },
    { name: 'readiness exec timeout', pod: bb({ readinessProbe: { exec: { command: ['/bin/sh', '-c', 'sleep 10'] }, timeoutSeconds: 1, failureThreshold: 1 } }), restarts: 0, ready: 'never' },
    {
      name: 'startup fails',
      pod: bb({
        startupProbe: { exec: { command: ['/bin/false'] }, initialDelaySeconds: 15, failureThreshold: 3 },
        livenessProbe: { exec: { command: ['/bin/true'] }, initialDelaySeconds: 15, failureThreshold: 1 },
      }),
      restarts: '>=1',
    },
    {
      name: 'startup delays liveness',
      pod: bb({
        startupProbe: { exec: { command: ['/bin/false'] }, initialDelaySeconds: 15, failureThreshold: 60 },
        livenessProbe: { exec: { command: ['/bin/false'] }, initialDelaySeconds: 15, failureThreshold: 1 },
      }),
      restarts: 0,
    },
    { name: 'gRPC ok', pod: agn(['grpc-health-checking'], { livenessProbe: { grpc: { port: 5000 }, initialDelaySeconds: 10 } }), restarts: 0 },
    { name: 'gRPC wrong port', pod: agn(['grpc-health-checking'], { livenessProbe: { grpc: { port: 2333 }, initialDelaySeconds: 10 } }), restarts: '>=1' },
  ];

  for (const g of G) {
    test(`${label}: G. e2e: ${g.name}`, () => {
      use();
      const trace = run(g.pod, 4 * M);
      const n = restartCountAt(trace, 'c', 4 * M);
      if (g.restarts === 0) {
        const max = Math.max(...trace.records.filter((r) => r.kind === 'status').map((r) => (r.kind === 'status' ? r.status.containers[0].restartCount : 0)));
        assert.equal(max, 0, 'restart count stays 0 for the whole window');
      } else assert.ok(n >= 1, `restart count ${n}`);
      if (g.ready === 'never') assert.equal(firstReadyAt(trace, 'c'), undefined);
      if (g.ready === 'after15') {
        const [s0] = starts(trace, 'c');
        assert.ok(firstReadyAt(trace, 'c')! - s0 >= 15 * S);
      }
    });
  }

  test(`${label}: G. exec timeout text: command "/bin/sh -c sleep 10" timed out`, () => {
    use();
    const trace = run(G.find((g) => g.name === 'exec timeout')!.pod, 1 * M);
    const e = eventOccurrences(trace, 1 * M, 'Unhealthy')[0];
    assert.equal(e.message, 'Liveness probe failed: command "/bin/sh -c sleep 10" timed out');
  });

  test(`${label}: H. named port not declared: errored every period, never restarts, result discarded`, () => {
    use();
    const trace = run(fixture('named-port-missing'), 5 * M);
    const errs = eventOccurrences(trace, 5 * M, 'Unhealthy');
    // upstream ResolveContainerPort falls back to strconv.Atoi and returns its error
    assert.ok(errs.every((e) => e.message === 'Liveness probe errored and resulted in unknown state: strconv.Atoi: parsing "liveness-port": invalid syntax'));
    assert.ok(errs.length >= 28 && errs.length <= 30, `${errs.length} errored probes in 5 min at period 10 s`);
    assert.equal(killsOf(trace).length, 0);
    assert.equal(restartCountAt(trace, 'web', 5 * M), 0);
    assert.ok(probeRuns(trace, 'web', 'liveness').every((r) => r.result === 'error'));
    const obj = eventObject(trace, 5 * M, 'Unhealthy')[0];
    // more than 25 Warning occurrences: the spam filter holds the API object back
    assert.ok(obj.count >= 25 && obj.count < errs.length, `object count ${obj.count}, occurrences ${errs.length}`);
  });

  test(`${label}: determinism: same pod and seed give byte-identical traces; another seed moves the jitter`, () => {
    use();
    const pod = fixture('crashloop');
    const a = JSON.stringify(run(pod, 10 * M, 7));
    const b = JSON.stringify(run(pod, 10 * M, 7));
    assert.equal(a, b);
    const c = run(pod, 10 * M, 8);
    assert.notEqual(JSON.stringify(c.records.map((r) => r.t)), JSON.stringify((JSON.parse(a) as Trace).records.map((r) => r.t)));
  });

  test(`${label}: the horizon is inclusive: an event at exactly untilMs is recorded, nothing later`, () => {
    use();
    const full = run(fixture('liveness-pod'), 6 * M);
    const kill = killsOf(full)[0];
    const cut = run(fixture('liveness-pod'), kill.t);
    assert.equal(killsOf(cut).length, 1);
    assert.ok(cut.records.every((r) => r.t <= kill.t));
    const before = run(fixture('liveness-pod'), kill.t - 1);
    assert.equal(killsOf(before).length, 0);
  });
}
