// The learner's workspace: their copies of the starter files, outside the pack, one folder per exercise.
// Every write kubedrill makes below the workspace folder goes through this module, and none follows a
// symbolic link out of it (a learner may link their file or a folder to somewhere else: kubedrill
// reads through such links but never writes through them).
import { constants, copyFileSync, lstatSync, mkdirSync, readFileSync, readlinkSync, realpathSync, renameSync, symlinkSync, unlinkSync, writeFileSync, type Stats } from 'node:fs';
import path from 'node:path';
import type { Exercise } from './types.js';

export const WORKSPACE_DEFAULT = 'kubedrill-workspace';

export interface ResetResult {
  path: string;
  /** where the learner's previous file went (`<file>.bak-N`); absent when there was none */
  backup?: string;
  /** the previous file was a symbolic link with this target: the backup is that same link, the target is untouched */
  linkTarget?: string;
}

export interface Workspace {
  dir: string;
  learnerPath(ex: Exercise): string;
  /** copies the starter if absent; never overwrites (a symbolic link, even a dangling one, counts as present) */
  ensureLearnerFile(ex: Exercise): { path: string; created: boolean };
  /**
   * restores the starter; the learner's file is backed up first (`<file>.bak-N`, never overwritten).
   * A learner file that is a symbolic link is replaced by the starter and the link itself is the backup.
   */
  resetLearnerFile(ex: Exercise): ResetResult;
}

/** A write refused because a folder on the way is a symbolic link out of the workspace (or a dangling one). */
export class OutsideWorkspaceError extends Error {
  readonly code = 'EOUTSIDE';
  constructor(
    readonly link: string,
    readonly target: string,
  ) {
    super(`${link} is a symbolic link to ${target}, outside the workspace: kubedrill never writes through it`);
  }
}

/** A learner file that is neither a file nor a link (a folder, a pipe): reset cannot back it up. */
export class NotAFileError extends Error {
  readonly code = 'ENOTFILE';
  constructor(readonly file: string) {
    super(`${file} is not a file`);
  }
}

