import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsToJson, formatFindings, summarize } from '../../src/report/findings.js';
import type { Finding } from '../../src/manifest/types.js';

const located: Finding = {
  code: 'schema/unknown-field',
  stage: 'schema',
  severity: 'error',
  message: 'unknown field "livenesProbe" in Container — did you mean "livenessProbe"?',
  file: 'pod.yaml',
  path: 'spec.containers[0].livenesProbe',
  line: 9,
  col: 5,
  excerpt: '    livenesProbe:',
  suggestion: 'livenessProbe',
};
const bare: Finding = { code: 'yaml/empty', stage: 'yaml', severity: 'error', message: 'file is empty: expected a Pod manifest', file: 'empty.yaml' };
const warning: Finding = {
  code: 'api/warning',
  stage: 'api',
  severity: 'warning',
  message: 'spec.terminationGracePeriodSeconds: must be >= 0; negative values are invalid and will be treated as 1',
  file: 'p.yaml',
  path: 'spec.terminationGracePeriodSeconds',
  line: 6,
  col: 3,
  excerpt: '\tterminationGracePeriodSeconds: -5',
};

test('compiler style: FILE:LINE:COL: error: MESSAGE, the line, a caret under the column, the path', () => {
  assert.equal(
    formatFindings([located]),
    'pod.yaml:9:5: error: unknown field "livenesProbe" in Container — did you mean "livenessProbe"?\n' +
      '      livenesProbe:\n' +
      '      ^\n' +
      '  at spec.containers[0].livenesProbe\n',
  );
});

test('no position: FILE: error: MESSAGE; warnings say warning; tabs in the excerpt become spaces', () => {
  assert.equal(formatFindings([bare]), 'empty.yaml: error: file is empty: expected a Pod manifest\n');
  assert.equal(
    formatFindings([warning]),
    'p.yaml:6:3: warning: spec.terminationGracePeriodSeconds: must be >= 0; negative values are invalid and will be treated as 1\n' +
      '   terminationGracePeriodSeconds: -5\n' +
      '    ^\n' +
      '  at spec.terminationGracePeriodSeconds\n',
  );
});

test('color wraps severity, location and caret in ANSI codes only when asked', () => {
  const colored = formatFindings([located], { color: true });
  assert.match(colored, /\x1b\[1;31merror\x1b\[0m/);
  assert.match(colored, /\x1b\[32m\^\x1b\[0m/);
  assert.doesNotMatch(formatFindings([located]), /\x1b/);
});

test('a long line is cut around the column and the caret still points at it', () => {
  const long: Finding = { ...located, col: 301, excerpt: 'x'.repeat(300) + 'HERE' + 'y'.repeat(300) };
  const lines = formatFindings([long]).split('\n');
  const text = lines[1]!;
  const caret = lines[2]!;
  assert.ok(text.length < 200);
  assert.equal(text[caret.indexOf('^')], 'H');
});

test('JSON: stable key order, absent fields omitted, 2-space indent, trailing newline', () => {
  const json = findingsToJson([located, bare]);
  assert.ok(json.endsWith(']\n'));
  const parsed = JSON.parse(json);
  assert.deepEqual(Object.keys(parsed[0]), ['file', 'line', 'col', 'severity', 'stage', 'code', 'message', 'path', 'suggestion', 'excerpt']);
  assert.deepEqual(Object.keys(parsed[1]), ['file', 'severity', 'stage', 'code', 'message']);
  assert.match(json, /^\[\n {2}\{\n {4}"file": "pod.yaml",\n {4}"line": 9,/);
  assert.equal(findingsToJson([]), '[]\n');
});

test('summary line', () => {
  assert.equal(summarize([located, bare], 'x.yaml'), '2 errors in x.yaml');
  assert.equal(summarize([located], 'x.yaml'), '1 error in x.yaml');
  assert.equal(summarize([located, warning], 'x.yaml'), '1 error and 1 warning in x.yaml');
});
