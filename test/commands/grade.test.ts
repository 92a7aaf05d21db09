// `kubedrill grade ID PATH...` end to end, in-process: the fixture class in every format, the
// summary figures of a known corpus, hostile submissions of every kind (one failed row each, the
// batch completes), the same bytes from the worker pool and from one thread, --output, exit codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { run } from '../../src/commands/grade.js';
import { memoryIo } from '../../src/commands/io.js';
import { readCsv, readTap, readXml } from '../fixtures/class/parsers.js';

const REPO = process.cwd();
const CLASS = path.resolve('test/fixtures/class/submissions');
const HOSTILE = path.resolve('test/fixtures/class/hostile');
const SOLUTION = readFileSync('solutions/01-liveness-exam/liveness-exam.yaml', 'utf8');

async function grade(args: string[], cwd = REPO) {
  const m = memoryIo({ cwd });
  const code = await run(args, m.io);
  return { code, out: m.out(), err: m.err() };
}

/** The fixture class copied under a temporary folder (the command names paths relative to cwd). */
function classCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kubedrill-grade-'));
  cpSync(CLASS, path.join(dir, 'submissions'), { recursive: true });
  // a hidden folder the search must skip (git cannot commit a folder named .git into the fixture)
  mkdirSync(path.join(dir, 'submissions/.git'), { recursive: true });
  writeFileSync(path.join(dir, 'submissions/.git/config.yaml'), 'x: 1\n');
  return dir;
}

test('text: a row per submission sorted by path, then the summary of the known class', async () => {
  const cwd = classCopy();
  const r = await grade(['liveness-exam', 'submissions', '--jobs', '0'], cwd);
  assert.equal(r.code, 1, r.err);
  assert.equal(r.err, '');
  const lines = r.out.split('\n');
  assert.equal(lines[0], 'liveness-exam — Self-healing with a liveness probe: 7 submissions');
  const rows = lines.slice(3, 10).map((l) => l.replace(/ {2,}/g, '|').split('|'));
  assert.deepEqual(
    rows.map((x) => x.slice(0, 3)),
    [
      ['pass', '10/10', 'submissions/alice/liveness-exam.yaml'],
      ['FAIL', '7/10', 'submissions/bob/liveness-exam.yaml'],
      ['pass', '10/10', 'submissions/carol/answer.yml'],
      ['FAIL', '3/10', 'submissions/dave/liveness-exam.yaml'],
      ['FAIL', '0/10', 'submissions/empty.yaml'],
      ['FAIL', '8/10', 'submissions/erin, "the" 학생/liveness-exam.yaml'],
      ['FAIL', '0/10', 'submissions/frank/liveness-exam.yaml'],
    ],
  );
  assert.match(lines[4]!, /The probe runs every 5 s — The liveness probe runs every 10 s; the task asks for every 5 s/);
  assert.match(lines[7]!, /The file is valid YAML — file is empty: expected a Kubernetes manifest$/);
  assert.match(r.out, /\n {2}7 graded: 2 passed, 5 failed\n {2}pass rate {7}28\.6%\n {2}mean score {6}5\.43\/10\n {2}median score {4}7\/10\n/);
  assert.match(r.out, /\n {5}0 {2}█{30} {2}2\n {5}1 {34}0\n/);
  assert.match(r.out, /\n {2}most often failed checks\n {4}3 {2}same-as-reference {3}Your pod behaves like the reference answer for 3 minutes\n/);
  assert.match(r.out, /\n {2}skipped \(not graded\): 2\n {4}submissions\/\.git — hidden \(the name starts with "\."\)\n {4}submissions\/notes\/README\.md — not a \.yaml or \.yml file\n$/);
});

