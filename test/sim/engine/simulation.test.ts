import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Simulation, PRIORITY } from '../../../src/sim/engine/simulation.js';
import { sameJson, TraceRecorder } from '../../../src/sim/engine/recorder.js';

test('run(until) is inclusive at until and leaves later events queued', () => {
  const sim = new Simulation();
  const seen: number[] = [];
  for (const t of [0, 5, 10, 11]) sim.at(t, PRIORITY.sync, (now) => seen.push(now));
  sim.run(10);
  assert.deepEqual(seen, [0, 5, 10]);
  assert.equal(sim.now, 10);
  sim.run(20);
  assert.deepEqual(seen, [0, 5, 10, 11]);
});

test('same-instant events run processes first, then PLEG, syncs and probes', () => {
  const sim = new Simulation();
  const seen: string[] = [];
  sim.at(7, PRIORITY.probe, () => seen.push('probe'));
  sim.at(7, PRIORITY.sync, () => seen.push('sync'));
  sim.at(7, PRIORITY.process, () => seen.push('process'));
  sim.at(7, PRIORITY.pleg, () => seen.push('pleg'));
  sim.run(7);
  assert.deepEqual(seen, ['process', 'pleg', 'sync', 'probe']);
});

test('an action may schedule at the current instant but never in the past', () => {
  const sim = new Simulation();
  const seen: number[] = [];
  sim.at(3, 0, (now) => {
    sim.at(now, 1, () => seen.push(now));
    assert.throws(() => sim.at(now - 1, 0, () => undefined));
  });
  sim.run(3);
  assert.deepEqual(seen, [3]);
});

test('the recorder keeps time order and only changed statuses', () => {
  const rec = new TraceRecorder();
  const s = { phase: 'Pending' as const, conditions: [], initContainers: [], containers: [] };
  assert.equal(rec.status(0, s), true);
  assert.equal(rec.status(5, { ...s }), false);
  assert.equal(rec.status(6, { ...s, phase: 'Running' }), true);
  assert.equal(rec.records.length, 2);
  assert.throws(() => rec.add({ t: 1, kind: 'note', text: 'late' }));
});

test('sameJson answers as comparing JSON.stringify texts would', () => {
  const cases: unknown[] = [
    { a: 1, b: [1, 2, { c: 'x' }] },
    { b: [1, 2, { c: 'x' }], a: 1 },
    { a: 1, b: [1, 2, { c: 'x' }], d: undefined },
    { a: 1, b: [1, 2, { c: 'y' }] },
    { a: 1, b: [1, 2] },
    { a: '1', b: [1, 2, { c: 'x' }] },
    [1, 2],
    [2, 1],
    {},
    [],
    null,
    'x',
    1,
  ];
  for (const x of cases) for (const y of cases) assert.equal(sameJson(x, y), JSON.stringify(x) === JSON.stringify(y), `${JSON.stringify(x)} vs ${JSON.stringify(y)}`);
});
