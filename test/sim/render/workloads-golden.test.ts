// Cluster runs through `kubedrill sim`, byte for byte (test/golden/sim/workloads-*.txt): a rolling update, a
// stalled one, Jobs that fail and complete, in kubectl's words.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { run } from '../../../src/commands/sim.js';
import { memoryIo } from '../../../src/commands/io.js';
import { GOLDEN_DIR, assertGolden } from '../../golden/golden.js';

const DIR = path.join(GOLDEN_DIR, 'sim', 'workloads');

async function sim(args: string[]): Promise<string> {
  const m = memoryIo({ cwd: DIR });
  const code = await run(args, m.io);
  // while this build's manifest pipeline checks Pods only, the other kinds come with a note; nothing else
  const other = m.err().split('\n').filter((l) => l !== '' && !/^note: .* simulated as written \(this build's manifest checks cover Pods only\)$/.test(l));
  assert.deepEqual(other, []);
  assert.equal(code, 0);
  return m.out();
}

const ROLL = ['web-v1.yaml', '--then', 'web-v2.yaml', '--at', '2m', '--for', '4m'];

test('a rolling update, watched: deployments, replica sets, pods (Terminating), the Service and its endpoints', async () => {
  const out = await sim([...ROLL, '-o', 'get']);
  assertGolden('sim/workloads-rolling-get.txt', out);
  assert.match(out, /^\$ kubectl apply -f web-v1\.yaml\ndeployment\.apps\/web created\nservice\/web created\n# at 2m0s\n\$ kubectl apply -f web-v2\.yaml\ndeployment\.apps\/web configured\nservice\/web unchanged\n/);
  assert.match(out, /\n\$ kubectl get endpoints -w\nWarning: v1 Endpoints is deprecated in v1\.33\+; use discovery\.k8s\.io\/v1 EndpointSlice\nNAME +ENDPOINTS +AGE\n/);
  assert.match(out, /\nweb-\w+-\w{5} +1\/1 +Terminating +0 +2m\d+s\n/);
  assert.match(out, /\nweb +4\/3 +1 +4 +2m\d+s\n/, 'the surge pod shows as 4/3');
});

test('a rolling update, described at the end: Deployment, both ReplicaSets, Service, pods', async () => {
  const out = await sim([...ROLL, '-o', 'describe']);
  assertGolden('sim/workloads-rolling-describe.txt', out);
  assert.match(out, /\nRollingUpdateStrategy: +0 max unavailable, 1 max surge\n/);
  assert.match(out, /\nOldReplicaSets: +web-\w+ \(0\/0 replicas created\)\nNewReplicaSet: +web-\w+ \(3\/3 replicas created\)\n/);
  assert.match(out, /\n {2}Progressing +True +NewReplicaSetAvailable\n/);
  assert.match(out, /\nControlled By: +ReplicaSet\/web-\w+\n/);
  assert.match(out, /\nEndpoints: +(10\.244\.\d+\.\d+:80,?){3}\n/);
});

test('rollout status from the second apply: the waiting lines, success and exit 0', async () => {
  const out = await sim([...ROLL, '-o', 'rollout']);
  assertGolden('sim/workloads-rolling-rollout.txt', out);
  assert.match(out, /\ndeployment "web" successfully rolled out\n# kubectl exits 0\n$/);
});

test('a stalled rollout exceeds its progress deadline: rollout status errors and exits 1', async () => {
  const out = await sim(['web-v1.yaml', '--then', 'web-broken.yaml', '--at', '1m', '--for', '5m', '-o', 'rollout']);
  assertGolden('sim/workloads-stalled-rollout.txt', out);
  assert.match(out, /\nerror: deployment "web" exceeded its progress deadline\n# kubectl exits 1\n$/);
  const d = await sim(['web-v1.yaml', '--then', 'web-broken.yaml', '--at', '1m', '--for', '5m', '-o', 'describe']);
  assert.match(d, /\n {2}Progressing +False +ProgressDeadlineExceeded\n/);
});

test('a Job that keeps failing: pods with back-off, BackoffLimitExceeded, kubectl events', async () => {
  const get = await sim(['job-backoff.yaml', '--for', '2m', '-o', 'get']);
  assertGolden('sim/workloads-job-backoff-get.txt', get);
  assert.match(get, /\nflaky +Failed +0\/1 +\S+ +\S+\n/);
  const desc = await sim(['job-backoff.yaml', '--for', '2m', '-o', 'describe']);
  assertGolden('sim/workloads-job-backoff-describe.txt', desc);
  assert.match(desc, /\nPods Statuses: +0 Active \(0 Ready\) \/ 0 Succeeded \/ 3 Failed\n/);
  assert.match(desc, /\n {2}Warning +BackoffLimitExceeded +\S+ +job-controller +Job has reached the specified backoff limit\n/);
  const ev = await sim(['job-backoff.yaml', '--for', '2m', '-o', 'events']);
  assertGolden('sim/workloads-job-backoff-events.txt', ev);
  assert.match(ev, /\nLAST SEEN +TYPE +REASON +OBJECT +MESSAGE\n/);
  assert.match(ev, / Job\/flaky +Job has reached the specified backoff limit\n/);
});

test('a Job with completions and parallelism completes', async () => {
  const out = await sim(['job-complete.yaml', '--for', '1m', '-o', 'get']);
  assertGolden('sim/workloads-job-complete-get.txt', out);
  assert.match(out, /\nbatch +Complete +5\/5 +\S+ +\S+\n/);
});
