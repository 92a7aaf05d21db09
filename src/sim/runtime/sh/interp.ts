// The busybox-ash interpreter: runs a parsed Script as a resumable generator against a virtual container.
import type { AndOr, Command, ListItem, Pipeline, Redirect, Script, SimplePlan, Word, WordPart } from './ast.js';
import { parseScript, isParseError, isParseOverflow } from './parse.js';
import type { Effect, Gen, In, Out, ShellHost, Stdio } from './host.js';
import { BufferOut, ContainerGone, NULL_OUT, call, emptyIn } from './host.js';
import { FORK_FAILED, MAX_VALUE_BYTES, ProcessDeath, SH_EVAL_DEPTH, chargeWork, outOfMemory, stackOverflow } from './limits.js';
import { ERRNO_TEXT, pathCandidates, resolvePath, type FsNode } from '../vfs.js';
import { APPLETS, isDigits, type AppletCtx } from './applets.js';
import { evalArith, ArithError, ARITH_RECURSION } from './arith.js';
import { compileGlob, hasGlobMeta, expandGlob } from './glob.js';

export class ExitSignal {
  constructor(readonly status: number) {}
}
class BreakSignal {
  constructor(public levels: number, readonly cont: boolean) {}
}
/** `break`/`continue` reaching a loop body: true to leave this loop; outer levels and other throws go on up. */
function leavesLoop(e: unknown): boolean {
  if (!(e instanceof BreakSignal)) throw e;
  if (e.levels > 1) {
    e.levels--;
    throw e;
  }
  return !e.cont;
}
class ReturnSignal {
  constructor(readonly status: number) {}
}
/** A fatal shell error (e.g. `${x:?}`): the (sub)shell exits with `status`. */
class FatalError {
  constructor(readonly status: number) {}
}
/**
 * `fork` failed (the pids limit): ash's error exits the shell that tried, with status 2. Not a
 * FatalError: the catch around a child process is for the child's own exit, not its parent's failure to
 * start it; every process boundary (child, program, background job) turns it into that process's exit.
 */
class ForkFailed {}

export const SIGNALS: Record<string, number> = { HUP: 1, INT: 2, QUIT: 3, KILL: 9, USR1: 10, USR2: 12, TERM: 15 };
const SIGNAME_BY_NO: Record<number, string> = Object.fromEntries(Object.entries(SIGNALS).map(([k, v]) => [v, k]));

/** `TERM`, `SIGTERM`, `15`, `term` -> `TERM`; `EXIT`/`0` -> `EXIT`; undefined when invalid. */
export function normaliseSignal(s: string): string | undefined {
  const u = s.toUpperCase();
  if (u === 'EXIT' || u === '0') return 'EXIT';
  if (/^[0-9]+$/.test(u)) return SIGNAME_BY_NO[Number(u)];
  const n = u.startsWith('SIG') ? u.slice(3) : u;
  return n in SIGNALS ? n : undefined;
}

const BUILTINS = new Set([
  ':', 'true', 'false', 'echo', 'printf', 'test', '[', '[[', 'pwd', 'kill',
  'cd', 'export', 'unset', 'set', 'exit', 'return', 'break', 'continue', 'trap', 'wait', 'exec', 'eval', 'read',
  'shift', 'local', 'readonly', 'type', 'command', 'umask', 'ulimit', 'times', '.', 'source', 'hash', 'jobs',
]);
/** builtins that are answered by the applet implementations (they need no shell state) */
const APPLET_BUILTINS = new Set([':', 'true', 'false', 'echo', 'printf', 'test', '[', '[[', 'pwd']);
const SHELL_NAMES = new Set(['sh', 'ash', 'bash', 'dash']);

export interface ShellInit {
  host: ShellHost;
  env: Record<string, string>;
  cwd: string;
  arg0: string;
  args: string[];
  /** PID 1 of the container: signals without a handler are ignored; traps run */
  isPid1: boolean;
  pid: number;
}

type Lookup =
  | { kind: 'builtin' }
  | { kind: 'func'; body: Command }
  | { kind: 'exe'; path: string; node: Extract<FsNode, { kind: 'file' }> }
  | { kind: 'notfound' }
  | { kind: 'denied'; path: string };

interface Field {
  s: string;
  pat: string;
  glob: boolean;
}

export class Shell {
  readonly host: ShellHost;
  vars: Map<string, string>;
  exported: Set<string>;
  /**
   * `vars` and `exported` are shared (with the shell this one was copied from or that copied it, or a table
   * made once per environment, see envTables): copy them before the next change. Every change goes
   * through ownVars(); a subshell or a container start then copies nothing.
   */
  private tablesShared = true;
  positional: string[];
  arg0: string;
  status = 0;
  cwd: string;
  traps = new Map<string, string>();
  funcs: Map<string, Command>;
  errexit = false;
  isPid1: boolean;
  pid: number;
  /** started as bash (Debian/Ubuntu images): bash's wording for errors */
  bash = false;
  lastBg: number | undefined;
  /** made at the first PATH search (most exec-probe shells never search) */
  private hash: Map<string, { path: string; pathVar: string; version: number; found: Lookup }> | undefined;
  private condDepth = 0;
  private exitTrapRan = false;
  /** this process's open nested evaluations (see limits.ts SH_EVAL_DEPTH); a subshell starts from a copy */
  private depth: { n: number };

  constructor(init: ShellInit, parent?: Shell) {
    this.host = init.host;
    if (parent) {
      // a subshell is a fork: its stack is a copy of its parent's, as deep
      this.depth = { n: parent.depth.n };
      // a subshell starts from its parent's tables, shared until either changes them (see ownVars)
      this.vars = parent.vars;
      this.exported = parent.exported;
      parent.tablesShared = true;
      this.funcs = parent.funcs.size ? new Map(parent.funcs) : new Map();
      const env = init.env;
      for (const k in env) {
        this.ownVars().set(k, env[k]);
        this.exported.add(k);
      }
    } else {
      this.depth = { n: 0 };
      const t = envTables(init.env, init.cwd);
      this.vars = t.vars;
      this.exported = t.exported;
      this.tablesShared = t.shared;
      this.funcs = new Map();
    }
    this.cwd = init.cwd;
    this.arg0 = init.arg0;
    this.positional = init.args;
    this.isPid1 = init.isPid1;
    this.pid = init.pid;
    if (this.isPid1) this.host.registerInitShell(this.traps);
  }

  /** The variable tables, made this shell's own (copied if shared), ready to change. */
  private ownVars(): Map<string, string> {
    if (this.tablesShared) {
      this.vars = new Map(this.vars);
      this.exported = new Set(this.exported);
      this.tablesShared = false;
    }
    return this.vars;
  }

  /** A subshell: a copy of the state; traps are reset (ash resets them except ignored ones). */
  subshell(): Shell {
    const s = new Shell({ host: this.host, env: {}, cwd: this.cwd, arg0: this.arg0, args: [...this.positional], isPid1: false, pid: this.pid }, this);
    s.status = this.status;
    s.errexit = this.errexit;
    s.bash = this.bash;
    s.lastBg = this.lastBg;
    for (const [k, v] of this.traps) if (v === '') s.traps.set(k, '');
    return s;
  }

  env(): Record<string, string> {
    const e: Record<string, string> = {};
    for (const k of this.exported) {
      const v = this.vars.get(k);
      if (v !== undefined) e[k] = v;
    }
    return e;
  }

  private errPrefix(): string {
    if (this.bash) return 'bash: line 1: ';
    return this.host.toolset === 'gnu' ? 'sh: 1: ' : 'sh: ';
  }

  private syntaxError(message: string, line: number): string {
    if (this.bash) return `bash: -c: line ${line}: syntax error: ${message}\n`;
    return syntaxErrorText(message, this.host.toolset, line);
  }

  /** Runs source text as this shell's program (sh -c): syntax errors print and give status 2. */
  runMain(src: string, io: Stdio): Gen {
    const parsed = parseScript(src);
    // the process dies once it runs (a generator), never while its caller is still setting it up
    if (isParseOverflow(parsed)) return dies(stackOverflow());
    if (isParseError(parsed)) {
      io.err.write(this.syntaxError(parsed.message, parsed.line));
      return done(2);
    }
    return this.runProgram(parsed, io);
  }

