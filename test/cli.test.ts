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
  assert.match(m.err(), /unknown command "frobnicate" \(to open an exercise: kubedrill tui frobnicate\)\n/);
});

test('a misspelt command gets its did-you-mean', async () => {
  const m = memoryIo();
  assert.equal(await main(['chek', 'liveness-exam'], m.io), 2);
  assert.match(m.err(), /^kubedrill: unknown command "chek": did you mean "check"\?\n\nkubedrill — /);
  const v = memoryIo();
  assert.equal(await main(['valdiate'], v.io), 2);
  assert.match(v.err(), /did you mean "validate"\?/);
});

test('options without a command go to the TUI (which needs a terminal)', async () => {
  const m = memoryIo();
  const code = await main(['--workspace', '/tmp/kubedrill-cli-test-ws'], m.io);
  assert.equal(code, 2);
  assert.match(m.err() + m.out(), /terminal/);
});