test('every format of the same batch, read back: JSON, CSV, JUnit and TAP agree with each other', async () => {
  const cwd = classCopy();
  const out = async (format: string) => {
    const r = await grade(['liveness-exam', 'submissions', '--format', format], cwd);
    assert.equal(r.code, 1, r.err);
    return r;
  };
  const json = JSON.parse((await out('json')).out);
  assert.equal(json.rows.length, 7);
  assert.deepEqual(json.summary.histogram.filter((h: { count: number }) => h.count > 0), [
    { score: 0, count: 2 },
    { score: 3, count: 1 },
    { score: 7, count: 1 },
    { score: 8, count: 1 },
    { score: 10, count: 2 },
  ]);
  assert.equal(json.summary.medianScore, 7);
  assert.equal(json.summary.meanScore, 5.43);
  assert.deepEqual(json.skipped.map((s: { path: string }) => s.path), ['submissions/.git', 'submissions/notes/README.md']);

  const csvRun = await out('csv');
  const csv = readCsv(csvRun.out);
  assert.equal(csv.length, 8);
  assert.deepEqual(csv.slice(1).map((r) => [r[0], r[2]]), json.rows.map((r: { submission: string; score: number }) => [r.submission, String(r.score)]));
  assert.equal(csv[6]![0], 'submissions/erin, "the" 학생/liveness-exam.yaml');
  // CSV has no summary, so what was skipped is said on stderr
  assert.match(csvRun.err, /^skipped \(not graded\): 2\n {2}submissions\/\.git/);

  const xml = readXml((await out('junit')).out);
  const suite = xml.children.find((c) => c.name === 'testsuite')!;
  assert.deepEqual([suite.attributes.tests, suite.attributes.failures, suite.attributes.errors], ['7', '5', '0']);
  const cases = suite.children.filter((c) => c.name === 'testcase');
  assert.deepEqual(cases.map((c) => c.attributes.name), json.rows.map((r: { submission: string }) => r.submission));
  assert.deepEqual(
    cases.map((c) => c.children.some((x) => x.name === 'failure')),
    json.rows.map((r: { passed: boolean }) => !r.passed),
  );
  const bob = cases[1]!.children.find((c) => c.name === 'failure')!;
  assert.match(bob.text, /✗ period — The probe runs every 5 s\n {2}The liveness probe runs every 10 s.* \(submissions\/bob\/liveness-exam\.yaml:19:7\)/);

  const tap = readTap((await out('tap')).out);
  assert.deepEqual(tap.points.map((p) => p.ok), json.rows.map((r: { passed: boolean }) => r.passed));
  assert.deepEqual(tap.points[1]!.diagnostic!.failed, json.rows[1].failed.map((f: { id: string; title: string; message: string; file: string; line: number; col: number }) => ({ id: f.id, title: f.title, message: f.message, ...(f.file ? { at: f.line ? `${f.file}:${f.line}:${f.col}` : f.file } : {}) })));
});

/** One file of each hostile kind, plus a right answer: every one but that must be one failed row with its reason. */
function hostileClass(): string {
  const cwd = mkdtempSync(path.join(tmpdir(), 'kubedrill-hostile-'));
  const dir = path.join(cwd, 'class');
  mkdirSync(dir);
  cpSync(HOSTILE, dir, { recursive: true });
  writeFileSync(path.join(dir, 'right.yaml'), SOLUTION);
  writeFileSync(path.join(dir, 'huge.yaml'), `# ${'x'.repeat(300 * 1024)}\n${SOLUTION}`);
  writeFileSync(path.join(dir, 'binary.yaml'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 3]));
  writeFileSync(path.join(dir, 'latin1.yaml'), Buffer.from('name: caf\xe9\n', 'latin1'));
  writeFileSync(path.join(dir, 'empty.yaml'), '');
  writeFileSync(path.join(dir, 'many-documents.yaml'), 'a: 1\n---\n'.repeat(10_000));
  mkdirSync(path.join(dir, 'folder.yaml'));
  writeFileSync(path.join(cwd, 'secret.yaml'), SOLUTION);
  symlinkSync(path.join(cwd, 'secret.yaml'), path.join(dir, 'link-out.yaml'));
  symlinkSync('/dev/zero', path.join(dir, 'dev-zero.yaml'));
  symlinkSync('loop.yaml', path.join(dir, 'loop.yaml'));
  execFileSync('mkfifo', [path.join(dir, 'pipe.yaml')]);
  writeFileSync(path.join(dir, 'new\nline.yaml'), SOLUTION);
  if (process.getuid?.() !== 0) {
    writeFileSync(path.join(dir, 'unreadable.yaml'), SOLUTION);
    chmodSync(path.join(dir, 'unreadable.yaml'), 0);
  }
  return cwd;
}

