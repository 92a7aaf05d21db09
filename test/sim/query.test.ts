// query.ts over hand-made traces: binary-searched status, the client-go correlator, helpers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statusAt, eventObjectsAt, restartCountAt, killsOf, firstReadyAt, probeRuns, eventOccurrences, CORRELATOR } from '../../src/sim/query.js';
import type { EventOccurrence, PodStatusSnapshot, Trace, TraceRecord } from '../../src/sim/trace.js';

const trace = (records: TraceRecord[]): Trace => ({
  format: 'kubedrill-trace/v1',
  seed: 1,
  untilMs: records.length ? records[records.length - 1].t : 0,
  pod: { name: 'p', namespace: 'default', uid: 'u', nodeName: 'kubedrill-node' },
  containers: [],
  records,
});
const status = (phase: PodStatusSnapshot['phase'], restartCount = 0, ready = false): PodStatusSnapshot => ({
  phase,
  conditions: [],
  initContainers: [],
  containers: [{ name: 'c', image: 'i', init: false, state: { kind: 'running', startedAtMs: 0 }, ready, started: true, restartCount, containerId: 'x' }],
});
const ev = (t: number, reason: string, message: string, type: EventOccurrence['type'] = 'Warning'): TraceRecord => ({
  t,
  kind: 'event',
  event: { type, reason, from: 'kubelet', message, container: 'c' },
});

test('statusAt: latest snapshot at or before t; Pending before the first', () => {
  const tr = trace([
    { t: 100, kind: 'status', status: status('Pending') },
    { t: 100, kind: 'note', text: 'x' },
    { t: 2000, kind: 'status', status: status('Running', 1, true) },
    { t: 9000, kind: 'status', status: status('Running', 2) },
  ]);
  assert.equal(statusAt(tr, 50).phase, 'Pending');
  assert.equal(statusAt(tr, 50).containers.length, 0);
  assert.equal(statusAt(tr, 100).phase, 'Pending');
  assert.equal(statusAt(tr, 100).containers.length, 1);
  assert.equal(statusAt(tr, 1999).phase, 'Pending');
  assert.equal(statusAt(tr, 2000).phase, 'Running');
  assert.equal(restartCountAt(tr, 'c', 8999), 1);
  assert.equal(restartCountAt(tr, 'c', 9000), 2);
  assert.equal(restartCountAt(tr, 'missing', 9000), 0);
  assert.equal(firstReadyAt(tr, 'c'), 2000);
  assert.equal(firstReadyAt(tr, 'other'), undefined);
});

test('dedup: same message is one object with count, first and last', () => {
  const tr = trace([ev(1000, 'Unhealthy', 'a'), ev(6000, 'Unhealthy', 'a'), ev(11_000, 'Unhealthy', 'a'), ev(11_000, 'Killing', 'k', 'Normal')]);
  const objs = eventObjectsAt(tr, 20_000);
  assert.deepEqual(
    objs.map((o) => [o.reason, o.count, o.firstMs, o.lastMs]),
    [
      ['Unhealthy', 3, 1000, 11_000],
      ['Killing', 1, 11_000, 11_000],
    ],
  );
  assert.deepEqual(eventObjectsAt(tr, 6000).map((o) => o.count), [2]);
});

test('aggregation: the 10th distinct message within 600 s is written as (combined from similar events)', () => {
  const records = Array.from({ length: 12 }, (_, i) => ev(i * 1000, 'Unhealthy', `m${i}`));
  const objs = eventObjectsAt(trace(records), 60_000);
  const combined = objs.filter((o) => o.message.startsWith(CORRELATOR.combinedPrefix));
  assert.equal(objs.length - combined.length, 9);
  assert.equal(combined.length, 1);
  assert.equal(combined[0].count, 3);
  assert.equal(combined[0].message, '(combined from similar events): m11');
  // more than 600 s of silence starts a fresh aggregation record
  const later = trace([...records, ev(700_000, 'Unhealthy', 'fresh')]);
  assert.ok(eventObjectsAt(later, 700_000).some((o) => o.message === 'fresh'));
});

test('spam filter: burst 25 per object and type, refilled 1 per 300 s; counts carry over', () => {
  const records = Array.from({ length: 30 }, (_, i) => ev(i * 1000, 'BackOff', 'same'));
  const tr = trace([...records, ev(29_000, 'Started', 'n', 'Normal'), ev(400_000, 'BackOff', 'same')]);
  const at30 = eventObjectsAt(tr, 30_000).find((o) => o.reason === 'BackOff')!;
  assert.equal(at30.count, 25);
  assert.equal(at30.lastMs, 24_000);
  // Normal events have their own bucket
  assert.equal(eventObjectsAt(tr, 30_000).find((o) => o.reason === 'Started')!.count, 1);
  const later = eventObjectsAt(tr, 400_000).find((o) => o.reason === 'BackOff')!;
  assert.equal(later.count, 31);
  assert.equal(later.lastMs, 400_000);
  assert.equal(later.firstMs, 0);
});

test('sorted by lastTimestamp in whole seconds, ties in creation order', () => {
  const tr = trace([ev(1000, 'A', 'a'), ev(1500, 'B', 'b'), ev(1200, 'C', 'c'), ev(3000, 'A', 'a')].sort((x, y) => x.t - y.t));
  assert.deepEqual(
    eventObjectsAt(tr, 5000).map((o) => o.reason),
    // C (1.2 s) and B (1.5 s) share second 1: C was created first; A's last write is at 3 s
    ['C', 'B', 'A'],
  );
});

test('kills, probe runs and raw occurrences filter by container and probe', () => {
  const tr = trace([
    { t: 1, kind: 'probe', container: 'a', probe: 'liveness', result: 'success', output: '', durationMs: 1 },
    { t: 2, kind: 'probe', container: 'a', probe: 'readiness', result: 'failure', output: 'x', durationMs: 1 },
    { t: 3, kind: 'probe', container: 'b', probe: 'liveness', result: 'error', output: 'e', durationMs: 0 },
    { t: 4, kind: 'kill', container: 'a', reason: 'LivenessProbe', graceMs: 30_000, message: 'm' },
    { t: 5, kind: 'kill', container: 'b', reason: 'Stop', graceMs: 30_000, message: 'm' },
    ev(6, 'Unhealthy', 'u'),
  ]);
  assert.equal(probeRuns(tr).length, 3);
  assert.equal(probeRuns(tr, 'a').length, 2);
  assert.equal(probeRuns(tr, 'a', 'readiness')[0].t, 2);
  assert.equal(probeRuns(tr, undefined, 'liveness').length, 2);
  assert.deepEqual(killsOf(tr).map((k) => k.container), ['a', 'b']);
  assert.deepEqual(killsOf(tr, 'b').map((k) => k.t), [5]);
  assert.equal(eventOccurrences(tr, 5).length, 0);
  assert.equal(eventOccurrences(tr, 6, 'Unhealthy')[0].t, 6);
});

test('asking at later, then earlier times gives the same answers as fresh replays', () => {
  const records = Array.from({ length: 40 }, (_, i) => ev(i * 20_000, i % 3 === 0 ? 'BackOff' : 'Unhealthy', `m${i % 12}`));
  const tr = trace(records);
  const times = [100_000, 300_000, 300_000, 50_000, 790_000, 400_000];
  const answers = times.map((t) => eventObjectsAt(tr, t));
  for (let i = 0; i < times.length; i++) assert.deepEqual(answers[i], eventObjectsAt(trace(records), times[i]));
});
