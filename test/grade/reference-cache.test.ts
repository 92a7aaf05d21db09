import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findExercise, loadPack } from '../../src/exercises/pack.js';
import { buildStampOf, readReference, referenceCacheFile, writeReference } from '../../src/grade/reference-cache.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'kubedrill-refcache-'));
cpSync('test/fixtures/packs/mini', path.join(tmp, 'pack'), { recursive: true });
const loaded = loadPack(path.join(tmp, 'pack'));
if (!loaded.ok) throw new Error('mini');
const ex = findExercise(loaded.pack, 'pass')!;
const cacheDir = path.join(tmp, 'cache');

test('records round-trip and are keyed by build, seed and the files they come from', () => {
  const file = referenceCacheFile(cacheDir, 'build-1', ex, 1)!;
  assert.ok(file.startsWith(cacheDir));
  assert.equal(readReference(file), undefined);
  const rec = { starter: { text: 'a', findings: [] }, solution: { text: 'b', findings: [] } };
  writeReference(file, rec);
  assert.deepEqual(readReference(file), { format: 'kubedrill-reference/1', ...rec });
  assert.deepEqual(readdirSync(cacheDir), [path.basename(file)], 'no temp file left');
  assert.notEqual(referenceCacheFile(cacheDir, 'build-2', ex, 1), file);
  assert.notEqual(referenceCacheFile(cacheDir, 'build-1', ex, 2), file);
  writeFileSync(ex.solutionPath, readFileSync(ex.solutionPath, 'utf8') + '# edited\n');
  assert.notEqual(referenceCacheFile(cacheDir, 'build-1', ex, 1), file, 'an edited solution is a new key');
});

test('only a bundled build has a build stamp (from source the simulator may change between runs)', () => {
  assert.equal(buildStampOf(path.resolve('src/grade/index.ts')), undefined);
  assert.equal(buildStampOf('/nowhere/dist/chunks/x.js'), undefined, 'missing file');
  const dist = path.join(tmp, 'dist');
  cpSync(ex.solutionPath, path.join(dist, 'cli.js'));
  assert.match(buildStampOf(path.join(dist, 'cli.js')) ?? '', /^\d+:\d+:[\d.]+$/);
});
