import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, symlinkSync, readlinkSync, lstatSync, renameSync, readdirSync } from 'node:fs';
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

test('reset: a learner file that is a symbolic link is replaced, the link is the backup, its target keeps the learner\'s text', async () => {
  const cwd = mkdtempSync(path.join(tmpdir(), 'kubedrill-reset-'));
  const outside = path.join(cwd, 'elsewhere.yaml');
  writeFileSync(outside, 'my work, kept elsewhere\n');
  const file = path.join(cwd, 'kubedrill-workspace/03-schema-error/pod.yaml');
  mkdirSync(path.dirname(file), { recursive: true });
  symlinkSync(outside, file);
  const m = memoryIo({ cwd });
  assert.equal(await run(['schema-error', '--exercises', MINI], m.io), 0);
  assert.equal(
    m.out(),
    `Restored kubedrill-workspace/03-schema-error/pod.yaml from the starter.\nYour previous file was a symbolic link to ${outside}: the link is saved as kubedrill-workspace/03-schema-error/pod.yaml.bak-1, and the file it points to is unchanged.\n`,
  );
  assert.equal(readFileSync(outside, 'utf8'), 'my work, kept elsewhere\n');
  assert.equal(readlinkSync(`${file}.bak-1`), outside);
  assert.equal(lstatSync(file).isSymbolicLink(), false);
  assert.equal(readFileSync(file, 'utf8'), readFileSync(path.join(MINI, 'exercises/03-schema-error/pod.yaml'), 'utf8'));
  // --json names the link's target too; Korean says the same
  symlinkSync(outside, `${file}.new`);
  renameSync(`${file}.new`, file);
  const j = memoryIo({ cwd });
  assert.equal(await run(['schema-error', '--exercises', MINI, '--json'], j.io), 0);
  assert.deepEqual(JSON.parse(j.out()), { id: 'schema-error', path: file, backup: `${file}.bak-2`, linkTarget: outside });
  renameSync(`${file}.bak-2`, file);
  const ko = memoryIo({ cwd });
  assert.equal(await run(['schema-error', '--exercises', MINI, '--lang', 'ko'], ko.io), 0);
  assert.match(ko.out(), new RegExp(`이전 파일은 ${outside.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}을\\(를\\) 가리키는 심볼릭 링크였습니다`));
  assert.equal(readFileSync(outside, 'utf8'), 'my work, kept elsewhere\n');
});

test('reset: an exercise folder that links out of the workspace is refused (exit 2) and nothing is written there', async () => {
  const cwd = mkdtempSync(path.join(tmpdir(), 'kubedrill-reset-'));
  const outside = path.join(cwd, 'elsewhere');
  mkdirSync(outside);
  writeFileSync(path.join(outside, 'pod.yaml'), 'not a workspace file\n');
  mkdirSync(path.join(cwd, 'kubedrill-workspace'));
  symlinkSync(outside, path.join(cwd, 'kubedrill-workspace/03-schema-error'));
  const m = memoryIo({ cwd });
  assert.equal(await run(['schema-error', '--exercises', MINI], m.io), 2);
  assert.equal(
    m.err(),
    `kubedrill reset: cannot restore ${cwd}/kubedrill-workspace/03-schema-error/pod.yaml: ${cwd}/kubedrill-workspace/03-schema-error is a symbolic link to ${outside}, outside the workspace: kubedrill never writes through it\n`,
  );
  assert.deepEqual(readdirSync(outside), ['pod.yaml']);
  assert.equal(readFileSync(path.join(outside, 'pod.yaml'), 'utf8'), 'not a workspace file\n');
});
