import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findExercise, loadPack } from '../../src/exercises/pack.js';
import { gradeFile, gradeText, referenceTrace } from '../../src/grade/index.js';
import { diffStat } from '../../src/grade/diff.js';
import { gradeToJson } from '../../src/report/grade.js';
import type { GradeResult } from '../../src/grade/types.js';

const loaded = loadPack('test/fixtures/packs/mini');
if (!loaded.ok) throw new Error('mini pack does not load');
const mini = loaded.pack;
const ex = (id: string) => findExercise(mini, id)!;
const gradeStarter = (id: string) => gradeFile(ex(id), ex(id).starterPath!, { displayName: 'pod.yaml' });
const check = (r: GradeResult, id: string) => r.checks.find((c) => c.id === id)!;

test('pass: every check passes, full score, no divergence', () => {
  const r = gradeStarter('pass');
  assert.equal(r.passed, true, JSON.stringify(r.checks.filter((c) => c.status !== 'pass')));
  assert.equal(r.score, 10);
  assert.equal(r.maxScore, 10);
  assert.equal(r.divergence, undefined);
  assert.equal(r.diffStarter, '', 'the starter of "pass" is the solution');
  assert.equal(r.diffReference, '');
  assert.deepEqual(r.checks.map((c) => c.stage), ['yaml', 'schema', 'api', 'expect', 'expect', 'expect', 'preserve', 'behaviour', 'behaviour', 'behaviour']);
});

test('parse-error: the YAML check fails with a position, the rest are skipped', () => {
  const r = gradeStarter('parse-error');
  assert.equal(r.passed, false);
  assert.equal(r.score, 0);
  const y = check(r, 'yaml');
  assert.equal(y.status, 'fail');
  assert.equal(y.file, 'pod.yaml');
  assert.ok(y.line! >= 13, `line ${y.line}`);
  for (const c of r.checks.slice(1)) {
    assert.equal(c.status, 'skip');
    assert.equal(c.message, 'fix the YAML errors first');
  }
  assert.equal(r.trace, undefined);
});

test('schema-error: the typo is named and the schema check fails', () => {
  const r = gradeStarter('schema-error');
  assert.equal(r.passed, false);
  const s = check(r, 'schema');
  assert.equal(s.status, 'fail');
  assert.match(s.message, /livenesProbe/);
  assert.equal(s.line, 13);
  assert.equal(check(r, 'period').status, 'skip');
});

test('api-error: the API server rule is the failing check', () => {
  const r = gradeStarter('api-error');
  assert.equal(r.passed, false);
  assert.equal(check(r, 'schema').status, 'pass');
  const a = check(r, 'api');
  assert.equal(a.status, 'fail');
  assert.match(a.message, /successThreshold/);
  assert.match(a.message, /must be 1/);
});

test('expect-fail: the failing field is located in the learner file; the divergence is described', () => {
  const r = gradeStarter('expect-fail');
  assert.equal(r.passed, false);
  const p = check(r, 'period');
  assert.equal(p.status, 'fail');
  assert.equal(p.message, 'periodSeconds is not 5');
  const text = readFileSync(ex('expect-fail').starterPath!, 'utf8').split('\n');
  assert.match(text[p.line! - 1]!, /^\s+periodSeconds: 10/);
  assert.equal(p.col, text[p.line! - 1]!.indexOf('periodSeconds') + 1);
  assert.equal(check(r, 'delay').status, 'pass');
  assert.equal(check(r, 'same').status, 'fail');
  assert.ok(r.divergence, 'behaviour differs from the reference');
  assert.match(r.divergence.message, /killed/);
  assert.ok(r.score > 0 && r.score < 10, `partial score ${r.score}`);
});

test('a missing field points at its nearest parent in the file', () => {
  const e = ex('expect-fail');
  const text = readFileSync(e.starterPath!, 'utf8').replace(/^\s+initialDelaySeconds: 5\n/m, '');
  const r = gradeText(e, text, 'pod.yaml');
  const d = check(r, 'delay');
  assert.equal(d.status, 'fail');
  assert.match(text.split('\n')[d.line! - 1]!, /livenessProbe:/, 'points at livenessProbe');
});