  /** Runs a parsed program to completion, honouring `exit` and the EXIT trap. */
  *runProgram(script: Script, io: Stdio): Gen {
    let status = this.status;
    try {
      // the items run from here (as runScript would), one generator frame fewer under every command
      const items = script.items;
      for (let i = 0; i < items.length; i++) {
        const r = this.stepItem(items[i], io);
        status = typeof r === 'number' ? r : yield* r;
        this.status = status;
      }
    } catch (e) {
      if (e instanceof ExitSignal) status = e.status;
      else if (e instanceof FatalError) status = e.status;
      else if (e instanceof ReturnSignal) status = e.status;
      else if (e instanceof BreakSignal) status = this.status;
      else if (e instanceof ForkFailed) status = 2;
      else throw e;
    }
    this.status = status;
    return yield* this.runExitTrap(io);
  }

  private *runExitTrap(io: Stdio): Gen {
    const action = this.traps.get('EXIT');
    if (action && !this.exitTrapRan) {
      this.exitTrapRan = true;
      try {
        yield* this.runTrapAction(action, io);
      } catch (e) {
        if (e instanceof ExitSignal) return e.status;
        if (e instanceof ForkFailed) return 2;
        if (!(e instanceof FatalError)) throw e;
      }
    }
    return this.status;
  }

  private *runTrapAction(action: string, io: Stdio): Gen<void> {
    const parsed = parseScript(action);
    if (isParseOverflow(parsed)) throw stackOverflow();
    if (isParseError(parsed)) {
      io.err.write(this.syntaxError(parsed.message, parsed.line));
      return;
    }
    const saved = this.status;
    yield* this.nest(this.runScript(parsed, io));
    this.status = saved;
  }

  /** Runs handlers for signals delivered to PID 1 (ash runs them between commands). */
  private *runPendingTraps(io: Stdio): Gen<void> {
    for (const sig of this.host.takePending()) {
      const action = this.traps.get(sig);
      if (action) yield* this.runTrapAction(action, io);
    }
  }

  /** runScript, but a list of one plain command runs without a generator frame of its own (sync when it can). */
  private stepList(script: Script, io: Stdio): number | Gen {
    if (script.items.length === 1) {
      const item = script.items[0];
      const a = item.andOr;
      if (!item.background && a.rest.length === 0 && !a.first.bang && a.first.cmds.length === 1) return this.stepCommand(a.first.cmds[0], io);
    }
    return this.runScript(script, io);
  }

  /**
   * Runs a simple command synchronously when it needs no waiting (no command substitution, no redirection,
   * an applet that finishes at once); otherwise returns the generator that does the rest.
   */
  private stepCommand(cmd: Command, io: Stdio): number | Gen {
    if (cmd.kind !== 'simple') return this.runCommand(cmd, io);
    const plan = cmd.plan ?? (cmd.plan = planOf(cmd));
    if (!plan.sync) return this.runCommand(cmd, io);
    if (this.host.spin()) return this.runCommand(cmd, io);
    this.currentErr = io.err;
    this.cmdSubStatus = undefined;
    const argv = plan.argv ? (plan.argv as string[]) : this.argvSync(cmd.words);
    if (plan.sleepMs !== undefined && cmd.assigns.length === 0 && this.sleepIsApplet()) return this.sleepCommand(plan.sleepMs, io);
    let status: number;
    if (argv.length === 0 && cmd.assigns.length === 1) {
      const a = cmd.assigns[0];
      this.ownVars().set(a.name, this.singleSync(a.value, undefined));
      status = 0;
    } else if (argv.length === 0) {
      // every value is expanded before any is set (`a=1 b=$a` sees the old a)
      const values = cmd.assigns.map((a) => this.singleSync(a.value, undefined));
      cmd.assigns.forEach((a, i) => this.ownVars().set(a.name, values[i]));
      status = 0;
    } else {
      let assigns = NO_ASSIGNS;
      if (cmd.assigns.length) {
        assigns = [];
        for (const a of cmd.assigns) assigns.push([a.name, this.singleSync(a.value, undefined)]);
      }
      const r = this.executeSync(argv, assigns, io);
      if (typeof r !== 'number') return this.afterCommand(r, io);
      status = r;
    }
    this.status = status;
    if (this.isPid1 && this.host.hasPending()) return this.afterCommand(done(status), io);
    if (status !== 0 && this.errexit && this.condDepth === 0) throw new ExitSignal(status);
    return status;
  }

  /** The item when it is a plain `sleep N` that the sleep applet would run (see stepCommand). */
  private plainSleep(item: ListItem): Extract<Command, { kind: 'simple' }> | undefined {
    const a = item.andOr;
    if (item.background || a.rest.length !== 0 || a.first.bang || a.first.cmds.length !== 1) return undefined;
    const cmd = a.first.cmds[0];
    if (cmd.kind !== 'simple') return undefined;
    const plan = cmd.plan ?? (cmd.plan = planOf(cmd));
    if (!plan.sync || plan.sleepMs === undefined || cmd.assigns.length !== 0 || !this.sleepIsApplet()) return undefined;
    return cmd;
  }

  /** Is `sleep` the sleep applet here (no function of that name, found on PATH as the applet)? */
  private sleepIsApplet(): boolean {
    if (this.funcs.has('sleep')) return false;
    const l = this.lookup('sleep');
    return l.kind === 'exe' && l.node.exe?.kind === 'applet' && l.node.exe.name === 'sleep';
  }

  /** `sleep N` (whole seconds) and the tail of the command, as one generator: the shell-loop body's usual step. */
  private *sleepCommand(ms: number, io: Stdio): Gen {
    if (ms > 0) yield { t: 'sleep', ms };
    this.status = 0;
    if (this.isPid1 && this.host.hasPending()) yield* this.runPendingTraps(io);
    return 0;
  }

  private argvSync(words: Word[]): string[] {
    const argv: string[] = [];
    for (const w of words) for (const x of this.fieldsSync(w, undefined)) argv.push(x);
    return argv;
  }

  /** The tail of a simple command that had to wait: status, pending traps, set -e. */
  private *afterCommand(run: Gen, io: Stdio): Gen {
    const status = yield* run;
    this.status = status;
    if (this.isPid1 && this.host.hasPending()) yield* this.runPendingTraps(io);
    if (status !== 0 && this.errexit && this.condDepth === 0) throw new ExitSignal(status);
    return status;
  }

  /**
   * A nested evaluation: runs `gen` as a call on the task's own stack (host.ts `call`), one level deeper in
   * this process; past SH_EVAL_DEPTH the process dies of SIGSEGV as ash does when its stack runs out.
   */
  private *nest<T>(gen: Gen<T>): Gen<T> {
    const d = this.depth;
    if (d.n >= SH_EVAL_DEPTH) throw stackOverflow();
    d.n++;
    try {
      return yield* call(gen);
    } finally {
      d.n--;
    }
  }

  /**
   * A foreground child process (subshell, command substitution, pipeline stage, program): one process more
   * in the container (fork fails at the pids limit: ash's error, the shell exits 2); a death by a signal is
   * its status, and ash names the signal on its stderr (`Segmentation fault`).
   */
  private *child(gen: Gen, err: Out): Gen {
    if (!this.host.fork()) {
      err.write(`${this.errPrefix()}${FORK_FAILED}\n`);
      throw new ForkFailed();
    }
    try {
      return yield* this.nest(gen);
    } catch (e) {
      // the child's own failure to fork ended it (status 2); a signal ended it (reported)
      if (e instanceof ForkFailed) return 2;
      if (!(e instanceof ProcessDeath)) throw e;
      if (e.oom) this.host.oomKilled();
      err.write(e.report + '\n');
      return e.status;
    } finally {
      this.host.reap();
    }
  }

  /** An applet run as a program of its own (a child process) that may finish at once. */
  private childApplet(run: () => number | Gen, err: Out): number | Gen {
    let r: number | Gen;
    try {
      r = run();
    } catch (e) {
      if (!(e instanceof ProcessDeath)) throw e;
      if (e.oom) this.host.oomKilled();
      err.write(e.report + '\n');
      return e.status;
    }
    return typeof r === 'number' ? r : this.child(r, err);
  }

  *runScript(script: Script, io: Stdio): Gen {
    let status = this.status;
    const items = script.items;
    for (let i = 0; i < items.length; i++) {
      const r = this.stepItem(items[i], io);
      status = typeof r === 'number' ? r : yield* r;
      this.status = status;
    }
    return status;
  }