const lstatOrUndefined = (p: string): Stats | undefined => {
  try {
    return lstatSync(p);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
};

const isInside = (parent: string, child: string): boolean => {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..' + path.sep) && rel !== '..' && !path.isAbsolute(rel));
};

/**
 * Makes `dir` (at or below `root`) exist and returns its real path, creating missing folders one at a
 * time. A symbolic link on the way is followed only when it resolves inside `root`; otherwise this
 * throws OutsideWorkspaceError before anything is created. `root` itself may be a link (the user
 * chose that folder) and is created when missing.
 */
export function ensureDirInside(root: string, dir: string): string {
  const absRoot = path.resolve(root);
  const absDir = path.resolve(dir);
  if (!isInside(absRoot, absDir)) throw new Error(`ensureDirInside: ${absDir} is not below ${absRoot}`); // a bug in the caller
  try {
    mkdirSync(absRoot, { recursive: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err; // a file by that name: said below
  }
  const realRoot = realpathSync(absRoot);
  if (!lstatSync(realRoot).isDirectory()) throw Object.assign(new Error(`${absRoot} is not a folder`), { code: 'ENOTDIR' });
  let cur = realRoot;
  let shown = absRoot; // the path as the user knows it, for messages
  for (const seg of path.relative(absRoot, absDir).split(path.sep).filter((s) => s !== '')) {
    const next = path.join(cur, seg);
    shown = path.join(shown, seg);
    const st = lstatOrUndefined(next);
    if (st === undefined) {
      try {
        mkdirSync(next); // not recursive: an existing link is never followed by mkdir
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        return ensureDirInside(root, dir); // someone made it meanwhile: look again
      }
      cur = next;
    } else if (st.isSymbolicLink()) {
      const target = readlinkSync(next);
      let real: string;
      try {
        real = realpathSync(next);
      } catch {
        throw new OutsideWorkspaceError(shown, target); // dangling: following it would create its target
      }
      if (!isInside(realRoot, real)) throw new OutsideWorkspaceError(shown, target);
      if (!lstatSync(real).isDirectory()) throw Object.assign(new Error(`${shown} is not a folder`), { code: 'ENOTDIR' });
      cur = real;
    } else if (st.isDirectory()) {
      cur = next;
    } else {
      throw Object.assign(new Error(`${shown} is not a folder`), { code: 'ENOTDIR' });
    }
  }
  return cur;
}

/**
 * Writes `file` (at or below `root`) atomically: a fresh temp file next to it (created exclusively, so
 * it never follows a link planted there), then renamed over `file` — which replaces a link at `file`
 * instead of writing through it. Folders on the way are checked by ensureDirInside. Returns the real
 * path written.
 */
export function writeFileInside(root: string, file: string, data: string | NodeJS.ArrayBufferView): string {
  const real = path.join(ensureDirInside(root, path.dirname(file)), path.basename(file));
  const tmp = `${real}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, data, { flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    unlinkSync(tmp); // left by a process that died (or a link): removing it never touches a link's target
    writeFileSync(tmp, data, { flag: 'wx' });
  }
  try {
    renameSync(tmp, real);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      // already gone
    }
    throw err;
  }
  return real;
}

/**
 * The pack's own files a cluster exercise applies before or after the answer (`simulate.steps`, such as
 * version 1 of a Deployment), copied beside the learner's file so that the `kubedrill sim A --then B`
 * the task suggests can be run there. Only a missing name is written (never over a file or a link);
 * a copy that fails costs only that convenience, so it is not an error.
 */
function copyContextFiles(ex: Exercise, root: string, folder: string): void {
  for (const step of ex.simulate?.steps ?? []) {
    if (step.file === ex.file || path.isAbsolute(step.file) || step.file.split(/[\\/]/).includes('..')) continue;
    const to = path.join(folder, step.file);
    if (lstatOrUndefined(to) !== undefined) continue;
    try {
      const real = path.join(ensureDirInside(root, path.dirname(to)), path.basename(to));
      copyFileSync(path.join(ex.path, step.file), real, constants.COPYFILE_EXCL);
    } catch {
      // missing from the pack (dev check reports it), or the folder is not writable: the run still works
    }
  }
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
      const made = ((): { path: string; created: boolean } => {
        // lstat, not exists: a dangling link "does not exist", and copying onto it would create its target.
        if (lstatOrUndefined(p) !== undefined) return { path: p, created: false };
        const real = path.join(ensureDirInside(dir, path.dirname(p)), path.basename(p));
        try {
          copyFileSync(starterOf(ex), real, constants.COPYFILE_EXCL);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === 'EEXIST') return { path: p, created: false };
          throw err;
        }
        return { path: p, created: true };
      })();
      copyContextFiles(ex, dir, path.dirname(p));
      return made;
    },
    resetLearnerFile(ex) {
      const p = learnerPath(ex);
      const starter = readFileSync(starterOf(ex));
      const real = path.join(ensureDirInside(dir, path.dirname(p)), path.basename(p));
      const st = lstatOrUndefined(real);
      let backup: string | undefined;
      let linkTarget: string | undefined;
      if (st !== undefined) {
        if (st.isSymbolicLink()) linkTarget = readlinkSync(real);
        else if (!st.isFile()) throw new NotAFileError(p);
        // The first free number; each attempt creates its backup exclusively, so none is ever overwritten.
        for (let n = 1; backup === undefined; n++) {
          try {
            if (linkTarget !== undefined) symlinkSync(linkTarget, `${real}.bak-${n}`);
            else copyFileSync(real, `${real}.bak-${n}`, constants.COPYFILE_EXCL);
            backup = `${p}.bak-${n}`;
          } catch (err) {
            if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
          }
        }
      }
      writeFileInside(dir, p, starter);
      return { path: p, ...(backup !== undefined ? { backup } : {}), ...(linkTarget !== undefined ? { linkTarget } : {}) };
    },
  };
}

/** A short reason for a failed file operation in the workspace (EACCES, ENOSPC, ...), for messages. */
export function ioReason(err: unknown): string {
  if (err instanceof OutsideWorkspaceError || err instanceof NotAFileError) return err.message;
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
