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
  while (q.pop()) out.push(q.item!);
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
  while (q.pop()) got.push(q.item!);
  assert.deepEqual(got, expected);
});

test('rejects non-integer times (virtual time is whole milliseconds) and priorities outside 0..7', () => {
  assert.throws(() => new EventQueue<number>().push(1.5, 0, 1));
  assert.throws(() => new EventQueue<number>().push(1, 8, 1));
});

test('reuses slots: interleaved pushes and pops keep the order', () => {
  const q = new EventQueue<string>();
  const out: string[] = [];
  q.push(5, 0, 'a');
  q.push(5, 0, 'b');
  assert.equal(q.pop(), true);
  out.push(q.item!);
  q.push(5, 0, 'c'); // reuses a's slot, but was pushed after b
  q.push(4, 0, 'z');
  while (q.pop()) out.push(`${q.item}@${q.time}/${q.priority}`);
  assert.deepEqual(out, ['a', 'z@4/0', 'b@5/0', 'c@5/0']);
  assert.equal(q.peekTime(), Infinity);
  assert.equal(q.pop(), false);
});
