// `npm run bench`: speed and memory targets, printed as figures and ratios. Tests never time things; this does.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const results = [];

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Median wall time of a whole process, in ms. */
function processMs(args, opts = {}) {
  const xs = [];
  for (let i = 0; i < RUNS + 1; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { encoding: 'utf8', ...opts });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (i === 0) {
      if (r.error) throw r.error;
      continue; // warm the file cache
    }
    xs.push(ms);
  }
  return median(xs);
}

/**
 * Median wall times of a command and of a bare `node -e 0`, run in turns: the ratio compares the two
 * under the same machine load (a shared machine's load drifts over a bench run).
 */
function versusBare(args, opts = {}) {
  const cmd = [];
  const bare = [];
  for (let i = 0; i < RUNS + 1; i++) {
    const t0 = process.hrtime.bigint();
    spawnSync(process.execPath, ['-e', '0']);
    const t1 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { encoding: 'utf8', ...opts });
    const t2 = process.hrtime.bigint();
    if (i === 0) {
      if (r.error) throw r.error;
      continue; // warm the file cache
    }
    bare.push(Number(t1 - t0) / 1e6);
    cmd.push(Number(t2 - t1) / 1e6);
  }
  return { ms: median(cmd), ratio: median(cmd) / median(bare) };
}

/** Time until `marker` first appears on a pseudo-terminal running the command (via script(1)). */
function firstFrameMs(cmd, marker, env) {
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    const child = spawn('script', ['-qfec', cmd, '/dev/null'], { env: { ...process.env, ...env, COLUMNS: '120', LINES: '40' } });
    let buf = '';
    const done = (v) => {
      child.kill('SIGKILL');
      resolve(v);
    };
    const timer = setTimeout(() => done(NaN), 10_000);
    child.stdout.on('data', (d) => {
      buf += d.toString();
      if (buf.includes(marker)) {
        clearTimeout(timer);
        done(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    });
  });
}

function report(name, value, unit, target, ok) {
  results.push({ name, value, unit, target, ok });
  const v = typeof value === 'number' ? value.toFixed(value < 10 ? 2 : 0) : value;
  console.log(`${ok === undefined ? '  ' : ok ? 'ok' : 'MISS'}  ${name.padEnd(52)} ${String(v).padStart(9)} ${unit.padEnd(4)} ${target}`);
}

if (!existsSync('dist/cli.js')) {
  const b = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  if (b.status !== 0) process.exit(1);
}

console.log(`kubedrill bench — node ${process.version}, median of ${RUNS} runs\n`);
const bare = processMs(['-e', '0']);
report('node -e 0 (baseline)', bare, 'ms', '');

// each command against `node -e 0` run in turns with it (see versusBare)
const validPod = 'solutions/01-liveness-exam/liveness-exam.yaml';
const v = versusBare(['bin/kubedrill.js', 'validate', validPod]);
report('kubedrill validate (valid Pod)', v.ms, 'ms', '');
report('  validate / node -e 0', v.ratio, 'x', '< 2x', v.ratio < 2);

const s = versusBare(['bin/kubedrill.js', 'sim', validPod, '--for', '24h']);
report('kubedrill sim --for 24h (liveness-exam: 391 restarts)', s.ms, 'ms', '');
report('  sim 24h / node -e 0', s.ratio, 'x', '< 3x', s.ratio < 3);

const ws = mkdtempSync(path.join(tmpdir(), 'kubedrill-bench-'));
const answer = path.join(ws, 'answer.yaml');
cpSync(validPod, answer);
const c = versusBare(['bin/kubedrill.js', 'check', 'liveness-exam', answer, '--workspace', ws]);
report('kubedrill check liveness-exam (a right answer)', c.ms, 'ms', '');
report('  check / node -e 0', c.ratio, 'x', '< 2x', c.ratio < 2);

