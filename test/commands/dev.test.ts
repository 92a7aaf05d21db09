import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { run } from '../../src/commands/dev.js';
import { memoryIo } from '../../src/commands/io.js';

const PACKS = path.resolve('test/fixtures/packs');

test('dev check: the built-in pack is valid, starters fail, solutions pass, zero grader holes', async () => {
  const m = memoryIo();
  const code = await run(['check', '--json'], m.io);
  const report = JSON.parse(m.out());
  const problems = report.exercises
    .filter((e: { ok: boolean }) => !e.ok)
    .map((e: { dir: string; starterFails: boolean; solutionProblems: string[]; mutants: { outcome: string; description: string }[] }) => ({
      dir: e.dir,
      starterFails: e.starterFails,
      solutionProblems: e.solutionProblems,
      holes: e.mutants.filter((x) => x.outcome === 'hole').map((x) => x.description),
    }));
  assert.deepEqual(problems, []);
  assert.equal(report.holes, 0);
  assert.equal(code, 0);
  assert.ok(report.exercises.length >= 1);
  for (const e of report.exercises) assert.ok(e.mutants.some((x: { outcome: string }) => x.outcome === 'caught'), `${e.dir} has caught mutants`);
});

test('dev check: a weak exercise reports its grader holes and exits 1', async () => {
  const m = memoryIo();
  assert.equal(await run(['check', path.join(PACKS, 'holey')], m.io), 1);
  const out = m.out();
  assert.match(out, /^✗ 01-weak$/m);
  assert.match(out, /^ {4}starter fails \(as it must\)$/m);
  assert.match(out, /^ {6}grader hole: app: livenessProbe\.exec\.command\[1\] "\/tmp\/alive" → "\/tmp\/alive-x" — passes every check$/m);
  assert.match(out, /^ {6}grader hole: app: livenessProbe\.periodSeconds removed \(default\) — passes every check$/m);
  assert.match(out, /FAILED: 1 of 1 exercises have problems \(\d+ grader holes\)\n$/);
});

test('dev check: a starter that passes and a solution that fails are reported', async () => {
  const pack = path.join(mkdtempSync(path.join(tmpdir(), 'kubedrill-dev-')), 'mini');
  cpSync(path.join(PACKS, 'mini'), pack, { recursive: true });
  const sol = path.join(pack, 'solutions/05-expect-fail/pod.yaml');
  writeFileSync(sol, readFileSync(sol, 'utf8').replace('periodSeconds: 5', 'periodSeconds: 6'));
  const m = memoryIo();
  assert.equal(await run(['check', pack], m.io), 1);
  assert.match(m.out(), /^✗ 01-pass\n {4}starter PASSES — it must fail/m);
  assert.match(m.out(), /^✗ 05-expect-fail\n {4}starter fails \(as it must\)\n {4}solution FAILS — it must pass:\n {6}period: periodSeconds is not 5$/m);
  assert.match(m.out(), /^✓ 02-parse-error$/m, 'a broken starter: preserved fields compare with the reference');
  assert.match(m.out(), /^✓ 06-sim-fail$/m);
  assert.match(m.out(), /FAILED: 2 of 7 exercises have problems \(0 grader holes\)\n$/);
});

test('dev check: a broken pack exits 2 with findings naming the file', async () => {
  const m = memoryIo();
  assert.equal(await run(['check', path.join(PACKS, 'escape-solution')], m.io), 2);
  assert.match(m.err(), /escape-solution\/exercises\/01-pass\/exercise\.yaml:9:1/);
});

test('dev new scaffolds an exercise that passes dev check', async () => {
  const pack = mkdtempSync(path.join(tmpdir(), 'kubedrill-pack-'));
  mkdirSync(path.join(pack, 'exercises'));
  const m = memoryIo({ cwd: pack });
  assert.equal(await run(['new', 'readiness-gate', '--exercises', pack], m.io), 0);
  assert.match(m.out(), /^Created exercise 01-readiness-gate:\n {2}exercises\/01-readiness-gate\/exercise\.yaml\n/);
  const meta = readFileSync(path.join(pack, 'exercises/01-readiness-gate/exercise.yaml'), 'utf8');
  assert.match(meta, /^id: readiness-gate$/m);
  const schema = /^# yaml-language-server: \$schema=(.+)$/m.exec(meta)![1]!;
  assert.equal(path.resolve(pack, 'exercises/01-readiness-gate', schema), path.resolve('src/exercises/exercise.schema.json'));
  const again = memoryIo({ cwd: pack });
  assert.equal(await run(['new', 'readiness-gate', '--exercises', pack], again.io), 2);
  assert.match(again.err(), /already exists/);
  const c = memoryIo();
  assert.equal(await run(['check', pack], c.io), 0, c.out() + c.err());
  assert.match(c.out(), /OK: 1 exercises, every starter fails, every solution passes, 0 grader holes/);
});

test('dev: usage', async () => {
  let m = memoryIo();
  assert.equal(await run([], m.io), 2);
  assert.match(m.err(), /which tool\? check or new/);
  m = memoryIo();
  assert.equal(await run(['new', 'Bad_Id', '--exercises', mkdtempSync(path.join(tmpdir(), 'kd-'))], m.io), 2);
  assert.match(m.err(), /not a valid id/);
});
