// The TUI's bundle (React, Ink and yoga inside one CommonJS body, see scripts/build.mjs) loads and
// runs without a terminal, in React's production build, and fills its code cache only after a kept run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runBody } from '../../src/commands/code-cache.js';
import { memoryIo } from '../../src/commands/io.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BODY = path.join(ROOT, 'dist/commands/tui-body.cjs');

test('the TUI body is one CommonJS file with React and Ink bundled in their production builds', () => {
  const src = readFileSync(BODY, 'utf8');
  assert.doesNotMatch(src, /require\("(ink|react|react-reconciler|yoga-layout)"\)/, 'React, Ink and yoga are bundled, not loaded from node_modules');
  assert.doesNotMatch(src, /react\.development|react-reconciler\.development/, "React's development build stays out");
  assert.match(src, /react-reconciler\.production|Minified React error/, "React's production build is in");
});

test('the bundle loads and runs without a terminal: --help, and the no-terminal message with exit 2', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kd-tui-bundle-'));
  try {
    const cacheDir = path.join(dir, 'cache');
    const help = memoryIo();
    assert.equal(await runBody(BODY, ['--help'], help.io, { cacheDir, keep: () => false }), 0);
    assert.match(help.out(), /Usage: kubedrill \[tui\]/);
    const piped = memoryIo();
    assert.equal(await runBody(BODY, [], piped.io, { cacheDir, keep: (c) => c === 0 }), 2);
    assert.match(piped.err(), /terminal/);
    assert.equal(existsSync(cacheDir), false, 'runs that are not kept write no cache');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('`kubedrill` piped (no terminal) says so through the real CLI, exit 2', () => {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/kubedrill.js')], { encoding: 'utf8', input: '' });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /terminal/);
  assert.equal(readdirSync(path.join(ROOT, 'dist/commands')).includes('tui.mjs'), false, 'no ES module build of the TUI is left');
});

// kubedrill exam is built the same way (scripts/build.mjs CODE_CACHED.exam): its screens start as fast as the list's.
const EXAM_BODY = path.join(ROOT, 'dist/commands/exam-body.cjs');

test('the exam body is one CommonJS file with React and Ink bundled, and it runs without a terminal', async () => {
  const src = readFileSync(EXAM_BODY, 'utf8');
  assert.doesNotMatch(src, /require\("(ink|react|react-reconciler|yoga-layout)"\)/, 'React, Ink and yoga are bundled, not loaded from node_modules');
  assert.doesNotMatch(src, /react\.development|react-reconciler\.development/);
  assert.match(src, /react-reconciler\.production|Minified React error/);
  const dir = mkdtempSync(path.join(tmpdir(), 'kd-exam-bundle-'));
  try {
    const cacheDir = path.join(dir, 'cache');
    const help = memoryIo();
    assert.equal(await runBody(EXAM_BODY, ['--help'], help.io, { cacheDir, keep: () => false }), 0);
    assert.match(help.out(), /Usage: kubedrill exam/);
    const piped = memoryIo({ cwd: dir });
    assert.equal(await runBody(EXAM_BODY, ['--workspace', path.join(dir, 'ws')], piped.io, { cacheDir, keep: () => false }), 2);
    assert.match(piped.err(), /needs a terminal/);
    const plain = memoryIo({ cwd: dir });
    assert.equal(await runBody(EXAM_BODY, ['--plain', '--tasks', '2', '--workspace', path.join(dir, 'ws')], plain.io, { cacheDir, keep: (c) => c === 0 }), 0);
    assert.match(plain.out(), /^Exam \d{8}-\d{6} · 2 tasks/);
    assert.equal(existsSync(cacheDir), true, 'a kept run writes the cache');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const haveScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).error === undefined;
  if (haveScript) assert.ok(existsSync(path.join(ROOT, 'dist/commands/.code-cache')) && readdirSync(path.join(ROOT, 'dist/commands/.code-cache')).some((n) => n.startsWith('code-exam-body')), 'the build filled the exam\'s code cache (one session on a pseudo-terminal)');
});
