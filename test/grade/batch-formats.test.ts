// Every batch report format read back by an independent reader: CSV round-trips, JUnit parses as
// XML with the right structure and counts, TAP passes the checker, JSON keeps its key order — with
// submission paths and messages full of commas, quotes, newlines, controls, markup and Korean.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SummaryBuilder } from '../../src/grade/batch/summary.js';
import type { BatchRow, CheckColumn, Skipped } from '../../src/grade/batch/types.js';
import { memorySpool, type BatchHeader, type BatchWriter } from '../../src/report/batch-common.js';
import { csvWriter } from '../../src/report/batch-csv.js';
import { jsonWriter } from '../../src/report/batch-json.js';
import { junitWriter } from '../../src/report/batch-junit.js';
import { tapWriter } from '../../src/report/batch-tap.js';
import { textWriter } from '../../src/report/batch-text.js';
import { readCsv, readTap, readXml, type XmlElement } from '../fixtures/class/parsers.js';

const columns: CheckColumn[] = [
  { id: 'yaml', stage: 'yaml', title: 'The file is valid YAML' },
  { id: 'schema', stage: 'schema', title: 'The Pod matches the Kubernetes API schema' },
  { id: 'period', stage: 'expect', title: 'The probe runs every 5 s' },
  { id: 'killed', stage: 'behaviour', title: 'The probe kills the container' },
];

const NASTY = 'class/erin, "the" 학생/a\nb\rc\td\u001b[31m#1 \\ <&> ]]> \u0000\ud800 \ufffe\u0085\u2028.yaml';

const rows: BatchRow[] = [
  { index: 0, submission: 'class/alice.yaml', passed: true, score: 10, maxScore: 10, statuses: ['pass', 'pass', 'pass', 'pass'], failed: [] },
  {
    index: 1,
    submission: NASTY,
    passed: false,
    score: 7,
    maxScore: 10,
    statuses: ['pass', 'pass', 'fail', 'fail'],
    failed: [
      { id: 'period', stage: 'expect', title: 'The probe runs every 5 s', message: 'runs every 10 s; "quoted", <b>bold</b> & 중요', file: NASTY, line: 19, col: 7 },
      { id: 'killed', stage: 'behaviour', title: 'The probe kills the container', message: 'your container is first killed at 50 s\nsecond line' },
    ],
  },
  { index: 2, submission: 'class/zed.yaml', passed: false, score: 0, maxScore: 10, statuses: [], failed: [], internalError: 'internal error while grading: the worker thread ran out of memory' },
  {
    index: 3,
    submission: 'class/yaml-error.yaml',
    passed: false,
    score: 0,
    maxScore: 10,
    statuses: ['fail', 'skip', 'skip', 'skip'],
    failed: [{ id: 'yaml', stage: 'yaml', title: 'The file is valid YAML', message: 'file is binary, not YAML text (it contains NUL bytes)', file: 'class/yaml-error.yaml' }],
  },
];
const skipped: Skipped[] = [{ path: 'class/notes,\n.txt', reason: 'not a .yaml or .yml file' }];
const header: BatchHeader = { exercise: { id: 'liveness-exam', title: 'Self-healing <with> a "probe"', maxScore: 10 }, columns, count: rows.length, lang: 'en', pathWidth: 20 };

function render(make: (out: (s: string) => void) => BatchWriter): string {
  let text = '';
  const w = make((s) => (text += s));
  const sum = new SummaryBuilder(10, columns);
  w.begin(header);
  for (const r of rows) {
    sum.add(r);
    w.row(r);
  }
  w.end(sum.result(), skipped);
  return text;
}

/** What survives in every format: lone surrogates become U+FFFD. */
const wellFormed = (s: string) => s.replace(/\ud800/g, '\ufffd');

test('summary: counts, pass rate, mean, median, histogram and most failed checks from aggregates', () => {
  const s = new SummaryBuilder(10, columns);
  for (const r of rows) s.add(r);
  const r = s.result();
  assert.deepEqual(
    { ...r, histogram: r.histogram.filter((h) => h.count > 0) },
    {
      submissions: 4,
      passed: 1,
      failed: 3,
      internalErrors: 1,
      passRate: 0.25,
      meanScore: 4.25,
      medianScore: 3.5,
      maxScore: 10,
      histogram: [
        { score: 0, count: 2 },
        { score: 7, count: 1 },
        { score: 10, count: 1 },
      ],
      failedChecks: [
        { id: 'yaml', title: 'The file is valid YAML', count: 1 },
        { id: 'period', title: 'The probe runs every 5 s', count: 1 },
        { id: 'killed', title: 'The probe kills the container', count: 1 },
      ],
    },
  );
  assert.equal(r.histogram.length, 11);
});

