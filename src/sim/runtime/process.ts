// A running container: its tasks (PID 1 and background jobs) scheduled in virtual time, signals, exec, network and logs.
import type { Signal } from '../trace.js';
import type { ExecResult, GrpcResult, HttpResult, Process, ProcessExit, SignalOutcome, TcpResult } from './types.js';
import type { Effect, Gen, Out, Resume, ShellHost, Stdio, Toolset } from './sh/host.js';
import { BufferOut, ContainerGone, emptyIn, flatten } from './sh/host.js';
import { PIDS_MAX, ProcessDeath, Stall } from './sh/limits.js';
import { runExecutable } from './sh/interp.js';
import { lookupExe } from './sh/applets.js';
import { Network, type Listener } from './net.js';
import type { FsState, VirtualFs } from './vfs.js';
import type { ProgramSpec } from './image-spec.js';
import { fillTemplate, runProgramSpec, type SignalTable } from './programs.js';

/** Virtual time 0 as a wall-clock instant (for `date` and server logs): fixed, so runs are reproducible. */
export const VIRTUAL_EPOCH_MS = Date.UTC(2025, 0, 1, 0, 0, 0);
/** The address probes come from, as servers log it (the node's pod-network gateway). */
export const PROBE_SOURCE_IP = '10.244.0.1';
/** Virtual cost of one exec probe round trip (runc exec setup), ms. */
export const EXEC_OVERHEAD_MS = 3;
/** Commands a task may run without waiting before it is treated as a busy loop that never progresses. */
const SPIN_BUDGET = 200_000;
const LOG_CAP = 100_000;
/** distinct exec commands remembered per container (a probe uses one or two) */
const EXEC_MEMO_CAP = 64;

/** the shells whose PID 1 runs traps (any other applet as PID 1 ignores every signal but SIGKILL) */
const INIT_SHELLS = new Set(['sh', 'ash', 'bash', 'dash']);

const SIGNO: Record<Signal, number> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGUSR1: 10, SIGUSR2: 12, SIGTERM: 15 };

interface Task {
  id: number;
  parent: number;
  gen: Gen;
  wakeAt: number | undefined;
  resume: Resume;
  waiting?: { pids: number[] | 'all'; interruptible: boolean };
  /** a collapsed sleep loop: its sleeps end at start + k * period */
  cycle?: { start: number; period: number; interruptible: boolean };
  done: boolean;
  status?: number;
  killPending?: number;
}

/** An exec session's view of the container network: any use makes the run impure (not remembered). */
class TrackedNetwork extends Network {
  constructor(private readonly inner: Network, private readonly touched: () => void) {
    super();
  }
  override listen(port: number, l: Listener): boolean {
    this.touched();
    return this.inner.listen(port, l);
  }
  override get(port: number): Listener | undefined {
    this.touched();
    return this.inner.get(port);
  }
  override close(port: number): void {
    this.touched();
    this.inner.close(port);
  }
  override closeOwnedBy(owner: number): void {
    this.touched();
    this.inner.closeOwnedBy(owner);
  }
  override closeAll(): void {
    this.touched();
    this.inner.closeAll();
  }
  override ports(): number[] {
    this.touched();
    return this.inner.ports();
  }
}

/** A write to the container log from an exec session (`> /proc/1/fd/1`) is an effect: not remembered. */
function trackedOut(out: Out, touched: () => void): Out {
  return {
    write(s: string) {
      touched();
      out.write(s);
    },
  };
}

/** A remembered pure exec run: its argv (a copy), the filesystem version it ran against, its result. */
interface ExecMemo {
  argv: string[];
  version: number;
  exitCode: number;
  output: string;
}

