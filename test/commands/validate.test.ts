// `kubedrill validate` in-process: output text, JSON and exit codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../../src/commands/validate.js';
import { memoryIo } from '../../src/commands/io.js';

const cwd = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'manifests');

async function validate(...args: string[]) {
  const m = memoryIo({ cwd });
  const code = await run(args, m.io);
  return { code, out: m.out(), err: m.err() };
}

test('a valid Pod prints one OK line and exits 0', async () => {
  const r = await validate('valid/liveness-exec.yaml');
  assert.equal(r.code, 0);
  assert.equal(r.out, 'valid/liveness-exec.yaml: OK (Pod liveness-exec)\n');
  assert.equal(r.err, '');
});

test('a multi-document file names every Pod', async () => {
  const r = await validate('valid/multi-doc.yaml');
  assert.equal(r.out, 'valid/multi-doc.yaml: OK (Pod first, Pod second)\n');
});

test('every kind is checked: the OK line names each object by kind, in file order', async () => {
  const r = await validate('valid/web-stack.yaml', 'valid/job.yaml', 'valid/replicaset.yaml');
  assert.equal(r.code, 0);
  assert.equal(r.out, 'valid/web-stack.yaml: OK (Deployment web, Service web, Pod client)\nvalid/job.yaml: OK (Job pi)\nvalid/replicaset.yaml: OK (ReplicaSet frontend)\n');
});

test('an object defined twice is a warning above the OK line (exit 0)', async () => {
  const r = await validate('workloads/duplicate-objects.yaml');
  assert.equal(r.code, 0);
  assert.match(r.out, /^workloads\/duplicate-objects\.yaml:14:3: warning: service\/web is defined again \(first at line 4\)/);
  assert.match(r.out, /\nworkloads\/duplicate-objects\.yaml: OK \(Service web, Service web, Service web\)\n$/);
});

test('a broken Deployment beside a valid Service exits 1; --json gives each finding its document', async () => {
  const r = await validate('--json', 'workloads/mixed-kinds-errors.yaml');
  assert.equal(r.code, 1);
  const findings = JSON.parse(r.out) as { doc?: number; line: number; col: number; code: string; message: string }[];
  assert.deepEqual(findings.map((f) => [f.doc, f.line, f.col, f.code]), [[0, 23, 13, 'api/invalid'], [2, 42, 5, 'api/required']]);
  assert.equal(findings[1]?.message, 'spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"');
});

test('warnings are shown above the OK line and do not fail', async () => {
  const r = await validate('valid/negative-grace.yaml');
  assert.equal(r.code, 0);
  assert.equal(
    r.out,
    'valid/negative-grace.yaml:6:3: warning: spec.terminationGracePeriodSeconds: must be >= 0; negative values are invalid and will be treated as 1\n' +
      '    terminationGracePeriodSeconds: -5\n' +
      '    ^\n' +
      '  at spec.terminationGracePeriodSeconds\n' +
      'valid/negative-grace.yaml: OK (Pod hasty)\n',
  );
});

test('problems print compiler-style findings and a summary, exit 1', async () => {
  const r = await validate('api/liveness-success-threshold.yaml');
  assert.equal(r.code, 1);
  assert.equal(
    r.out,
    'api/liveness-success-threshold.yaml:12:7: error: spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1\n' +
      '        successThreshold: 2\n' +
      '        ^\n' +
      '  at spec.containers[0].livenessProbe.successThreshold\n' +
      '1 error in api/liveness-success-threshold.yaml\n',
  );
});

test('several files are each checked; exit 1 when any has problems', async () => {
  const r = await validate('valid/tcp-grpc.yaml', 'schema/specs.yaml', 'yaml/tab-indent.yaml');
  assert.equal(r.code, 1);
  assert.match(r.out, /^valid\/tcp-grpc.yaml: OK \(Pod goproxy\)\n/);
  assert.match(r.out, /\nschema\/specs.yaml:5:1: error: unknown field "specs" in Pod — did you mean "spec"\?\n/);
  assert.match(r.out, /\n1 error in schema\/specs.yaml\n/);
  assert.match(r.out, /\nyaml\/tab-indent.yaml:8:3: error: tab used for indentation: YAML allows only spaces here\n/);
});