  /** One item of a list: synchronously when it can (a background job, a plain command), else its generator. */
  private stepItem(item: ListItem, io: Stdio): number | Gen {
    if (item.background) {
      if (!this.host.canSpawn()) {
        io.err.write(`${this.errPrefix()}${FORK_FAILED}\n`);
        throw new ForkFailed();
      }
      const sub = this.subshell();
      const andOr = item.andOr;
      const pid = this.host.spawn((jobPid) => {
        sub.pid = jobPid;
        return sub.runBackground(andOr, io);
      });
      this.lastBg = pid;
      this.status = 0;
      return 0;
    }
    const a = item.andOr;
    if (a.rest.length === 0 && !a.first.bang && a.first.cmds.length === 1) return this.stepCommand(a.first.cmds[0], io);
    return this.runAndOr(a, io);
  }

  private *runBackground(andOr: AndOr, io: Stdio): Gen {
    const bgIo: Stdio = { in: emptyIn(), out: io.out, err: io.err };
    try {
      return yield* this.runAndOr(andOr, bgIo);
    } catch (e) {
      if (e instanceof ExitSignal || e instanceof FatalError || e instanceof ReturnSignal) return e.status;
      if (e instanceof BreakSignal) return this.status;
      if (e instanceof ForkFailed) return 2;
      throw e;
    }
  }

  private *runAndOr(a: AndOr, io: Stdio): Gen {
    const plain = a.rest.length === 0;
    if (!plain) this.condDepth++;
    let status: number;
    try {
      status = yield* this.runPipeline(a.first, io);
      for (let i = 0; i < a.rest.length; i++) {
        const { op, pipe } = a.rest[i];
        if ((op === '&&' && status !== 0) || (op === '||' && status === 0)) continue;
        if (i === a.rest.length - 1) this.condDepth--;
        try {
          status = yield* this.runPipeline(pipe, io);
        } finally {
          if (i === a.rest.length - 1) this.condDepth++;
        }
      }
    } finally {
      if (!plain) this.condDepth--;
    }
    this.status = status;
    return status;
  }

  private *runPipeline(p: Pipeline, io: Stdio): Gen {
    if (p.bang) this.condDepth++;
    let status: number;
    try {
      if (p.cmds.length === 1) status = yield* this.runCommand(p.cmds[0], io);
      else {
        // stages run one after another, each in a subshell, output of one is input of the next
        let input: In = io.in;
        status = 0;
        for (let i = 0; i < p.cmds.length; i++) {
          const last = i === p.cmds.length - 1;
          const buf = new BufferOut();
          const sub = this.subshell();
          try {
            status = yield* this.child(sub.runCommand(p.cmds[i], { in: input, out: last ? io.out : buf, err: io.err }), io.err);
          } catch (e) {
            if (e instanceof ExitSignal || e instanceof FatalError || e instanceof ReturnSignal) status = e.status;
            else if (!(e instanceof BreakSignal)) throw e;
          }
          input = { data: buf.text, pos: 0 };
        }
      }
    } finally {
      if (p.bang) this.condDepth--;
    }
    if (p.bang) status = status === 0 ? 1 : 0;
    this.status = status;
    return status;
  }

  *runCommand(cmd: Command, io: Stdio): Gen {
    let status: number;
    this.currentErr = io.err;
    // a loop that never waits would spin a real CPU forever; here the task stops making progress, except
    // that a signal PID 1 traps still gets its handler run between two commands (as ash does)
    if (this.host.spin()) yield BUSY[this.isPid1 ? 1 : 0];
    if (cmd.kind === 'simple') {
      // expansion, redirection and execution inline: this is the interpreter's hottest path
      this.cmdSubStatus = undefined;
      const plan = cmd.plan ?? (cmd.plan = planOf(cmd));
      let argv: string[];
      if (plan.argv) argv = plan.argv as string[];
      else {
        argv = [];
        for (const w of cmd.words) {
          const f = hasCmd(w) ? yield* this.expandFields(w) : this.fieldsSync(w, undefined);
          for (const x of f) argv.push(x);
        }
      }
      let assigns = NO_ASSIGNS;
      if (cmd.assigns.length) {
        assigns = [];
        for (const a of cmd.assigns) assigns.push([a.name, hasCmd(a.value) ? yield* this.expandSingle(a.value) : this.singleSync(a.value, undefined)]);
      }
      const rio = cmd.redirs.length ? yield* this.applyRedirects(cmd.redirs, io) : io;
      if (rio === undefined) status = 1;
      else if (argv.length === 1 && argv[0] === 'exec' && rio !== io && !this.funcs.has('exec')) {
        // `exec >file 2>&1`: the shell's own descriptors change for every later command
        io.in = rio.in;
        io.out = rio.out;
        io.err = rio.err;
        status = 0;
      } else if (argv.length === 0) {
        for (const [k, v] of assigns) this.ownVars().set(k, v);
        status = this.cmdSubStatus ?? 0;
      } else {
        const r = this.executeSync(argv, assigns, rio);
        status = typeof r === 'number' ? r : yield* r;
      }
    } else if (cmd.kind === 'func') {
      this.funcs.set(cmd.name, cmd.body);
      status = 0;
    } else {
      const rio = cmd.redirs.length ? yield* this.applyRedirects(cmd.redirs, io) : io;
      if (rio === undefined) status = 1;
      else status = yield* this.nest(this.runCompound(cmd, rio));
    }
    this.status = status;
    if (this.isPid1 && this.host.hasPending()) yield* this.runPendingTraps(io);
    if (status !== 0 && this.errexit && this.condDepth === 0 && cmd.kind === 'simple') throw new ExitSignal(status);
    return status;
  }

  private *runCompound(cmd: Exclude<Command, { kind: 'simple' | 'func' }>, io: Stdio): Gen {
    switch (cmd.kind) {
      case 'group':
      {
        const r = this.stepList(cmd.body, io);
        return typeof r === 'number' ? r : yield* r;
      }
      case 'subshell': {
        const sub = this.subshell();
        try {
          return yield* this.child(sub.runScript(cmd.body, io), io.err);
        } catch (e) {
          if (e instanceof ExitSignal || e instanceof FatalError || e instanceof ReturnSignal) return e.status;
          if (e instanceof BreakSignal) return sub.status;
          throw e;
        }
      }
      case 'if': {
        for (const c of cmd.clauses) {
          this.condDepth++;
          let cond: number;
          try {
            const r = this.stepList(c.cond, io);
            cond = typeof r === 'number' ? r : yield* r;
          } finally {
            this.condDepth--;
          }
          if (cond === 0) {
            const r = this.stepList(c.body, io);
            return typeof r === 'number' ? r : yield* r;
          }
        }
        if (cmd.orElse) {
          const r = this.stepList(cmd.orElse, io);
          return typeof r === 'number' ? r : yield* r;
        }
        return 0;
      }
      case 'loop': {
        let status = 0;
        const period = this.sleepOnlyLoopPeriod(cmd);
        if (period !== undefined) {
          // nothing in this loop is observable but time: skip its iterations until a trap must run
          for (;;) {
            yield { t: 'cycle', periodMs: period, interruptible: this.isPid1 };
            this.status = 0;
            if (this.isPid1 && this.host.hasPending()) yield* this.runPendingTraps(io);
          }
        }
        for (;;) {
          this.condDepth++;
          let cond: number;
          try {
            const r = this.stepList(cmd.cond, io);
            cond = typeof r === 'number' ? r : yield* r;
          } finally {
            this.condDepth--;
          }
          if ((cond === 0) === cmd.until) break;
          try {
            // the body's items run from here: no list generator per iteration, and `sleep N` yields from here
            const items = cmd.body.items;
            for (let i = 0; i < items.length; i++) {
              const item = items[i];
              const sleep = this.plainSleep(item);
              if (sleep && !this.host.spin()) {
                // what stepCommand + sleepCommand do, without their frames
                this.currentErr = io.err;
                this.cmdSubStatus = undefined;
                const ms = sleep.plan!.sleepMs!;
                if (ms > 0) yield { t: 'sleep', ms };
                status = 0;
                this.status = 0;
                if (this.isPid1 && this.host.hasPending()) yield* this.runPendingTraps(io);
                continue;
              }
              const r = sleep ? this.runCommand(sleep, io) : this.stepItem(item, io);
              status = typeof r === 'number' ? r : yield* r;
              this.status = status;
            }
          } catch (e) {
            const leave = leavesLoop(e);
            status = 0;
            if (leave) break;
          }
        }
        return status;
      }
      case 'for': {
        let items: string[];
        if (cmd.items) {
          items = [];
          for (const w of cmd.items) for (const f of hasCmd(w) ? yield* this.expandFields(w) : this.fieldsSync(w, undefined)) items.push(f);
        } else items = [...this.positional];
        let status = 0;
        for (const it of items) {
          this.ownVars().set(cmd.name, it);
          // the body runs from here (no frame of its own); break/continue as in while loops
          try {
            const r = this.stepList(cmd.body, io);
            status = typeof r === 'number' ? r : yield* r;
          } catch (e) {
            const leave = leavesLoop(e);
            status = 0;
            if (leave) break;
          }
        }
        return status;
      }
      case 'case': {
        const subject = yield* this.expandSingle(cmd.word);
        for (const arm of cmd.arms) {
          for (const p of arm.patterns) {
            const f = yield* this.expandPattern(p);
            if (compileGlob(f).test(subject)) {
              const r = this.stepList(arm.body, io);
              return typeof r === 'number' ? r : yield* r;
            }
          }
        }
        return 0;
      }
    }
  }

