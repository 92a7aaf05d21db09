import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from 'kubernetes-types/core/v1.d.ts';
import { renderTimeline } from '../../../src/sim/render/timeline.js';
import type { TraceRecord } from '../../../src/sim/trace.js';
import { trace } from './fixtures.js';

const pod: Pod = {
  metadata: { name: 'web' },
  spec: {
    containers: [{ name: 'app', image: 'busybox', livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, periodSeconds: 5, failureThreshold: 2 } }],
  },
};

/** One liveness kill cycle: start 2 s, probes every 5 s, failures at 32 s and 37 s, grace 30 s. */
function killCycle(): TraceRecord[] {
  const r: TraceRecord[] = [
    { t: 0, kind: 'pull-start', container: 'app', image: 'busybox' },
    { t: 1_500, kind: 'pull-done', container: 'app', image: 'busybox', pullMs: 1_500, sizeBytes: 2_000_000 },
    { t: 2_000, kind: 'container-start', container: 'app', restartCount: 0, containerId: 'containerd://1' },
  ];
  for (let t = 7_000; t <= 27_000; t += 5_000) r.push({ t, kind: 'probe', container: 'app', probe: 'liveness', result: 'success', output: '', durationMs: 1 });
  r.push({ t: 32_000, kind: 'probe', container: 'app', probe: 'liveness', result: 'failure', output: 'cat: no', durationMs: 1 });
  r.push({ t: 37_000, kind: 'probe', container: 'app', probe: 'liveness', result: 'failure', output: 'cat: no', durationMs: 1 });
  r.push({ t: 37_000, kind: 'kill', container: 'app', reason: 'LivenessProbe', graceMs: 30_000, message: 'Container app failed liveness probe, will be restarted' });
  r.push({ t: 67_000, kind: 'container-exit', container: 'app', exitCode: 137, reason: 'Error', signal: 'SIGKILL' });
  r.push({ t: 67_100, kind: 'container-start', container: 'app', restartCount: 1, containerId: 'containerd://2' });
  r.push({ t: 72_100, kind: 'probe', container: 'app', probe: 'liveness', result: 'success', output: '', durationMs: 1 });
  return r;
}

test('a liveness kill cycle at one column per second: marks in place, legend and key moments', () => {
  const text = renderTimeline(pod, trace(killCycle()), 90_000, { width: 120 });
  const lines = text.split('\n');
  assert.equal(lines[0], 'web: 1m30s of virtual time, seed 1, 1 column = 1s');
  const state = lines.find((l) => l.startsWith('app '))!;
  const probe = lines.find((l) => l.startsWith('  liveness'))!;
  const col = (l: string, sec: number) => l[12 + sec];
  assert.equal(col(state, 0), 'p');
  assert.equal(col(state, 2), 'S');
  assert.equal(col(state, 10), '─');
  assert.equal(col(state, 37), 'K');
  assert.equal(col(state, 50), '~');
  assert.equal(col(state, 67), 'R', 'the restart outranks the exit in the same second');
  assert.equal(col(probe, 7), '✓');
  assert.equal(col(probe, 8), '·');
  assert.equal(col(probe, 32), '✗');
  assert.equal(col(probe, 37), '✗');
  assert.equal(col(probe, 1), ' ', 'no container yet: nothing to probe');
  assert.match(text, /legend: ✓ probe succeeded {2}✗ failed {2}\? errored {2}· not run {2}S started {2}R restarted {2}K killed {2}~ grace period/);
  assert.match(text, /\n +0:01 {2}image pulled \(1\.5s\)\n +0:02 {2}started\n +0:37 {2}liveness failed 2\/2 → killed \(grace 30s\)\n +1:07 {2}exited 137 \(Error\) → restarted \(restart #1\)\n$/);
  assert.match(text, /\nprobe runs:\n {2}liveness: 8 runs, 6 succeeded, 2 failed, 0 errored\n/);
  for (const l of lines) assert.ok(l.length <= 120, `line fits: ${l}`);
});

test('ASCII mode uses only ASCII', () => {
  const text = renderTimeline(pod, trace(killCycle()), 90_000, { width: 100, ascii: true });
  assert.match(text, /^[\x20-\x7e\n]*$/);
  assert.match(text, /liveness failed 2\/2 -> killed/);
});

test('a day with nothing happening after the start is compressed into a quiet stretch', () => {
  const r = killCycle().slice(0, 3);
  for (let t = 12_000; t <= 86_400_000; t += 10_000) r.push({ t, kind: 'probe', container: 'app', probe: 'liveness', result: 'success', output: '', durationMs: 1 });
  const text = renderTimeline(pod, trace(r), 86_400_000, { width: 100 });
  assert.match(text, /1 column = 1s/);
  assert.match(text, /┆/);
  assert.match(text, /… 23h59m\d+s quiet …/);
  for (const l of text.split('\n')) assert.ok([...l].length <= 100, `line fits: ${l}`);
});

test('a day of restarts every few minutes is scaled down to fit', () => {
  const r: TraceRecord[] = [];
  let n = 0;
  for (let t = 1_000; t < 86_400_000; t += 310_000, n++) {
    r.push({ t, kind: 'container-start', container: 'app', restartCount: n, containerId: `c${n}` });
    r.push({ t: t + 1_000, kind: 'container-exit', container: 'app', exitCode: 1, reason: 'Error' });
    r.push({ t: t + 2_000, kind: 'backoff', container: 'app', backoffMs: 300_000, message: 'back-off 5m0s restarting failed container' });
  }
  const text = renderTimeline(pod, trace(r), 86_400_000, { width: 80 });
  const m = /1 column = (\S+)/.exec(text);
  assert.ok(m && ['30m0s', '15m0s'].includes(m[1]!), m?.[1]);
  assert.match(text, /more moments/);
  assert.match(text, /exited 1 \(Error\) → back-off 5m0s/);
  for (const l of text.split('\n')) assert.ok([...l].length <= 80, `line fits: ${l}`);
});
