// The built CLI's own output path (src/commands/io.ts processIo): a pipe or a file is written
// synchronously, a slow or departed reader is handled, nothing is lost or reordered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isReadFailure, readManifestFile } from '../../src/manifest/index.js';
import { simulate } from '../../src/sim/index.js';
import { createRuntime } from '../../src/sim/runtime/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const built = existsSync(path.join(ROOT, 'dist/cli.js'));
const SOLUTION = 'solutions/01-liveness-exam/liveness-exam.yaml';
const ARGS = ['bin/kubedrill.js', 'sim', SOLUTION, '--for', '2h', '--output', 'json'];

function expectedJson(): string {
  const r = readManifestFile(path.join(ROOT, SOLUTION), SOLUTION);
  assert.ok(!isReadFailure(r) && r.ok);
  const trace = simulate(r.documents[0]!.pod!, { untilMs: 2 * 3_600_000, seed: 1, runtime: createRuntime() });
  return JSON.stringify(trace, null, 2) + '\n';
}

test('a reader that waits before reading still gets every byte, in order', { skip: !built && 'not built' }, async () => {
  const want = expectedJson();
  assert.ok(Buffer.byteLength(want) > 256 * 1024, 'more than a pipe buffer holds');
  const child = spawn(process.execPath, ARGS, { cwd: ROOT });
  child.stdout.pause();
  const chunks: Buffer[] = [];
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  await new Promise((r) => setTimeout(r, 300)); // the child fills the pipe and has to wait
  child.stdout.on('data', (d: Buffer) => chunks.push(d));
  child.stdout.resume();
  const code = await new Promise<number | null>((r) => child.on('close', r));
  assert.equal(code, 0, stderr);
  assert.equal(Buffer.concat(chunks).toString('utf8'), want);
});

test('a reader that goes away early (`| head -1`) ends the run quietly with exit 0', { skip: !built && 'not built' }, async () => {
  const child = spawn(process.execPath, ARGS, { cwd: ROOT });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout.once('data', () => child.stdout.destroy());
  const code = await new Promise<number | null>((r) => child.on('close', r));
  assert.equal(code, 0);
  assert.equal(stderr, '');
});

test('output to a file is the same text; errors still go to stderr with their exit code', { skip: !built && 'not built' }, () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'kubedrill-out-'));
  try {
    const file = path.join(tmp, 'trace.json');
    const fd = openSync(file, 'w');
    const r = spawnSync(process.execPath, ARGS, { cwd: ROOT, stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
    closeSync(fd);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readFileSync(file, 'utf8'), expectedJson());
    const missing = spawnSync(process.execPath, ['bin/kubedrill.js', 'sim', path.join(tmp, 'nope.yaml')], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(missing.status, 2);
    assert.equal(missing.stdout, '');
    assert.match(missing.stderr, /cannot read .*nope\.yaml: no such file/);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
