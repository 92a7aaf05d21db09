import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { run } from '../../src/commands/check.js';
import { memoryIo } from '../../src/commands/io.js';

const MINI = path.resolve('test/fixtures/packs/mini');
const tmp = () => mkdtempSync(path.join(tmpdir(), 'kubedrill-check-'));

test('check ID without FILE creates the workspace copy, says so, grades it and records progress', async () => {
  const cwd = tmp();
  const m = memoryIo({ cwd });
  assert.equal(await run(['sim-fail', '--exercises', MINI], m.io), 1);
  const out = m.out();
  assert.match(out, /^Created kubedrill-workspace\/06-sim-fail\/pod\.yaml from the starter: edit it, then run kubedrill check sim-fail again\.\n/);
  assert.match(out, /^sim-fail — Mini sim-fail$/m);
  assert.match(out, /^✗ app is not killed while \/tmp\/alive exists — app is killed although/m);
  assert.match(out, /^First difference from the reference: your container app is killed/m);
  assert.match(out, /^Score: \d+\/10$/m);
  assert.match(out, /FAILED\n$/);
  assert.ok(existsSync(path.join(cwd, 'kubedrill-workspace/06-sim-fail/pod.yaml')));
  const progress = JSON.parse(readFileSync(path.join(cwd, 'kubedrill-workspace/.kubedrill-progress.json'), 'utf8'));
  assert.equal(progress.exercises['sim-fail'].status, 'attempted');
  assert.equal(progress.exercises['sim-fail'].attempts, 1);

  const again = memoryIo({ cwd });
  assert.equal(await run(['6', '--exercises', MINI], again.io), 1);
  assert.doesNotMatch(again.out(), /Created/);
});

test('check ID FILE: exit 0 when passed, JSON without traces', async () => {
  const cwd = tmp();
  const m = memoryIo({ cwd });
  const file = path.join(MINI, 'solutions/01-pass/pod.yaml');
  assert.equal(await run(['pass', file, '--exercises', MINI, '--json'], m.io), 0);
  const r = JSON.parse(m.out());
  assert.equal(r.passed, true);
  assert.equal(r.score, 10);
  assert.equal(r.trace, undefined);
  assert.equal(r.referenceTrace, undefined);
  const progress = JSON.parse(readFileSync(path.join(cwd, 'kubedrill-workspace/.kubedrill-progress.json'), 'utf8'));
  assert.equal(progress.exercises.pass.status, 'done');
});

test('check: a file with YAML errors prints compiler-style findings and fails', async () => {
  const m = memoryIo({ cwd: tmp() });
  const file = path.join(MINI, 'exercises/02-parse-error/pod.yaml');
  assert.equal(await run(['parse-error', file, '--exercises', MINI], m.io), 1);
  assert.match(m.out(), /pod\.yaml:\d+:\d+/);
  assert.match(m.out(), /^- The probe runs every 5 s — fix the YAML errors first$/m);
});

test('check: usage errors, unknown ids and unreadable files exit 2', async () => {
  let m = memoryIo({ cwd: tmp() });
  assert.equal(await run([], m.io), 2);
  assert.match(m.err(), /which exercise\?/);
  m = memoryIo({ cwd: tmp() });
  assert.equal(await run(['nope', '--exercises', MINI], m.io), 2);
  assert.match(m.err(), /unknown exercise "nope"\. The exercises are:\n\s+01\s+pass\s+Mini pass/);
  m = memoryIo({ cwd: tmp() });
  assert.equal(await run(['pass', 'missing.yaml', '--exercises', MINI], m.io), 2);
  assert.match(m.out(), /cannot read missing\.yaml: no such file/);
  m = memoryIo({ cwd: tmp() });
  assert.equal(await run(['pass', '--lang', 'fr', '--exercises', MINI], m.io), 2);
  m = memoryIo({ cwd: tmp() });
  assert.equal(await run(['pass', '--exercises', path.resolve('test/fixtures/packs/missing-starter')], m.io), 2);
  assert.match(m.err(), /starter file "pod\.yaml" does not exist/);
  m = memoryIo({ cwd: tmpdir() });
  assert.equal(await run(['--help'], m.io), 0);
  assert.match(m.out(), /Exit codes: 0 passed, 1 failed, 2/);
});

test('check --verbose prints the full diffs', async () => {
  const m = memoryIo({ cwd: tmp() });
  const file = path.join(MINI, 'exercises/05-expect-fail/pod.yaml');
  assert.equal(await run(['pass', file, '--exercises', MINI, '--verbose'], m.io), 1);
  assert.match(m.out(), /^Compared with the reference \(defaulted, keys sorted\):$/m);
  assert.match(m.out(), /^-\s+periodSeconds: 5$/m);
});
