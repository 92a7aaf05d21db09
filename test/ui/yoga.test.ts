// ui/yoga.ts loads yoga's WebAssembly into the object the TUI bundle hands to Ink, without loading
// Node's fetch on the way (its getter is put back untouched).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import yoga, { initYoga } from '../../src/ui/yoga.js';

test('initYoga fills the shared yoga object once, and leaves the global fetch as it was', async () => {
  const before = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  await initYoga();
  await initYoga();
  const node = yoga.Node.create();
  node.setWidth(10);
  node.calculateLayout(undefined, undefined, yoga.DIRECTION_LTR);
  assert.equal(node.getComputedWidth(), 10);
  node.free();
  const after = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  assert.deepEqual(after, before);
});