test('sim-fail: fields are right but the pod misbehaves; the message says when', () => {
  const r = gradeStarter('sim-fail');
  assert.equal(r.passed, false);
  assert.equal(check(r, 'period').status, 'pass');
  const early = check(r, 'not-killed-early');
  assert.equal(early.status, 'fail');
  assert.match(early.message, /check the probe's command \(your container is first killed at \d+ s\)/);
  assert.match(r.divergence!.message, /^your container app is killed at \d+ s \(liveness probe failed 3 times\); the reference is first killed at \d+ s \(liveness probe failed 3 times\)$/);
});

test('preserve-fail: changing the args is said plainly', () => {
  // The probe is right, but the args no longer delete the file (so the probe never fails).
  const e = ex('preserve-fail');
  const tampered = readFileSync(e.solutionPath, 'utf8').replace('sleep 35', 'sleep 3600');
  const r = gradeText(e, tampered, 'pod.yaml');
  assert.equal(r.passed, false);
  const a = check(r, 'args-kept');
  assert.equal(a.status, 'fail');
  assert.equal(a.message, "Don't change the container's args");
  assert.equal(a.line, 9, "points at args:");
});

test('Korean messages come from the pack and the grader', () => {
  const r = gradeFile(ex('parse-error'), ex('parse-error').starterPath!, { lang: 'ko' });
  assert.equal(check(r, 'period').message, '먼저 YAML 오류를 고치세요');
  assert.equal(check(r, 'period').title, '프로브가 5초마다 실행됨');
});

test('grading is deterministic: same input, byte-identical result', () => {
  const a = gradeStarter('expect-fail');
  const b = gradeStarter('expect-fail');
  assert.equal(gradeToJson(a), gradeToJson(b));
  assert.deepEqual(a.trace, b.trace);
  assert.equal(referenceTrace(ex('expect-fail')), referenceTrace(ex('expect-fail')), 'cached');
});

test('a missing, a binary and a folder path are failing results, never throws', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kubedrill-grade-'));
  const missing = gradeFile(ex('pass'), path.join(dir, 'nope.yaml'));
  assert.equal(missing.passed, false);
  assert.equal(missing.findings[0]!.stage, 'read');
  assert.match(missing.findings[0]!.message, /no such file/);
  assert.equal(check(missing, 'yaml').status, 'fail');
  const bin = path.join(dir, 'bin.yaml');
  writeFileSync(bin, Buffer.from([0x61, 0x00, 0x62]));
  const binary = gradeFile(ex('pass'), bin);
  assert.match(binary.findings[0]!.message, /file is binary, not YAML text/);
  assert.equal(binary.findings[0]!.stage, 'yaml', 'a binary answer fails the YAML check, as in validate (exit 1, not 2)');
  assert.equal(check(binary, 'yaml').status, 'fail');
  const big = path.join(dir, 'big.yaml');
  writeFileSync(big, 'a: b\n'.repeat(200_000));
  assert.match(gradeFile(ex('pass'), big).findings[0]!.message, /too large|KiB|MB/);
  assert.match(gradeFile(ex('pass'), dir).findings[0]!.message, /it is a folder/);
  rmSync(dir, { recursive: true, force: true });
});

test('the diff against the starter shows what the learner changed', () => {
  const r = gradeStarter('expect-fail');
  const e = ex('expect-fail');
  const text = readFileSync(e.starterPath!, 'utf8').replace('periodSeconds: 10', 'periodSeconds: 5');
  const fixed = gradeText(e, text, 'pod.yaml');
  assert.equal(r.diffStarter, '');
  assert.match(fixed.diffStarter, /^-\s+periodSeconds: 10$/m);
  assert.match(fixed.diffStarter, /^\+\s+periodSeconds: 5$/m);
  assert.deepEqual(diffStat(fixed.diffStarter), { added: 1, removed: 1 });
  assert.equal(fixed.passed, true);
});