const EXPECTED_REASONS: [string, RegExp][] = [
  ['alias-bomb.yaml', /^too many YAML aliases \(possible alias bomb\)/],
  ['binary.yaml', /^file is binary, not YAML text/],
  ['busy-loop.yaml', /./],
  ['deep-nesting.yaml', /^nesting too deep/],
  ['dev-zero.yaml', /^cannot read class\/dev-zero\.yaml: it is a symbolic link to \/dev\/zero, outside .*: not graded$/],
  ['empty.yaml', /^file is empty/],
  ['folder.yaml', /^cannot read class\/folder\.yaml: it is a folder$/],
  ['fork-bomb.yaml', /./],
  ['huge.yaml', /^file is too large/],
  ['latin1.yaml', /^file is not valid UTF-8 text/],
  ['link-out.yaml', /^cannot read class\/link-out\.yaml: it is a symbolic link to .*secret\.yaml, outside .*class: not graded$/],
  ['loop.yaml', /^cannot read class\/loop\.yaml: it is a symbolic link to loop\.yaml, which does not exist$/],
  ['many-documents.yaml', /^too many YAML documents \(10000 "---" separators; the limit is 100\)/],
  ['new\nline.yaml', /^$/], // a right answer with a newline in its name: passes
  ['output-flood.yaml', /./],
  ['pipe.yaml', /^cannot read class\/pipe\.yaml: it is not a regular file \(a named pipe\): not read$/],
  ['recursion.yaml', /./],
  ['right.yaml', /^$/],
];

test('hostile submissions: each is one failed row with its reason, the batch completes, pool and one thread give the same bytes', async () => {
  const cwd = hostileClass();
  const pooled = await grade(['liveness-exam', 'class', '--format', 'json', '--jobs', '2'], cwd);
  assert.equal(pooled.code, 1, pooled.err);
  const doc = JSON.parse(pooled.out);
  const expected = process.getuid?.() === 0 ? EXPECTED_REASONS : [...EXPECTED_REASONS, ['unreadable.yaml', /^cannot read class\/unreadable\.yaml: /] as [string, RegExp]].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  assert.deepEqual(doc.rows.map((r: { submission: string }) => r.submission), expected.map(([f]) => `class/${f}`));
  for (const [i, [name, reason]] of expected.entries()) {
    const row = doc.rows[i];
    assert.equal(row.error, undefined, `${name}: ${row.error}`);
    if (name === 'right.yaml' || name.startsWith('new')) {
      assert.equal(row.passed, true, name);
      continue;
    }
    assert.equal(row.passed, false, name);
    assert.match(row.failed[0]?.message ?? '', reason, name);
  }
  // the shell bombs fail on behaviour, not by crashing anything
  const recursion = doc.rows.find((r: { submission: string }) => r.submission === 'class/recursion.yaml');
  assert.ok(recursion.failed.some((f: { stage: string }) => f.stage === 'behaviour'));
  const local = await grade(['liveness-exam', 'class', '--format', 'json', '--jobs', '0'], cwd);
  assert.equal(local.out, pooled.out, 'worker pool and one thread: the same bytes');
  assert.equal(local.code, pooled.code);
  // and the submissions are still there, untouched
  assert.equal(readFileSync(path.join(cwd, 'secret.yaml'), 'utf8'), SOLUTION);
});

test('determinism: every format, twice, from the pool and from one thread: identical bytes', async () => {
  const cwd = classCopy();
  // enough submissions for the pool to be used by default
  for (let i = 0; i < 30; i++) writeFileSync(path.join(cwd, 'submissions', `copy-${String(i).padStart(2, '0')}.yaml`), i % 2 ? SOLUTION : SOLUTION.replace('periodSeconds: 5', `periodSeconds: ${i}`));
  for (const format of ['text', 'json', 'csv', 'junit', 'tap']) {
    const a = await grade(['liveness-exam', 'submissions', '--format', format], cwd);
    const b = await grade(['liveness-exam', 'submissions', '--format', format, '--jobs', '2'], cwd);
    const c = await grade(['liveness-exam', 'submissions', '--format', format, '--jobs', '0'], cwd);
    assert.equal(a.code, 1);
    assert.equal(a.out, b.out, format);
    assert.equal(a.out, c.out, format);
  }
});

