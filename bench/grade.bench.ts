// Batch-grading figures for `npm run bench` (prints one JSON object on stdout): where the time of
// one submission goes, stage by stage, on a generated class of liveness-exam answers; then the
// built CLI grading 1 000 and 10 000 of them (`kubedrill grade ... --stats`): throughput, peak RSS
// and heap. The corpus is seeded, so every run grades the same files.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { findExercise, loadPack } from '../src/exercises/pack.js';
import { stableJson } from '../src/grade/fragment.js';
import { gradeText, prepareExercise } from '../src/grade/index.js';
import { checkManifest } from '../src/manifest/index.js';
import { parseText } from '../src/manifest/locate.js';
import { simulate } from '../src/sim/index.js';
import { mulberry32 } from '../src/sim/engine/rng.js';
import { createRuntime, type ImageSpec } from '../src/sim/runtime/index.js';

// ---- a seeded class of submissions

const rng = mulberry32;

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const chance = (r: Rand, p: number) => r() < p;
function shuffle<T>(r: Rand, xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}

const RIGHT_COMMANDS: string[][] = [
  ['ls', '/tmp/healthy'],
  ['cat', '/tmp/healthy'],
  ['test', '-e', '/tmp/healthy'],
  ['sh', '-c', 'test -e /tmp/healthy'],
  ['sh', '-c', 'cat /tmp/healthy'],
  ['/bin/sh', '-c', 'ls /tmp/healthy'],
];
const ARGS = ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -rf /tmp/healthy; sleep 600'];

type Mistake =
  | 'period' | 'delay' | 'no-delay' | 'threshold' | 'no-threshold' | 'success-2' | 'no-probe' | 'readiness' | 'startup'
  | 'httpget' | 'one-string' | 'typo' | 'wrong-file' | 'args' | 'image' | 'container-name' | 'negative-period' | 'command';
const MISTAKES: Mistake[] = [
  'period', 'period', 'delay', 'no-delay', 'threshold', 'threshold', 'no-threshold', 'success-2', 'no-probe', 'readiness',
  'startup', 'httpget', 'one-string', 'typo', 'typo', 'wrong-file', 'args', 'image', 'container-name', 'negative-period', 'command',
];
const BROKEN = ['tab', 'unclosed-quote', 'bad-indent', 'missing-colon', 'unclosed-flow', 'duplicate-key'] as const;

interface Layout {
  ind: string; // one level of indentation
  seqIndent: boolean; // "- " items indented under their key
  quote: (s: string) => string;
  flowLists: boolean;
  comments: boolean;
  docStart: boolean;
  crlf: boolean;
}

