// The finite resources of a simulated container's processes, as fixed numbers (never the host's stack or
// memory): how deep a shell may nest, how many processes a container may have, how big a value may grow.
// What a real container does at each limit is modelled; see src/sim/runtime/README.md "Limits".

/**
 * Nested evaluations one shell process may have open: function calls, compound commands (`{ }`, `if`,
 * loops, `case`), subshells, command substitutions, pipeline stages, `eval`, `.` and trap actions each
 * count one. ash evaluates these by C recursion on its 8 MiB stack and dies of SIGSEGV when it runs
 * out; kubedrill crashes the process the same way at this depth (`f() { f; }; f` at call 5 000: a call
 * and its `{ }` body are two). A subshell is a fork: it continues from its parent's depth.
 */
export const SH_EVAL_DEPTH = 10_000;

/**
 * Nesting of one program's syntax (subshells, groups, `if`/loops/`case`, `$( )`, backquotes, `${ }`
 * operands) that the parser accepts. ash's recursive-descent parser overflows its stack too; the shell
 * crashes with SIGSEGV before running anything.
 */
export const SH_PARSE_DEPTH = 256;

/**
 * Nesting inside one `$(( ))` (parentheses, unary operators, `?:`, names whose value is an expression).
 * Past it the shell crashes with SIGSEGV (busybox keeps the expression's stacks on the C stack).
 */
export const ARITH_DEPTH = 512;

/**
 * Processes one container may have at once (PID 1, background jobs, exec sessions, forks and the
 * programs they run). Kubernetes sets no pids limit by default; this stands in for the node's: past it
 * `fork` fails with EAGAIN and ash says `can't fork` and exits 2.
 */
export const PIDS_MAX = 4096;

/**
 * The largest value a process may build: a word or variable, a command substitution's or a pipe's
 * output, a file's contents. Without a memory limit a real container grows until the node runs out of
 * memory and the kernel's OOM killer sends SIGKILL; kubedrill kills the process (137) at this size.
 */
export const MAX_VALUE_BYTES = 32 * 1024 * 1024;

/**
 * Steps of work one command may do without waiting (a `seq` line, a pattern tried at one offset of a
 * long string): past it the command is treated as computing for ever, as a real one would for minutes
 * or days. It never finishes; signals wait for it; SIGKILL ends it.
 */
export const WORK_BUDGET = 20_000_000;

/**
 * A process of the container dies of a signal in the middle of what it was doing (its stack overflowed:
 * SIGSEGV; it ran out of memory: SIGKILL from the OOM killer). It unwinds the process without running
 * anything more (no EXIT trap); the shell that started it gets `status` (128 + signal) and, for a
 * foreground job, prints `report` on its stderr as ash does (`strsignal`).
 */
export class ProcessDeath {
  constructor(
    readonly status: number,
    readonly report: string,
    /** killed by the OOM killer: containerd then reports the container's exit as OOMKilled */
    readonly oom = false,
  ) {}
}

/**
 * A command would compute for longer than kubedrill follows (see limits.ts WORK_BUDGET): its task stops
 * making progress, as a real one would be busy for minutes or days. Thrown from synchronous work.
 */
export class Stall {}

export const FORK_FAILED = "can't fork: Resource temporarily unavailable";

/** The process's stack overflowed: SIGSEGV, 128 + 11. */
export function stackOverflow(): ProcessDeath {
  return new ProcessDeath(139, 'Segmentation fault');
}

/** The OOM killer's SIGKILL, 128 + 9. */
export function outOfMemory(): ProcessDeath {
  return new ProcessDeath(137, 'Killed', true);
}

/** Throws when `units` more steps of one command's work would pass WORK_BUDGET. */
export function chargeWork(units: number): void {
  if (units > WORK_BUDGET) throw new Stall();
}

/** Throws the OOM kill when a value of `length` characters would pass MAX_VALUE_BYTES. */
export function checkValue(length: number): void {
  if (length > MAX_VALUE_BYTES) throw outOfMemory();
}
