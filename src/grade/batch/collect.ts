// Finds the submissions under the PATHs of `kubedrill grade`: files as given, folders searched for
// *.yaml / *.yml. Nothing is read here, only listed: a link out of the graded folder, a pipe or a
// device named .yaml becomes a failed row with its reason (opening a pipe would wait forever), and
// everything else that is not a submission is listed as skipped. Sorted by path, so output order
// never depends on the file system's.
import { lstatSync, readdirSync, readlinkSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import path from 'node:path';
import type { Lang } from '../../exercises/types.js';
import { ioReason } from '../../exercises/workspace.js';
import { B, KIND_NAME, loc } from './messages.js';
import type { Skipped, Submission } from './types.js';

export type Collected = { ok: true; submissions: Submission[]; skipped: Skipped[] } | { ok: false; missing: string };

const YAML_NAME = /\.ya?ml$/i;

/** How a file is named in rows: relative to the current folder when inside it, else absolute. */
export function displayPath(abs: string, cwd: string): string {
  const rel = path.relative(cwd, abs);
  return rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? abs : rel;
}

function specialKind(st: Stats | Dirent<Buffer>): keyof typeof KIND_NAME | undefined {
  if (st.isFIFO()) return 'fifo';
  if (st.isSocket()) return 'socket';
  if (st.isBlockDevice()) return 'block device';
  if (st.isCharacterDevice()) return 'character device';
  return undefined;
}

const inside = (p: string, root: string) => p === root || p.startsWith(root.endsWith(path.sep) ? root : root + path.sep);

/** `onFound(n)` is told each time the count grows (so a worker pool can start while the search goes on). */
export function collectSubmissions(args: readonly string[], cwd: string, lang: Lang, onFound?: (count: number) => void): Collected {
  const found = new Map<string, Omit<Submission, 'index'>>();
  const skipped: Skipped[] = [];
  const add = (abs: string, rejected?: string) => {
    if (found.has(abs)) return;
    found.set(abs, { display: displayPath(abs, cwd), file: abs, ...(rejected !== undefined ? { rejected } : {}) });
    onFound?.(found.size);
  };
  const skip = (abs: string, reason: string) => skipped.push({ path: displayPath(abs, cwd), reason });

  /** A link: graded only when what it points to is a file inside `root`. */
  const link = (abs: string, root: string, yamlName: boolean) => {
    let target: string;
    try {
      target = realpathSync(abs);
    } catch {
      if (!yamlName) return skip(abs, loc(B.notYaml, lang));
      let to = '?';
      try {
        to = readlinkSync(abs);
      } catch {
        // the link vanished meanwhile: its target stays unnamed
      }
      return add(abs, loc(B.linkBroken(to), lang));
    }
    let st: Stats;
    try {
      st = statSync(abs);
    } catch (err) {
      return yamlName ? add(abs) : skip(abs, ioReason(err)); // the grader says why it cannot read it
    }
    if (st.isDirectory()) return skip(abs, loc(B.linkToFolder, lang));
    if (!yamlName) return skip(abs, loc(B.notYaml, lang));
    if (!inside(target, root)) return add(abs, loc(B.linkOutside(target, root), lang));
    const kind = specialKind(st);
    add(abs, kind ? loc(B.notRegular(loc(KIND_NAME[kind], lang)), lang) : undefined);
  };

  const walk = (top: string) => {
    const root = realpathSync(top);
    const folders = [top];
    while (folders.length > 0) {
      const dir = folders.pop()!;
      let entries: Dirent<Buffer>[];
      try {
        entries = readdirSync(dir, { withFileTypes: true, encoding: 'buffer' });
      } catch (err) {
        skip(dir, loc(B.folderUnreadable(ioReason(err)), lang));
        continue;
      }
      for (const e of entries) {
        const name = e.name.toString('utf8');
        const abs = path.join(dir, name);
        if (!Buffer.from(name, 'utf8').equals(e.name)) {
          // The name cannot be written as a string that opens the file again.
          if (e.isDirectory()) skip(abs, loc(B.folderBadName, lang));
          else if (YAML_NAME.test(name)) add(abs, loc(B.badName, lang));
          else skip(abs, loc(B.notYaml, lang));
          continue;
        }
        if (name.startsWith('.')) {
          skip(abs, loc(B.hidden, lang));
          continue;
        }
        const yamlName = YAML_NAME.test(name);
        // a class repository's npm packages hold YAML of their own
        if (name === 'node_modules' && e.isDirectory()) skip(abs, loc(B.packages, lang));
        else if (e.isSymbolicLink()) link(abs, root, yamlName);
        // a folder named like a submission is one (the grader says it is a folder), not searched
        else if (e.isDirectory()) yamlName ? add(abs) : folders.push(abs);
        else if (!yamlName) skip(abs, loc(B.notYaml, lang));
        else {
          const kind = specialKind(e);
          add(abs, kind ? loc(B.notRegular(loc(KIND_NAME[kind], lang)), lang) : undefined);
        }
      }
    }
  };

  for (const arg of args) {
    const abs = path.resolve(cwd, arg);
    let l: Stats;
    try {
      l = lstatSync(abs);
    } catch {
      return { ok: false, missing: arg };
    }
    if (l.isSymbolicLink()) {
      let st: Stats | undefined;
      try {
        st = statSync(abs);
      } catch {
        st = undefined;
      }
      // A folder named on the command line is searched even through a link: the instructor chose it.
      if (st?.isDirectory()) walk(abs);
      else link(abs, realpathSync(path.dirname(abs)), true);
    } else if (l.isDirectory()) walk(abs);
    else {
      // A file named on the command line is a submission whatever its name.
      const kind = specialKind(l);
      add(abs, kind ? loc(B.notRegular(loc(KIND_NAME[kind], lang)), lang) : undefined);
    }
  }

  const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const submissions = [...found.values()].sort((a, b) => byPath(a.display, b.display) || byPath(a.file, b.file)).map((s, index) => ({ index, ...s }));
  skipped.sort((a, b) => byPath(a.path, b.path) || byPath(a.reason, b.reason));
  return { ok: true, submissions, skipped };
}
