// Table-driven: client-go flowcontrol.Backoff as the kubelet configures it (semantics §4.2, §4.3).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CrashLoopBackoff, DEFAULT_BACKOFF, REDUCED_BACKOFF } from '../../../src/sim/kubelet/backoff.js';

const s = 1000;
type Op = ['next', number, number, number] | ['in', number, number, boolean] | ['get', number, number];

const cases: { name: string; ops: Op[]; config?: typeof DEFAULT_BACKOFF }[] = [
  { name: 'no entry: never in back-off', ops: [['in', 0, 5 * s, false], ['get', 5 * s, 0]] },
  {
    name: 'doubling 10 s to 300 s',
    ops: [
      ['next', 0, 1 * s, 10 * s],
      ['next', 20 * s, 21 * s, 20 * s],
      ['next', 50 * s, 51 * s, 40 * s],
      ['next', 100 * s, 101 * s, 80 * s],
      ['next', 200 * s, 201 * s, 160 * s],
      ['next', 400 * s, 401 * s, 300 * s],
      ['next', 800 * s, 801 * s, 300 * s],
    ],
  },
  {
    name: 'IsInBackOffSince is strict: now - finishedAt < backoff',
    ops: [
      ['next', 0, 1 * s, 10 * s],
      ['in', 5 * s, 14_999, true],
      ['in', 5 * s, 15 * s, false],
    ],
  },
  {
    name: 'expired when the event is more than 600 s after the last update: starts again at 10 s',
    ops: [
      ['next', 0, 0, 10 * s],
      ['next', 20 * s, 20 * s, 20 * s],
      ['in', 620 * s + 1, 620 * s + 2, false],
      ['next', 620 * s + 1, 620 * s + 1, 10 * s],
    ],
  },
  {
    name: 'exactly 600 s is not expired',
    ops: [
      ['next', 0, 0, 10 * s],
      ['next', 600 * s, 600 * s, 20 * s],
    ],
  },
  {
    name: 'housekeeping GC drops the entry lazily (first 2 s tick after 600 s)',
    ops: [
      ['next', 0, 1 * s, 10 * s],
      ['get', 601 * s, 10 * s],
      ['get', 602 * s, 0],
    ],
  },
  {
    name: 'ReduceDefaultCrashLoopBackOffDecay: 1 s doubling to 60 s',
    config: REDUCED_BACKOFF,
    ops: [
      ['next', 0, 0, 1 * s],
      ['next', 2 * s, 2 * s, 2 * s],
      ['next', 5 * s, 5 * s, 4 * s],
      ['next', 10 * s, 10 * s, 8 * s],
      ['next', 20 * s, 20 * s, 16 * s],
      ['next', 40 * s, 40 * s, 32 * s],
      ['next', 80 * s, 80 * s, 60 * s],
    ],
  },
];

for (const c of cases) {
  test(`back-off: ${c.name}`, () => {
    const b = new CrashLoopBackoff(c.config ?? DEFAULT_BACKOFF);
    for (const op of c.ops) {
      if (op[0] === 'next') assert.equal(b.next('k', op[1], op[2]), op[3], `next(${op[1]}, now ${op[2]})`);
      else if (op[0] === 'in') assert.equal(b.isInBackOffSince('k', op[1], op[2]), op[3], `in(${op[1]}, now ${op[2]})`);
      else assert.equal(b.get('k', op[1]), op[2], `get(now ${op[1]})`);
    }
  });
}

test('keys are independent', () => {
  const b = new CrashLoopBackoff();
  b.next('a', 0, 0);
  b.next('a', 10 * s, 10 * s);
  assert.equal(b.get('a', 10 * s), 20 * s);
  assert.equal(b.get('b', 10 * s), 0);
});

test('gcAt is the first housekeeping instant strictly after lastUpdate + 600 s', () => {
  const b = new CrashLoopBackoff({ ...DEFAULT_BACKOFF, housekeepingPhaseMs: 500 });
  assert.equal(b.gcAt(0), 600_500);
  assert.equal(b.gcAt(500), 602_500);
  assert.equal(b.gcAt(499), 600_500);
});
