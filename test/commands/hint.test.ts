import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { run } from '../../src/commands/hint.js';
import { memoryIo } from '../../src/commands/io.js';

const MINI = path.resolve('test/fixtures/packs/mini');

test('hint: the next tier each time, then all of them', async () => {
  const cwd = mkdtempSync(path.join(tmpdir(), 'kubedrill-hint-'));
  const call = async (...extra: string[]) => {
    const m = memoryIo({ cwd });
    assert.equal(await run(['pass', '--exercises', MINI, ...extra], m.io), 0);
    return m.out();
  };
  assert.equal(await call(), 'hint 1/2:\nfirst hint\n');
  assert.equal(await call(), 'hint 2/2:\nsecond hint\n\n(that was the last hint)\n');
  assert.equal(await call(), 'All 2 hints have been shown:\n\nhint 1/2:\nfirst hint\n\nhint 2/2:\nsecond hint\n');
  assert.deepEqual(JSON.parse(await call('--json', '--lang', 'ko')), { id: 'pass', index: 0, total: 2, hints: ['첫 힌트', '두 번째 힌트'] });
});

test('hint --json reveals one tier', async () => {
  const cwd = mkdtempSync(path.join(tmpdir(), 'kubedrill-hint-'));
  const m = memoryIo({ cwd });
  assert.equal(await run(['01-pass', '--exercises', MINI, '--json'], m.io), 0);
  assert.deepEqual(JSON.parse(m.out()), { id: 'pass', index: 1, total: 2, hint: 'first hint' });
});

test('hint: usage errors exit 2', async () => {
  const m = memoryIo({ cwd: tmpdir() });
  assert.equal(await run(['pass', 'extra', '--exercises', MINI], m.io), 2);
  assert.match(m.err(), /unexpected argument "extra"/);
});
