import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { watchFileChanges } from '../../src/ui/watch.js';

const until = async (pred: () => boolean, ms = 3000) => {
  for (let w = 0; w < ms && !pred(); w += 20) await new Promise((r) => setTimeout(r, 20));
};

test('a burst of saves is reported once; a save that changes nothing and other files are not reported', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kd-watch-'));
  const file = path.join(dir, 'pod.yaml');
  writeFileSync(file, 'a: 1\n');
  let n = 0;
  const stop = watchFileChanges(file, () => n++, 50);
  try {
    writeFileSync(file, 'a: 2\n');
    writeFileSync(file, 'a: 3\n');
    await until(() => n > 0);
    await new Promise((r) => setTimeout(r, 150));
    assert.equal(n, 1);
    writeFileSync(file, 'a: 3\n');
    writeFileSync(path.join(dir, 'other.yaml'), 'x');
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(n, 1);
    // Editors that save by writing a temporary file and renaming it over the original.
    writeFileSync(path.join(dir, '.pod.yaml.swp'), 'a: 4\n');
    renameSync(path.join(dir, '.pod.yaml.swp'), file);
    await until(() => n > 1);
    assert.equal(n, 2);
  } finally {
    stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
