// In-process simulator figures for `npm run bench` (prints one JSON object on stdout).
import { readFileSync } from 'node:fs';
import { checkManifest } from '../src/manifest/index.js';
import { simulate } from '../src/sim/index.js';
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

process.stdout.write(
  JSON.stringify({
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
