// `kubedrill sim FILE`: run a Pod — or the Deployments, ReplicaSets, Jobs, Services and Pods of a file and its
// later versions — on the virtual clock and print it in kubectl's words.
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Pod } from 'kubernetes-types/core/v1.d.ts';
import { isReadFailure, readManifestFile } from '../manifest/index.js';
import { KINDS, type KubeObject } from '../manifest/kinds.js';
import type { Finding, ManifestResult } from '../manifest/types.js';
import { simulateCluster } from '../sim/cluster/index.js';
import { renderTranscript } from '../sim/render/transcript.js';
import { formatFindings } from '../report/findings.js';
import { simulate } from '../sim/index.js';
import { createRuntime } from '../sim/runtime/index.js';
import { describePod } from '../sim/render/describe.js';
import { KUBECTL_VERSIONS, renderEvents, type KubectlVersion } from '../sim/render/events.js';
import { goDuration, parseDuration } from '../sim/render/format.js';
import { getWatch } from '../sim/render/get.js';
import { renderTimeline } from '../sim/render/timeline.js';
import { EXIT, type Io } from './io.js';

export const OUTPUTS = ['describe', 'get', 'timeline', 'events', 'rollout', 'json'] as const;
export type SimOutput = (typeof OUTPUTS)[number];

const DEFAULT_FOR = '5m';

export const SIM_USAGE = `Usage: kubedrill sim FILE [--then FILE2 --at DURATION]... [options]

Runs FILE on kubedrill's virtual clock and prints what kubectl would show. A file with one Pod runs
on the simulated kubelet alone; a file with Deployments, ReplicaSets, Jobs, Services or several
objects runs on a one-node cluster (its controllers, and a kubelet per pod), applied at t = 0.

Options:
  --for DURATION     how long to run: 90s, 6m6s, 1h30m, 24h, 2d (default ${DEFAULT_FOR})
  --then FILE        kubectl apply FILE later (a new version: a changed Deployment template rolls out)
  --at DURATION      when the --then of the same place applies (one --at per --then, in order)
  --output FORMAT    describe   kubectl describe of each object (a Pod: describe pod), at the end (default)
                     get        kubectl get -w rows as the objects change (pods, deployments, ...)
                     timeline   a Pod's probe results, kills, restarts and back-off at a glance
                     events     a Pod: the Events table; a cluster: kubectl events
                     rollout    kubectl rollout status of each Deployment, from the last apply
                     json       the recorded trace
  -o FORMAT          same as --output
  --seed N           kubelet jitter seed (default 1); same file, duration and seed: same bytes
  --kubectl VERSION  describe texts of kubectl 1.33 (default), 1.35 or 1.37
  --container NAME   timeline: only this container
  --width N          timeline: fit this many columns (default: the terminal's, else 100)
  --ascii            timeline: ASCII marks only
  --help             show this help

Example: kubedrill sim web-v1.yaml --then web-v2.yaml --at 2m --for 5m -o rollout

Exit codes: 0 simulated, 1 the manifest has problems, 2 usage error or unreadable file.
`;

/** User-facing texts of this command. */
const MSG = {
  usage: (why: string) => `kubedrill sim: ${why}\n\n${SIM_USAGE}`,
  needFile: 'expected one manifest file',
  oneFile: (n: number) => `expected one manifest file, got ${n}`,
  badOutput: (v: string) => `unknown output "${v}": use one of ${OUTPUTS.join(', ')}`,
  badSeed: (v: string) => `invalid seed "${v}": use a whole number from 0 to 4294967295`,
  badKubectl: (v: string) => `unsupported kubectl version "${v}": use one of ${KUBECTL_VERSIONS.join(', ')}`,
  badWidth: (v: string) => `invalid width "${v}": use a whole number from 40 to 1000`,
  noContainer: (name: string, pod: string, names: string[]) =>
    `no container "${name}" in Pod "${pod}" (containers: ${names.join(', ')})`,
  noPod: (file: string) => `${file}: no Pod to simulate\n`,
  nothing: (file: string) => `${file}: nothing to simulate (kubedrill runs ${KINDS.join(', ')})\n`,
  thenNeedsAt: 'each --then needs an --at (when to apply it), in the same order',
  atNeedsThen: 'each --at needs a --then (the file to apply then)',
  atOrder: (prev: string, next: string) => `--at ${next} is not after --at ${prev}: later files apply later`,
  atZero: (v: string) => `--at ${v}: a later file applies after 0s (the first file applies at 0s)`,
  atAfterEnd: (at: string, end: string) => `--at ${at} is after the end of the run (--for ${end})`,
  clusterTimeline: 'the timeline draws one Pod: for several objects use -o get, describe, rollout, events or json',
  clusterContainer: '--container picks a container of one Pod: it is for the timeline of a Pod file',
  noDeployment: 'note: no Deployment to follow with kubectl rollout status\n',
  podRollout: 'kubectl rollout status follows a Deployment: a Pod file has none (use -o get or describe)',
  unknownImage: (image: string, behaviour: string) =>
    // The runtime's own description usually says it already; do not say it twice.
    behaviour.includes('catalogue')
      ? `note: ${behaviour}\n`
      : `note: image "${image}" is not in kubedrill's catalogue: ${behaviour}\n`,
} as const;

