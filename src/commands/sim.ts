// `kubedrill sim FILE`: run one Pod on the virtual clock and print it in kubectl's words.
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Pod } from 'kubernetes-types/core/v1.d.ts';
import { isReadFailure, readManifestFile } from '../manifest/index.js';
import { formatFindings } from '../report/findings.js';
import { simulate } from '../sim/index.js';
import { createRuntime } from '../sim/runtime/index.js';
import { describePod } from '../sim/render/describe.js';
import { KUBECTL_VERSIONS, renderEvents, type KubectlVersion } from '../sim/render/events.js';
import { goDuration, parseDuration } from '../sim/render/format.js';
import { getWatch } from '../sim/render/get.js';
import { renderTimeline } from '../sim/render/timeline.js';
import { EXIT, type Io } from './io.js';

export const OUTPUTS = ['describe', 'get', 'timeline', 'events', 'json'] as const;
export type SimOutput = (typeof OUTPUTS)[number];

const DEFAULT_FOR = '5m';

export const SIM_USAGE = `Usage: kubedrill sim FILE [options]

Runs the first Pod in FILE on kubedrill's virtual-clock kubelet and prints what kubectl would show.

Options:
  --for DURATION     how long to run the pod: 90s, 6m6s, 1h30m, 24h, 2d (default ${DEFAULT_FOR})
  --output FORMAT    describe   kubectl describe pod, at the end of the run (default)
                     get        kubectl get pod -w rows, as the status changes
                     timeline   probe results, kills, restarts and back-off at a glance
                     events     the Events table alone
                     json       the recorded trace
  -o FORMAT          same as --output
  --seed N           kubelet jitter seed (default 1); same file, duration and seed: same bytes
  --kubectl VERSION  describe texts of kubectl 1.33 (default), 1.35 or 1.37
  --container NAME   timeline: only this container
  --width N          timeline: fit this many columns (default: the terminal's, else 100)
  --ascii            timeline: ASCII marks only
  --help             show this help

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
  severalDocs: (file: string, n: number, pod: string) =>
    `note: ${file} has ${n} documents; simulating the first Pod ("${pod}")\n`,
  unknownImage: (image: string, behaviour: string) =>
    // The runtime's own description usually says it already; do not say it twice.
    behaviour.includes('catalogue')
      ? `note: ${behaviour}\n`
      : `note: image "${image}" is not in kubedrill's catalogue: ${behaviour}\n`,
} as const;

interface SimArgs {
  file: string;
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
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        for: { type: 'string' },
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
  return {
    kind: 'run',
    args: {
      file: positionals[0]!,
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
  const result = readManifestFile(path.resolve(io.cwd, a.file), a.file);
  if (isReadFailure(result)) {
    io.stderr.write(formatFindings(result.findings, { color }));
    return EXIT.usage;
  }
  // A file with any error is never simulated, not even its valid documents.
  if (!result.ok) {
    io.stderr.write(formatFindings(result.findings, { color }));
    return EXIT.failed;
  }
  const podDocs = result.documents.filter((d) => d.pod !== undefined);
  const pod: Pod | undefined = podDocs[0]?.pod;
  if (pod === undefined) {
    io.stderr.write(MSG.noPod(a.file));
    return EXIT.failed;
  }
  const podName = pod.metadata?.name ?? '';
  const names = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c) => c.name);
  if (a.container !== undefined && !names.includes(a.container)) {
    io.stderr.write(MSG.usage(MSG.noContainer(a.container, podName, names)));
    return EXIT.usage;
  }
  if (result.documents.length > 1) io.stderr.write(MSG.severalDocs(a.file, result.documents.length, podName));

  const trace = simulate(pod, { untilMs: a.untilMs, seed: a.seed, runtime: createRuntime() });
  for (const c of trace.containers) if (!c.known) io.stderr.write(MSG.unknownImage(c.image, c.behaviour));

  io.stdout.write(render(pod, trace, a, io));
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
    default: {
      const never: never = a.output;
      throw new Error(`unknown output ${String(never)} after ${goDuration(a.untilMs)}`);
    }
  }
}