  /**
   * The period of `while true; do sleep N; done` (cond only `true`/`:`, body one literal `sleep` plus any
   * `true`/`:`), when `sleep` is the applet and no function shadows these names; undefined otherwise.
   */
  private sleepOnlyLoopPeriod(cmd: Extract<Command, { kind: 'loop' }>): number | undefined {
    if (cmd.until || cmd.redirs.length) return undefined;
    const argvOf = (script: Script): string[][] | undefined => {
      const out: string[][] = [];
      for (const item of script.items) {
        const a = item.andOr;
        if (item.background || a.rest.length || a.first.bang || a.first.cmds.length !== 1) return undefined;
        const c = a.first.cmds[0];
        if (c.kind !== 'simple' || c.assigns.length || c.redirs.length) return undefined;
        const argv: string[] = [];
        for (const w of c.words) {
          if (w.length !== 1 || w[0].k !== 'lit' || hasGlobMeta(w[0].s)) return undefined;
          argv.push(w[0].s);
        }
        if (argv.length === 0 || this.funcs.has(argv[0])) return undefined;
        out.push(argv);
      }
      return out;
    };
    const cond = argvOf(cmd.cond);
    const body = argvOf(cmd.body);
    if (!cond || !body) return undefined;
    if (!cond.every((a) => a.length === 1 && (a[0] === 'true' || a[0] === ':'))) return undefined;
    const sleeps = body.filter((a) => a[0] === 'sleep');
    if (sleeps.length !== 1 || !body.every((a) => a[0] === 'sleep' || (a.length === 1 && (a[0] === 'true' || a[0] === ':')))) return undefined;
    const l = this.lookup('sleep');
    if (l.kind !== 'exe' || l.node.exe?.kind !== 'applet' || l.node.exe.name !== 'sleep') return undefined;
    let ms = 0;
    for (const arg of sleeps[0].slice(1)) {
      const m = /^([0-9]*\.?[0-9]+)([smhd]?)$/.exec(arg);
      if (!m) return undefined;
      ms += Number(m[1]) * { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
    }
    ms = Math.round(ms);
    return ms > 0 ? ms : undefined;
  }

  private cmdSubStatus: number | undefined;

  lookup(name: string): Lookup {
    if (name.includes('/')) return this.lookupPath(resolvePath(this.cwd, name));
    if (this.funcs.has(name)) return { kind: 'func', body: this.funcs.get(name)! };
    if (BUILTINS.has(name)) return { kind: 'builtin' };
    const path = this.vars.get('PATH') ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
    // like ash's command hash: remember where a name was found, re-checked on every use (the check's
    // answer is kept too while the filesystem has not changed)
    const fs = this.host.fs;
    const cached = this.hash?.get(name);
    if (cached && cached.pathVar === path) {
      if (cached.version === fs.version) return cached.found;
      if (fs.stat(cached.path)?.kind === 'file') {
        cached.found = this.lookupPath(cached.path);
        cached.version = fs.version;
        return cached.found;
      }
    }
    // where the PATH search ends depends only on the tree's shape: subshells (each with an empty hash) share it
    // by PATH value, then name: both strings are usually the same objects each time, so hashing is cached
    const memo = fs.derived();
    let byPath = memo.get(PATH_SEARCHES) as Map<string, Map<string, string | null>> | undefined;
    if (!byPath) memo.set(PATH_SEARCHES, (byPath = new Map()));
    let byName = byPath.get(path);
    if (!byName) byPath.set(path, (byName = new Map()));
    let search = byName.get(name);
    if (search === undefined) {
      search = null;
      for (const p of pathCandidates(path, name)) {
        const n = fs.stat(p);
        if (n?.kind === 'file') {
          search = p;
          break;
        }
      }
      byName.set(name, search);
    }
    if (search !== null) {
      const found = this.lookupPath(search);
      (this.hash ??= new Map()).set(name, { path: search, pathVar: path, version: fs.version, found });
      return found;
    }
    return NOT_FOUND;
  }

  private lookupPath(p: string): Lookup {
    const n = this.host.fs.stat(p);
    if (!n) return { kind: 'notfound' };
    if (n.kind === 'dir' || (!n.exe && (n.mode & 0o111) === 0)) return { kind: 'denied', path: p };
    return { kind: 'exe', path: p, node: n };
  }

  /** Runs applets and applet-like builtins without a generator when they finish at once. */
  private executeSync(argv: string[], assigns: [string, string][], io: Stdio): number | Gen {
    const name = argv[0];
    if (assigns.length === 0 && APPLET_BUILTINS.has(name) && !this.funcs.has(name)) {
      // `true`, `:`, `false` and `[ WORD ]` (loop conditions) need no applet context
      if (name === 'true' || name === ':') return 0;
      if (name === 'false') return 1;
      if (name === '[' && argv.length === 3 && argv[2] === ']') return argv[1].length > 0 ? 0 : 1;
      return APPLETS[name](this.appletCtx(argv, io));
    }
    if (assigns.length === 0 && !name.includes('/') && !BUILTINS.has(name) && !this.funcs.has(name)) {
      const found = this.lookup(name);
      const exe = found.kind === 'exe' ? found.node.exe : undefined;
      if (exe?.kind === 'applet' && !SHELL_NAMES.has(exe.name) && APPLETS[exe.name]) {
        const applet = APPLETS[exe.name];
        const ctx = this.appletCtx(exe.name === name ? argv : [exe.name, ...argv.slice(1)], io);
        return this.childApplet(() => applet(ctx), io.err);
      }
    }
    return this.execute(argv, assigns, io);
  }

  private *execute(argv: string[], assigns: [string, string][], io: Stdio): Gen {
    const name = argv[0];
    const found = this.lookup(name);
    switch (found.kind) {
      case 'builtin':
        for (const [k, v] of assigns) this.ownVars().set(k, v);
        return yield* this.builtin(argv, io);
      case 'func': {
        const savedPos = this.positional;
        this.positional = argv.slice(1);
        for (const [k, v] of assigns) this.ownVars().set(k, v);
        try {
          return yield* this.nest(this.runCommand(found.body, io));
        } catch (e) {
          if (e instanceof ReturnSignal) return e.status;
          throw e;
        } finally {
          this.positional = savedPos;
        }
      }
      case 'notfound':
        io.err.write(`${this.errPrefix()}${name}: ${this.bash ? 'command not found' : 'not found'}\n`);
        return 127;
      case 'denied':
        io.err.write(`${this.errPrefix()}${name}: Permission denied\n`);
        return 126;
      case 'exe': {
        const exe = found.node.exe;
        if (exe?.kind === 'applet' && assigns.length === 0 && !SHELL_NAMES.has(exe.name) && APPLETS[exe.name]) {
          // hot path: an applet runs straight from here (no extra generator, environment built only if asked for)
          const ctx = this.appletCtx(exe.name === name ? argv : [exe.name, ...argv.slice(1)], io);
          const applet = APPLETS[exe.name];
          const r = this.childApplet(() => applet(ctx), io.err);
          return typeof r === 'number' ? r : yield* r;
        }
        const env = this.env();
        for (const [k, v] of assigns) env[k] = v;
        return yield* this.child(runExecutable(this.host, found.node, found.path, argv, io, env, this.cwd, false), io.err);
      }
    }
  }

  private appletCtx(argv: string[], io: Stdio): AppletCtx {
    return new ShellAppletCtx(argv, io, this);
  }

  // ---- builtins that need the shell's state ----

  private *builtin(argv: string[], io: Stdio): Gen {
    const [name, ...args] = argv;
    if (APPLET_BUILTINS.has(name)) {
      const r = APPLETS[name](this.appletCtx(argv, io));
      return typeof r === 'number' ? r : yield* r;
    }
    const p = this.errPrefix();
    switch (name) {
      case 'cd': {
        const target = args[0] ?? this.vars.get('HOME') ?? '/';
        const dest = resolvePath(this.cwd, target === '-' ? (this.vars.get('OLDPWD') ?? this.cwd) : target);
        const n = this.host.fs.stat(dest);
        if (!n || n.kind !== 'dir') {
          io.err.write(this.host.toolset === 'gnu' ? `${p}cd: can't cd to ${target}\n` : `${p}cd: can't cd to ${target}: ${n ? 'Not a directory' : 'No such file or directory'}\n`);
          return 2;
        }
        this.ownVars().set('OLDPWD', this.cwd);
        this.cwd = dest;
        this.ownVars().set('PWD', dest);
        return 0;
      }
      case 'export':
      case 'readonly':
      case 'local': {
        if (args.length === 0 || args[0] === '-p') {
          for (const k of [...this.exported].sort()) if (this.vars.has(k)) io.out.write(`export ${k}='${this.vars.get(k)}'\n`);
          return 0;
        }
        for (const a of args) {
          const i = a.indexOf('=');
          const k = i < 0 ? a : a.slice(0, i);
          if (i >= 0) this.ownVars().set(k, a.slice(i + 1));
          if (name === 'export') {
            this.ownVars();
            this.exported.add(k);
          }
        }
        return 0;
      }
      case 'unset':
        for (const a of args) {
          if (a === '-v') continue;
          if (a === '-f') continue;
          this.ownVars().delete(a);
          this.exported.delete(a); // own since ownVars() just above
          this.funcs.delete(a);
        }
        return 0;
      case 'set': {
        let i = 0;
        for (; i < args.length; i++) {
          const a = args[i];
          if (a === '--') {
            i++;
            break;
          }
          if (/^[-+][a-z]+$/.test(a)) {
            if (a.includes('e')) this.errexit = a[0] === '-';
            continue;
          }
          if (a === '-o' || a === '+o') {
            if (args[i + 1] === 'errexit') this.errexit = a === '-o';
            i++;
            continue;
          }
          break;
        }
        if (i < args.length || args.includes('--')) this.positional = args.slice(i);
        if (args.length === 0) {
          for (const k of [...this.vars.keys()].sort()) io.out.write(`${k}='${this.vars.get(k)}'\n`);
        }
        return 0;
      }
      case 'exit': {
        if (args.length === 0) throw new ExitSignal(this.status);
        if (!/^[0-9]+$/.test(args[0])) {
          io.err.write(`${p}exit: Illegal number: ${args[0]}\n`);
          throw new ExitSignal(2);
        }
        throw new ExitSignal(Number(args[0]) & 255);
      }
      case 'return':
        throw new ReturnSignal(args[0] !== undefined ? Number(args[0]) & 255 : this.status);
      case 'break':
      case 'continue':
        throw new BreakSignal(args[0] !== undefined ? Math.max(1, Number(args[0]) || 1) : 1, name === 'continue');
      case 'shift': {
        const n = args[0] !== undefined ? Number(args[0]) : 1;
        if (n > this.positional.length) {
          io.err.write(`${p}shift: can't shift that many\n`);
          return 1;
        }
        this.positional = this.positional.slice(n);
        return 0;
      }
      case 'trap':
        return this.trap(args, io);
      case 'wait':
        return yield* this.waitBuiltin(args, io);
      case 'kill':
        return this.kill(args, io);
      case 'exec': {
        if (args.length === 0) return 0;
        const found = this.lookup(args[0]);
        if (found.kind !== 'exe') {
          if (found.kind === 'notfound') {
            io.err.write(`${p}exec: ${args[0]}: not found\n`);
            throw new ExitSignal(127);
          }
          if (found.kind === 'denied') {
            io.err.write(`${p}exec: ${args[0]}: Permission denied\n`);
            throw new ExitSignal(126);
          }
          // a builtin or function: busybox execs the applet of the same name
          return yield* this.builtin(args, io);
        }
        const exe = found.node.exe;
        const becomesShell = exe?.kind === 'applet' && SHELL_NAMES.has(exe.name);
        if (this.isPid1) {
          this.host.replaceInit(becomesShell || !exe ? { kind: 'shell' } : exe.kind === 'program' ? { kind: 'program', name: exe.name } : { kind: 'applet' });
        }
        this.exitTrapRan = true; // the shell image is gone: no EXIT trap
        // the program replaces this process (no fork): its death is this process's
        const status = yield* call(runExecutable(this.host, found.node, found.path, args, io, this.env(), this.cwd, this.isPid1));
        throw new ExitSignal(status);
      }
      case 'eval': {
        const src = args.join(' ');
        const parsed = parseScript(src);
        if (isParseOverflow(parsed)) throw stackOverflow();
        if (isParseError(parsed)) {
          io.err.write(this.syntaxError(parsed.message, parsed.line));
          return 2;
        }
        return yield* this.nest(this.runScript(parsed, io));
      }
      case '.':
      case 'source': {
        if (!args[0]) return 0;
        const f = this.host.fs.readFile(resolvePath(this.cwd, args[0]));
        if (!f.ok) {
          io.err.write(`${p}.: can't open '${args[0]}': ${ERRNO_TEXT[f.errno]}\n`);
          throw new ExitSignal(2);
        }
        const parsed = parseScript(f.value);
        if (isParseOverflow(parsed)) throw stackOverflow();
        if (isParseError(parsed)) {
          io.err.write(this.syntaxError(parsed.message, parsed.line));
          return 2;
        }
        return yield* this.nest(this.runScript(parsed, io));
      }
      case 'read': {
        const names = args.filter((a) => !a.startsWith('-'));
        const inp = io.in;
        if (inp.pos >= inp.data.length) return 1;
        let nl = inp.data.indexOf('\n', inp.pos);
        if (nl < 0) nl = inp.data.length;
        const line = inp.data.slice(inp.pos, nl);
        inp.pos = nl + 1;
        const parts = line.trim().split(/[ \t]+/);
        const vs = names.length ? names : ['REPLY'];
        vs.forEach((n, i) => this.ownVars().set(n, i === vs.length - 1 ? parts.slice(i).join(' ') : (parts[i] ?? '')));
        return 0;
      }
      case 'type':
      case 'command': {
        if (name === 'command' && args[0] !== '-v' && args[0] !== '-V') {
          if (args.length === 0) return 0;
          return yield* this.execute(args, [], io);
        }
        let st = 0;
        for (const a of args.filter((x) => x !== '-v' && x !== '-V')) {
          const l = this.lookup(a);
          if (l.kind === 'builtin') io.out.write(name === 'type' ? `${a} is a shell builtin\n` : `${a}\n`);
          else if (l.kind === 'func') io.out.write(name === 'type' ? `${a} is a function\n` : `${a}\n`);
          else if (l.kind === 'exe') io.out.write(name === 'type' ? `${a} is ${l.path}\n` : `${l.path}\n`);
          else {
            if (name === 'type') io.out.write(`${a}: not found\n`);
            st = 127;
          }
        }
        return name === 'command' && st ? 1 : st;
      }
      case 'umask':
      case 'ulimit':
      case 'hash':
      case 'times':
      case 'jobs':
        return 0;
    }
    return 0;
  }

  private trap(args: string[], io: Stdio): number {
    const p = this.errPrefix();
    if (args.length === 0) {
      for (const [k, v] of this.traps) io.out.write(`trap -- '${v}' ${k}\n`);
      return 0;
    }
    let action: string | undefined = args[0];
    let sigs = args.slice(1);
    if (action === '-') action = undefined;
    else if (/^[0-9]+$/.test(action) && sigs.length === 0) {
      sigs = [action];
      action = undefined;
    }
    let st = 0;
    for (const s of sigs) {
      const n = normaliseSignal(s);
      if (!n) {
        io.err.write(`${p}trap: ${s}: bad trap\n`);
        st = 1;
        continue;
      }
      if (action === undefined) this.traps.delete(n);
      else this.traps.set(n, action);
    }
    return st;
  }

  private *waitBuiltin(args: string[], io: Stdio): Gen {
    const pids: number[] = [];
    for (const a of args) {
      const n = Number(a.replace(/^%/, ''));
      if (!Number.isInteger(n) || !this.host.isJob(n)) {
        io.err.write(`${this.errPrefix()}wait: pid ${a} is not a child of this shell\n`);
        return 127;
      }
      pids.push(n);
    }
    const r = yield { t: 'wait', pids: args.length ? pids : 'all', interruptible: this.isPid1 } satisfies Effect;
    if (r === 'interrupted') {
      // a trapped signal cut `wait` short: its status is 128+signo and the handler runs now
      const sigs = this.host.takePending();
      const status = 128 + (SIGNALS[sigs[0]] ?? SIGNALS.TERM);
      this.status = status;
      for (const sig of sigs) {
        const action = this.traps.get(sig);
        if (action) yield* this.runTrapAction(action, io);
      }
      return status;
    }
    if (pids.length) return this.host.jobStatus(pids[pids.length - 1]) ?? 0;
    return 0;
  }

  private kill(args: string[], io: Stdio): number {
    const p = this.errPrefix();
    let sig = 'TERM';
    const targets: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '-l') {
        io.out.write(Object.keys(SIGNALS).join(' ') + '\n');
        return 0;
      }
      if (a === '-s') {
        sig = normaliseSignal(args[++i] ?? '') ?? '';
        continue;
      }
      if (a.startsWith('-') && targets.length === 0 && a.length > 1) {
        sig = normaliseSignal(a.slice(1)) ?? '';
        if (!sig) {
          io.err.write(`${p}kill: bad signal name '${a.slice(1)}'\n`);
          return 1;
        }
        continue;
      }
      targets.push(a);
    }
    if (targets.length === 0) {
      io.err.write(`${p}kill: usage: kill [-s sigspec | -signum | -sigspec] [pid | job]... or\nkill -l [exitstatus]\n`);
      return 2;
    }
    let st = 0;
    for (const t of targets) {
      const n = Number(t.replace(/^%/, ''));
      if (n === 1 || (this.isPid1 && n === this.pid)) {
        this.host.signalInit(sig);
        // the signal ended the container (SIGKILL, or a program's own handler): nothing more runs
        if (this.host.initExited()) throw new ContainerGone();
      } else if (!this.host.killJob(n, SIGNALS[sig] ?? 15)) {
        io.err.write(`${p}kill: can't kill pid ${t}: No such process\n`);
        st = 1;
      }
    }
    return st;
  }

  // ---- redirections ----

  private *applyRedirects(redirs: Redirect[], io: Stdio): Gen<Stdio | undefined> {
    if (redirs.length === 0) return io;
    const fds: [In, Out, Out] = [io.in, io.out, io.err];
    const p = this.errPrefix();
    const gnu = this.host.toolset === 'gnu';
    for (const r of redirs) {
      const target = yield* this.expandSingle(r.target);
      if (r.op === '>&' || r.op === '<&') {
        if (target === '-') {
          if (r.fd === 1 || r.fd === 2) fds[r.fd] = NULL_OUT;
          continue;
        }
        const src = Number(target);
        if (r.fd === 1 || r.fd === 2) {
          if (src === 1 || src === 2) fds[r.fd] = fds[src];
          else if (!/^[0-9]+$/.test(target)) {
            // `>& file` means both stdout and stderr to the file
            const o = this.openOut(target, false, p, gnu, io);
            if (!o) return undefined;
            fds[1] = o;
            fds[2] = o;
          }
        }
        continue;
      }
      if (r.op === '<<') {
        if (r.fd === 0) fds[0] = { data: target, pos: 0 };
        continue;
      }
      if (r.op === '<' || r.op === '<>') {
        const path = resolvePath(this.cwd, target);
        const f = this.host.fs.readFile(path);
        if (!f.ok) {
          io.err.write(gnu ? `${p}cannot open ${target}: No such file\n` : `${p}can't open '${target}': ${ERRNO_TEXT[f.errno]}\n`);
          return undefined;
        }
        if (r.fd === 0) fds[0] = { data: f.value, pos: 0 };
        continue;
      }
      const o = this.openOut(target, r.op === '>>', p, gnu, io);
      if (!o) return undefined;
      if (r.fd === 1 || r.fd === 2) fds[r.fd] = o;
    }
    return { in: fds[0], out: fds[1], err: fds[2] };
  }

  private openOut(target: string, append: boolean, p: string, gnu: boolean, io: Stdio): Out | undefined {
    if (target === '/dev/null') return NULL_OUT;
    if (target === '/dev/stdout' || target === '/proc/self/fd/1') return io.out;
    if (target === '/dev/stderr' || target === '/proc/self/fd/2') return io.err;
    if (target === '/proc/1/fd/1' && this.host.initOut) return this.host.initOut.out;
    if (target === '/proc/1/fd/2' && this.host.initOut) return this.host.initOut.err;
    const path = resolvePath(this.cwd, target);
    const fs = this.host.fs;
    const r = append ? fs.writeFile(path, '', true) : fs.writeFile(path, '');
    if (!r.ok) {
      const why = r.errno === 'ENOENT' ? (gnu ? 'Directory nonexistent' : 'nonexistent directory') : ERRNO_TEXT[r.errno];
      io.err.write(gnu ? `${p}cannot create ${target}: ${why}\n` : `${p}can't create ${target}: ${why}\n`);
      return undefined;
    }
    return {
      write(s: string) {
        // writes to a file that was removed meanwhile go to the unlinked inode: nobody sees them
        if (fs.exists(path)) fs.writeFile(path, s, true);
      },
    };
  }

  // ---- expansion ----
  // Command substitutions are the only expansions that can wait in virtual time: they run first (in
  // order), then the rest of the word expands synchronously. Most words have none and skip the generator.

  /** Runs the command substitutions inside a word (and inside ${x:-...} operands). */
  private *substitutions(w: Word, into: Map<WordPart, string>): Gen<void> {
    for (const part of w) {
      if (part.k === 'cmd') into.set(part, yield* this.commandSubstitution(part.body));
      else if (part.k === 'param' && part.arg && hasCmd(part.arg)) yield* this.substitutions(part.arg, into);
    }
  }

  private *commandSubstitution(body: Script): Gen<string> {
    const sub = this.subshell();
    const buf = new BufferOut();
    let st: number;
    const err = this.currentErr ?? NULL_OUT;
    try {
      st = yield* this.child(sub.runScript(body, { in: emptyIn(), out: buf, err }), err);
    } catch (e) {
      if (e instanceof ExitSignal || e instanceof FatalError || e instanceof ReturnSignal) st = e.status;
      else if (e instanceof BreakSignal) st = sub.status;
      else throw e;
    }
    this.cmdSubStatus = st;
    this.status = st;
    return buf.text.replace(/\n+$/, '');
  }

  private expandParts(w: Word, fields: Field[] | undefined, cur: Field & { started: boolean }, subs: Map<WordPart, string> | undefined): void {
    for (const part of w) {
      if (part.k === 'lit') {
        if (cur.s.length + part.s.length > MAX_VALUE_BYTES) throw outOfMemory();
        cur.s += part.s;
        cur.pat += part.q ? escapeGlob(part.s) : part.s;
        if (!part.q && hasGlobMeta(part.s)) cur.glob = true;
        if (part.q || part.s) cur.started = true;
        continue;
      }
      if (part.k === 'param' && part.name === '@' && part.q && !part.op && fields) {
        this.positional.forEach((it, i) => {
          if (i > 0) {
            fields.push({ s: cur.s, pat: cur.pat, glob: cur.glob });
            cur.s = cur.pat = '';
            cur.glob = false;
          }
          cur.s += it;
          cur.pat += escapeGlob(it);
          cur.started = true;
        });
        continue;
      }
      const value = this.expandPart(part, subs);
      // a word this long would take more memory than the container has (see limits.ts)
      if (cur.s.length + value.length > MAX_VALUE_BYTES) throw outOfMemory();
      if (part.q || !fields) {
        cur.s += value;
        cur.pat += part.q ? escapeGlob(value) : value;
        if (!part.q && hasGlobMeta(value)) cur.glob = true;
        cur.started = true;
        continue;
      }
      // unquoted expansion: field splitting on IFS whitespace
      const pieces = value.split(/[ \t\n]+/);
      for (let i = 0; i < pieces.length; i++) {
        const piece = pieces[i];
        if (i > 0 && cur.started) {
          fields.push({ s: cur.s, pat: cur.pat, glob: cur.glob });
          cur.s = cur.pat = '';
          cur.glob = false;
          cur.started = false;
        }
        if (piece) {
          cur.s += piece;
          cur.pat += piece;
          if (hasGlobMeta(piece)) cur.glob = true;
          cur.started = true;
        }
      }
    }
  }

  private fieldsSync(w: Word, subs: Map<WordPart, string> | undefined): string[] {
    if (w.length === 1 && w[0].k === 'lit' && !w[0].q && !hasGlobMeta(w[0].s)) return w[0].s ? [w[0].s] : [];
    const fields: Field[] = [];
    const cur = { s: '', pat: '', glob: false, started: false };
    this.expandParts(w, fields, cur, subs);
    if (cur.started) fields.push(cur);
    const out: string[] = [];
    for (const f of fields) {
      if (f.glob) {
        const m = expandGlob(this.host.fs, this.cwd, f.pat);
        if (m.length) {
          out.push(...m);
          continue;
        }
      }
      out.push(f.s);
    }
    return out;
  }

  private singleSync(w: Word, subs: Map<WordPart, string> | undefined, pattern = false): string {
    // one expansion (`$((i+1))`, `$x`) is its own value
    if (!pattern && w.length === 1 && w[0].k !== 'lit') return this.expandPart(w[0], subs);
    const cur = { s: '', pat: '', glob: false, started: false };
    this.expandParts(w, undefined, cur, subs);
    return pattern ? cur.pat : cur.s;
  }

  /** Word -> fields (splitting and pathname expansion), as for command arguments. */
  *expandFields(w: Word): Gen<string[]> {
    if (!hasCmd(w)) return this.fieldsSync(w, undefined);
    const subs = new Map<WordPart, string>();
    yield* this.substitutions(w, subs);
    return this.fieldsSync(w, subs);
  }

  /** Word -> one string (assignments, redirection targets, case subjects). */
  *expandSingle(w: Word): Gen<string> {
    if (!hasCmd(w)) return this.singleSync(w, undefined);
    const subs = new Map<WordPart, string>();
    yield* this.substitutions(w, subs);
    return this.singleSync(w, subs);
  }

  /** Word -> glob pattern with quoted parts escaped (case patterns). */
  private *expandPattern(w: Word): Gen<string> {
    if (!hasCmd(w)) return this.singleSync(w, undefined, true);
    const subs = new Map<WordPart, string>();
    yield* this.substitutions(w, subs);
    return this.singleSync(w, subs, true);
  }

  private special(name: string): string | undefined {
    switch (name) {
      case '?':
        return String(this.status);
      case '$':
        return String(this.pid);
      case '#':
        return String(this.positional.length);
      case '0':
        return this.arg0;
      case '@':
      case '*':
        return this.positional.join(' ');
      case '!':
        return this.lastBg === undefined ? '' : String(this.lastBg);
      case '-':
        return this.errexit ? 'e' : '';
      case 'RANDOM':
        // ash's $RANDOM, from a per-container seeded generator: reproducible runs
        return this.vars.has('RANDOM') ? this.vars.get('RANDOM') : String(this.host.random() % 32768);
      case 'PPID':
        return this.vars.get('PPID') ?? (this.isPid1 ? '0' : '1');
    }
    if (isDigits(name)) return this.positional[Number(name) - 1];
    return this.vars.get(name);
  }

  private expandPart(part: Exclude<WordPart, { k: 'lit' }>, subs: Map<WordPart, string> | undefined): string {
    switch (part.k) {
      case 'cmd':
        return subs?.get(part) ?? '';
      case 'arith': {
        let src = this.expandArithText(part.expr);
        if (src.includes('RANDOM')) src = src.replace(/\bRANDOM\b/g, () => this.special('RANDOM') ?? '0');
        try {
          return String(evalArith(src, this.ownVars()));
        } catch (e) {
          if (e instanceof ArithError) {
            const what = e.message === ARITH_RECURSION ? ARITH_RECURSION : 'arithmetic syntax error';
            (this.currentErr ?? NULL_OUT).write(`${this.errPrefix()}${what}\n`);
            throw new FatalError(2);
          }
          throw e;
        }
      }
      case 'param': {
        const v = this.special(part.name);
        const op = part.op;
        if (!op) return v ?? '';
        if (op === 'len') return String((v ?? '').length);
        const isSet = v !== undefined;
        const nonEmpty = isSet && v !== '';
        const ok = op.startsWith(':') ? nonEmpty : isSet;
        const arg = () => this.singleSync(part.arg ?? [], subs);
        switch (op) {
          case ':-':
          case '-':
            return ok ? v! : arg();
          case ':=':
          case '=': {
            if (ok) return v!;
            const nv = arg();
            this.ownVars().set(part.name, nv);
            return nv;
          }
          case ':+':
          case '+':
            return ok ? arg() : '';
          case ':?':
          case '?': {
            if (ok) return v!;
            const msg = arg();
            (this.currentErr ?? NULL_OUT).write(`${this.errPrefix()}${part.name}: ${msg || 'parameter not set'}\n`);
            throw new FatalError(this.host.toolset === 'gnu' ? 2 : 1);
          }
          case '#':
          case '##':
          case '%':
          case '%%':
            return removePattern(v ?? '', this.singleSync(part.arg ?? [], subs, true), op);
        }
      }
    }
  }

  private expandArithText(expr: string): string {
    // $var, ${var} and $(cmd) inside $(( )) are expanded first; bare names are read by the evaluator
    if (!expr.includes('$')) return expr;
    let out = '';
    for (let i = 0; i < expr.length; i++) {
      const c = expr[i];
      if (c !== '$') {
        out += c;
        continue;
      }
      const m = /^\$(\{[^}]*\}|[A-Za-z_][A-Za-z0-9_]*|[0-9?#$!])/.exec(expr.slice(i));
      if (m) {
        const inner = m[1].startsWith('{') ? m[1].slice(1, -1) : m[1];
        out += this.special(inner) ?? '';
        i += m[0].length - 1;
      } else out += c;
    }
    return out;
  }

  /** stderr of the command being expanded (for expansion-time errors) */
  currentErr: Out | undefined;
}

