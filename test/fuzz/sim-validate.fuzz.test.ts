// Fuzz-style: seeded random and hostile shell snippets (as container commands and exec probes, in Pods
// and Deployments) and mangled YAML, fed to `kubedrill sim` and `kubedrill validate` in-process and a
// few through the real CLI. Whatever comes in: no exit 3 (an internal error), every run ends (the
// test's timeout and the CLI's spawn timeout bound it; nothing is timed), and no host file is touched
// — the snippets aim at a canary folder on the host by its real path and nothing there changes.
// The seed is fixed, so a failure is reproducible; KUBEDRILL_FUZZ_SEED and KUBEDRILL_FUZZ_RUNS try others.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Rng } from '../../src/sim/engine/rng.js';
import { memoryIo } from '../../src/commands/io.js';
import { run as runSim } from '../../src/commands/sim.js';
import { run as runValidate } from '../../src/commands/validate.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SEED = Number(process.env.KUBEDRILL_FUZZ_SEED ?? 20261207);
const RUNS = Number(process.env.KUBEDRILL_FUZZ_RUNS ?? 120);

let tmp = '';
let canary = '';
let work = '';
const CANARY_FILES: Record<string, string> = { 'keep.txt': 'do not touch\n', 'healthy': 'host file\n', 'sub/deep.txt': 'deep\n' };

before(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'kubedrill-fuzz-'));
  canary = path.join(tmp, 'canary');
  work = path.join(tmp, 'work');
  mkdirSync(path.join(canary, 'sub'), { recursive: true });
  mkdirSync(work);
  for (const [name, text] of Object.entries(CANARY_FILES)) writeFileSync(path.join(canary, name), text);
});
after(() => process.env.KUBEDRILL_FUZZ_KEEP ? console.log(tmp) : rmSync(tmp, { recursive: true, force: true }));

/** Every file under dir with its contents and mode: what "untouched" is compared against. */
function snapshot(dir: string): string {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = path.join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else out.push(`${path.relative(dir, p)} ${st.mode.toString(8)} ${readFileSync(p, 'base64')}`);
    }
  };
  walk(dir);
  return out.join('\n');
}

const pick = <T>(r: Rng, xs: readonly T[]): T => xs[r.int(xs.length)]!;

/** Shell fragments: ordinary, hostile (host paths, recursion, resource exhaustion) and broken syntax. */
function fragments(): string[] {
  const c = canary;
  return [
    'touch /tmp/healthy', 'rm -f /tmp/healthy', 'sleep 5', 'sleep 30', 'echo hi', 'exit 1', 'exit 0', 'true', 'false',
    'cat /tmp/healthy', 'test -e /tmp/healthy', 'ls /tmp', 'date', 'sleep 1 &', 'wait',
    // aimed at the host, by its real path
    `rm -rf ${c}`, `echo pwned > ${c}/keep.txt`, `touch ${c}/pwned`, `cp /etc/passwd ${c}/`, `mv ${c}/healthy /tmp/x`,
    `chmod 000 ${c}/keep.txt`, `ln -s /etc ${c}/etc`, `mkdir -p ${c}/new`, `cd ${c} && rm -rf ./*`, `echo x >> ${c}/sub/deep.txt`,
    `dd if=/dev/zero of=${c}/big bs=1M count=1`, `tee ${c}/tee.txt < /etc/hostname`, `: > ${c}/healthy`, `rm -rf / --no-preserve-root`,
    'cat /etc/shadow', 'echo $(cat /proc/self/environ)', 'kill -9 1', 'kill -TERM $$', 'exec sh -c "exit 7"', 'exec 3>/tmp/fd; echo x >&3',
    'curl http://169.254.169.254/', 'wget -qO- http://localhost:8080/', 'nc -l -p 8080', 'ulimit -n 1', 'reboot', 'nsenter -t 1 -m',
    // recursion and exhaustion
    'f() { f; }; f', 'g() { g | g; }; g', 'h() { (h); }; h', 'e="eval \\$e"; eval "$e"', 'x=x; while :; do x=$x$x; done',
    'while :; do :; done', 'i=0; while [ $i -lt 100000 ]; do i=$((i+1)); done', 'yes > /dev/null', 'seq 1 100000000 | tail -1',
    'cat /dev/urandom | head -c 100', 'echo ' + '$('.repeat(300) + 'x' + ')'.repeat(300), '('.repeat(400) + 'true' + ')'.repeat(400),
    'echo $((' + '('.repeat(700) + '1' + ')'.repeat(700) + '))', 'a=a; echo $((a))', 'echo $((1/0))', 'echo $((2**64))',
    'grep -E "(a*)*b" /etc/passwd', 'echo aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa! | grep -E "(a|aa)*c"', 'trap "kill -USR1 \\$\\$" USR1; kill -USR1 $$',
    'trap "" TERM; sleep 600', 'trap "echo bye" EXIT; exit 3',
    // broken syntax
    'if true; then', 'done', '"unterminated', "'also", '$(', '${', '$((1+', 'case x in', 'f() {', '<<EOF', ';;', '&&', '|', '>', '2>&',
    'echo \\', '`', '${x:?}', '${#}', '${!x}', 'echo ${x/a/b}', 'fi fi fi', 'for; do; done', 'echo $[1+1]', 'echo {1..3}',
  ];
}