function layoutFor(r: Rand): Layout {
  const q = pick(r, ['plain', 'single', 'double', 'mixed'] as const);
  return {
    ind: chance(r, 0.8) ? '  ' : '    ',
    seqIndent: chance(r, 0.5),
    quote: (s) => {
      const style = q === 'mixed' ? pick(r, ['plain', 'single', 'double'] as const) : q;
      const needs = /[:#;{}[\],&*!|>'"%@`]|^[-?]|^(true|false|yes|no|null|[0-9].*)$/i.test(s) || s.includes(' -');
      if (style === 'double' || (needs && style === 'plain')) return JSON.stringify(s);
      if (style === 'single') return `'${s.replace(/'/g, "''")}'`;
      return s;
    },
    flowLists: chance(r, 0.3),
    comments: chance(r, 0.4),
    docStart: chance(r, 0.2),
    crlf: chance(r, 0.05),
  };
}

/** One submission's text: a right answer, a wrong one (one or two mistakes) or broken YAML. */
export function submission(r: Rand): { text: string; kind: 'right' | 'wrong' | 'broken' } {
  const roll = r();
  const kind = roll < 0.4 ? 'right' : roll < 0.88 ? 'wrong' : 'broken';
  const mistakes = new Set<Mistake>();
  if (kind === 'wrong') {
    mistakes.add(pick(r, MISTAKES));
    if (chance(r, 0.25)) mistakes.add(pick(r, MISTAKES));
  }
  const L = layoutFor(r);
  const I = (n: number) => L.ind.repeat(n);
  const lines: string[] = [];
  if (L.comments) lines.push(pick(r, ['# liveness-exam', '# my answer', '# CKAD practice: liveness probe', '# 라이브니스 프로브 과제']));
  if (L.docStart) lines.push('---');
  const list = (key: string, items: string[], level: number) => {
    if (L.flowLists) return [`${I(level)}${key}: [${items.map((x) => L.quote(x)).join(', ')}]`];
    const dash = L.seqIndent ? I(level + 1) : I(level);
    return [`${I(level)}${key}:`, ...items.map((x) => `${dash}- ${L.quote(x)}`)];
  };
  lines.push('apiVersion: v1', 'kind: Pod', 'metadata:', `${I(1)}name: ${L.quote(mistakes.has('container-name') && chance(r, 0.3) ? 'liveness' : 'liveness-exam')}`);
  lines.push('spec:', `${I(1)}containers:`);
  // "- " at the column of `containers` (or one level in); the container's keys line up after it
  const dash = `${I(1)}${L.seqIndent ? L.ind : ''}- `;
  const c = ' '.repeat(dash.length);
  const containerKeys: string[][] = [];
  containerKeys.push([`name: ${mistakes.has('container-name') ? 'busybox' : 'busybox-container'}`]);
  containerKeys.push([`image: ${mistakes.has('image') ? 'busybox:1.36' : 'busybox'}`]);
  const args = mistakes.has('args') ? ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 60; rm -rf /tmp/healthy; sleep 600'] : ARGS;
  containerKeys.push(list('args', args, 0));
  if (mistakes.has('command')) containerKeys.push(list('command', ['/bin/sh'], 0));
  const cmd = mistakes.has('wrong-file') ? ['ls', '/tmp/health'] : pick(r, RIGHT_COMMANDS);
  const probeFields: string[][] = [];
  if (mistakes.has('httpget')) probeFields.push(['httpGet:', `${L.ind}path: /healthz`, `${L.ind}port: 8080`]);
  else if (mistakes.has('one-string')) probeFields.push([mistakes.has('typo') ? 'exce:' : 'exec:', ...list('command', [cmd.join(' ')], 1)]);
  else probeFields.push(['exec:', ...list('command', cmd, 1)]);
  if (!mistakes.has('no-delay')) probeFields.push([`initialDelay${mistakes.has('typo') && chance(r, 0.3) ? 'Second' : 'Seconds'}: ${mistakes.has('delay') ? pick(r, [0, 1, 3, 5, 8, 12, 15, 20, 30]) : 10}`]);
  const period = mistakes.has('negative-period') ? -5 : mistakes.has('period') ? pick(r, [1, 2, 3, 4, 6, 7, 10, 15]) : 5;
  probeFields.push([`period${mistakes.has('typo') && chance(r, 0.5) ? 'Second' : 'Seconds'}: ${period}`]);
  if (mistakes.has('success-2')) probeFields.push(['successThreshold: 2']);
  else if (chance(r, 0.6)) probeFields.push(['successThreshold: 1']);
  if (!mistakes.has('no-threshold')) probeFields.push([`failure${mistakes.has('typo') && chance(r, 0.3) ? 'Treshold' : 'Threshold'}: ${mistakes.has('threshold') ? pick(r, [1, 3, 4, 5]) : 2}`]);
  if (chance(r, 0.15)) probeFields.push(['timeoutSeconds: 1']);
  shuffle(r, probeFields);
  if (!mistakes.has('no-probe')) {
    const probeKey = mistakes.has('readiness') ? 'readinessProbe' : mistakes.has('startup') ? 'startupProbe' : mistakes.has('typo') && chance(r, 0.3) ? 'livenesProbe' : 'livenessProbe';
    containerKeys.push([`${probeKey}:${L.comments && chance(r, 0.5) ? ' # restarts the container once the file is gone' : ''}`, ...probeFields.flat().map((l) => `${L.ind}${l}`)]);
  }
  // the name first (the "- " item), the rest in any order
  const [first, ...rest] = containerKeys;
  const ordered = [first!, ...(chance(r, 0.3) ? shuffle(r, rest) : rest)];
  ordered.forEach((block, i) => block.forEach((l, j) => lines.push(`${i === 0 && j === 0 ? dash : c}${l}`)));
  let text = lines.join('\n') + (chance(r, 0.9) ? '\n' : '');
  if (kind === 'broken') {
    const b = pick(r, BROKEN);
    const ls = text.split('\n');
    const at = Math.min(ls.length - 2, 6 + Math.floor(r() * Math.max(1, ls.length - 8)));
    switch (b) {
      case 'tab':
        ls[at] = ls[at]!.replace(/^ +/, '\t');
        break;
      case 'unclosed-quote':
        ls[at] = ls[at]!.replace(/: (.*)$/, ': "$1');
        break;
      case 'bad-indent':
        ls[at] = ' ' + ls[at];
        break;
      case 'missing-colon':
        ls[at] = ls[at]!.replace(/:( |$)/, '$1');
        break;
      case 'unclosed-flow':
        ls[at] = ls[at]!.replace(/: (.*)$/, ': [$1');
        break;
      case 'duplicate-key':
        ls.splice(4, 0, ls[3]!);
        break;
    }
    text = ls.join('\n');
  }
  if (L.crlf) text = text.replace(/\n/g, '\r\n');
  return { text, kind };
}

/** Writes `n` submissions as <dir>/<group>/<student>/liveness-exam.yaml, plus a few files the grader skips. */
export function writeCorpus(dir: string, n: number, seed = 42): void {
  const r = rng(seed);
  for (let i = 0; i < n; i++) {
    const student = `student-${String(i).padStart(5, '0')}`;
    const folder = path.join(dir, `group-${String(i % 50).padStart(2, '0')}`, student);
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'liveness-exam.yaml'), submission(r).text);
    if (i % 40 === 0) writeFileSync(path.join(folder, 'NOTES.md'), 'notes\n');
  }
}

// ---- figures

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