function sameArgv(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A stalled task (see Stall): it never wakes; killing it ends it. */
function* busyForever(): Gen {
  for (;;) yield { t: 'block' };
}

/** Runs tasks (generators) in virtual time: the earliest wake-up first, ties in task order. */
/** What every scheduler of one container shares. */
interface ContainerProcs {
  n: number;
  oomKilled: boolean;
}

class Scheduler {
  now: number;
  /** every task ever started (finished ones keep their status for `wait` and `$?`) */
  readonly tasks = new Map<number, Task>();
  /** the tasks not finished yet, in start order (what picking the next one has to look at) */
  private readonly live: Task[] = [];
  current = 0;
  spins = 0;
  stopped = false;
  onDone: (t: Task) => void = () => {};

  /**
   * `procs`: the container's process count (every scheduler of one container shares it), see PIDS_MAX,
   * and whether the OOM killer has killed one of its processes
   */
  constructor(now: number, private readonly net: Network, private readonly procs: ContainerProcs) {
    this.now = now;
  }

  add(id: number, parent: number, gen: Gen): void {
    // nested calls run on the task's own stack of generators (see flatten): never on the JavaScript stack
    const t: Task = { id, parent, gen: flatten(gen), wakeAt: this.now, resume: undefined, done: false };
    this.tasks.set(id, t);
    this.live.push(t);
    this.procs.n++;
  }

  nextWake(): number | undefined {
    let min: number | undefined;
    const live = this.live;
    for (let i = 0; i < live.length; i++) {
      const w = live[i].wakeAt;
      if (w !== undefined && (min === undefined || w < min)) min = w;
    }
    return min;
  }

  private pick(limit: number): Task | undefined {
    let best: Task | undefined;
    const live = this.live;
    for (let i = 0; i < live.length; i++) {
      const t = live[i];
      if (t.wakeAt === undefined || t.wakeAt > limit) continue;
      if (!best || t.wakeAt < best.wakeAt!) best = t;
    }
    return best;
  }

  runUntil(limit: number): void {
    while (!this.stopped) {
      const t = this.pick(limit);
      if (!t) break;
      if (t.wakeAt! > this.now) this.now = t.wakeAt!;
      this.step(t);
    }
    if (!this.stopped && limit > this.now) this.now = limit;
  }

  private step(t: Task): void {
    const resume = t.resume;
    t.resume = undefined;
    t.wakeAt = undefined;
    const prev = this.current;
    this.current = t.id;
    this.spins = 0;
    try {
      let r: IteratorResult<Effect, number>;
      try {
        r = t.gen.next(resume);
      } catch (e) {
        this.died(t, e);
        return;
      }
      for (;;) {
        if (t.killPending !== undefined) {
          this.finish(t, t.killPending);
          return;
        }
        if (r.done) {
          this.finish(t, r.value);
          return;
        }
        const eff: Effect = r.value;
        if (eff.t === 'sleep') {
          t.wakeAt = this.now + Math.max(0, eff.ms);
          return;
        }
        if (eff.t === 'block') return;
        if (eff.t === 'cycle') {
          t.cycle = { start: this.now, period: Math.max(1, eff.periodMs), interruptible: eff.interruptible };
          if (eff.interruptible && this.interruptPending()) this.wakeCycle(t);
          return;
        }
        // flatten runs every call itself
        if (eff.t === 'call') throw new Error('runtime: a call effect reached the scheduler');
        // wait
        const again = eff.interruptible && this.interruptPending() ? 'interrupted' : this.waitSatisfied(t, eff.pids) ? 'done' : undefined;
        if (again) {
          try {
            r = t.gen.next(again);
          } catch (e) {
            this.died(t, e);
            return;
          }
          continue;
        }
        t.waiting = { pids: eff.pids, interruptible: eff.interruptible };
        return;
      }
    } finally {
      this.current = prev;
    }
  }

  /**
   * The task's process ended by an exception: its container went away, or it died of a signal
   * (ProcessDeath); or it stalled (Stall), and stays busy until it is killed.
   */
  private died(t: Task, e: unknown): void {
    if (e instanceof ContainerGone) this.finish(t, t.killPending ?? 137);
    else if (e instanceof ProcessDeath) {
      if (e.oom) this.procs.oomKilled = true;
      this.finish(t, t.killPending ?? e.status);
    }
    else if (e instanceof Stall) {
      if (t.killPending !== undefined) this.finish(t, t.killPending);
      else t.gen = busyForever();
    } else throw e;
  }

  /** set by the process: is a trapped signal waiting for PID 1? */
  interruptPending: () => boolean = () => false;

  private waitSatisfied(t: Task, pids: number[] | 'all'): boolean {
    if (pids === 'all') {
      const live = this.live;
      for (let i = 0; i < live.length; i++) if (live[i].parent === t.id) return false;
      return true;
    }
    return pids.every((p) => this.tasks.get(p)?.done !== false);
  }

  finish(t: Task, status: number): void {
    if (t.done) return;
    t.done = true;
    t.status = status;
    t.wakeAt = undefined;
    this.procs.n--;
    const i = this.live.indexOf(t);
    if (i >= 0) this.live.splice(i, 1);
    this.net.closeOwnedBy(t.id);
    const live = this.live;
    for (let k = 0; k < live.length; k++) {
      const o = live[k];
      if (!o.done && o.waiting && this.waitSatisfied(o, o.waiting.pids)) {
        o.waiting = undefined;
        o.wakeAt = this.now;
        o.resume = 'done';
      }
    }
    this.onDone(t);
  }

  kill(id: number, status: number): boolean {
    const t = this.tasks.get(id);
    if (!t || t.done) return false;
    if (id === this.current) {
      t.killPending = status;
      return true;
    }
    try {
      t.gen.return(status);
    } catch {
      // a generator's cleanup failing must not take the simulator down; the task is gone either way
    }
    this.finish(t, status);
    return true;
  }

  wake(id: number): void {
    const t = this.tasks.get(id);
    if (!t || t.done) return;
    t.wakeAt = this.now;
    t.resume = 'woken';
  }

  interruptWaiters(): void {
    for (const t of this.live) {
      if (!t.done && t.waiting?.interruptible) {
        t.waiting = undefined;
        t.wakeAt = this.now;
        t.resume = 'interrupted';
      }
      if (!t.done && t.cycle?.interruptible) this.wakeCycle(t);
    }
  }

  /** A collapsed sleep loop with a trapped signal pending resumes when the sleep in progress ends. */
  private wakeCycle(t: Task): void {
    const c = t.cycle!;
    t.cycle = undefined;
    t.wakeAt = c.start + (Math.floor((this.now - c.start) / c.period) + 1) * c.period;
    t.resume = 'interrupted';
  }

  killAll(): void {
    // a copy: each kill takes its task out of `live`
    const tasks = this.live.slice();
    for (let i = 0; i < tasks.length; i++) if (!tasks[i].done) this.kill(tasks[i].id, 137);
  }
}

/** One of the log's two streams (stdout 0, stderr 1). */
class LogStream implements Out {
  constructor(
    private readonly sink: LogSink,
    private readonly i: 0 | 1,
  ) {}
  write(s: string): void {
    this.sink.write(this.i, s);
  }
}

/** Line-buffered log sink: stdout and stderr both go to the container log with their virtual time. */
class LogSink {
  readonly lines: { t: number; text: string }[] = [];
  /** raw stdout and stderr text, kept only when capturing (direct script runs in tests) */
  readonly raw: [string, string] = ['', ''];
  private partial = ['', ''];
  /** the log's time is the container scheduler's (an object, not a clock closure: one fewer per start) */
  constructor(private readonly sched: Scheduler, private readonly capture: boolean) {}

  stream(i: 0 | 1): Out {
    return new LogStream(this, i);
  }

  write(i: 0 | 1, s: string): void {
    if (this.capture) this.raw[i] += s;
    // one whole line (what echo writes): no splitting
    if (s.length > 0 && this.partial[i] === '' && s.indexOf('\n') === s.length - 1) {
      this.push(this.sched.now, s.slice(0, -1));
      return;
    }
    const text = this.partial[i] + s;
    const parts = text.split('\n');
    this.partial[i] = parts.pop()!;
    const t = this.sched.now;
    for (let k = 0; k < parts.length; k++) this.push(t, parts[k]);
  }

  private push(t: number, text: string): void {
    // bounded memory for chatty loops that run for days; lines are never removed, so readers can keep
    // an index into the list
    if (this.lines.length < LOG_CAP) this.lines.push({ t, text });
    else if (this.lines.length === LOG_CAP) this.lines.push({ t, text: `kubedrill: log truncated after ${LOG_CAP} lines` });
  }

  flush(): void {
    const t = this.sched.now;
    for (let i = 0; i < 2; i++) {
      if (this.partial[i]) this.push(t, this.partial[i]);
      this.partial[i] = '';
    }
  }
}

type InitMode = { kind: 'shell' } | { kind: 'ignore' } | { kind: 'program'; signals: SignalTable };

export interface ProcessSetup {
  fs: VirtualFs;
  toolset: Toolset;
  hostname: string;
  podIP: string;
  env: Record<string, string>;
  cwd: string;
  argv: string[];
  programs: Record<string, ProgramSpec>;
  behaviour: string;
  /** no executable to start: containerd's StartError message */
  startError?: string;
  /** run as a process that only waits (unknown image) */
  generic?: boolean;
  /** keep raw stdout/stderr apart (see ContainerProcess.captured) */
  capture?: boolean;
  /** remember pure exec runs (default true; tests turn it off to compare against fresh runs) */
  execMemo?: boolean;
}

export class ContainerProcess implements Process {
  readonly behaviour: string;
  // Members documented "for ProcessHost" are read and changed by the host objects of this module (not
  // private, since the host is a class of its own, see ProcessHost); nothing outside this module uses them.
  /** for ProcessHost */
  readonly net = new Network();
  /** for ProcessHost: processes alive in the container (tasks of every scheduler, and foreground children), see PIDS_MAX */
  readonly procs: ContainerProcs = { n: 0, oomKilled: false };
  private readonly sched: Scheduler;
  private readonly log: LogSink;
  /** for ProcessHost */
  readonly stdio: Stdio;
  /** for ProcessHost */
  exitInfo: ProcessExit | undefined;
  /** for ProcessHost */
  init: InitMode = { kind: 'ignore' };
  /** for ProcessHost */
  initTraps: Map<string, string> | undefined;
  /** for ProcessHost */
  pending: string[] = [];
  private scheduledExit: { at: number; exitCode: number; signal?: Signal } | undefined;
  /** for ProcessHost */
  nextPid = 7;
  /** for ProcessHost */
  rng: number;
  /** results of pure exec runs by argv, valid while the filesystem is at `version` (made at first use) */
  private execMemo: Map<string, ExecMemo> | undefined;
  private lastExec: ExecMemo | undefined;
  /** exec calls answered from execMemo (for tests) */
  execMemoHits = 0;
  /** enough of a ShellHost for PATH lookups (made at first use) */
  private lookupHost: ShellHost | undefined;

  /** `setup` is read by ProcessHost too */
  constructor(readonly setup: ProcessSetup, startMs: number) {
    this.behaviour = setup.behaviour;
    this.rng = hostnameSeed(setup.hostname);
    this.sched = new Scheduler(startMs, this.net, this.procs);
    this.sched.interruptPending = () => this.pending.length > 0;
    this.log = new LogSink(this.sched, setup.capture ?? false);
    this.stdio = { in: emptyIn(), out: this.log.stream(0), err: this.log.stream(1) };
    this.sched.onDone = (t) => {
      if (t.id === 1) this.terminate(this.sched.now, t.status! & 255);
    };
    if (setup.startError !== undefined) {
      this.exitInfo = { atMs: startMs, exitCode: 128, reason: 'StartError', message: setup.startError };
      return;
    }
    const host = this.hostFor(this.sched, true);
    if (setup.generic) {
      this.sched.add(1, 0, (function* (): Gen {
        yield { t: 'block' };
        return 0;
      })());
      return;
    }
    const found = lookupExe(host, setup.env.PATH, setup.cwd, setup.argv[0]);
    if (!found) throw new Error(`runtime: start of a missing executable ${setup.argv[0]} must be a startError`);
    const exe = found.node.exe;
    this.init = exe?.kind === 'applet' && !INIT_SHELLS.has(exe.name) ? { kind: 'ignore' } : { kind: 'shell' };
    this.sched.add(1, 0, runExecutable(host, found.node, found.path, setup.argv, this.stdio, setup.env, setup.cwd, true));
  }

  /**
   * The container as seen by one scheduler's tasks. `impure` (exec sessions only) is called whenever a
   * task reads or changes something other than its arguments and the filesystem (clock, network, jobs,
   * signals, $RANDOM, its own pid, the container log): such a run must not be remembered.
   */
  private hostFor(sched: Scheduler, isMain: boolean, impure?: () => void): ShellHost {
    return new ProcessHost(this, sched, isMain, impure);
  }

  private terminate(atMs: number, exitCode: number, signal?: Signal): void {
    if (this.exitInfo) return;
    this.log.flush();
    // containerd's CRI marks the container OOMKilled on a TaskOOM event, which the cgroup's oom_kill
    // counter raises whichever of its processes the OOM killer chose, and keeps that reason at the exit
    // (pkg/cri/server/events.go; toCRIContainerStatus falls back to Completed/Error only without one)
    const reason = this.procs.oomKilled ? 'OOMKilled' : exitCode === 0 ? 'Completed' : 'Error';
    const exit: ProcessExit = { atMs, exitCode, reason };
    if (signal) exit.signal = signal; // after the others: the same key order as before
    this.exitInfo = exit;
    this.sched.stopped = true;
    this.sched.killAll();
    this.net.closeAll();
  }

  nextWakeMs(): number | undefined {
    if (this.exitInfo) return undefined;
    const w = this.sched.nextWake();
    const s = this.scheduledExit?.at;
    if (w === undefined) return s;
    return s === undefined ? w : Math.min(w, s);
  }

  advance(now: number): ProcessExit | undefined {
    if (this.exitInfo) return this.exitInfo;
    const limit = this.scheduledExit ? Math.min(now, this.scheduledExit.at) : now;
    this.sched.runUntil(limit);
    if (!this.exitInfo && this.scheduledExit && this.scheduledExit.at <= now) {
      this.sched.now = Math.max(this.sched.now, this.scheduledExit.at);
      this.terminate(this.scheduledExit.at, this.scheduledExit.exitCode, this.scheduledExit.signal);
    }
    return this.exitInfo;
  }

  exited(): ProcessExit | undefined {
    return this.exitInfo;
  }

  /** What PID 1 does with a signal (after the caller has advanced to the current time). For ProcessHost too. */
  deliver(sig: Signal): SignalOutcome {
    if (this.exitInfo) return 'exited';
    const now = this.sched.now;
    if (sig === 'SIGKILL') {
      this.terminate(now, 128 + SIGNO.SIGKILL, 'SIGKILL');
      return 'exited';
    }
    const init = this.init;
    switch (init.kind) {
      case 'ignore':
        return 'ignored';
      case 'shell': {
        const action = this.initTraps?.get(sig.slice(3));
        if (!action) return 'ignored';
        this.pending.push(sig.slice(3));
        this.sched.interruptWaiters();
        return 'handled';
      }
      case 'program': {
        const a = init.signals[sig as Exclude<Signal, 'SIGKILL'>];
        if (!a || a.action === 'ignore') return 'ignored';
        for (const line of a.log ?? []) this.stdio.out.write(fillLine(line, this.setup.hostname, now) + '\n');
        const bySignal = a.exitCode === 128 + SIGNO[sig] ? sig : undefined;
        const after = a.afterMs ?? 0;
        if (after === 0) {
          this.terminate(now, a.exitCode, bySignal);
          return 'exited';
        }
        if (!this.scheduledExit || this.scheduledExit.at > now + after) this.scheduledExit = { at: now + after, exitCode: a.exitCode, signal: bySignal };
        return 'handled';
      }
    }
  }

  signal(sig: Signal, now: number): SignalOutcome {
    if (this.exitInfo) return 'exited';
    this.advance(now);
    if (this.exitInfo) return 'exited';
    const outcome = this.deliver(sig);
    if (outcome === 'handled') {
      // a trap handler runs as soon as the shell gets control (at once if it sits in `wait`)
      this.advance(now);
      if (this.exitInfo) return 'exited';
    }
    return outcome;
  }

  exec(argv: string[], now: number, timeoutMs: number): ExecResult {
    if (this.exitInfo) return { kind: 'error', message: 'rpc error: code = Unknown desc = failed to exec in container: container is in CONTAINER_EXITED state' };
    this.advance(now);
    if (this.exitInfo) return { kind: 'error', message: 'rpc error: code = Unknown desc = failed to exec in container: container is in CONTAINER_EXITED state' };
    const fs = this.setup.fs;
    // A pure run (see hostFor) depends only on argv and the filesystem: the same argv against the same
    // tree gives the same answer, so a probe repeated every second is worked out once per change.
    const remember = timeoutMs > 0 && this.setup.execMemo !== false;
    // A filesystem in a launch's history (see FsState and the runtime's `prepared`) shares its answers with
    // every container of that launch at the same state: a restarted container's probes are answered by its
    // predecessors' runs. Otherwise answers are this container's own, valid while its version stays put.
    const state = remember ? fs.state : undefined;
    let memo: ExecMemo | undefined;
    let key: string | undefined;
    if (state) {
      // a probe repeats one argv: compare with the last one before building a key
      const last = state.last as ExecMemo | undefined;
      if (last && sameArgv(last.argv, argv)) memo = last;
      else if (state.memo) memo = state.memo.get((key = argv.join('\u0000'))) as ExecMemo | undefined;
    } else if (remember) {
      const last = this.lastExec;
      if (last && sameArgv(last.argv, argv)) memo = last;
      else memo = this.execMemo?.get((key = argv.join('\u0000')));
      if (memo && memo.version !== fs.version) memo = undefined;
    }
    if (memo) {
      if (state) state.last = memo;
      else this.lastExec = memo;
      this.nextPid++; // the pid a fresh run would have used
      this.execMemoHits++;
      return { kind: 'exited', exitCode: memo.exitCode, output: memo.output, durationMs: EXEC_OVERHEAD_MS };
    }
    return this.execFresh(argv, now, timeoutMs, remember, state, key);
  }

  /**
   * An exec run for real (exec above answers from memory when it can). A method of its own: its closures
   * (`pure`, `mainDone`) would otherwise give every exec call, remembered or not, a context to allocate.
   */
  private execFresh(argv: string[], now: number, timeoutMs: number, remember: boolean, state: FsState | undefined, key: string | undefined): ExecResult {
    const fs = this.setup.fs;
    const name = argv[0] ?? '';
    const found = name === '' ? undefined : lookupExe((this.lookupHost ??= { fs } as ShellHost), this.setup.env.PATH, this.setup.cwd, name);
    // containerd fails the ExecSync call itself (an rpc error, not an exit code): the kubelet's exec
    // prober reports such a probe as "errored" and discards the result (pkg/probe/exec/exec.go).
    if (!found) return { kind: 'error', message: execRpcError(execId(name, now, this.nextPid++), ociExecNotFound(name)) };
    const sched = new Scheduler(now, this.net, this.procs);
    let pure = true;
    const host = this.hostFor(sched, false, () => (pure = false));
    const versionBefore = fs.version;
    const buf = new BufferOut(true);
    const pid = this.nextPid++;
    let mainDone = false;
    sched.onDone = (t) => {
      if (t.id === pid) mainDone = true;
    };
    sched.add(pid, 0, runExecutable(host, found.node, found.path, argv, { in: emptyIn(), out: buf, err: buf }, this.setup.env, this.setup.cwd, false));
    const deadline = now + timeoutMs;
    for (;;) {
      const w = sched.nextWake();
      if (mainDone) break;
      // finishing exactly at the deadline is already too late (the CRI context has expired)
      if (w === undefined || w >= deadline) {
        sched.killAll();
        return { kind: 'timeout', durationMs: timeoutMs };
      }
      sched.runUntil(w);
    }
    const status = sched.tasks.get(pid)!.status!;
    // background jobs of the exec session die with it (containerd kills the exec's process group)
    sched.killAll();
    const exitCode = status & 255;
    const output = buf.text;
    if (remember && pure && sched.now === now && fs.version === versionBefore) {
      const entry = { argv: [...argv], version: versionBefore, exitCode, output };
      // the version did not move, so neither did the state: the answer belongs to the tree it ran against
      const table = state ? (state.memo ??= new Map()) : (this.execMemo ??= new Map());
      if (table.size >= EXEC_MEMO_CAP) table.clear();
      table.set(key ?? argv.join('\u0000'), entry);
      if (state) state.last = entry;
      else this.lastExec = entry;
    }
    return { kind: 'exited', exitCode, output, durationMs: sched.now - now + EXEC_OVERHEAD_MS };
  }

  http(req: { port: number; path: string; scheme: 'http' | 'https'; headers: Record<string, string> }, now: number, timeoutMs: number): HttpResult {
    if (this.exitInfo) return { kind: 'refused' };
    this.advance(now);
    if (this.exitInfo) return { kind: 'refused' };
    const l = this.net.get(req.port);
    if (!l) return { kind: 'refused' };
    l.onConnect?.(now);
    // a TLS client against a plain-HTTP server, or a non-HTTP server: no HTTP answer arrives in time
    if (!l.http || req.scheme === 'https') return { kind: 'timeout' };
    const a = l.http({ method: 'GET', path: req.path, headers: req.headers, remote: PROBE_SOURCE_IP }, now);
    if (a.kind === 'hang' || a.delayMs >= timeoutMs) return { kind: 'timeout' };
    return { kind: 'response', status: a.status, body: a.body, ...(a.location !== undefined ? { location: a.location } : {}), durationMs: a.delayMs };
  }

  tcp(port: number, now: number, _timeoutMs: number): TcpResult {
    if (this.exitInfo) return { kind: 'refused' };
    this.advance(now);
    if (this.exitInfo) return { kind: 'refused' };
    const l = this.net.get(port);
    if (!l) return { kind: 'refused' };
    l.onConnect?.(now);
    return { kind: 'connected' };
  }

  grpc(port: number, service: string, now: number, _timeoutMs: number): GrpcResult {
    if (this.exitInfo) return { kind: 'refused' };
    this.advance(now);
    if (this.exitInfo) return { kind: 'refused' };
    const l = this.net.get(port);
    if (!l) return { kind: 'refused' };
    // an HTTP/1 or raw TCP server never completes the HTTP/2 handshake: the blocking dial times out
    if (!l.grpc) return { kind: 'timeout' };
    const a = l.grpc(service, now);
    switch (a) {
      case 'serving':
        return { kind: 'serving' };
      case 'not-serving':
      case 'unknown-service':
        return { kind: 'not-serving' };
      case 'unimplemented':
        return { kind: 'unimplemented' };
    }
  }

  logs(): { t: number; text: string }[] {
    return this.log.lines;
  }

  /** stdout and stderr written so far, when started with `capture` */
  captured(): { stdout: string; stderr: string } {
    return { stdout: this.log.raw[0], stderr: this.log.raw[1] };
  }

  /** ports listening now (for tests and `describe`-style notes) */
  listeningPorts(): number[] {
    return this.net.ports();
  }
}

/**
 * The container as seen by one scheduler's tasks (see ContainerProcess.hostFor). A class, not an object of
 * closures: every container start builds one, and its twenty closures were the runtime's largest
 * allocation. Plain data properties (accessors would make every host object slow to build): an exec
 * session gets wrappers of the network and the container log that report any use.
 */
class ProcessHost implements ShellHost {
  readonly fs: VirtualFs;
  readonly net: Network;
  readonly toolset: Toolset;
  readonly hostname: string;
  readonly podIP: string;
  readonly epochMs = VIRTUAL_EPOCH_MS;
  readonly initOut: Stdio;

  constructor(
    private readonly proc: ContainerProcess,
    private readonly sched: Scheduler,
    private readonly isMain: boolean,
    private readonly impure: (() => void) | undefined,
  ) {
    const setup = proc.setup;
    this.fs = setup.fs;
    this.toolset = setup.toolset;
    this.hostname = setup.hostname;
    this.podIP = setup.podIP;
    this.net = impure ? new TrackedNetwork(proc.net, impure) : proc.net;
    const io = proc.stdio;
    this.initOut = impure ? { in: io.in, out: trackedOut(io.out, impure), err: trackedOut(io.err, impure) } : io;
  }

  now(): number {
    this.impure?.();
    return this.sched.now;
  }

  currentTask(): number {
    // asked before any task runs (a shell being set up for an exec session), the answer is always 0
    if (this.sched.current !== 0) this.impure?.();
    return this.sched.current;
  }

  wake(id: number): void {
    this.impure?.();
    this.sched.wake(id);
  }

  fork(): boolean {
    const procs = this.proc.procs;
    if (procs.n >= PIDS_MAX) return false;
    procs.n++;
    return true;
  }

  reap(): void {
    this.proc.procs.n--;
  }

  oomKilled(): void {
    this.proc.procs.oomKilled = true;
  }

  canSpawn(): boolean {
    return this.proc.procs.n < PIDS_MAX;
  }

  spawn(run: (pid: number) => Gen): number {
    this.impure?.();
    const pid = this.proc.nextPid++;
    this.sched.add(pid, this.sched.current, run(pid));
    return pid;
  }

  jobStatus(pid: number): number | undefined {
    this.impure?.();
    const t = this.sched.tasks.get(pid);
    return t?.done ? t.status : undefined;
  }

  isJob(pid: number): boolean {
    this.impure?.();
    return this.sched.tasks.has(pid) && pid !== 1;
  }

  killJob(pid: number, signo: number): boolean {
    this.impure?.();
    return pid !== 1 && this.sched.kill(pid, 128 + signo);
  }

  signalInit(sig: string): void {
    this.impure?.();
    // `kill 1` from the main process or from an exec session reaches PID 1 alike
    const s = (sig.startsWith('SIG') ? sig : `SIG${sig}`) as Signal;
    if (s in SIGNO) this.proc.deliver(s);
  }

  initExited(): boolean {
    this.impure?.();
    return this.proc.exitInfo !== undefined;
  }

  takePending(): string[] {
    if (!this.isMain) return [];
    const p = this.proc.pending;
    this.proc.pending = [];
    return p;
  }

  hasPending(): boolean {
    return this.isMain && this.proc.pending.length > 0;
  }

  replaceInit(kind: { kind: 'shell' } | { kind: 'applet' } | { kind: 'program'; name: string }): void {
    if (!this.isMain) return;
    if (kind.kind === 'applet') this.proc.init = { kind: 'ignore' };
    else if (kind.kind === 'shell') this.proc.init = { kind: 'shell' };
  }

  runProgram(name: string, argv: string[], io: Stdio, env: Record<string, string>, asPid1: boolean): Gen {
    this.impure?.();
    const proc = this.proc;
    const spec = proc.setup.programs[name];
    const onInit = asPid1 && this.isMain ? (signals: SignalTable) => (proc.init = { kind: 'program', signals }) : undefined;
    return runProgramSpec(spec ?? {}, argv, io, env, this, onInit);
  }

  registerInitShell(traps: Map<string, string>): void {
    if (this.isMain) this.proc.initTraps = traps;
  }

  spin(): boolean {
    return ++this.sched.spins > SPIN_BUDGET;
  }

  random(): number {
    this.impure?.();
    // xorshift32 seeded from the hostname: the same pod gives the same $RANDOM sequence
    const proc = this.proc;
    let x = proc.rng;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    proc.rng = x >>> 0;
    return proc.rng & 0x7fffffff;
  }
}

/**
 * The $RANDOM seed: FNV-1a over the hostname's code points (a surrogate pair counts once, by its first
 * half, as iterating the string by code point and taking charCodeAt(0) did); an index loop, no iterator.
 */
function hostnameSeed(name: string): number {
  let h = 2166136261;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    h = Math.imul(h ^ c, 16777619);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < name.length) {
      const d = name.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
  }
  return h >>> 0 || 1;
}

