import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SIM_USAGE, parseSimArgs, run } from '../../src/commands/sim.js';
import { memoryIo } from '../../src/commands/io.js';
import { GOLDEN_DIR } from '../golden/golden.js';

const NGINX = path.join(GOLDEN_DIR, 'sim', 'pods', 'nginx.yaml');
const tmp = mkdtempSync(path.join(tmpdir(), 'kubedrill-sim-'));
const file = (name: string, text: string) => {
  const p = path.join(tmp, name);
  writeFileSync(p, text);
  return p;
};

async function sim(args: string[]) {
  const m = memoryIo({ cwd: tmp });
  const code = await run(args, m.io);
  return { code, out: m.out(), err: m.err() };
}

test('--help prints the usage', async () => {
  const r = await sim(['--help']);
  assert.equal(r.code, 0);
  assert.equal(r.out, SIM_USAGE);
});

test('usage errors exit 2 with a clear message and the usage', async () => {
  const cases: [string[], RegExp][] = [
    [[], /expected one manifest file/],
    [[NGINX, NGINX], /expected one manifest file, got 2/],
    [[NGINX, '--for', '5 minutes'], /invalid duration "5 minutes"/],
    [[NGINX, '--for=-5s'], /must not be negative/],
    [[NGINX, '--output', 'yaml'], /unknown output "yaml": use one of describe, get, timeline, events, json/],
    [[NGINX, '--seed', 'abc'], /invalid seed "abc"/],
    [[NGINX, '--kubectl', '1.20'], /unsupported kubectl version "1.20"/],
    [[NGINX, '--width', '10'], /invalid width "10"/],
    [[NGINX, '--frobnicate'], /Unknown option '--frobnicate'/],
    [[NGINX, '--container', 'nope'], /no container "nope" in Pod "nginx-pod-liveness" \(containers: nginx-container\)/],
  ];
  for (const [args, msg] of cases) {
    const r = await sim(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, msg);
    assert.match(r.err, /Usage: kubedrill sim FILE/);
    assert.equal(r.out, '');
  }
});

test('parseSimArgs defaults: 5m, describe, seed 1, kubectl 1.33', () => {
  assert.deepEqual(parseSimArgs(['x.yaml']), {
    kind: 'run',
    args: { file: 'x.yaml', untilMs: 300_000, output: 'describe', seed: 1, kubectl: '1.33', container: undefined, width: undefined, ascii: false },
  });
});

test('an unreadable file exits 2 with the read finding', async () => {
  const r = await sim(['missing.yaml']);
  assert.equal(r.code, 2);
  assert.match(r.err, /missing\.yaml/);
  assert.equal(r.out, '');
});

test("a bad manifest gets validate's findings and exit 1, never a simulation", async () => {
  const bad = file(
    'bad.yaml',
    `apiVersion: v1
kind: Pod
metadata:
  name: x
spec:
  containers:
  - name: app
    image: busybox
    livenessProbe:
      exec:
        command: [cat, /tmp/healthy]
      successThreshold: 2
`,
  );
  const r = await sim([bad, '-o', 'json']);
  assert.equal(r.code, 1);
  assert.match(r.err, /bad\.yaml:12:\d+: error: .*spec\.containers\[0\]\.livenessProbe\.successThreshold: Invalid value: 2: must be 1/);
  assert.equal(r.out, '');
  // Even with a valid Pod first, an error anywhere in the file stops the run.
  const mixed = file('mixed.yaml', `${'apiVersion: v1\nkind: Pod\nmetadata:\n  name: ok\nspec:\n  containers:\n  - name: a\n    image: busybox\n'}---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: y\nspec:\n  containers:\n  - name: a\n    imagee: busybox\n`);
  const r2 = await sim([mixed]);
  assert.equal(r2.code, 1);
  assert.equal(r2.out, '');
});

test('same file, duration and seed give byte-identical output; the trace is stable JSON', async () => {
  const a = await sim([NGINX, '--for', '3m', '-o', 'json', '--seed', '7']);
  const b = await sim([NGINX, '--for', '3m', '-o', 'json', '--seed', '7']);
  assert.equal(a.code, 0);
  assert.equal(a.out, b.out);
  const trace = JSON.parse(a.out);
  assert.equal(trace.format, 'kubedrill-trace/v1');
  assert.equal(trace.seed, 7);
  assert.equal(trace.untilMs, 180_000);
  assert.ok(a.out.startsWith('{\n  "format"'));
  const other = await sim([NGINX, '--for', '3m', '-o', 'json', '--seed', '8']);
  assert.notEqual(other.out, a.out);
  for (const o of ['describe', 'get', 'timeline', 'events']) {
    const x = await sim([NGINX, '--for', '3m', '-o', o]);
    const y = await sim([NGINX, '--for', '3m', '-o', o]);
    assert.equal(x.code, 0, o);
    assert.ok(x.out.length > 0, o);
    assert.equal(x.out, y.out, o);
  }
});

test('the events output is the describe Events table', async () => {
  const d = await sim([NGINX, '--for', '2m']);
  const e = await sim([NGINX, '--for', '2m', '-o', 'events']);
  assert.match(e.out, /^Events:\n {2}Type {4}Reason/);
  assert.ok(d.out.endsWith(e.out));
});

test('several documents: the first Pod is simulated and a note says so', async () => {
  const two = file(
    'two.yaml',
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: first\nspec:\n  containers:\n  - name: a\n    image: nginx:1.14\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: second\nspec:\n  containers:\n  - name: b\n    image: nginx:1.14\n',
  );
  const r = await sim([two, '--for', '30s']);
  assert.equal(r.code, 0);
  assert.match(r.err, /^note: .*two\.yaml has 2 documents; simulating the first Pod \("first"\)\n/);
  assert.match(r.out, /^Name: +first\n/);
});

test('an image the catalogue does not know is simulated and named in a note', async () => {
  const unknown = file('unknown.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: u\nspec:\n  containers:\n  - name: a\n    image: example.com/mystery/app:9\n');
  const r = await sim([unknown, '--for', '1m']);
  assert.equal(r.code, 0);
  assert.match(r.err, /^note: .*"example\.com\/mystery\/app:9".*not in kubedrill's catalogue.*\n$/);
  assert.equal(r.err.split('\n').length, 2, 'one line');
  assert.match(r.out, /^Name: +u\n/);
});