/** An applet's view of the calling shell; the environment is built only when an applet reads it. */
class ShellAppletCtx implements AppletCtx {
  readonly host: ShellHost;
  readonly cwd: string;
  readonly bash: boolean;
  constructor(readonly argv: string[], readonly io: Stdio, private readonly sh: Shell) {
    this.host = sh.host;
    this.cwd = sh.cwd;
    this.bash = sh.bash;
  }
  get env(): Record<string, string> {
    return this.sh.env();
  }
}

/** A shell's starting tables per environment object: never changed (shells copy them before a change). */
interface EnvTables {
  cwd: string;
  vars: Map<string, string>;
  exported: Set<string>;
  /** kept in envTableCache (never to be changed) */
  shared: boolean;
}
const envTableCache = new WeakMap<Record<string, string>, EnvTables>();

/**
 * The variables a shell starts with: the environment, all exported, and PWD (the working directory) when
 * the environment has none. Made once per frozen environment (a container's, the same object at every
 * start and exec; frozen, so what was copied is what it holds) and working directory.
 */
function envTables(env: Record<string, string>, cwd: string): EnvTables {
  let t = envTableCache.get(env);
  if (t === undefined || t.cwd !== cwd) {
    const vars = new Map<string, string>();
    const exported = new Set<string>();
    // for-in, not Object.entries: the same order (no object here has a prototype with enumerable keys)
    // without an array of pairs
    for (const k in env) {
      vars.set(k, env[k]);
      exported.add(k);
    }
    if (!vars.has('PWD')) vars.set('PWD', cwd);
    const shared = Object.isFrozen(env);
    t = { cwd, vars, exported, shared };
    if (shared) envTableCache.set(env, t);
  }
  return t;
}

