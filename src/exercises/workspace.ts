// The learner's workspace: their copies of the starter files, outside the pack, one folder per exercise.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Exercise } from './types.js';

export const WORKSPACE_DEFAULT = 'kubedrill-workspace';

export interface Workspace {
  dir: string;
  learnerPath(ex: Exercise): string;
  /** copies the starter if absent; never overwrites */
  ensureLearnerFile(ex: Exercise): { path: string; created: boolean };
  /** restores the starter; the learner's file is backed up first (`<file>.bak-N`, never overwritten) */
  resetLearnerFile(ex: Exercise): { path: string; backup?: string };
}

/** `--workspace DIR`, else KUBEDRILL_WORKSPACE, else `<cwd>/kubedrill-workspace`. Relative paths are from cwd. */
export function openWorkspace(opts: { cwd: string; env: Readonly<Record<string, string | undefined>>; dir?: string }): Workspace {
  const chosen = opts.dir ?? (opts.env.KUBEDRILL_WORKSPACE || undefined) ?? WORKSPACE_DEFAULT;
  const dir = path.resolve(opts.cwd, chosen);
  const learnerPath = (ex: Exercise) => path.join(dir, ex.dir, ex.file);
  const starterOf = (ex: Exercise) => ex.starterPath ?? path.join(ex.path, ex.file);
  return {
    dir,
    learnerPath,
    ensureLearnerFile(ex) {
      const p = learnerPath(ex);
      if (existsSync(p)) return { path: p, created: false };
      mkdirSync(path.dirname(p), { recursive: true });
      copyFileSync(starterOf(ex), p);
      return { path: p, created: true };
    },
    resetLearnerFile(ex) {
      const p = learnerPath(ex);
      mkdirSync(path.dirname(p), { recursive: true });
      let backup: string | undefined;
      if (existsSync(p)) {
        let n = 1;
        while (existsSync(`${p}.bak-${n}`)) n++;
        backup = `${p}.bak-${n}`;
        copyFileSync(p, backup);
      }
      copyFileSync(starterOf(ex), p);
      return backup ? { path: p, backup } : { path: p };
    },
  };
}

/** A short reason for a failed file operation in the workspace (EACCES, ENOSPC, ...), for messages. */
export function ioReason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOSPC':
      return 'no space left on device';
    case 'ENOENT':
      return 'no such file or folder';
    case 'ENOTDIR':
      return 'a path component is not a folder';
    default:
      return e?.code ?? (err instanceof Error ? err.message : String(err));
  }
}