function randomBytes(r: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(r.int(4) === 0 ? r.int(32) : 32 + r.int(95));
  return s;
}

function snippet(r: Rng): string {
  const frags = fragments();
  const parts: string[] = [];
  const n = 1 + r.int(4);
  for (let i = 0; i < n; i++) parts.push(r.int(12) === 0 ? randomBytes(r, 1 + r.int(30)) : pick(r, frags));
  return parts.join(pick(r, ['; ', ' && ', ' || ', ' | ', '\n', ' & ']));
}

const q = (s: string) => JSON.stringify(s); // a JSON string is a YAML flow scalar

function container(r: Rng, name: string): string {
  const image = pick(r, ['busybox:1.36', 'busybox', 'alpine:3.20', 'ubuntu:22.04', 'nginx:1.27', 'example.com/nope:1']);
  const probe = (kind: string) =>
    r.int(2) === 0
      ? `    ${kind}:\n      exec:\n        command: ["sh", "-c", ${q(snippet(r))}]\n      periodSeconds: ${1 + r.int(10)}\n      failureThreshold: ${1 + r.int(3)}\n`
      : `    ${kind}:\n      exec:\n        command: [${q(pick(r, ['cat', 'ls', 'test', '/bin/sh', 'rm', 'touch']))}, ${q(pick(r, ['/tmp/healthy', `${canary}/keep.txt`, '-e', '-c']))}]\n`;
  let s = `  - name: ${name}\n    image: ${image}\n    command: ["sh", "-c", ${q(snippet(r))}]\n`;
  if (r.int(2) === 0) s += probe('livenessProbe');
  if (r.int(3) === 0) s += probe('readinessProbe');
  if (r.int(4) === 0) s += probe('startupProbe');
  if (r.int(4) === 0) s += `    lifecycle:\n      preStop:\n        exec:\n          command: ["sh", "-c", ${q(snippet(r))}]\n`;
  return s;
}

