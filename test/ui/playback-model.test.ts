import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  axis,
  cellMs,
  initialPlayback,
  moments,
  playbackReducer,
  podRow,
  probeStrips,
  seekTarget,
  sideBySide,
  watchLines,
  watchRows,
} from '../../src/ui/playback-model.js';
import { rowText } from '../../src/ui/row-model.js';
import { width } from '../../src/ui/text.js';
import { livenessTrace, QUERIES } from './helpers.js';
import type { PodStatusSnapshot } from '../../src/sim/trace.js';

test('the clock advances by real time × speed, stops at the end, pauses and jumps on instant', () => {
  let s = initialPlayback(60_000, 10);
  s = playbackReducer(s, { kind: 'tick', realMs: 100 });
  assert.equal(s.t, 1000);
  s = playbackReducer(s, { kind: 'toggle-pause' });
  assert.equal(playbackReducer(s, { kind: 'tick', realMs: 100 }).t, 1000);
  s = playbackReducer(s, { kind: 'toggle-pause' });
  s = playbackReducer(s, { kind: 'speed', speed: 60 });
  s = playbackReducer(s, { kind: 'tick', realMs: 1000 });
  assert.equal(s.t, 60_000);
  s = playbackReducer(playbackReducer(initialPlayback(60_000, 1), { kind: 'faster' }), { kind: 'faster' });
  assert.equal(s.speed, 60);
  s = playbackReducer(s, { kind: 'faster' });
  assert.equal(s.speed, 'instant');
  assert.equal(s.t, 60_000);
  assert.equal(playbackReducer(s, { kind: 'faster' }).speed, 'instant');
  assert.equal(playbackReducer(initialPlayback(1000, 1), { kind: 'slower' }).speed, 1);
  assert.equal(playbackReducer(s, { kind: 'seek', t: -5 }).t, 0);
});

test('seeking stops at events, kills and exits', () => {
  const ms = moments(livenessTrace());
  assert.equal(seekTarget(ms, 0, 1, 120_000), 2000);
  assert.equal(seekTarget(ms, 47_000, 1, 120_000), 77_000);
  assert.equal(seekTarget(ms, 77_000, -1, 120_000), 47_000);
  assert.equal(seekTarget(ms, 200_000, 1, 120_000), 120_000);
  assert.equal(seekTarget(ms, 0, -1, 120_000), 0);
});

const base = (over: Partial<PodStatusSnapshot['containers'][0]>): PodStatusSnapshot => ({
  phase: 'Running',
  conditions: [],
  initContainers: [],
  containers: [{ name: 'c', image: 'i', init: false, state: { kind: 'running', startedAtMs: 0 }, ready: false, started: true, restartCount: 0, containerId: 'x', ...over }],
});

test('READY, STATUS and RESTARTS follow kubectl printPod', () => {
  assert.deepEqual(podRow(base({ ready: true })), { ready: '1/1', status: 'Running', restarts: 0 });
  assert.equal(podRow(base({ state: { kind: 'waiting', reason: 'CrashLoopBackOff' }, restartCount: 5 })).status, 'CrashLoopBackOff');
  assert.equal(podRow(base({ state: { kind: 'terminated', exitCode: 137, reason: '', signal: 'SIGKILL', startedAtMs: 0, finishedAtMs: 1 } })).status, 'Signal:9');
  assert.equal(podRow(base({ state: { kind: 'terminated', exitCode: 3, reason: '', startedAtMs: 0, finishedAtMs: 1 } })).status, 'ExitCode:3');
  const withInit: PodStatusSnapshot = {
    ...base({}),
    phase: 'Pending',
    initContainers: [{ name: 'init', image: 'i', init: true, state: { kind: 'running', startedAtMs: 0 }, ready: false, started: true, restartCount: 0, containerId: 'y' }],
  };
  assert.equal(podRow(withInit).status, 'Init:0/1');
  const last = podRow(base({ ready: true, restartCount: 2, lastState: { kind: 'terminated', exitCode: 137, reason: 'Error', startedAtMs: 0, finishedAtMs: 5000 } }));
  assert.equal(last.lastRestartMs, 5000);
});

test('get -w prints a line per visible change with RESTARTS "N (AGE ago)"', () => {
  const lines = watchLines(livenessTrace(), 120_000, QUERIES);
  assert.deepEqual(
    lines.map((l) => l.cells),
    [
      ['liveness-exam', '0/1', 'ContainerCreating', '0', '0s'],
      ['liveness-exam', '1/1', 'Running', '0', '2s'],
      ['liveness-exam', '1/1', 'Running', '1 (1s ago)', '78s'],
    ],
  );
  assert.equal(watchLines(livenessTrace(), 10_000, QUERIES).length, 2);
  const rows = watchRows(lines, 2).map(rowText);
  assert.match(rows[0]!, /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
  assert.equal(rows.length, 3);
});

test('the probe strip shows ✓/✗ at probe runs, K at the kill, ~ over the grace period, only up to now', () => {
  const trace = livenessTrace();
  const step = cellMs(trace.untilMs, 60);
  assert.equal(step, 2000);
  const [strip] = probeStrips(trace, 120_000, step, 60);
  const s = strip!.marks.join('');
  assert.equal(strip!.label, 'liveness');
  assert.equal(s[3], '✓'); // 7 s
  assert.equal(s[18], '✗'); // 37 s
  assert.equal(s[23], 'K'); // 47 s
  assert.ok(/^~+$/.test(s.slice(24, 38)), s);
  assert.equal(s[0], ' ');
  const early = probeStrips(trace, 10_000, step, 60)[0]!.marks.join('');
  assert.equal(early.slice(6).trim(), '');
});

test('back-off is drawn as B until the next start', () => {
  const trace = livenessTrace();
  trace.records = trace.records.filter((r) => r.kind !== 'probe' && !(r.kind === 'container-start' && r.t > 70_000));
  trace.records.push({ t: 80_000, kind: 'backoff', container: 'app', backoffMs: 10_000, message: 'back-off 10s' });
  trace.records.push({ t: 95_000, kind: 'container-start', container: 'app', restartCount: 1, containerId: 'z' });
  trace.records.sort((a, b) => a.t - b.t);
  const [strip] = probeStrips(trace, 120_000, 5000, 24);
  const s = strip!.marks.join('');
  assert.equal(strip!.label, 'app');
  assert.equal(s.slice(16, 19), 'BBB');
  assert.equal(s[20], '·');
});

test('the axis labels round times without overlapping', () => {
  const a = axis(1000, 40, QUERIES.humanDuration);
  assert.equal(a.slice(0, 2), '0s');
  assert.equal(a.slice(10, 13), '10s');
  assert.equal(a.slice(20, 23), '20s');
});

test('side by side pads both panes to the same width, wide characters included', () => {
  const rows = sideBySide([{ spans: [{ text: '라이브' }] }], [{ spans: [{ text: 'ok' }] }, { spans: [{ text: 'x' }] }], 10);
  assert.equal(rows.length, 2);
  assert.equal(width(rowText(rows[0]!)), 23);
  assert.equal(width(rowText(rows[1]!)), 23);
});
