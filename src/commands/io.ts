// The I/O surface every command gets, so tests can run commands in-process and capture output.
export interface Io {
  readonly stdout: { write(s: string): unknown; isTTY?: boolean; columns?: number };
  readonly stderr: { write(s: string): unknown; isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

/** A command: argv after the command name -> exit code. Never throws for user errors. */
export type CommandRun = (args: string[], io: Io) => Promise<number>;

/** Documented exit codes (README "Exit codes"). */
export const EXIT = {
  ok: 0,
  /** the learner's file has problems / a check failed */
  failed: 1,
  /** bad usage, unreadable or missing file, broken exercise pack */
  usage: 2,
  /** a bug in kubedrill itself */
  internal: 3,
} as const;

/** An Io that records everything written, for tests. */
export function memoryIo(opts: { env?: Record<string, string | undefined>; cwd?: string; tty?: boolean } = {}) {
  let out = '';
  let err = '';
  const io: Io = {
    stdout: { write: (s: string) => (out += s), isTTY: opts.tty ?? false, columns: 100 },
    stderr: { write: (s: string) => (err += s), isTTY: false },
    env: opts.env ?? { NO_COLOR: '1' },
    cwd: opts.cwd ?? process.cwd(),
  };
  return { io, out: () => out, err: () => err };
}