/** Per-submission milliseconds of each stage, over `texts` (each stage timed on its own). */
function stages(texts: string[]) {
  const loaded = loadPack();
  if (!loaded.ok) throw new Error('the built-in pack does not load');
  const ex = findExercise(loaded.pack, 'liveness-exam')!;
  const n = texts.length;
  const per = (f: () => void) => {
    f(); // warm up
    const xs: number[] = [];
    for (let k = 0; k < 3; k++) {
      const t0 = process.hrtime.bigint();
      f();
      xs.push(ms(t0) / n);
    }
    return median(xs);
  };
  const yamlMs = per(() => texts.forEach((t) => parseText(t)));
  const manifestMs = per(() => texts.forEach((t) => checkManifest(t, 'x.yaml')));
  const pods = texts.map((t) => checkManifest(t, 'x.yaml')).map((m) => (m.ok ? m.documents[0]?.pod : undefined));
  const runtime = () => createRuntime({ images: (ex.images ?? []) as ImageSpec[] });
  const valid = pods.filter((p) => p !== undefined);
  const simMs = per(() => valid.forEach((p) => simulate(p!, { untilMs: ex.simulate!.forMs, seed: ex.simulate!.seed, runtime: runtime() }))) * (valid.length / n);
  const gradeMs = per(() => texts.forEach((t) => gradeText(ex, t, 'x.yaml')));
  const diffMs = per(() =>
    texts.forEach((t) => {
      const g = gradeText(ex, t, 'x.yaml');
      void g.diffStarter.length;
      void g.diffReference.length;
    }),
  ) - gradeMs;
  // as the grader's trace cache tells Pods apart: by value, key order aside
  const distinct = new Set(valid.map((p) => stableJson(p))).size;
  return {
    submissions: n,
    validPods: valid.length,
    distinctPods: distinct,
    yamlParseMs: yamlMs,
    schemaRulesDefaultsMs: manifestMs - yamlMs,
    simulateEveryPodMs: simMs,
    gradeMs,
    diffsIfReadMs: diffMs,
  };
}

/** The built CLI on a corpus: wall time of the whole process, and what --stats says. */
function cli(dir: string, out: string) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--expose-gc', 'bin/kubedrill.js', 'grade', 'liveness-exam', dir, '--format', 'junit', '--output', out, '--stats'], { encoding: 'utf8' });
  const wallMs = ms(t0);
  if (r.status !== 0 && r.status !== 1) throw new Error(`kubedrill grade exited ${r.status}: ${r.stderr}`);
  const m = /(\d+) submissions in [\d.]+ s .*?(\d+) worker threads? started, (\d+) lost; peak RSS ([\d.]+) MB; peak heap ([\d.]+) MB \(this thread\)(?:, ([\d.]+) MB \(largest worker\))?(?:; heap after a full collection ([\d.]+) MB)?/.exec(r.stderr);
  if (!m) throw new Error(`no --stats line in: ${r.stderr}`);
  return { wallMs, submissions: Number(m[1]), workers: Number(m[2]), rssMB: Number(m[4]), heapMB: Number(m[5]), workerHeapMB: Number(m[6] ?? 0), retainedMB: Number(m[7] ?? NaN) };
}

async function main() {
  const root = mkdtempSync(path.join(tmpdir(), 'kubedrill-grade-bench-'));
  try {
    const r = rng(7);
    const sample = Array.from({ length: 2000 }, () => submission(r).text);
    const loaded = loadPack();
    if (loaded.ok) await prepareExercise(findExercise(loaded.pack, 'liveness-exam')!);
    const stage = stages(sample);
    const small = path.join(root, 'class-1000');
    const large = path.join(root, 'class-10000');
    writeCorpus(small, 1000);
    writeCorpus(large, 10_000);
    const runs = Number(process.env.BENCH_GRADE_RUNS ?? 3);
    const smallRuns = Array.from({ length: runs }, () => cli(small, path.join(root, 'small.xml')));
    const largeRuns = Array.from({ length: runs }, () => cli(large, path.join(root, 'large.xml')));
    // the report itself: a class's results are checked once, so a broken one shows here too
    const xml = readFileSync(path.join(root, 'large.xml'), 'utf8');
    const tests = Number(/<testsuite [^>]*tests="(\d+)"/.exec(xml)?.[1]);
    const pick = (xs: ReturnType<typeof cli>[]) => {
      const wall = median(xs.map((x) => x.wallMs));
      return {
        wallMs: wall,
        perSecond: (xs[0]!.submissions * 1000) / wall,
        workers: xs[0]!.workers,
        rssMB: median(xs.map((x) => x.rssMB)),
        heapMB: median(xs.map((x) => x.heapMB)),
        workerHeapMB: median(xs.map((x) => x.workerHeapMB)),
        retainedMB: median(xs.map((x) => x.retainedMB)),
      };
    };
    process.stdout.write(JSON.stringify({ stage, small: pick(smallRuns), large: pick(largeRuns), junitTests: tests }) + '\n');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

// Run as the bench (not when a script imports the corpus generator).
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await main();