interface SimArgs {
  file: string;
  /** later applies: file and time */
  then: { file: string; atMs: number }[];
  untilMs: number;
  output: SimOutput;
  seed: number;
  kubectl: KubectlVersion;
  container?: string;
  width?: number;
  ascii: boolean;
}

type Parsed = { kind: 'help' } | { kind: 'run'; args: SimArgs } | { kind: 'error'; message: string };

export function parseSimArgs(argv: string[]): Parsed {
  let values: Record<string, string | boolean | string[] | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        for: { type: 'string' },
        then: { type: 'string', multiple: true },
        at: { type: 'string', multiple: true },
        output: { type: 'string', short: 'o' },
        seed: { type: 'string' },
        kubectl: { type: 'string' },
        container: { type: 'string' },
        width: { type: 'string' },
        ascii: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    return { kind: 'error', message: err instanceof Error ? err.message : String(err) };
  }
  if (values.help) return { kind: 'help' };
  if (positionals.length === 0) return { kind: 'error', message: MSG.needFile };
  if (positionals.length > 1) return { kind: 'error', message: MSG.oneFile(positionals.length) };
  const dur = parseDuration((values.for as string | undefined) ?? DEFAULT_FOR);
  if (!dur.ok) return { kind: 'error', message: dur.error };
  const output = (values.output as string | undefined) ?? 'describe';
  if (!(OUTPUTS as readonly string[]).includes(output)) return { kind: 'error', message: MSG.badOutput(output) };
  const seedText = (values.seed as string | undefined) ?? '1';
  const seed = Number(seedText);
  if (!/^\d+$/.test(seedText) || seed > 0xffffffff) return { kind: 'error', message: MSG.badSeed(seedText) };
  const kubectl = (values.kubectl as string | undefined) ?? '1.33';
  if (!(KUBECTL_VERSIONS as readonly string[]).includes(kubectl)) return { kind: 'error', message: MSG.badKubectl(kubectl) };
  let width: number | undefined;
  if (values.width !== undefined) {
    const w = String(values.width);
    width = Number(w);
    if (!/^\d+$/.test(w) || width < 40 || width > 1000) return { kind: 'error', message: MSG.badWidth(w) };
  }
  const thenFiles = (values.then as string[] | undefined) ?? [];
  const atTexts = (values.at as string[] | undefined) ?? [];
  if (thenFiles.length > atTexts.length) return { kind: 'error', message: MSG.thenNeedsAt };
  if (atTexts.length > thenFiles.length) return { kind: 'error', message: MSG.atNeedsThen };
  const then: { file: string; atMs: number }[] = [];
  for (let i = 0; i < thenFiles.length; i++) {
    const at = parseDuration(atTexts[i]!);
    if (!at.ok) return { kind: 'error', message: at.error };
    if (at.ms <= 0) return { kind: 'error', message: MSG.atZero(atTexts[i]!) };
    if (i > 0 && at.ms <= then[i - 1]!.atMs) return { kind: 'error', message: MSG.atOrder(atTexts[i - 1]!, atTexts[i]!) };
    if (at.ms > dur.ms) return { kind: 'error', message: MSG.atAfterEnd(atTexts[i]!, goDuration(dur.ms)) };
    then.push({ file: thenFiles[i]!, atMs: at.ms });
  }
  return {
    kind: 'run',
    args: {
      file: positionals[0]!,
      then,
      untilMs: dur.ms,
      output: output as SimOutput,
      seed,
      kubectl: kubectl as KubectlVersion,
      container: values.container as string | undefined,
      width,
      ascii: values.ascii === true,
    },
  };
}

