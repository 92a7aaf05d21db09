// Describe / get / timeline renderings of real simulations, byte for byte (test/golden/sim/*.txt).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { run } from '../../../src/commands/sim.js';
import { memoryIo } from '../../../src/commands/io.js';
import { GOLDEN_DIR, assertGolden } from '../../golden/golden.js';

const pod = (name: string) => path.join(GOLDEN_DIR, 'sim', 'pods', name);

async function sim(args: string[]): Promise<string> {
  const m = memoryIo();
  const code = await run(args, m.io);
  assert.equal(m.err(), '', 'no notes for catalogued images');
  assert.equal(code, 0);
  return m.out();
}

test('docs exec liveness at 57 s: three failures in one Unhealthy row, then the kill', async () => {
  const out = await sim([pod('exec-liveness.yaml'), '--for', '57s']);
  assertGolden('sim/exec-liveness-describe-57s.txt', out);
  assert.match(out, /Liveness: +exec \[cat \/tmp\/healthy\] delay=5s timeout=1s period=5s #success=1 #failure=3\n/);
  assert.match(out, /Warning +Unhealthy +\S+ \(x3 over \S+\) +kubelet +Liveness probe failed: cat: can't open '\/tmp\/healthy': No such file or directory\n/);
  assert.match(out, /Normal +Killing +\S+ +kubelet +Container liveness failed liveness probe, will be restarted\n/);
});

test('docs exec liveness at 6 m: restarted several times, last state 137', async () => {
  const out = await sim([pod('exec-liveness.yaml'), '--for', '6m']);
  assertGolden('sim/exec-liveness-describe-6m.txt', out);
  assert.match(out, /Last State: +Terminated\n +Reason: +Error\n +Exit Code: +137\n/);
});

test('the course smlinux/unhealthy pod at 6m6s: Restart Count 3, Unhealthy x9, Killing x3, exit 137', async () => {
  const out = await sim([pod('smlinux-unhealthy.yaml'), '--for', '6m6s']);
  assertGolden('sim/smlinux-unhealthy-describe-6m6s.txt', out);
  assert.match(out, /\n {4}Restart Count: {2}3\n/);
  assert.match(out, /\n {4}Last State: +Terminated\n +Reason: +Error\n +Exit Code: +137\n/);
  assert.match(out, /\n {4}Liveness: +http-get http:\/\/:8080\/ delay=0s timeout=1s period=10s #success=1 #failure=3\n/);
  assert.match(out, /Warning +Unhealthy +\S+ \(x9 over \S+\) +kubelet +Liveness probe failed: HTTP probe failed with statuscode: 500\n/);
  assert.match(out, /Normal +Killing +\S+ \(x3 over \S+\) +kubelet +Container liveness failed liveness probe, will be restarted\n/);
});

test('the course nginx pod: the Liveness line with every default', async () => {
  const out = await sim([pod('nginx.yaml'), '--for', '90s']);
  assertGolden('sim/nginx-describe-90s.txt', out);
  assert.match(out, /\n {4}Liveness: {7}http-get http:\/\/:80\/ delay=0s timeout=1s period=10s #success=1 #failure=3\n/);
  assert.match(out, /\n {4}Restart Count: {2}0\n/);
});

test('kubectl 1.37 describe texts', async () => {
  const out = await sim([pod('nginx.yaml'), '--for', '90s', '--kubectl', '1.37']);
  assert.match(out, /http-get http:\/\/:80\/ delay=0s timeout=1s period=10s successThreshold=1 failureThreshold=3\n/);
  assert.match(out, /kubelet +spec\.containers\{nginx-container\}: Started container nginx-container\n/);
});

test('crash loop: get -w rows and the timeline', async () => {
  const get = await sim([pod('crash-loop.yaml'), '--for', '6m', '-o', 'get']);
  assertGolden('sim/crash-loop-get-6m.txt', get);
  assert.match(get, /CrashLoopBackOff/);
  assert.match(get, /^NAME {9}READY {3}STATUS/);
  const timeline = await sim([pod('crash-loop.yaml'), '--for', '6m', '-o', 'timeline']);
  assertGolden('sim/crash-loop-timeline-6m.txt', timeline);
  assert.match(timeline, /back-off 10s/);
});

test('liveness-exam timeline (3 min) and its ASCII form', async () => {
  const out = await sim([pod('liveness-exam.yaml'), '--for', '3m', '-o', 'timeline']);
  assertGolden('sim/liveness-exam-timeline-3m.txt', out);
  assert.match(out, /liveness failed 2\/2 → killed \(grace 30s\)/);
  const ascii = await sim([pod('liveness-exam.yaml'), '--for', '3m', '-o', 'timeline', '--ascii']);
  assertGolden('sim/liveness-exam-timeline-3m-ascii.txt', ascii);
  assert.match(ascii, /^[\x20-\x7e\n]*$/);
});

test('a day of the nginx pod stays readable: the quiet stretch is left out', async () => {
  const out = await sim([pod('nginx.yaml'), '--for', '24h', '-o', 'timeline']);
  assertGolden('sim/nginx-timeline-24h.txt', out);
  assert.match(out, /quiet/);
  for (const line of out.split('\n')) assert.ok([...line].length <= 100, line);
});
