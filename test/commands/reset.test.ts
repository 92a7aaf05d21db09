import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { run } from '../../src/commands/reset.js';
import { memoryIo } from '../../src/commands/io.js';

const MINI = path.resolve('test/fixtures/packs/mini');

test('reset: restores the starter and says where the backup is', async () => {
  const cwd = mkdtempSync(path.join(tmpdir(), 'kubedrill-reset-'));
  const file = path.join(cwd, 'kubedrill-workspace/03-schema-error/pod.yaml');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, 'my work\n');
  const m = memoryIo({ cwd });
  assert.equal(await run(['schema-error', '--exercises', MINI], m.io), 0);
  assert.equal(m.out(), 'Restored kubedrill-workspace/03-schema-error/pod.yaml from the starter.\nYour previous file is saved as kubedrill-workspace/03-schema-error/pod.yaml.bak-1\n');
  assert.equal(readFileSync(`${file}.bak-1`, 'utf8'), 'my work\n');
  assert.equal(readFileSync(file, 'utf8'), readFileSync(path.join(MINI, 'exercises/03-schema-error/pod.yaml'), 'utf8'));
  const j = memoryIo({ cwd });
  assert.equal(await run(['schema-error', '--exercises', MINI, '--json'], j.io), 0);
  assert.equal(JSON.parse(j.out()).backup, `${file}.bak-2`);
});

test('reset: unknown id exits 2 with the list', async () => {
  const m = memoryIo({ cwd: tmpdir() });
  assert.equal(await run(['zzz', '--exercises', MINI], m.io), 2);
  assert.match(m.err(), /unknown exercise "zzz"/);
});

test('reset: a workspace that cannot be written is a clear error (exit 2), not a crash', async () => {
  const cwd = mkdtempSync(path.join(tmpdir(), 'kubedrill-reset-'));
  writeFileSync(path.join(cwd, 'not-a-folder'), 'x');
  const m = memoryIo({ cwd });
  assert.equal(await run(['pass', '--exercises', MINI, '--workspace', 'not-a-folder'], m.io), 2);
  assert.match(m.err(), /kubedrill reset: cannot restore .*not-a-folder\/01-pass\/pod\.yaml: a path component is not a folder$/m);
});
