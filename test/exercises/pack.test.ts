import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { defaultPackDir, findExercise, loadPack, localize, resolveLang } from '../../src/exercises/pack.js';

const packs = path.resolve('test/fixtures/packs');

test('the mini pack loads, sorted by folder, with parsed checks and durations', () => {
  const r = loadPack(path.join(packs, 'mini'));
  assert.ok(r.ok, JSON.stringify(!r.ok && r.findings));
  const ids = r.pack.exercises.map((e) => e.id);
  assert.deepEqual(ids, ['pass', 'parse-error', 'schema-error', 'api-error', 'expect-fail', 'sim-fail', 'preserve-fail']);
  const ex = r.pack.exercises[0]!;
  assert.equal(ex.dir, '01-pass');
  assert.equal(ex.solutionPath, path.join(packs, 'mini', 'solutions', '01-pass', 'pod.yaml'));
  assert.deepEqual(ex.simulate, { forMs: 90_000, seed: 1 });
  const killed = ex.checks!.behaviour.find((b) => b.id === 'killed')!;
  assert.equal(killed.kind, 'killed');
  assert.deepEqual(killed.kind === 'killed' && killed.withinMs, [40_000, 55_000]);
  assert.equal(ex.checks!.expect[0]!.points, 2);
  assert.equal(ex.checks!.expect[1]!.points, 1, 'points default to 1');
  assert.equal(ex.checks!.preserve[0]!.title.en, 'spec.containers[0].args is unchanged from the starter');
});

test('the pack folder or its exercises/ folder can be given', () => {
  const a = loadPack(path.join(packs, 'mini'));
  const b = loadPack(path.join(packs, 'mini', 'exercises'));
  assert.ok(a.ok && b.ok);
  assert.equal(a.pack.solutionsDir, b.pack.solutionsDir);
});

test('bad metadata: findings name the file and the line of the offending key', () => {
  const r = loadPack(path.join(packs, 'bad-metadata'));
  assert.equal(r.ok, false);
  const f = !r.ok ? r.findings : [];
  const unknown = f.find((x) => x.message.includes('unknown field "author"'));
  assert.ok(unknown, JSON.stringify(f));
  assert.match(unknown.file, /bad-metadata[/\\]exercises[/\\]01-pass[/\\]exercise\.yaml$/);
  assert.equal(unknown.line, 4);
  const diff = f.find((x) => x.message.startsWith('difficulty: must be one of'));
  assert.equal(diff?.line, 3);
});

test('a missing starter is named', () => {
  const r = loadPack(path.join(packs, 'missing-starter'));
  assert.equal(r.ok, false);
  const f = !r.ok ? r.findings[0]! : undefined;
  assert.equal(f?.code, 'pack/missing-starter');
  assert.match(f!.message, /starter file "pod\.yaml" does not exist/);
  assert.equal(f!.line, 8);
});

test('a solution path that escapes the pack with .. is refused', () => {
  const r = loadPack(path.join(packs, 'escape-solution'));
  assert.equal(r.ok, false);
  const f = !r.ok ? r.findings[0]! : undefined;
  assert.match(f!.message, /solution: must be a relative path inside the pack/);
  assert.equal(f!.line, 9);
});

test('a folder that does not exist is a finding, not a throw', () => {
  const r = loadPack(path.join(packs, 'no-such-pack'));
  assert.equal(r.ok, false);
  assert.match(!r.ok ? r.findings[0]!.message : '', /exercise pack not found/);
});

test('findExercise accepts the id, the folder name and the number', () => {
  const r = loadPack(path.join(packs, 'mini'));
  assert.ok(r.ok);
  assert.equal(findExercise(r.pack, 'sim-fail')?.dir, '06-sim-fail');
  assert.equal(findExercise(r.pack, '06-sim-fail')?.id, 'sim-fail');
  assert.equal(findExercise(r.pack, '6')?.id, 'sim-fail');
  assert.equal(findExercise(r.pack, '06')?.id, 'sim-fail');
  assert.equal(findExercise(r.pack, 'nope'), undefined);
});

test('resolveLang: flag, then KUBEDRILL_LANG, then the locale', () => {
  assert.equal(resolveLang('ko', { KUBEDRILL_LANG: 'en' }), 'ko');
  assert.equal(resolveLang(undefined, { KUBEDRILL_LANG: 'ko', LANG: 'en_US.UTF-8' }), 'ko');
  assert.equal(resolveLang(undefined, { LANG: 'ko_KR.UTF-8' }), 'ko');
  assert.equal(resolveLang(undefined, { LC_ALL: 'en_US.UTF-8', LANG: 'ko_KR.UTF-8' }), 'en');
  assert.equal(resolveLang(undefined, { LC_MESSAGES: 'ko_KR' }), 'ko');
  assert.equal(resolveLang(undefined, {}), 'en');
  assert.equal(localize({ en: 'a', ko: '가' }, 'ko'), '가');
});

test('the built-in pack is found from the module and loads without findings', () => {
  assert.equal(path.basename(defaultPackDir()), 'exercises');
  const r = loadPack();
  assert.ok(r.ok, JSON.stringify(!r.ok && r.findings));
  assert.ok(r.pack.exercises.some((e) => e.id === 'liveness-exam'));
});