/** A process that dies of `death` as soon as it runs. */
// eslint-disable-next-line require-yield
function* dies(death: ProcessDeath): Gen {
  throw death;
}

/** What a task that spins yields: nothing happens until a trapped signal is pending (PID 1 only). */
const BUSY: readonly Effect[] = [
  { t: 'cycle', periodMs: 1, interruptible: false },
  { t: 'cycle', periodMs: 1, interruptible: true },
];

const NOT_FOUND: Lookup = { kind: 'notfound' };
/** the shell's key in VirtualFs.derived() (no PATH lookup key starts with a NUL) */
const PATH_SEARCHES = '\u0000shell-path-search';

/** shared by every command without assignments; never changed (assignments get a fresh array) */
const NO_ASSIGNS: [string, string][] = [];

function planOf(cmd: Extract<Command, { kind: 'simple' }>): SimplePlan {
  const sync = cmd.redirs.length === 0 && !cmd.words.some(hasCmd) && !cmd.assigns.some((a) => hasCmd(a.value));
  // a word made only of literal parts, none of them an unquoted glob, always gives the same field
  let argv: string[] | undefined = [];
  for (const w of cmd.words) {
    let s = '';
    let started = false;
    for (const part of w) {
      if (part.k !== 'lit' || (!part.q && hasGlobMeta(part.s))) {
        argv = undefined;
        break;
      }
      s += part.s;
      if (part.q || part.s) started = true;
    }
    if (!argv) break;
    if (started) argv.push(s);
  }
  const sleepMs = argv && argv.length === 2 && argv[0] === 'sleep' && isDigits(argv[1]) ? Number(argv[1]) * 1000 : undefined;
  // not frozen: V8 copies frozen arrays slowly (slice), and no applet or builtin changes its argv
  return { sync, argv, sleepMs };
}

