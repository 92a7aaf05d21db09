// The code cache only ever makes loading faster: the same body gives the same result with or without
// it, a changed body is never run from stale data, and a damaged cache file is compiled around.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runBody, workspaceCacheDir } from '../../src/commands/code-cache.js';
import { memoryIo } from '../../src/commands/io.js';

function body(dir: string, answer: number, pad = ''): string {
  const file = path.join(dir, 'cmd-body.cjs');
  // a function that is compiled lazily while running, so the data written after the run holds it
  writeFileSync(
    file,
    `"use strict";${pad}\nfunction later(x) { return x * 2; }\nexports.run = async (args, io) => { io.stdout.write(String(later(${answer})) + ' ' + args.join(',') + ' ' + typeof require + ' ' + __importMetaUrl.startsWith('file:') + '\\n'); return args.length > 0 ? 1 : 2; };\n`,
  );
  return file;
}

test('with and without the cache the body runs the same; the cache is written after a kept run', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kd-code-cache-'));
  try {
    const cacheDir = path.join(dir, 'ws', '.kubedrill-cache');
    const file = body(dir, 21);
    const plain = memoryIo();
    assert.equal(await runBody(file, ['a'], plain.io), 1);
    const first = memoryIo();
    // a run the caller does not keep (a usage error, say) writes nothing
    assert.equal(await runBody(file, [], first.io, { cacheDir, keep: (c) => c === 1 }), 2);
    assert.equal(existsSync(cacheDir), false);
    assert.equal(await runBody(file, ['a'], memoryIo().io, { cacheDir, keep: (c) => c === 1 }), 1);
    assert.equal(readdirSync(cacheDir).filter((n) => n.endsWith('.bin')).length, 1);
    const cached = memoryIo();
    assert.equal(await runBody(file, ['a'], cached.io, { cacheDir, keep: (c) => c === 1 }), 1);
    assert.equal(cached.out(), plain.out());
    assert.equal(cached.out(), '42 a function true\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a changed body of the same length is not run from the old data; a damaged cache file is ignored', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kd-code-cache-'));
  try {
    const cacheDir = path.join(dir, '.kubedrill-cache');
    const file = body(dir, 21);
    await runBody(file, ['x'], memoryIo().io, { cacheDir });
    // same length, other text: the file's stamp (size, mtime) is part of the cache key
    body(dir, 31);
    utimesSync(file, new Date(2030, 0, 1), new Date(2030, 0, 1));
    const changed = memoryIo();
    await runBody(file, ['x'], changed.io, { cacheDir });
    assert.equal(changed.out(), '62 x function true\n');
    // the old build's entry is gone, the new one is there
    assert.equal(readdirSync(cacheDir).length, 1);
    for (const n of readdirSync(cacheDir)) writeFileSync(path.join(cacheDir, n), 'not v8 data');
    const damaged = memoryIo();
    await runBody(file, ['x'], damaged.io, { cacheDir });
    assert.equal(damaged.out(), '62 x function true\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the cache folder is the existing workspace\'s, named by --workspace or KUBEDRILL_WORKSPACE', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kd-code-cache-'));
  try {
    mkdirSync(path.join(dir, 'ws'));
    const io = { env: {}, cwd: dir };
    assert.equal(workspaceCacheDir(['id', '--workspace', 'ws'], io), path.join(dir, 'ws', '.kubedrill-cache'));
    assert.equal(workspaceCacheDir(['id', '--workspace=ws', '--json'], io), path.join(dir, 'ws', '.kubedrill-cache'));
    assert.equal(workspaceCacheDir(['id'], { env: { KUBEDRILL_WORKSPACE: 'ws' }, cwd: dir }), path.join(dir, 'ws', '.kubedrill-cache'));
    // a workspace that does not exist gets no cache (nothing is created for it)
    assert.equal(workspaceCacheDir(['id', '--workspace', 'nope'], io), undefined);
    assert.equal(workspaceCacheDir(['id'], io), undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('runs with other node flags keep their own data: neither deletes the other', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kd-code-cache-'));
  const saved = process.execArgv;
  try {
    const cacheDir = path.join(dir, '.kubedrill-cache');
    const file = body(dir, 21);
    await runBody(file, ['x'], memoryIo().io, { cacheDir });
    process.execArgv = ['--no-opt'];
    await runBody(file, ['x'], memoryIo().io, { cacheDir });
    process.execArgv = saved;
    assert.equal(readdirSync(cacheDir).length, 2);
    const again = memoryIo();
    await runBody(file, ['x'], again.io, { cacheDir });
    assert.equal(again.out(), '42 x function true\n');
    assert.equal(readdirSync(cacheDir).length, 2);
  } finally {
    process.execArgv = saved;
    rmSync(dir, { recursive: true, force: true });
  }
});
