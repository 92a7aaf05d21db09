// Every right answer to liveness-exam passes; every near miss fails with a message naming the problem.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { findExercise, loadPack } from '../../src/exercises/pack.js';
import { gradeFile } from '../../src/grade/index.js';
import { diffStat } from '../../src/grade/diff.js';

const dir = 'test/fixtures/answers/liveness-exam';
const loaded = loadPack();
if (!loaded.ok) throw new Error('built-in pack does not load');
const ex = findExercise(loaded.pack, 'liveness-exam')!;

/** What the failure must say, per near miss. */
const EXPECTED: Record<string, RegExp> = {
  'fail-wrong-period.yaml': /The liveness probe runs every 10 s; the task asks for every 5 s/,
  'fail-wrong-threshold.yaml': /restarted after \d+ failures in a row; the task asks for 2/,
  'fail-missing-delay.yaml': /initialDelaySeconds is missing: the task asks to start probing 10 seconds/,
  'fail-wrong-file.yaml': /does not check \/tmp\/healthy/,
  'fail-one-string-argv.yaml': /single string with spaces/,
  'fail-httpget-on-busybox.yaml': /must run a command in the container/,
  'fail-readiness-instead.yaml': /has no livenessProbe/,
  'fail-tampered-args.yaml': /Don't change the container's args/,
  'fail-typo-key.yaml': /periodSecond\b/,
};

const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();

test('the answer folder holds the right answers and every near miss of the issue', () => {
  for (const f of Object.keys(EXPECTED)) assert.ok(files.includes(f), `missing ${f}`);
  for (const f of ['pass-cat.yaml', 'pass-ls.yaml', 'pass-test-e.yaml', 'pass-sh-c.yaml', 'pass-no-success-threshold.yaml']) assert.ok(files.includes(f), `missing ${f}`);
});

for (const f of files) {
  test(`liveness-exam: ${f}`, () => {
    const r = gradeFile(ex, path.join(dir, f), { displayName: f });
    const failing = r.checks.filter((c) => c.status === 'fail');
    if (f.startsWith('pass-')) {
      assert.equal(r.passed, true, failing.map((c) => `${c.id}: ${c.message}`).join('\n'));
      assert.equal(r.score, r.maxScore);
      return;
    }
    assert.equal(r.passed, false, `${f} must fail`);
    const said = [...r.findings.map((x) => x.message), ...failing.map((c) => c.message)].join('\n');
    const want = EXPECTED[f];
    if (want) assert.match(said, want);
    for (const c of failing) assert.ok(c.message.length > 10, `check ${c.id} says what is wrong`);
  });
}

test('cat instead of ls: the semantic diff against the reference shows only that', () => {
  const r = gradeFile(ex, path.join(dir, 'pass-cat.yaml'));
  assert.deepEqual(diffStat(r.diffReference), { added: 1, removed: 1 }, r.diffReference);
  assert.match(r.diffReference, /^-\s+- ls$/m);
  assert.match(r.diffReference, /^\+\s+- cat$/m);
});

test('a wrong period: the divergence says when the container is killed compared with the reference', () => {
  const r = gradeFile(ex, path.join(dir, 'fail-wrong-period.yaml'));
  assert.ok(r.divergence);
  assert.match(r.divergence.message, /killed/);
  const period = r.checks.find((c) => c.id === 'period')!;
  assert.equal(period.line, 19);
  assert.equal(period.col, 7);
});
