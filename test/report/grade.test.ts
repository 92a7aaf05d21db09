import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatGradeText, gradeToJson, checkLine } from '../../src/report/grade.js';
import type { GradeResult } from '../../src/grade/types.js';

const result = (): GradeResult => ({
  exerciseId: 'liveness-exam',
  file: 'answer.yaml',
  passed: false,
  score: 7,
  maxScore: 10,
  findings: [],
  checks: [
    { id: 'yaml', stage: 'yaml', title: 'The file is valid YAML', status: 'pass', message: 'ok', points: 0 },
    { id: 'period', stage: 'expect', title: 'The probe runs every 5 s', status: 'fail', message: 'periodSeconds is not 5', file: 'answer.yaml', line: 19, col: 7, points: 1 },
    { id: 'same', stage: 'behaviour', title: 'Behaves like the reference', status: 'skip', message: 'fix the YAML errors first', points: 1 },
  ],
  diffStarter: '--- starter/a\n+++ answer.yaml\n@@ -1,1 +1,2 @@\n a\n+b\n',
  diffReference: '',
  divergence: { atMs: 12_000, message: 'your container app is killed (liveness probe failed) at 12 s; the reference is killed at 40 s' },
  trace: { format: 'kubedrill-trace/v1', seed: 1, untilMs: 1, pod: { name: 'p', namespace: 'default', uid: 'u', nodeName: 'n' }, containers: [], records: [] },
});

test('check lines: ✓ title / ✗ title — message (file:line:col)', () => {
  const r = result();
  assert.equal(checkLine(r.checks[0]!, false), '✓ The file is valid YAML');
  assert.equal(checkLine(r.checks[1]!, false), '✗ The probe runs every 5 s — periodSeconds is not 5 (answer.yaml:19:7)');
  assert.equal(checkLine(r.checks[2]!, false), '- Behaves like the reference — fix the YAML errors first');
  assert.match(checkLine(r.checks[1]!, true), /\x1b\[31m✗\x1b\[0m/);
});

test('the text report: title, checks, divergence, diff summary, score, verdict', () => {
  const text = formatGradeText(result(), { lang: 'en', color: false, title: 'liveness-exam — Self-healing' });
  const lines = text.split('\n');
  assert.equal(lines[0], 'liveness-exam — Self-healing');
  assert.ok(lines.includes('First difference from the reference: your container app is killed (liveness probe failed) at 12 s; the reference is killed at 40 s'));
  assert.ok(lines.includes('Your changes to the starter: +1 −0 lines'));
  assert.ok(lines.includes('Score: 7/10'));
  assert.equal(lines.at(-2), 'FAILED');
  assert.doesNotMatch(text, /\x1b\[/);
  const verbose = formatGradeText(result(), { lang: 'en', color: false, verbose: true });
  assert.match(verbose, /^\+b$/m);
});

test('JSON: stable keys, no traces', () => {
  const json = gradeToJson(result());
  const parsed = JSON.parse(json);
  assert.deepEqual(Object.keys(parsed), ['exerciseId', 'file', 'passed', 'score', 'maxScore', 'findings', 'checks', 'divergence', 'diffStarter', 'diffReference']);
  assert.equal(parsed.trace, undefined);
  assert.deepEqual(Object.keys(parsed.checks[1]), ['id', 'stage', 'title', 'status', 'message', 'points', 'file', 'line', 'col']);
});