function manifest(r: Rng): string {
  const containers = container(r, 'app') + (r.int(4) === 0 ? container(r, 'side') : '');
  const policy = pick(r, ['Always', 'OnFailure', 'Never']);
  switch (r.int(3)) {
    case 0:
      return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: fuzz\nspec:\n  restartPolicy: ${policy}\n  terminationGracePeriodSeconds: ${r.int(40)}\n  containers:\n${containers}`;
    case 1: {
      const indented = containers.replace(/^/gm, '    ').replace(/\n {4}$/, '\n');
      return `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: fuzz\nspec:\n  replicas: ${1 + r.int(3)}\n  selector:\n    matchLabels: {app: fuzz}\n  template:\n    metadata:\n      labels: {app: fuzz}\n    spec:\n      containers:\n${indented}`;
    }
    default: {
      const indented = containers.replace(/^/gm, '    ').replace(/\n {4}$/, '\n');
      return `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: fuzz\nspec:\n  backoffLimit: ${r.int(4)}\n  template:\n    spec:\n      restartPolicy: ${policy === 'Always' ? 'Never' : policy}\n      containers:\n${indented}`;
    }
  }
}

/** Mangle YAML text: cut, duplicate, re-indent, insert bytes, anchors and aliases, tabs, BOMs, NULs. */
function mangle(r: Rng, text: string): string {
  let s = text;
  const edits = 1 + r.int(4);
  for (let i = 0; i < edits; i++) {
    const at = r.int(s.length + 1);
    const lines = s.split('\n');
    const li = r.int(lines.length);
    switch (r.int(12)) {
      case 0: s = s.slice(0, at) + s.slice(at + 1 + r.int(20)); break;
      case 1: s = s.slice(0, at) + randomBytes(r, 1 + r.int(10)) + s.slice(at); break;
      case 2: lines.splice(li, 0, lines[li] ?? ''); s = lines.join('\n'); break;
      case 3: lines[li] = ' '.repeat(r.int(5)) + (lines[li] ?? '').trimStart(); s = lines.join('\n'); break;
      case 4: lines[li] = '\t' + (lines[li] ?? ''); s = lines.join('\n'); break;
      case 5: s = s.slice(0, at) + pick(r, ['&a ', '*a', '*nope', '<<: *a', '!!binary ', '!!int ', '? ', '- ', '{', '[', ']', '}', ': ', '"', "'", '|', '>-', '---\n', '...\n', '%YAML 1.2\n']) + s.slice(at); break;
      case 6: s = '\uFEFF' + s; break;
      case 7: s = s.slice(0, at) + '\0' + s.slice(at); break;
      case 8: s = s.replace(/\d+/, pick(r, ['-1', '1e999', '99999999999999999999', '0x1F', '0o17', '1.5', 'NaN', '.inf', '"5"', 'null', '~', 'yes'])); break;
      case 9: s = s.replace(/: (\S+)/, pick(r, [': [1, 2]', ': {a: b}', ': null', ': ""', ': true', ': 한국어', ': \u202Eevil'])); break;
      case 10: s = s + '---\n' + text; break;
      default: lines.splice(li, 1); s = lines.join('\n'); break;
    }
  }
  return s;
}

async function cli(run: typeof runSim, args: string[]) {
  const m = memoryIo({ cwd: work, env: { NO_COLOR: '1' } });
  const code = await run(args, m.io);
  return { code, out: m.out(), err: m.err() };
}

test(`fuzz: ${RUNS} generated manifests with hostile shell through sim and validate (seed ${SEED})`, { timeout: 600_000 }, async () => {
  const r = new Rng(SEED);
  const before = snapshot(canary);
  const codes = new Map<number, number>();
  for (let i = 0; i < RUNS; i++) {
    const text = manifest(r);
    const file = path.join(work, `m${i}.yaml`);
    writeFileSync(file, text);
    const v = await cli(runValidate, [file]);
    // -o rollout follows a Deployment, -o timeline draws one Pod
    const outputs = ['describe', 'get', 'events', 'json', ...(text.includes('kind: Deployment') ? ['rollout'] : text.includes('kind: Pod') ? ['timeline'] : [])];
    const s = await cli(runSim, [file, '--for', pick(r, ['30s', '2m', '10m']), '--seed', String(1 + r.int(5)), '--output', pick(r, outputs)]);
    for (const res of [v, s]) {
      assert.notEqual(res.code, 3, `internal error on case ${i}:\n${text}\n${res.err}`);
      assert.doesNotMatch(res.err, /internal error|RangeError|TypeError|at .*\.ts:\d+/, `case ${i}:\n${text}`);
      codes.set(res.code, (codes.get(res.code) ?? 0) + 1);
    }
    assert.equal(readFileSync(file, 'utf8'), text, 'the input file is never changed');
    assert.equal(snapshot(canary), before, `case ${i} touched the host canary folder:\n${text}`);
  }
  // the generated manifests are valid: every command runs them (whatever their shell does)
  assert.deepEqual([...codes.keys()], [0], `exit codes: ${JSON.stringify([...codes])}`);
});

test(`fuzz: ${RUNS * 2} mangled manifests through validate and sim (seed ${SEED + 1})`, { timeout: 600_000 }, async () => {
  const r = new Rng(SEED + 1);
  const before = snapshot(canary);
  const codes = new Map<number, number>();
  const seeds = readdirSync(path.join(ROOT, 'solutions'))
    .flatMap((d) => readdirSync(path.join(ROOT, 'solutions', d)).filter((f) => f.endsWith('.yaml')).map((f) => path.join(ROOT, 'solutions', d, f)))
    .map((p) => readFileSync(p, 'utf8'));
  assert.ok(seeds.length >= 10);
  for (let i = 0; i < RUNS * 2; i++) {
    const text = mangle(r, r.int(3) === 0 ? manifest(r) : pick(r, seeds));
    const file = path.join(work, `y${i}.yaml`);
    writeFileSync(file, text);
    for (const res of [await cli(runValidate, [file, ...(r.int(2) ? ['--json'] : [])]), await cli(runSim, [file, '--for', '1m'])]) {
      codes.set(res.code, (codes.get(res.code) ?? 0) + 1);
      assert.notEqual(res.code, 3, `internal error on mangled case ${i}:\n${JSON.stringify(text)}\n${res.err}`);
      assert.ok([0, 1, 2].includes(res.code), `documented exit codes only: ${res.code}`);
      assert.doesNotMatch(res.err, /internal error|RangeError|TypeError|at .*\.ts:\d+/, `mangled case ${i}:\n${JSON.stringify(text)}`);
      // a refusal names the file (and a line and column when there is one)
      if (res.code === 1 && res.err.trim() !== '') assert.match(res.err + res.out, new RegExp(`y${i}\\.yaml`));
    }
    assert.equal(readFileSync(file, 'utf8'), text);
  }
  assert.equal(snapshot(canary), before);
  // the mangling reaches both outcomes: files still valid and files refused
  assert.ok((codes.get(0) ?? 0) > 0 && (codes.get(1) ?? 0) > 0, `exit codes: ${JSON.stringify([...codes])}`);
});

test('fuzz through the real CLI: hostile pods end in time, exit 0–2, leave the host alone', { timeout: 300_000 }, () => {
  const built = path.join(ROOT, 'dist/cli.js');
  try {
    statSync(built);
  } catch {
    const b = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(b.status, 0, `build failed:\n${b.stdout}${b.stderr}`);
  }
  const r = new Rng(SEED + 2);
  const before = snapshot(canary);
  for (let i = 0; i < 6; i++) {
    const text = i % 2 === 0 ? manifest(r) : mangle(r, manifest(r));
    const file = path.join(work, `c${i}.yaml`);
    writeFileSync(file, text);
    for (const args of [['validate', file], ['sim', file, '--for', '5m']]) {
      const p = spawnSync(process.execPath, [path.join(ROOT, 'bin/kubedrill.js'), ...args], { cwd: work, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });
      assert.equal(p.signal, null, `kubedrill ${args[0]} did not end in time on:\n${text}`);
      assert.ok([0, 1, 2].includes(p.status!), `exit ${p.status} on:\n${text}\n${p.stderr}`);
      assert.doesNotMatch(p.stderr, /internal error|RangeError|TypeError|    at /);
    }
  }
  assert.equal(snapshot(canary), before);
});