test('an unreadable or missing file wins: exit 2, reason on stderr', async () => {
  const r = await validate('api/scheme-ftp.yaml', 'does-not-exist.yaml');
  assert.equal(r.code, 2);
  assert.equal(r.err, 'does-not-exist.yaml: error: cannot read does-not-exist.yaml: no such file\n');
  assert.match(r.out, /1 error in api\/scheme-ftp.yaml\n$/);
  const dir = await validate('valid');
  assert.equal(dir.code, 2);
  assert.equal(dir.err, 'valid: error: cannot read valid: it is a directory, not a file\n');
});

test('bad input classes exit 1 with a one-line reason', async () => {
  for (const [file, message] of [
    ['bad-input/empty.yaml', 'file is empty: expected a Kubernetes manifest'],
    ['bad-input/statefulset.yaml', 'kind StatefulSet is not supported yet: kubedrill checks Pod, Deployment, ReplicaSet, Job and Service'],
    ['yaml/alias-bomb.yaml', 'too many YAML aliases (possible alias bomb): expanding this document was stopped'],
  ] as const) {
    const r = await validate(file);
    assert.equal(r.code, 1, file);
    assert.ok(r.out.includes(`error: ${message}\n`), `${file}: ${r.out}`);
  }
});

test('--json prints a stable array of all findings with the same exit code', async () => {
  const r = await validate('--json', 'api/duplicate-container.yaml', 'valid/liveness-exec.yaml');
  assert.equal(r.code, 1);
  assert.deepEqual(JSON.parse(r.out), [
    {
      file: 'api/duplicate-container.yaml',
      line: 9,
      col: 5,
      severity: 'error',
      stage: 'api',
      code: 'api/duplicate',
      message: 'spec.containers[1].name: Duplicate value: "web"',
      path: 'spec.containers[1].name',
      excerpt: '  - name: web',
    },
  ]);
  const ok = await validate('valid/liveness-exec.yaml', '--json');
  assert.equal(ok.code, 0);
  assert.equal(ok.out, '[]\n');
});

test('usage errors exit 2 with a usage line', async () => {
  const none = await validate();
  assert.equal(none.code, 2);
  assert.equal(none.err, 'kubedrill validate: no FILE given\nUsage: kubedrill validate FILE... [--json]   (FILE - reads standard input)\n');
  const bad = await validate('--frobnicate', 'x.yaml');
  assert.equal(bad.code, 2);
  assert.match(bad.err, /Unknown option '--frobnicate'/);
  assert.match(bad.err, /Usage: kubedrill validate FILE\.\.\. \[--json\]/);
});

test('--help prints the help and exits 0', async () => {
  const r = await validate('--help');
  assert.equal(r.code, 0);
  assert.match(r.out, /^kubedrill validate — /);
  assert.match(r.out, /Exit codes: 0 valid \(warnings allowed\), 1 problems found, 2 usage error or a file that cannot be read\./);
});

test('the validate path never loads React or Ink', async () => {
  const { readFileSync } = await import('node:fs');
  const root = path.join(cwd, '..', '..', '..');
  for (const f of ['src/commands/validate.ts', 'src/manifest/index.ts', 'src/manifest/locate.ts', 'src/manifest/schema.ts', 'src/manifest/rules.ts', 'src/manifest/defaults.ts', 'src/report/findings.ts']) {
    const text = readFileSync(path.join(root, f), 'utf8');
    assert.doesNotMatch(text, /from ['"](react|ink)['"/]/, f);
    for (const m of text.matchAll(/from '(\.[^']+)'/g)) assert.doesNotMatch(m[1]!, /\/ui\//, `${f} imports ${m[1]}`);
  }
});

test('FILE - reads the manifest from standard input', async () => {
  const { spawnSync } = await import('node:child_process');
  const root = path.join(cwd, '..', '..', '..');
  const script = "import { run } from './src/commands/validate.ts'; process.exitCode = await run(['-'], { stdout: process.stdout, stderr: process.stderr, env: { NO_COLOR: '1' }, cwd: process.cwd() });";
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: root,
    input: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: piped\nspec:\n  containers:\n  - name: c\n    image: busybox\n    livenesProbe: {}\n',
    encoding: 'utf8',
  });
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /^<stdin>:9:5: error: unknown field "livenesProbe" in Container — did you mean "livenessProbe"\?\n/);
  assert.match(r.stdout, /1 error in <stdin>\n$/);
});