// Measure the simulator as users run it: bundled by esbuild like dist/, not through tsx's loader.
const esbuild = await import('esbuild');
/** bench/NAME.bench.ts bundled as users run the code (not through tsx's loader). */
const bundleBench = (name) =>
  esbuild.build({
    entryPoints: [`bench/${name}.bench.ts`],
    outfile: `node_modules/.cache/kubedrill-bench/${name}.bench.js`,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
await bundleBench('sim');
const sim = spawnSync(process.execPath, ['--expose-gc', 'node_modules/.cache/kubedrill-bench/sim.bench.js'], { encoding: 'utf8' });
if (sim.status !== 0) {
  console.log('\nsimulator bench failed:\n' + sim.stderr);
  process.exitCode = 1;
} else {
  const f = JSON.parse(sim.stdout);
  report('simulate liveness-exam, 10 min of pod life', f.examTenMinutesMs, 'ms', '< 5 ms', f.examTenMinutesMs < 5);
  report('simulate a 1 s exec probe for a day', f.dayOfOneSecondProbeMs, 'ms', '< 100 ms', f.dayOfOneSecondProbeMs < 100);
  report('  trace records for that day', f.dayRecords, '', '');
  report('  heap held by that trace', f.dayTraceHeapMB, 'MB', '');
  report('simulate a quiet pod for a minute', f.quietMinuteMs, 'ms', '');
  report('simulate a quiet pod for a year', f.quietYearMs, 'ms', '');
  const ratio = f.quietYearMs / Math.max(f.quietMinuteMs, 0.001);
  report('  year / minute (cost follows events, not time)', ratio, 'x', '< 5x', ratio < 5);
  // the cluster layer: controllers, endpoints and a kubelet per pod on one event queue
  report(`cluster: 3-replica rolling update, 10 min (${f.clusterRollingPods} pods)`, f.clusterRollingTenMinutesMs, 'ms', '< 15 ms', f.clusterRollingTenMinutesMs < 15);
  report('cluster: a Job failing to backoffLimit 6, 30 min', f.clusterJobBackoffMs, 'ms', '< 10 ms', f.clusterJobBackoffMs < 10 && f.clusterJobFailed);
  report('cluster: 50 replicas probed every 10 s, an hour', f.clusterFiftyReplicasHourMs, 'ms', '< 400 ms', f.clusterFiftyReplicasHourMs < 400);
  report('cluster: 50 replicas without probes, an hour', f.clusterFiftyQuietHourMs, 'ms', '');
  report('cluster: 50 replicas without probes, a year', f.clusterFiftyQuietYearMs, 'ms', '');
  const cratio = f.clusterFiftyQuietYearMs / Math.max(f.clusterFiftyQuietHourMs, 0.001);
  report('  year / hour (cost follows events, not time)', cratio, 'x', '< 2x', cratio < 2);
}

// Batch grading: where a submission's time goes, then the built CLI on a generated class (bench/grade.bench.ts).
await bundleBench('grade');
const gradeBench = spawnSync(process.execPath, ['node_modules/.cache/kubedrill-bench/grade.bench.js'], { encoding: 'utf8' });
if (gradeBench.status !== 0) {
  console.log('\ngrade bench failed:\n' + gradeBench.stderr);
  process.exitCode = 1;
} else {
  const g = JSON.parse(gradeBench.stdout);
  const st = g.stage;
  report(`grade, per submission (${st.submissions} generated, ${st.distinctPods} distinct Pods)`, '', '', '');
  report('  YAML parse', st.yamlParseMs, 'ms', '');
  report('  schema + API rules + defaults', st.schemaRulesDefaultsMs, 'ms', '');
  report('  simulate (every valid Pod, no reuse)', st.simulateEveryPodMs, 'ms', '');
  report('  whole grade, one thread (as a worker does)', st.gradeMs, 'ms', '');
  report('  the two diffs, when an output reads them', st.diffsIfReadMs, 'ms', '');
  report(`kubedrill grade, 1 000 submissions (${g.small.workers} workers)`, g.small.perSecond, '/s', '');
  report(`kubedrill grade, 10 000 submissions (${g.large.workers} workers)`, g.large.perSecond, '/s', '>= 1000/s', g.large.perSecond >= 1000);
  report('  JUnit report test cases', g.junitTests, '', '= 10000', g.junitTests === 10000);
  report('  peak RSS, 1 000 / 10 000', `${g.small.rssMB.toFixed(0)}/${g.large.rssMB.toFixed(0)}`, 'MB', '');
  const rssRatio = g.large.rssMB / g.small.rssMB;
  report('  peak RSS 10 000 / 1 000 (memory stays flat)', rssRatio, 'x', '< 1.5x', rssRatio < 1.5);
  report('  peak heap main thread, 1 000 / 10 000', `${g.small.heapMB.toFixed(0)}/${g.large.heapMB.toFixed(0)}`, 'MB', '');
  report('  peak heap largest worker, 1 000 / 10 000', `${g.small.workerHeapMB.toFixed(0)}/${g.large.workerHeapMB.toFixed(0)}`, 'MB', '');
  const kept = g.large.retainedMB - g.small.retainedMB;
  report('  main heap after the batch, 10 000 minus 1 000', kept, 'MB', '< 5 MB', kept < 5);
}

// First frame of the TUI (React/Ink bundled, code-cached) and, for comparison, of an empty Ink app
// loaded from node_modules, both on a pseudo-terminal.
const emptyInk = path.join(ws, 'empty-ink.mjs');
writeFileSync(
  emptyInk,
  `import React from '${path.resolve('node_modules/react/index.js')}';\nimport { render, Text } from '${path.resolve('node_modules/ink/build/index.js')}';\nrender(React.createElement(Text, null, 'EMPTY-INK-READY'));\nsetTimeout(() => process.exit(0), 5000);\n`,
);
const frames = [];
const tuiFrames = [];
for (let i = 0; i < Math.min(RUNS, 7); i++) {
  frames.push(await firstFrameMs(`${process.execPath} ${emptyInk}`, 'EMPTY-INK-READY', {}));
  tuiFrames.push(await firstFrameMs(`${process.execPath} bin/kubedrill.js --workspace ${ws}`, 'liveness-exam', {}));
}
const e = median(frames);
const t = median(tuiFrames);
report('empty Ink app from node_modules, first frame', e, 'ms', '(for comparison)');
report('kubedrill TUI, first frame (exercise list)', t, 'ms', '<= 250 ms', t <= 250);

const missed = results.filter((r) => r.ok === false);
console.log(`\n${missed.length === 0 ? 'all targets met' : `${missed.length} target(s) missed: ${missed.map((r) => r.name.trim()).join(', ')}`}`);
if (missed.length) process.exitCode = 1;