const hasCmdCache = new WeakMap<Word, boolean>();
/** Does the word contain a command substitution (the only expansion that may wait)? */
function hasCmd(w: Word): boolean {
  let v = hasCmdCache.get(w);
  if (v === undefined) {
    v = w.some((p) => p.k === 'cmd' || (p.k === 'param' && p.arg !== undefined && hasCmd(p.arg)));
    hasCmdCache.set(w, v);
  }
  return v;
}

function escapeGlob(s: string): string {
  // most quoted text has no pattern characters: skip the replace
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    if (ch === 42 || ch === 63 || ch === 91 || ch === 92 || ch === 93) return s.replace(/[*?[\]\\]/g, (c) => '\\' + c);
  }
  return s;
}

/**
 * `${x#pat}` and friends: the shortest or longest prefix or suffix matching `pat`, tried one length at a
 * time as ash does (quadratic in the worst case: past WORK_BUDGET steps the command never finishes).
 */
function removePattern(s: string, pat: string, op: '#' | '##' | '%' | '%%'): string {
  const re = compileGlob(pat);
  const n = s.length;
  let work = 0;
  const test = (t: string): boolean => {
    work += t.length + 1;
    chargeWork(work);
    return re.test(t);
  };
  if (op === '#') {
    for (let k = 0; k <= n; k++) if (test(s.slice(0, k))) return s.slice(k);
  } else if (op === '##') {
    for (let k = n; k >= 0; k--) if (test(s.slice(0, k))) return s.slice(k);
  } else if (op === '%') {
    for (let k = n; k >= 0; k--) if (test(s.slice(k))) return s.slice(0, k);
  } else {
    for (let k = 0; k <= n; k++) if (test(s.slice(k))) return s.slice(0, k);
  }
  return s;
}