test('--output writes the report atomically, never over a submission; --stats goes to stderr', async () => {
  const cwd = classCopy();
  const r = await grade(['liveness-exam', 'submissions', '--format', 'junit', '--output', 'results.xml', '--stats'], cwd);
  assert.equal(r.code, 1, r.err);
  assert.equal(r.out, '');
  assert.match(r.err, /^kubedrill grade: graded 7 submissions \(2 passed\): report written to results\.xml\n/);
  assert.match(r.err, /\nkubedrill grade: 7 submissions in [\d.]+ s \(\d+\/s\); in this thread; peak RSS [\d.]+ MB; peak heap [\d.]+ MB \(this thread\)\n$/);
  readXml(readFileSync(path.join(cwd, 'results.xml'), 'utf8'));
  assert.deepEqual(readdirSync(cwd).sort(), ['results.xml', 'submissions'], 'no temporary file is left');

  const before = readFileSync(path.join(cwd, 'submissions/bob/liveness-exam.yaml'), 'utf8');
  const over = await grade(['liveness-exam', 'submissions', '-o', 'submissions/bob/liveness-exam.yaml'], cwd);
  assert.equal(over.code, 2);
  assert.match(over.err, /is one of the submissions: the report never overwrites a submission/);
  assert.equal(readFileSync(path.join(cwd, 'submissions/bob/liveness-exam.yaml'), 'utf8'), before);
  const folder = await grade(['liveness-exam', 'submissions', '-o', 'submissions'], cwd);
  assert.equal(folder.code, 2);
  assert.match(folder.err, /is a folder/);
  const nowhere = await grade(['liveness-exam', 'submissions', '-o', 'no/such/dir/r.xml'], cwd);
  assert.equal(nowhere.code, 2);
  assert.match(nowhere.err, /cannot write no\/such\/dir\/r\.xml: no such file or folder/);
});

test('exit codes: 0 all passed, 1 some failed, 2 usage, unknown exercise, missing path, nothing to grade, broken pack', async () => {
  const cwd = classCopy();
  assert.equal((await grade(['liveness-exam', 'submissions/alice', 'submissions/carol'], cwd)).code, 0);
  assert.equal((await grade(['liveness-exam', 'submissions/bob'], cwd)).code, 1);
  const cases: [string[], RegExp][] = [
    [[], /which exercise\?/],
    [['liveness-exam'], /which submissions\?/],
    [['liveness-exam', 'submissions', '--format', 'xml'], /unknown format "xml" \(text, json, csv, junit, tap\)/],
    [['liveness-exam', 'submissions', '--lang', 'fr'], /unknown language "fr"/],
    [['liveness-exam', 'submissions', '--jobs', 'many'], /--jobs takes a whole number/],
    [['liveness-exam', 'submissions', '--bogus'], /Unknown option '--bogus'/],
    [['nope', 'submissions'], /unknown exercise "nope"\. The exercises are:/],
    [['liveness-exam', 'submissions', 'missing'], /cannot read missing: no such file or folder/],
    [['liveness-exam', 'submissions/notes'], /no submissions found in submissions\/notes: kubedrill grade looks for \*\.yaml and \*\.yml files\nskipped \(not graded\): 1\n {2}submissions\/notes\/README\.md/],
    [['pass', 'submissions', '--exercises', path.join(REPO, 'test/fixtures/packs/missing-starter')], /starter file "pod\.yaml" does not exist/],
  ];
  for (const [args, err] of cases) {
    const r = await grade(args, cwd);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, err, args.join(' '));
    assert.equal(r.out, '');
  }
  const help = await grade(['--help'], cwd);
  assert.equal(help.code, 0);
  assert.match(help.out, /Exit codes: 0 every submission passed, 1 some failed, 2 usage error/);
});

test('--lang ko: the report and the checks in Korean', async () => {
  const cwd = classCopy();
  const r = await grade(['liveness-exam', 'submissions/bob', '--lang', 'ko'], cwd);
  assert.equal(r.code, 1);
  assert.match(r.out, /^liveness-exam — 라이브니스 프로브로 자가 치유 기능 추가하기: 제출 1개\n/);
  assert.match(r.out, /\n결과 {2}점수 {3}제출 파일 +처음 실패한 검사\n실패 {3}7\/10 {2}submissions\/bob\/liveness-exam\.yaml {2}프로브가 5초마다 실행됨 — 라이브니스 프로브가 10초마다 실행됩니다/);
  assert.match(r.out, /\n요약\n {2}1개 채점: 통과 0, 실패 1\n/);
  assert.ok(!existsSync(path.join(cwd, 'kubedrill-workspace')), 'grade never creates a workspace');
});