export async function run(argv: string[], io: Io): Promise<number> {
  const parsed = parseSimArgs(argv);
  if (parsed.kind === 'help') {
    io.stdout.write(SIM_USAGE);
    return EXIT.ok;
  }
  if (parsed.kind === 'error') {
    io.stderr.write(MSG.usage(parsed.message));
    return EXIT.usage;
  }
  const a = parsed.args;
  const color = io.stderr.isTTY === true && !io.env.NO_COLOR;
  const files = [a.file, ...a.then.map((t) => t.file)];
  const results: ManifestResult[] = [];
  for (const f of files) {
    const result = readManifestFile(path.resolve(io.cwd, f), f);
    if (isReadFailure(result)) {
      io.stderr.write(formatFindings(result.findings, { color }));
      return EXIT.usage;
    }
    results.push(result);
  }
  // A file with any error is never simulated, not even its valid documents.
  const steps: KubeObject[][] = [];
  let bad = false;
  for (const result of results) {
    const objects = objectsOf(result);
    if (!Array.isArray(objects)) {
      io.stderr.write(formatFindings(objects.findings, { color }));
      bad = true;
      continue;
    }
    steps.push(objects);
  }
  if (bad) return EXIT.failed;
  if (steps.every((o) => o.length === 0)) {
    io.stderr.write(MSG.nothing(a.file));
    return EXIT.failed;
  }
  const single = a.then.length === 0 && steps[0]!.length === 1 && steps[0]![0]!.kind === 'Pod';
  if (single) return runPod(steps[0]![0] as Pod, a, io);
  return runCluster(steps, files, a, io);
}

/** The objects of a checked file, as the API server stored them (defaults applied), or its errors. */
function objectsOf(result: ManifestResult): KubeObject[] | { findings: Finding[] } {
  if (!result.ok) return { findings: result.findings.filter((f) => f.severity === 'error') };
  const objects: KubeObject[] = [];
  for (const doc of result.documents) if (doc.object) objects.push(doc.object);
  return objects;
}

/** One Pod alone: the single-pod simulator, exactly as before the cluster layer. */
function runPod(pod: Pod, a: SimArgs, io: Io): number {
  if (a.output === 'rollout') {
    io.stderr.write(MSG.usage(MSG.podRollout));
    return EXIT.usage;
  }
  const podName = pod.metadata?.name ?? '';
  const names = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c) => c.name);
  if (a.container !== undefined && !names.includes(a.container)) {
    io.stderr.write(MSG.usage(MSG.noContainer(a.container, podName, names)));
    return EXIT.usage;
  }
  const trace = simulate(pod, { untilMs: a.untilMs, seed: a.seed, runtime: createRuntime() });
  for (const c of trace.containers) if (!c.known) io.stderr.write(MSG.unknownImage(c.image, c.behaviour));

  io.stdout.write(render(pod, trace, a, io));
  return EXIT.ok;
}

function runCluster(steps: KubeObject[][], files: string[], a: SimArgs, io: Io): number {
  if (a.output === 'timeline') {
    io.stderr.write(MSG.usage(MSG.clusterTimeline));
    return EXIT.usage;
  }
  if (a.container !== undefined) {
    io.stderr.write(MSG.usage(MSG.clusterContainer));
    return EXIT.usage;
  }
  const atMs = [0, ...a.then.map((t) => t.atMs)];
  const trace = simulateCluster({ steps: steps.map((objects, i) => ({ atMs: atMs[i]!, objects })) }, { untilMs: a.untilMs, seed: a.seed, runtime: createRuntime() });
  const noted = new Set<string>();
  for (const p of trace.pods) {
    for (const c of p.trace.containers) {
      if (c.known || noted.has(c.image)) continue;
      noted.add(c.image);
      io.stderr.write(MSG.unknownImage(c.image, c.behaviour));
    }
  }
  if (a.output === 'json') {
    io.stdout.write(JSON.stringify(trace, null, 2) + '\n');
    return EXIT.ok;
  }
  if (a.output === 'rollout' && !trace.records.some((r) => r.kind === 'added' && r.object.kind === 'Deployment')) io.stderr.write(MSG.noDeployment);
  io.stdout.write(renderTranscript(trace, { output: a.output, files, kubectl: a.kubectl }));
  return EXIT.ok;
}

function render(pod: Pod, trace: ReturnType<typeof simulate>, a: SimArgs, io: Io): string {
  switch (a.output) {
    case 'describe':
      return describePod(pod, trace, a.untilMs, { kubectl: a.kubectl });
    case 'get':
      return getWatch(pod, trace, a.untilMs);
    case 'timeline':
      return renderTimeline(pod, trace, a.untilMs, {
        width: a.width ?? (io.stdout.isTTY && io.stdout.columns ? io.stdout.columns : 100),
        ascii: a.ascii,
        container: a.container,
      });
    case 'events':
      return renderEvents(trace, a.untilMs, { kubectl: a.kubectl });
    case 'json':
      return JSON.stringify(trace, null, 2) + '\n';
    case 'rollout':
      throw new Error('rollout status of a Pod file is refused before it is simulated');
    default: {
      const never: never = a.output;
      throw new Error(`unknown output ${String(never)} after ${goDuration(a.untilMs)}`);
    }
  }
}
