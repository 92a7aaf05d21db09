// Where a batch report goes: `--output FILE` is written to a temporary file beside it and renamed
// over it at the end (a reader never sees half a report, a failed run leaves the old one), and a
// spool keeps JUnit's test cases on disk until the totals are known.
import { closeSync, mkdtempSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Spool } from '../../report/batch-common.js';

export interface AtomicFile {
  write(s: string): void;
  /** renames the finished file into place */
  commit(): void;
  /** removes the temporary file (after an error) */
  abort(): void;
}

function writeAll(fd: number, s: string): void {
  const buf = Buffer.from(s, 'utf8');
  let off = 0;
  while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
}

/** Opens the temporary file at once, so a folder that cannot be written fails before any grading. */
export function openAtomic(target: string): AtomicFile {
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.kubedrill-${process.pid}.tmp`);
  const fd = openSync(tmp, 'wx', 0o644);
  let open = true;
  const close = () => {
    if (open) closeSync(fd);
    open = false;
  };
  return {
    write: (s) => writeAll(fd, s),
    commit() {
      close();
      renameSync(tmp, target);
    },
    abort() {
      close();
      rmSync(tmp, { force: true });
    },
  };
}

/** A spool in a private temporary folder, removed when drained (or by `dispose`). */
export function fileSpool(): Spool & { dispose(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'kubedrill-grade-'));
  const file = path.join(dir, 'spool');
  let fd: number | undefined = openSync(file, 'w+', 0o600);
  let written = 0;
  const dispose = () => {
    if (fd !== undefined) closeSync(fd);
    fd = undefined;
    rmSync(dir, { recursive: true, force: true });
  };
  return {
    write(s) {
      const buf = Buffer.from(s, 'utf8');
      let off = 0;
      while (off < buf.length) off += writeSync(fd!, buf, off, buf.length - off, written + off);
      written += buf.length;
    },
    drain(sink) {
      const buf = Buffer.alloc(64 * 1024);
      const decoder = new TextDecoder('utf-8');
      let pos = 0;
      while (pos < written) {
        const n = readSync(fd!, buf, 0, Math.min(buf.length, written - pos), pos);
        if (n === 0) break;
        pos += n;
        // stream: a character split across two reads is completed by the next one
        sink(decoder.decode(buf.subarray(0, n), { stream: true }));
      }
      const rest = decoder.decode();
      if (rest) sink(rest);
      dispose();
    },
    dispose,
  };
}
