// Runs a shell script directly against a virtual filesystem and clock: the interpreter's unit-test entry point.
import type { Signal } from '../../trace.js';
import type { ProcessExit } from '../types.js';
import { VirtualFs } from '../vfs.js';
import { ContainerProcess } from '../process.js';
import { DEFAULT_PATH, imageFs } from '../image-fs.js';
import type { Toolset } from './host.js';

export interface ScriptRunOptions {
  /** the filesystem to run against (changed in place); default: a fresh busybox image */
  fs?: VirtualFs;
  toolset?: Toolset;
  env?: Record<string, string>;
  hostname?: string;
  cwd?: string;
  /** signals delivered to PID 1 (the script always runs as PID 1) at the given virtual times */
  signals?: { atMs: number; signal: Signal }[];
  /** stop the clock here (default one day) */
  untilMs?: number;
}

export interface ScriptRun {
  stdout: string;
  stderr: string;
  /** undefined while the script is still running at `untilMs` */
  exit: ProcessExit | undefined;
  fs: VirtualFs;
  process: ContainerProcess;
  /** what each signal did */
  signalOutcomes: string[];
}

/** `sh -c SRC` as PID 1 of a throwaway container, driven to `untilMs` in virtual time. */
export function runScript(src: string, opts: ScriptRunOptions = {}): ScriptRun {
  const toolset = opts.toolset ?? 'busybox';
  const fs = opts.fs ?? imageFs(toolset, undefined);
  const hostname = opts.hostname ?? 'test-pod';
  const p = new ContainerProcess(
    {
      fs,
      toolset,
      hostname,
      podIP: '10.244.0.5',
      env: { PATH: DEFAULT_PATH, HOSTNAME: hostname, HOME: '/root', ...(opts.env ?? {}) },
      cwd: opts.cwd ?? '/',
      argv: ['sh', '-c', src],
      programs: {},
      behaviour: 'script',
      capture: true,
    },
    0,
  );
  const signalOutcomes: string[] = [];
  for (const s of [...(opts.signals ?? [])].sort((a, b) => a.atMs - b.atMs)) {
    p.advance(s.atMs);
    signalOutcomes.push(p.signal(s.signal, s.atMs));
  }
  const exit = p.advance(opts.untilMs ?? 86_400_000);
  return { ...p.captured(), exit, fs, process: p, signalOutcomes };
}