test('loadPackFor reads only the matching exercise, and the whole pack for an unknown id', async () => {
  const { loadPackFor } = await import('../../src/exercises/pack.js');
  const one = loadPackFor(path.join(packs, 'mini'), 'sim-fail');
  assert.ok(one.ok);
  assert.deepEqual(one.pack.exercises.map((e) => e.id), ['sim-fail']);
  const byNumber = loadPackFor(path.join(packs, 'mini'), '2');
  assert.deepEqual(byNumber.ok && byNumber.pack.exercises.map((e) => e.id), ['parse-error']);
  const all = loadPackFor(path.join(packs, 'mini'), 'nope');
  assert.equal(all.ok && all.pack.exercises.length, 7);
  const broken = loadPackFor(path.join(packs, 'missing-starter'), 'pass');
  assert.equal(broken.ok, false);
});

test('loadPackFor caches the loaded exercise in cacheDir, keyed by the metadata file (location, size, mtime)', async () => {
  const { loadPackFor } = await import('../../src/exercises/pack.js');
  const { mkdtempSync, readdirSync, cpSync, appendFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const tmp = mkdtempSync(path.join(tmpdir(), 'kubedrill-cache-'));
  const pack = path.join(tmp, 'pack');
  cpSync(path.join(packs, 'mini'), pack, { recursive: true });
  const cacheDir = path.join(tmp, 'cache');
  const a = loadPackFor(pack, 'pass', { cacheDir });
  assert.equal(readdirSync(cacheDir).length, 1);
  const b = loadPackFor(pack, 'pass', { cacheDir });
  assert.ok(a.ok && b.ok);
  assert.deepEqual(b.pack.exercises[0], a.pack.exercises[0]);
  // Editing the metadata makes a new entry; breaking it is reported, never served from the cache.
  appendFileSync(path.join(pack, 'exercises/01-pass/exercise.yaml'), 'author: me\n');
  const c = loadPackFor(pack, 'pass', { cacheDir });
  assert.equal(c.ok, false);
  assert.match(!c.ok ? c.findings[0]!.message : '', /unknown field "author"/);
});

test('a solution that is a symlink out of the pack is refused; image specs are validated', async () => {
  const { mkdtempSync, cpSync, rmSync, symlinkSync, readFileSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const tmp = mkdtempSync(path.join(tmpdir(), 'kubedrill-escape-'));
  const pack = path.join(tmp, 'pack');
  cpSync(path.join(packs, 'mini'), pack, { recursive: true });
  const sol = path.join(pack, 'solutions/01-pass/pod.yaml');
  rmSync(sol);
  writeFileSync(path.join(tmp, 'outside.yaml'), 'secret');
  symlinkSync(path.join(tmp, 'outside.yaml'), sol);
  const r = loadPack(pack);
  assert.equal(r.ok, false);
  assert.ok(!r.ok && r.findings.some((f) => f.code === 'pack/escape' && /escapes the pack's solutions\/01-pass\/ folder/.test(f.message)), JSON.stringify(!r.ok && r.findings));

  const meta = path.join(pack, 'exercises/02-parse-error/exercise.yaml');
  writeFileSync(meta, readFileSync(meta, 'utf8') + 'images:\n  - repository: myapp\n    behaviour: my app\n');
  const r2 = loadPack(pack);
  assert.ok(!r2.ok && r2.findings.some((f) => f.file === meta && /images\.0: missing required field "sizeBytes"/.test(f.message)), JSON.stringify(!r2.ok && r2.findings));
});

test('a folder that is not a pack gets one clear finding, not one per sub-folder', () => {
  const r = loadPack(path.resolve('test/fixtures/manifests'));
  assert.equal(r.ok, false);
  assert.equal(!r.ok && r.findings.length, 1);
  assert.equal(!r.ok && r.findings[0]!.code, 'pack/empty');
  assert.match(!r.ok ? r.findings[0]!.message : '', /not an exercise pack/);
});

test('exercise metadata with a recursive alias or an alias bomb is one finding at its line, not a hang', async () => {
  const { mkdtempSync, cpSync, rmSync, readFileSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const tmp = mkdtempSync(path.join(tmpdir(), 'kubedrill-alias-'));
  try {
    const pack = path.join(tmp, 'pack');
    cpSync(path.join(packs, 'mini'), pack, { recursive: true });
    const meta = path.join(pack, 'exercises/01-pass/exercise.yaml');
    const original = readFileSync(meta, 'utf8');
    writeFileSync(meta, original + 'expect: &e\n  - schema: *e\n');
    const r = loadPack(pack);
    const f = !r.ok ? r.findings.find((x) => x.file === meta) : undefined;
    assert.equal(f?.code, 'pack/yaml', JSON.stringify(!r.ok && r.findings));
    assert.equal(f!.message, "anchor 'e' value contains itself: the alias *e is inside the node &e names, so the value would never end");
    assert.equal(f!.line, original.split('\n').length + 1);

    let bomb = 'x0: &x0 [a, a, a, a, a, a, a, a, a, a]\n';
    for (let i = 1; i < 10; i++) bomb += `x${i}: &x${i} [${Array(10).fill(`*x${i - 1}`).join(', ')}]\n`;
    writeFileSync(meta, original + bomb);
    const r2 = loadPack(pack);
    assert.ok(!r2.ok && r2.findings.some((x) => x.file === meta && /alias bomb/.test(x.message)), JSON.stringify(!r2.ok && r2.findings));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
