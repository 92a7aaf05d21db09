import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventQueue } from '../../../src/sim/engine/queue.js';
import { Rng } from '../../../src/sim/engine/rng.js';

test('pops by time, then priority, then insertion order', () => {
  const q = new EventQueue<string>();
  q.push(10, 1, 'c');
  q.push(5, 4, 'a');
  q.push(10, 0, 'b');
  q.push(10, 1, 'd');
  q.push(20, 0, 'e');
  const out: string[] = [];
  for (let e = q.pop(); e; e = q.pop()) out.push(e.item);
  assert.deepEqual(out, ['a', 'b', 'c', 'd', 'e']);
  assert.equal(q.size, 0);
});

test('agrees with a stable sort on many pushes', () => {
  const rng = new Rng(42);
  const q = new EventQueue<number>();
  const items: { time: number; priority: number; i: number }[] = [];
  for (let i = 0; i < 2000; i++) {
    const time = rng.int(100);
    const priority = rng.int(5);
    items.push({ time, priority, i });
    q.push(time, priority, i);
  }
  const expected = [...items].sort((a, b) => a.time - b.time || a.priority - b.priority || a.i - b.i).map((x) => x.i);
  const got: number[] = [];
  for (let e = q.pop(); e; e = q.pop()) got.push(e.item);
  assert.deepEqual(got, expected);
});

test('rejects non-integer times (virtual time is whole milliseconds)', () => {
  assert.throws(() => new EventQueue<number>().push(1.5, 0, 1));
});
