import { test } from 'node:test';
import assert from 'node:assert/strict';
import { main, HELP } from '../src/cli.js';
import { memoryIo } from '../src/commands/io.js';

test('--help prints the usage and exits 0', async () => {
  const m = memoryIo();
  assert.equal(await main(['--help'], m.io), 0);
  assert.equal(m.out(), HELP);
});

test('an unknown command is a usage error (exit 2)', async () => {
  const m = memoryIo();
  assert.equal(await main(['frobnicate'], m.io), 2);
  assert.match(m.err(), /unknown command "frobnicate"/);
});

test('options without a command go to the TUI (which needs a terminal)', async () => {
  const m = memoryIo();
  const code = await main(['--workspace', '/tmp/kubedrill-cli-test-ws'], m.io);
  assert.equal(code, 2);
  assert.match(m.err() + m.out(), /terminal/);
});