function fillLine(line: string, hostname: string, now: number): string {
  return fillTemplate(line, { hostname }, VIRTUAL_EPOCH_MS + now);
}

/** What containerd/runc report when an exec'd binary does not exist (the exec probe's failure output). */
export function ociExecNotFound(name: string): string {
  const why = name.includes('/') ? `stat ${name}: no such file or directory` : 'executable file not found in $PATH';
  return `OCI runtime exec failed: exec failed: unable to start container process: exec: "${name}": ${why}: unknown`;
}

/** The CRI ExecSync error containerd returns when it cannot start the exec'd process. */
export function execRpcError(id: string, cause: string): string {
  return `rpc error: code = Unknown desc = failed to exec in container: failed to start exec ${JSON.stringify(id)}: ${cause}`;
}

/** A 64-hex exec id like containerd's random ones, derived from the exec itself so output stays deterministic. */
function execId(name: string, now: number, n: number): string {
  let out = '';
  for (let round = 0; out.length < 64; round++) {
    let h = 0x811c9dc5 ^ round;
    for (const ch of `${name}\u0000${now}\u0000${n}\u0000${round}`) {
      h ^= ch.charCodeAt(0);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    out += h.toString(16).padStart(8, '0');
  }
  return out;
}

/** containerd's message when the container's own command does not exist. */
export function ociStartNotFound(name: string): string {
  const why = name.includes('/') ? `stat ${name}: no such file or directory` : 'executable file not found in $PATH';
  return `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "${name}": ${why}: unknown`;
}