test('CSV: RFC 4180, read back field for field', () => {
  const text = render(csvWriter);
  const table = readCsv(text);
  assert.deepEqual(table[0], ['submission', 'passed', 'score', 'max_score', 'first_failed_check', 'reason', 'yaml', 'schema', 'period', 'killed']);
  assert.equal(table.length, rows.length + 1);
  assert.deepEqual(table[1], ['class/alice.yaml', 'true', '10', '10', '', '', 'pass', 'pass', 'pass', 'pass']);
  assert.deepEqual(table[2], [wellFormed(NASTY), 'false', '7', '10', 'period', `runs every 10 s; "quoted", <b>bold</b> & 중요 (${wellFormed(NASTY)}:19:7)`, 'pass', 'pass', 'fail', 'fail']);
  assert.deepEqual(table[3], ['class/zed.yaml', 'false', '0', '10', 'internal-error', 'internal error while grading: the worker thread ran out of memory', '', '', '', '']);
  assert.equal(table[4]![5], 'file is binary, not YAML text (it contains NUL bytes) (class/yaml-error.yaml)');
});

const child = (el: XmlElement, name: string) => el.children.filter((c) => c.name === name);

test('JUnit: well-formed XML, one testsuite, one testcase per submission, failures and errors counted', () => {
  const text = render((out) => junitWriter(out, memorySpool()));
  assert.ok(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n'));
  const root = readXml(text);
  assert.equal(root.name, 'testsuites');
  assert.deepEqual(root.attributes, { name: 'kubedrill grade liveness-exam', tests: '4', failures: '2', errors: '1', skipped: '0' });
  const suites = child(root, 'testsuite');
  assert.equal(suites.length, 1);
  const suite = suites[0]!;
  assert.deepEqual(suite.attributes, { name: 'liveness-exam', tests: '4', failures: '2', errors: '1', skipped: '0' });
  const props = Object.fromEntries(child(child(suite, 'properties')[0]!, 'property').map((p) => [p.attributes.name, p.attributes.value]));
  assert.equal(props.title, 'Self-healing <with> a "probe"');
  assert.equal(props.passRate, '25.0%');
  assert.equal(props.medianScore, '3.5');
  assert.equal(props['failedCheck.period'], '1');
  const cases = child(suite, 'testcase');
  // characters XML 1.0 cannot hold at all (NUL, ESC, U+FFFE) are dropped; tabs and line ends kept
  const xmlSafe = wellFormed(NASTY).replace(/[\u0000\u001b\ufffe]/g, '');
  assert.deepEqual(cases.map((c) => c.attributes.name), ['class/alice.yaml', xmlSafe, 'class/zed.yaml', 'class/yaml-error.yaml']);
  assert.ok(cases.every((c) => c.attributes.classname === 'liveness-exam'));
  assert.equal(cases[0]!.children.length, 0);
  const failure = child(cases[1]!, 'failure')[0]!;
  assert.equal(failure.attributes.message, 'score 7/10; failed: period, killed');
  assert.equal(failure.attributes.type, 'period');
  assert.match(failure.text, /✗ period — The probe runs every 5 s\n {2}runs every 10 s; "quoted", <b>bold<\/b> & 중요 \(class\/erin/);
  assert.match(failure.text, /✗ killed — The probe kills the container\n {2}your container is first killed at 50 s\nsecond line/);
  const error = child(cases[2]!, 'error')[0]!;
  assert.deepEqual(error.attributes, { message: 'internal error while grading: the worker thread ran out of memory', type: 'internal-error' });
  assert.match(child(suite, 'system-out')[0]!.text, /^Summary\n {2}4 graded: 1 passed, 3 failed \(1 of them by an internal error\)/);
});

test('TAP 14: plan, numbered points, escaped descriptions, YAML diagnostics that parse back', () => {
  const text = render(tapWriter);
  const tap = readTap(text);
  assert.equal(tap.plan, 4);
  assert.deepEqual(tap.points.map((p) => [p.number, p.ok]), [[1, true], [2, false], [3, false], [4, false]]);
  assert.equal(tap.points[0]!.description, 'class/alice.yaml (10/10)');
  assert.equal(tap.points[0]!.diagnostic, undefined);
  // one line: the controls are written as escapes, # and \ escaped for TAP
  assert.ok(!/[\u0000-\u0008\u000b-\u001f]/.test(text), 'no raw control characters');
  assert.ok(tap.points[1]!.description.includes('\\u001b[31m#1 \\ <&>'), tap.points[1]!.description);
  const d = tap.points[1]!.diagnostic!;
  assert.equal(d.submission, wellFormed(NASTY));
  assert.equal(d.score, 7);
  assert.deepEqual(d.failed, [
    { id: 'period', title: 'The probe runs every 5 s', message: 'runs every 10 s; "quoted", <b>bold</b> & 중요', at: `${wellFormed(NASTY)}:19:7` },
    { id: 'killed', title: 'The probe kills the container', message: 'your container is first killed at 50 s\nsecond line' },
  ]);
  assert.equal(tap.points[2]!.diagnostic!.error, 'internal error while grading: the worker thread ran out of memory');
  assert.ok(tap.comments.some((c) => c === '# pass rate 25.0%, mean score 4.25/10, median score 3.5/10'));
  assert.ok(tap.comments.some((c) => c === '# skipped class/notes,\\n.txt — not a .yaml or .yml file'));
});

test('JSON: one document, keys in a stable order, every row and the summary', () => {
  const text = render(jsonWriter);
  const doc = JSON.parse(text);
  assert.deepEqual(Object.keys(doc), ['format', 'exercise', 'checks', 'rows', 'skipped', 'summary']);
  assert.equal(doc.format, 'kubedrill-grade/1');
  assert.deepEqual(doc.checks, columns);
  assert.equal(doc.rows.length, 4);
  assert.deepEqual(Object.keys(doc.rows[1]), ['submission', 'passed', 'score', 'maxScore', 'checks', 'failed']);
  assert.deepEqual(Object.keys(doc.rows[2]), ['submission', 'passed', 'score', 'maxScore', 'error', 'checks', 'failed']);
  assert.equal(doc.rows[1].submission, wellFormed(NASTY));
  assert.deepEqual(doc.rows[1].checks, { yaml: 'pass', schema: 'pass', period: 'fail', killed: 'fail' });
  assert.deepEqual(doc.rows[1].failed[0], { id: 'period', stage: 'expect', title: 'The probe runs every 5 s', message: 'runs every 10 s; "quoted", <b>bold</b> & 중요', file: wellFormed(NASTY), line: 19, col: 7 });
  assert.deepEqual(doc.skipped, skipped);
  assert.deepEqual(Object.keys(doc.summary), ['submissions', 'passed', 'failed', 'internalErrors', 'passRate', 'meanScore', 'medianScore', 'maxScore', 'histogram', 'failedChecks']);
  assert.equal(doc.summary.meanScore, 4.25);
  // an empty batch is still one valid document
  let empty = '';
  const w = jsonWriter((s) => (empty += s));
  w.begin({ ...header, count: 0 });
  w.end(new SummaryBuilder(10, columns).result(), []);
  assert.deepEqual(JSON.parse(empty).rows, []);
});

test('text: one line per submission, control characters never printed raw, the summary figures', () => {
  const text = render(textWriter);
  const lines = text.split('\n');
  assert.equal(lines[0], 'liveness-exam — Self-healing <with> a "probe": 4 submissions');
  assert.match(lines[2]!, /^RESULT {2}SCORE {2}SUBMISSION {12}FIRST FAILED CHECK$/);
  assert.match(lines[3]!, /^pass {4}10\/10 {2}class\/alice\.yaml$/);
  assert.match(lines[4]!, /^FAIL {5}7\/10 {2}class\/erin, "the" 학생\/a\\nb\\rc\\td\\u001b\[31m#1 .*\.yaml {2}The probe runs every 5 s — runs every 10 s; "quoted", <b>bold<\/b> & 중요$/);
  assert.match(lines[5]!, /^ERROR {4}0\/10 {2}class\/zed\.yaml +internal error while grading: the worker thread ran out of memory$/);
  assert.ok(!/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028]/.test(text), 'no raw control characters');
  assert.match(text, /\n {2}4 graded: 1 passed, 3 failed \(1 of them by an internal error\)\n {2}pass rate {7}25\.0%\n {2}mean score {6}4\.25\/10\n {2}median score {4}3\.5\/10\n/);
  assert.match(text, /\n {5}0 {2}█{30} {2}2\n/);
  assert.match(text, /\n {5}7 {2}█{15} {17}1\n/);
  assert.match(text, /\n {2}most often failed checks\n {4}1 {2}yaml {4}The file is valid YAML\n {4}1 {2}period {2}The probe runs every 5 s\n/);
  assert.match(text, /\n {2}skipped \(not graded\): 1\n {4}class\/notes,\\n\.txt — not a \.yaml or \.yml file\n/);
  assert.match(text, /An internal error is a bug in kubedrill/);
});