export function syntaxErrorText(message: string, toolset: 'busybox' | 'gnu', line: number): string {
  if (toolset === 'gnu') return `sh: ${line}: Syntax error: ${message}\n`;
  return `sh: syntax error: ${message}\n`;
}

/**
 * Runs an executable found in the container's filesystem: a shell (interprets its script), an applet,
 * an image program, or a script file. Shared by the shell, `exec`, exec probes and container start.
 */
export function runExecutable(
  host: ShellHost,
  node: Extract<FsNode, { kind: 'file' }>,
  path: string,
  argv: string[],
  io: Stdio,
  env: Record<string, string>,
  cwd: string,
  asPid1: boolean,
): Gen {
  const exe = node.exe;
  if (!exe) {
    // a script file: `#!/bin/sh` or no shebang both run in sh
    const sh = new Shell({ host, env, cwd, arg0: path, args: argv.slice(1), isPid1: asPid1, pid: asPid1 ? 1 : host.currentTask() });
    return sh.runMain(node.data.replace(/^#![^\n]*\n?/, ''), io);
  }
  if (exe.kind === 'program') return host.runProgram(exe.name, argv, io, env, asPid1);
  if (SHELL_NAMES.has(exe.name)) return runShellApplet(host, argv, io, env, cwd, asPid1);
  const applet = APPLETS[exe.name];
  if (!applet) {
    // the image has this tool but kubedrill does not interpret it: say so rather than pretend it is missing
    io.err.write(`kubedrill: ${exe.name} is not modelled (the real image has it)\n`);
    return done(127);
  }
  const ctx: AppletCtx = { argv: [exe.name, ...argv.slice(1)], io, host, cwd, env };
  const r = applet(ctx);
  return typeof r === 'number' ? done(r) : r;
}

/** A generator that finishes at once with `status` (for paths that need no waiting). */
// eslint-disable-next-line require-yield
function* done(status: number): Gen {
  return status;
}

/** `sh [-e] [-c SCRIPT [ARG0 [ARGS...]] | FILE [ARGS...]]`; with nothing to read (stdin is /dev/null) it exits 0. */
/** `-ec` and the like: the shell's own flags before its script (a constant: a literal would be a new RegExp per call) */
const SH_FLAGS = /^-[a-zA-Z]+$/;

export function runShellApplet(host: ShellHost, argv: string[], io: Stdio, env: Record<string, string>, cwd: string, asPid1: boolean): Gen {
  let i = 1;
  let script: string | undefined;
  let errexit = false;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      i++;
      break;
    }
    if (!SH_FLAGS.test(a)) break;
    if (a.includes('e')) errexit = true;
    if (a.includes('c')) {
      script = argv[i + 1];
      i += 2;
      if (script === undefined) {
        io.err.write(host.toolset === 'gnu' ? 'sh: 0: -c requires an argument\n' : 'sh: -c requires an argument\n');
        return done(2);
      }
      break;
    }
  }
  const pid = asPid1 ? 1 : host.currentTask();
  const isBash = argv[0].slice(argv[0].lastIndexOf('/') + 1) === 'bash';
  if (script !== undefined) {
    const arg0 = argv[i] ?? argv[0];
    const sh = new Shell({ host, env, cwd, arg0, args: argv.slice(i + 1), isPid1: asPid1, pid });
    sh.errexit = errexit;
    sh.bash = isBash;
    return sh.runMain(script, io);
  }
  if (i < argv.length) {
    const file = argv[i];
    const f = host.fs.readFile(resolvePath(cwd, file));
    if (!f.ok) {
      io.err.write(host.toolset === 'gnu' ? `sh: 0: cannot open ${file}: No such file\n` : `sh: can't open '${file}': ${ERRNO_TEXT[f.errno]}\n`);
      return done(host.toolset === 'gnu' ? 2 : 127);
    }
    const sh = new Shell({ host, env, cwd, arg0: file, args: argv.slice(i + 1), isPid1: asPid1, pid });
    sh.errexit = errexit;
    return sh.runMain(f.value.replace(/^#![^\n]*\n?/, ''), io);
  }
  // no -c and no file: the script comes from stdin (a container's stdin is /dev/null unless stdin: true)
  const src = io.in.data.slice(io.in.pos);
  io.in.pos = io.in.data.length;
  const sh = new Shell({ host, env, cwd, arg0: argv[0], args: [], isPid1: asPid1, pid });
  sh.errexit = errexit;
  return sh.runMain(src, io);
}
