// What an interpreted command may ask of the container it runs in: time, files, network, jobs — all virtual.
import type { VirtualFs } from '../vfs.js';
import type { Network } from '../net.js';

/**
 * A running command is a generator. It yields an Effect when it must wait in virtual time and is
 * resumed by the scheduler with a Resume value.
 */
export type Effect =
  /** suspend for `ms` of virtual time (a foreground `sleep`: not interrupted by signals) */
  | { t: 'sleep'; ms: number }
  /** suspend until woken by someone else (a server waiting for connections, `sleep infinity`) */
  | { t: 'block' }
  /** the `wait` builtin: until the jobs finish; `interruptible` when a trapped signal may cut it short */
  | { t: 'wait'; pids: number[] | 'all'; interruptible: boolean }
  /**
   * `while true; do sleep P; done` collapsed: nothing observable happens until a trapped signal is
   * pending; then the task resumes ('interrupted') at the end of the sleep in progress.
   */
  | { t: 'cycle'; periodMs: number; interruptible: boolean };

/** 'interrupted' resumes a `wait` cut short by a trapped signal; 'woken' resumes a `block`. */
export type Resume = 'done' | 'interrupted' | 'woken' | undefined;

export type Gen<T = number> = Generator<Effect, T, Resume>;

export type Toolset = 'busybox' | 'gnu';

export interface Out {
  write(s: string): void;
}

export interface In {
  data: string;
  pos: number;
}

export interface Stdio {
  in: In;
  out: Out;
  err: Out;
}

/** Thrown into a running command when its container died under it: unwinds without running anything more. */
export class ContainerGone {}

export const NULL_OUT: Out = { write() {} };
export const emptyIn = (): In => ({ data: '', pos: 0 });

/** Collects output into a string (command substitution, pipelines, exec probes). */
export class BufferOut implements Out {
  text = '';
  write(s: string): void {
    this.text += s;
  }
}

/** How a program the image ships (not a shell applet) is started; supplied by the process model. */
export type ProgramRunner = (name: string, argv: string[], io: Stdio, env: Record<string, string>, asPid1: boolean) => Gen;

export interface ShellHost {
  readonly fs: VirtualFs;
  readonly net: Network;
  readonly toolset: Toolset;
  readonly hostname: string;
  readonly podIP: string;
  /** virtual time (ms) as seen by the calling task */
  now(): number;
  /** wall-clock value of virtual time 0 for `date` and server logs (a fixed constant: deterministic) */
  readonly epochMs: number;
  /** id of the task currently running (for `wake`) */
  currentTask(): number;
  /** resume a task that yielded `block` */
  wake(task: number): void;
  /** start a background job; returns its pid */
  spawn(run: (pid: number) => Gen): number;
  /** exit status of a job, undefined while it runs or if unknown */
  jobStatus(pid: number): number | undefined;
  isJob(pid: number): boolean;
  /** kill a background job (SIGKILL semantics for children: no handlers modelled) */
  killJob(pid: number, signo: number): boolean;
  /** deliver a signal to PID 1 (the `kill` builtin aimed at the container's init) */
  signalInit(signal: string): void;
  /** true once the container's PID 1 has exited (a `kill 1` can end it mid-script) */
  initExited(): boolean;
  /** signals delivered to PID 1 whose trap has not run yet (taken = removed) */
  takePending(): string[];
  hasPending(): boolean;
  /** `exec` by PID 1 replaced the shell with a program: PID-1 signal behaviour changes */
  replaceInit(kind: { kind: 'shell' } | { kind: 'applet' } | { kind: 'program'; name: string }): void;
  runProgram: ProgramRunner;
  /** the PID-1 shell announces its trap table so signals to the container can consult it */
  registerInitShell(traps: Map<string, string>): void;
  /** counts a command run without waiting; true once a task spins (busy loop) past the budget */
  spin(): boolean;
  /** deterministic pseudo-random 31-bit numbers ($RANDOM) */
  random(): number;
  /** PID 1's stdout/stderr (the container log): what `> /proc/1/fd/1` writes to */
  readonly initOut?: Stdio;
}
