import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Key } from 'ink';
import { keyOf, splitKeys } from '../../src/ui/use-keys.js';

const seen = (input: string, key: Partial<Key> = {}) => {
  const out: string[] = [];
  splitKeys(input, { ...keyOf('x')[1], ...key }, (i, k) => out.push(k.return ? '<enter>' : k.backspace ? '<bs>' : k.tab ? '<tab>' : i));
  return out;
};

test('a run of plain characters is handed over one key at a time', () => {
  assert.deepEqual(seen('j\r'), ['j', '<enter>']);
  assert.deepEqual(seen('ab\x7f\t'), ['a', 'b', '<bs>', '<tab>']);
  assert.deepEqual(seen('라이'), ['라', '이']);
});

test('single keys, escape sequences and modified keys pass through unchanged', () => {
  assert.deepEqual(seen('q'), ['q']);
  assert.deepEqual(seen('\x1b[A'), ['\x1b[A']);
  assert.deepEqual(seen('ab', { ctrl: true }), ['ab']);
});
