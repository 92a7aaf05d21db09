// The I/O surface every command gets, so tests can run commands in-process and capture output.
import { fstatSync, writeSync } from 'node:fs';
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

/**
 * The real process's Io. Output to a pipe or a file (scripts, CI, the bench) is written with
 * fs.writeSync: creating process.stdout for a pipe loads Node's stream and net modules, ~12 ms of a
 * ~100 ms run (so does node:tty, hence fstat). A terminal, or any other device, gets the ordinary
 * stream (the TUI needs process.stdout itself).
 */
export function processIo(): Io {
  return { stdout: processStream(1), stderr: processStream(2), env: process.env, cwd: process.cwd() };
}

function processStream(fd: 1 | 2): Io['stdout'] {
  const real = () => (fd === 1 ? process.stdout : process.stderr);
  if (!pipeOrFile(fd)) return real();
  let fallback: NodeJS.WriteStream | undefined;
  return {
    isTTY: false,
    write(s: string): boolean {
      if (fallback) return fallback.write(s);
      const buf = Buffer.from(s, 'utf8');
      let off = 0;
      while (off < buf.length) {
        try {
          off += writeSync(fd, buf, off, buf.length - off);
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          // a non-blocking pipe that is full: the stream queues the rest, in order
          if (code === 'EAGAIN') return (fallback = real()).write(buf.subarray(off));
          // the reader went away (`kubedrill sim ... | head`): stop quietly, as with the stream
          if (code === 'EPIPE') process.exit(process.exitCode ?? 0);
          throw e;
        }
      }
      return true;
    },
  };
}

function pipeOrFile(fd: number): boolean {
  try {
    const st = fstatSync(fd);
    return st.isFIFO() || st.isFile() || st.isSocket();
  } catch {
    return false; // closed or odd: leave it to Node's stream
  }
}
