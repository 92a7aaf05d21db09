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
    [[NGINX, '--output', 'yaml'], /unknown output "yaml": use one of describe, get, timeline, events, rollout, json/],
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
    args: { file: 'x.yaml', then: [], untilMs: 300_000, output: 'describe', seed: 1, kubectl: '1.33', container: undefined, width: undefined, ascii: false },
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

test('several Pods in one file: every one runs, on the cluster layer (one node, a kubelet each)', async () => {
  const two = file(
    'two.yaml',
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: first\nspec:\n  containers:\n  - name: a\n    image: nginx:1.14\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: second\nspec:\n  containers:\n  - name: b\n    image: nginx:1.14\n',
  );
  const r = await sim([two, '--for', '30s']);
  assert.equal(r.code, 0);
  assert.equal(r.err, '');
  assert.match(r.out, /^\$ kubectl apply -f .*two\.yaml\npod\/first created\npod\/second created\n/);
  assert.match(r.out, /\n\$ kubectl describe pod first\nName: +first\n/);
  assert.match(r.out, /\n\$ kubectl describe pod second\nName: +second\n/);
  const get = await sim([two, '--for', '30s', '-o', 'get']);
  assert.match(get.out, /\nfirst +1\/1 +Running +0 +\d+s\n/);
  assert.match(get.out, /\nsecond +1\/1 +Running +0 +\d+s\n/);
});

const DEPLOY = (image: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: nginx\n        image: ${image}\n`;

test('--then FILE --at DURATION applies a new version later; -o rollout follows it from that apply', async () => {
  const v1 = file('d1.yaml', DEPLOY('nginx:1.27'));
  const v2 = file('d2.yaml', DEPLOY('nginx:1.28'));
  const r = await sim([v1, '--then', v2, '--at', '1m', '--for', '3m', '-o', 'rollout']);
  assert.equal(r.code, 0);
  assert.match(r.out, /\n# at 1m0s\n\$ kubectl apply -f .*d2\.yaml\ndeployment\.apps\/web configured\n/);
  assert.match(r.out, /\n\$ kubectl rollout status deployment\/web\nWaiting for deployment "web" rollout to finish: 1 out of 2 new replicas have been updated\.\.\.\n/);
  assert.match(r.out, /deployment "web" successfully rolled out\n# kubectl exits 0\n$/);
  // stopped before the end of the rollout: kubectl is still waiting
  const early = await sim([v1, '--then', v2, '--at', '1m', '--for', '61s', '-o', 'rollout']);
  assert.match(early.out, /# still waiting at 1m1s: kubectl rollout status has not returned\n$/);
  const json = await sim([v1, '--then', v2, '--at', '1m', '--for', '2m', '-o', 'json']);
  const trace = JSON.parse(json.out);
  assert.equal(trace.format, 'kubedrill-cluster-trace/v1');
  assert.equal(trace.untilMs, 120_000);
  assert.ok(trace.pods.length >= 4);
  // determinism through the command
  const again = await sim([v1, '--then', v2, '--at', '1m', '--for', '2m', '-o', 'json']);
  assert.equal(again.out, json.out);
});

test('--then and --at usage errors exit 2', async () => {
  const v1 = file('u1.yaml', DEPLOY('nginx:1.27'));
  const cases: [string[], RegExp][] = [
    [[v1, '--then', v1], /each --then needs an --at/],
    [[v1, '--at', '1m'], /each --at needs a --then/],
    [[v1, '--then', v1, '--at', '0s'], /--at 0s: a later file applies after 0s/],
    [[v1, '--then', v1, '--at', '2m', '--then', v1, '--at', '1m'], /--at 1m is not after --at 2m/],
    [[v1, '--then', v1, '--at', '10m', '--for', '5m'], /--at 10m is after the end of the run \(--for 5m0s\)/],
    [[v1, '--then', v1, '--at', 'soon'], /invalid duration "soon"/],
    [[v1, '-o', 'timeline'], /the timeline draws one Pod/],
    [[v1, '--container', 'nginx'], /--container picks a container of one Pod/],
    [[NGINX, '-o', 'rollout'], /kubectl rollout status follows a Deployment: a Pod file has none/],
  ];
  for (const [args, msg] of cases) {
    const r = await sim(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, msg, args.join(' '));
    assert.equal(r.out, '');
  }
  const missing = await sim([v1, '--then', 'nope.yaml', '--at', '1m']);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /nope\.yaml/);
});

test('a workload file with a broken document is not simulated (exit 1); unknown kinds are refused as before', async () => {
  const noContainers = file('nc.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec: {}\n');
  const r = await sim([noContainers]);
  assert.equal(r.code, 1);
  assert.equal(r.out, '');
  // the manifest pipeline checks Deployments itself now: its own finding, in kubectl's words
  assert.match(r.err, /spec\.template\.spec\.containers: Required value/);
  const cm = file('cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata: {}\n');
  const c = await sim([cm]);
  assert.equal(c.code, 1);
  assert.match(c.err, /ConfigMap/);
});

test('an image the catalogue does not know is simulated and named in a note', async () => {
  const unknown = file('unknown.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: u\nspec:\n  containers:\n  - name: a\n    image: example.com/mystery/app:9\n');
  const r = await sim([unknown, '--for', '1m']);
  assert.equal(r.code, 0);
  assert.match(r.err, /^note: .*"example\.com\/mystery\/app:9".*not in kubedrill's catalogue.*\n$/);
  assert.equal(r.err.split('\n').length, 2, 'one line');
  assert.match(r.out, /^Name: +u\n/);
});
