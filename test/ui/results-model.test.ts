import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extraFindings, resultRows } from '../../src/ui/results-model.js';
import { messages } from '../../src/ui/messages.js';
import { rowText } from '../../src/ui/row-model.js';
import { failResult } from './helpers.js';

test('a failed check shows ✗, its message, file:line:col, the excerpt and a caret under the column', () => {
  const rows = resultRows(failResult(), messages('en'), 80).map(rowText);
  const i = rows.findIndex((r) => r.startsWith('✗ The probe runs every 5 s'));
  assert.ok(i >= 0, rows.join('\n'));
  assert.equal(rows[i + 1], '   the liveness probe runs every 10 s; the task asks for every 5 s');
  assert.equal(rows[i + 2], '   liveness-exam.yaml:14:7');
  assert.equal(rows[i + 3], '   14 │       periodSeconds: 10');
  assert.equal(rows[i + 4], '      │       ^');
  assert.ok(rows.includes('✓ The pod keeps its name'));
  assert.ok(rows.some((r) => r.startsWith('– The container is restarted')));
  assert.ok(rows.some((r) => r.includes('first difference @ 47s')));
});

test('YAML findings not covered by a check are listed with their position', () => {
  const r = failResult();
  r.findings = [{ code: 'yaml/bad', stage: 'yaml', severity: 'error', message: 'Nested mappings are not allowed', file: 'x.yaml', line: 3, col: 5, excerpt: 'a: b: c' }];
  assert.equal(extraFindings(r).length, 1);
  const rows = resultRows(r, messages('en'), 80).map(rowText);
  assert.equal(rows[0], '✗ Nested mappings are not allowed');
  assert.equal(rows[1], '   x.yaml:3:5');
  assert.equal(rows[3], '     │     ^');
  r.checks.push({ id: 'yaml', stage: 'yaml', title: 'YAML', status: 'fail', message: 'Nested mappings are not allowed', line: 3, col: 5, points: 0 });
  assert.equal(extraFindings(r).length, 0);
});

test('a run of checks skipped for the same reason is one line', () => {
  const r = failResult();
  const skip = (id: string) => ({ id, stage: 'expect' as const, title: `check ${id}`, status: 'skip' as const, message: 'fix the YAML errors first', points: 1 });
  r.checks = [r.checks[0]!, skip('a'), skip('b'), skip('c'), skip('d')];
  const rows = resultRows(r, messages('en'), 80).map(rowText);
  assert.ok(rows.includes('– 4 more checks not run: fix the YAML errors first'), rows.join('\n'));
  assert.ok(!rows.some((x) => x.includes('check a')));
  r.checks = [skip('a'), skip('b')];
  assert.ok(resultRows(r, messages('en'), 80).map(rowText).includes('– check a'));
});
