// What an interpreted command may ask of the container it runs in: time, files, network, jobs — all virtual.
import type { VirtualFs } from '../vfs.js';
import type { Network } from '../net.js';
import { MAX_VALUE_BYTES, outOfMemory } from './limits.js';

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
  | { t: 'cycle'; periodMs: number; interruptible: boolean }
  /**
   * Run `gen` to its end and resume with its return value (or its exception): a nested evaluation
   * (function call, subshell, eval, ...) runs on the task's own stack of generators (see `flatten`),
   * not on the JavaScript stack, so how deep a script nests never depends on the host's stack size.
   * With `limitMs`, the call is a `timeout`: once `gen` has slept that long in total (or blocks), it is
   * unwound and the caller resumes with EXPIRED.
   */
  | { t: 'call'; gen: Gen<unknown>; limitMs?: number };

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

/** What `timeout`'s call resumes with when the limit ended the command. */
export const EXPIRED = -1;

/** `yield* call(gen)`: runs `gen` as a nested call on the task's stack (see Effect `call`). */
export function* call<T>(gen: Gen<T>): Gen<T> {
  return (yield { t: 'call', gen }) as unknown as T;
}

/** `yield* callWithin(ms, gen)`: `gen`'s status, or EXPIRED once it has slept `ms` in total or blocked. */
export function* callWithin(limitMs: number, gen: Gen): Gen {
  return (yield { t: 'call', gen, limitMs }) as unknown as number;
}

interface Frame {
  gen: Gen<unknown>;
  /** a `timeout` frame: its limit and the sleep time its callees have used so far */
  limit?: { ms: number; elapsed: number };
}

/**
 * Runs a task's generator with its nested calls on an explicit stack (the JavaScript stack stays as deep
 * as one frame's own `yield*` chain), and yields only the effects the scheduler handles. A task that is
 * killed (`return()`) finishes every open frame, innermost first, as a `yield*` chain would.
 */
export function* flatten(root: Gen): Gen {
  const stack: Frame[] = [{ gen: root }];
  let send: unknown;
  let error: { e: unknown } | undefined;
  try {
    for (;;) {
      const top = stack[stack.length - 1]!;
      let r: IteratorResult<Effect, unknown>;
      try {
        r = error ? top.gen.throw(error.e) : top.gen.next(send as Resume);
      } catch (e) {
        stack.pop();
        if (stack.length === 0) throw e;
        error = { e };
        send = undefined;
        continue;
      }
      error = undefined;
      send = undefined;
      if (r.done) {
        stack.pop();
        if (stack.length === 0) return r.value as number;
        send = r.value;
        continue;
      }
      let eff = r.value;
      if (eff.t === 'call') {
        stack.push(eff.limitMs === undefined ? { gen: eff.gen } : { gen: eff.gen, limit: { ms: eff.limitMs, elapsed: 0 } });
        continue;
      }
      // timeout frames, innermost first: each lets a sleep within its limit through and counts it; a sleep
      // past its limit, a block or a collapsed sleep loop becomes a sleep to the limit, after which the
      // outermost frame that ran out is unwound (its caller gets EXPIRED)
      let expires = -1;
      for (let i = stack.length - 1; i >= 0; i--) {
        const l = stack[i]!.limit;
        if (!l) continue;
        if (eff.t === 'wait') continue;
        if (eff.t === 'sleep' && l.elapsed + eff.ms < l.ms) {
          l.elapsed += eff.ms;
          continue;
        }
        const rest = l.ms - l.elapsed;
        l.elapsed = l.ms;
        eff = { t: 'sleep', ms: rest > 0 ? rest : 0 };
        expires = i;
      }
      if (expires < 0) {
        send = yield eff;
        continue;
      }
      if (eff.t === 'sleep' && eff.ms > 0) yield eff;
      while (stack.length > expires) {
        const f = stack.pop()!;
        f.gen.return(undefined);
      }
      send = EXPIRED;
    }
  } finally {
    // killed (or died): every frame still open is finished, innermost first
    while (stack.length > 0) {
      const f = stack.pop()!;
      try {
        f.gen.return(undefined);
      } catch {
        // its cleanup failing must not hide why the task ended
      }
    }
  }
}

export const NULL_OUT: Out = { write() {} };
export const emptyIn = (): In => ({ data: '', pos: 0 });

/**
 * Collects output into a string (command substitution, pipelines, exec probes). What a process keeps in
 * memory is bounded (limits.ts MAX_VALUE_BYTES): past it the writer is OOM-killed, or, with `truncate`
 * (an exec session's output, which the runtime and the kubelet only read the start of), the rest is dropped.
 */
export class BufferOut implements Out {
  text = '';
  constructor(private readonly truncate = false) {}
  write(s: string): void {
    if (this.text.length + s.length > MAX_VALUE_BYTES) {
      if (!this.truncate) throw outOfMemory();
      this.text += s.slice(0, Math.max(0, MAX_VALUE_BYTES - this.text.length));
      return;
    }
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
  /** start a background job; returns its pid (ask canSpawn first: the container's pids limit) */
  spawn(run: (pid: number) => Gen): number;
  /** is there room for one more process (see limits.ts PIDS_MAX)? */
  canSpawn(): boolean;
  /** a foreground child process starts (subshell, command substitution, pipeline stage, program): false when the pids limit is reached */
  fork(): boolean;
  /** that child ended */
  reap(): void;
  /** the OOM killer killed one of the container's processes (containerd then reports OOMKilled) */
  oomKilled(): void;
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
