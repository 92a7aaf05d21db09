// In-process simulator figures for `npm run bench` (prints one JSON object on stdout): one pod, and the cluster layer.
import { readFileSync } from 'node:fs';
import { checkManifest } from '../src/manifest/index.js';
import { simulate } from '../src/sim/index.js';
import { simulateCluster } from '../src/sim/cluster/index.js';
import type { KubeObject } from '../src/manifest/kinds.js';
import type { Pod } from '../src/manifest/types.js';

function podFrom(text: string, file: string): Pod {
  const r = checkManifest(text, file);
  const pod = r.documents[0]?.pod;
  if (!r.ok || !pod) throw new Error(`bench pod ${file} does not validate: ${r.findings.map((f) => f.message).join('; ')}`);
  return pod; // already defaulted by the pipeline
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function timeIt(fn: () => unknown, runs: number): number {
  for (let i = 0; i < 3; i++) fn();
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    xs.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(xs);
}

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const YEAR = 365 * DAY;

const exam = podFrom(readFileSync('solutions/01-liveness-exam/liveness-exam.yaml', 'utf8'), 'liveness-exam.yaml');
const fastProbe = podFrom(
  `apiVersion: v1
kind: Pod
metadata: { name: fast-probe }
spec:
  containers:
    - name: app
      image: busybox:1.36
      args: ["/bin/sh", "-c", "touch /tmp/ok; sleep 999999999"]
      livenessProbe:
        exec: { command: ["cat", "/tmp/ok"] }
        periodSeconds: 1
`,
  'fast-probe.yaml',
);
const quiet = podFrom(
  `apiVersion: v1
kind: Pod
metadata: { name: quiet }
spec:
  containers:
    - name: app
      image: busybox:1.36
      args: ["/bin/sh", "-c", "sleep 999999999"]
`,
  'quiet.yaml',
);

const examMs = timeIt(() => simulate(exam, { untilMs: 10 * MIN, seed: 1 }), 50);
const dayRecords = simulate(fastProbe, { untilMs: DAY, seed: 1 }).records.length;
// what the trace itself holds: collected garbage before and after (scripts/bench.mjs runs this with --expose-gc)
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
gc();
const heapBefore = process.memoryUsage().heapUsed;
const keep = simulate(fastProbe, { untilMs: DAY, seed: 1 });
gc();
const heapAfter = process.memoryUsage().heapUsed;
const dayMs = timeIt(() => simulate(fastProbe, { untilMs: DAY, seed: 1 }), 7);
const quietMinuteMs = timeIt(() => simulate(quiet, { untilMs: MIN, seed: 1 }), 50);
const quietYearMs = timeIt(() => simulate(quiet, { untilMs: YEAR, seed: 1 }), 50);

// ---------------------------------------------------------------- the cluster layer
const web = (image: string, probe = true) => ({
  name: 'nginx',
  image,
  ports: [{ containerPort: 80 }],
  ...(probe ? { readinessProbe: { httpGet: { path: '/', port: 80 } } } : {}),
});
const deployment = (replicas: number, container: object) =>
  ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [container] } } },
  }) as unknown as KubeObject;
const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } } as unknown as KubeObject;
const flaky = {
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'flaky' },
  spec: { backoffLimit: 6, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'task', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 5; exit 1'] }] } } },
} as unknown as KubeObject;
const HOUR = 60 * MIN;
const rolling = () =>
  simulateCluster({ steps: [{ atMs: 0, objects: [deployment(3, web('nginx:1.27')), svc] }, { atMs: 2 * MIN, objects: [deployment(3, web('nginx:1.28'))] }] }, { untilMs: 10 * MIN, seed: 1 });
const rollingMs = timeIt(rolling, 30);
const jobRun = () => simulateCluster({ steps: [{ atMs: 0, objects: [flaky] }] }, { untilMs: 30 * MIN, seed: 1 });
const jobFailed = jobRun().records.some((r) => r.kind === 'event' && r.event.reason === 'BackoffLimitExceeded');
const jobBackoffMs = timeIt(jobRun, 30);
const fifty = (untilMs: number, probe: boolean) => () => simulateCluster({ steps: [{ atMs: 0, objects: [deployment(50, web('nginx:1.27', probe)), svc] }] }, { untilMs, seed: 1 });
const fiftyHourMs = timeIt(fifty(HOUR, true), 5);
const fiftyQuietHourMs = timeIt(fifty(HOUR, false), 5);
const fiftyQuietYearMs = timeIt(fifty(YEAR, false), 5);

process.stdout.write(
  JSON.stringify({
    clusterRollingTenMinutesMs: rollingMs,
    clusterRollingPods: rolling().pods.length,
    clusterJobBackoffMs: jobBackoffMs,
    clusterJobFailed: jobFailed,
    clusterFiftyReplicasHourMs: fiftyHourMs,
    clusterFiftyQuietHourMs: fiftyQuietHourMs,
    clusterFiftyQuietYearMs: fiftyQuietYearMs,
    examTenMinutesMs: examMs,
    dayOfOneSecondProbeMs: dayMs,
    dayRecords,
    dayTraceHeapMB: keep.records.length > 0 ? (heapAfter - heapBefore) / 1048576 : 0,
    quietMinuteMs,
    quietYearMs,
    quietYearRecords: simulate(quiet, { untilMs: YEAR, seed: 1 }).records.length,
    keep: keep.records.length,
  }) + '\n',
);
