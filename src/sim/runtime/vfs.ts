// The per-container virtual filesystem: a flat map of absolute paths to files and directories, never the host's.
import { MAX_VALUE_BYTES, outOfMemory } from './sh/limits.js';

/** An executable that the runtime implements itself: a busybox/coreutils applet or an image's own program. */
export type Executable = { kind: 'applet'; name: string } | { kind: 'program'; name: string };

/** Nodes are never changed in place (a change replaces the node), so clones can share them. */
export type FsNode =
  | { readonly kind: 'file'; readonly data: string; readonly mode: number; readonly exe?: Executable }
  | { readonly kind: 'dir'; readonly mode: number };

export type FsErrno = 'ENOENT' | 'EISDIR' | 'ENOTDIR' | 'EEXIST' | 'ENOTEMPTY';

export const ERRNO_TEXT: Record<FsErrno, string> = {
  ENOENT: 'No such file or directory',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  EEXIST: 'File exists',
  ENOTEMPTY: 'Directory not empty',
};

export type FsResult<T> = { ok: true; value: T } | { ok: false; errno: FsErrno };

const ok = <T>(value: T): FsResult<T> => ({ ok: true, value });
const fail = <T>(errno: FsErrno): FsResult<T> => ({ ok: false, errno });

/** Join `p` onto `cwd` and collapse `.`, `..` and duplicate slashes (no symlinks exist here). */
export function resolvePath(cwd: string, p: string): string {
  // fast path: already canonical (the common case for PATH lookups and absolute arguments)
  if (p.charCodeAt(0) === 47 && (p.length === 1 || (!p.endsWith('/') && !p.includes('//') && !p.includes('/.')))) return p;
  const raw = p.startsWith('/') ? p : `${cwd}/${p}`;
  const out: string[] = [];
  for (const seg of raw.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return '/' + out.join('/');
}

/** Remembered PATH candidates: the same strings each time, so map lookups with them hash once. */
const candidateCache = new Map<string, Map<string, readonly string[]>>();

/**
 * Where a PATH search for `name` (no slash) looks, in order: `resolvePath('/', dir + '/' + name)` for
 * each non-empty entry of `pathVar`. Pure: remembered per (PATH, name), within a bound.
 */
export function pathCandidates(pathVar: string, name: string): readonly string[] {
  let byName = candidateCache.get(pathVar);
  if (!byName) {
    if (candidateCache.size >= 64) candidateCache.clear();
    candidateCache.set(pathVar, (byName = new Map()));
  }
  let c = byName.get(name);
  if (!c) {
    if (byName.size >= 1024) byName.clear();
    const out: string[] = [];
    for (const d of pathVar.split(':')) if (d) out.push(resolvePath('/', `${d}/${name}`));
    byName.set(name, (c = out));
  }
  return c;
}

export function dirname(p: string): string {
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}

export function basename(p: string): string {
  const t = p.replace(/\/+$/, '');
  return t.slice(t.lastIndexOf('/') + 1) || '/';
}

/** Past these, a filesystem's history is no longer followed (see FsState): bounded memory for busy writers. */
const HISTORY_DEPTH = 64;
const HISTORY_STATES = 1024;
const HISTORY_DATA = 4096;

/**
 * A filesystem tree named by its history: where it started (a root made by whoever starts the history)
 * and the exact changes applied since, in order. Every change is a deterministic function of the tree it
 * is applied to and its arguments, so two filesystems at the same FsState hold identical trees — whatever
 * is worked out from the tree alone (a pure exec run) can be shared by every container at that state.
 * The same change applied at the same state always leads to the same object.
 */
export class FsState {
  private next: Map<string, FsState> | undefined;
  /** what the root's owner remembers about this exact tree (the runtime: pure exec runs by argv) */
  memo: Map<string, unknown> | undefined;
  /** the last entry found or stored in `memo` (a probe repeats one command) */
  last: unknown;
  /** VirtualFs.derived() for every filesystem at this state (an exact tree, so its shape too) */
  derived: Map<string, unknown> | undefined;

  private constructor(
    private readonly count: { states: number },
    private readonly depth: number,
  ) {}

  /** A new history. Its owner vouches that every filesystem it is given to holds the same tree at that moment. */
  static root(): FsState {
    return new FsState({ states: 1 }, 0);
  }

  /** The state after `change` (an unambiguous encoding of one change); undefined once the history is too long or wide. */
  after(change: string): FsState | undefined {
    let s = this.next?.get(change);
    if (s === undefined) {
      if (this.depth >= HISTORY_DEPTH || this.count.states >= HISTORY_STATES) return undefined;
      this.count.states++;
      s = new FsState(this.count, this.depth + 1);
      (this.next ??= new Map()).set(change, s);
    }
    return s;
  }
}

export class VirtualFs {
  /**
   * Copy-on-write: a clone reads the tree it was cloned from (`base`, a map nobody changes any more)
   * through its own changes (`own`; null marks a removed path), so starting a container copies nothing.
   */
  private own: Map<string, FsNode | null>;
  private base: ReadonlyMap<string, FsNode> | undefined;
  /** `own` is some clone's base: copy it before the next change */
  private shared = false;
  /**
   * Bumped by every change (content, mode, create, remove, move): equal versions mean an identical tree,
   * so lookups and pure exec runs can be remembered per version.
   */
  version = 0;
  /**
   * Bumped by every change except new contents for an existing plain file: equal shapes mean the same
   * paths with the same kinds, modes and executables (what PATH lookups depend on).
   */
  shape = 0;

  /**
   * Where this tree is in a history (see FsState), or undefined when nobody follows it. Every change moves
   * it on; a clone starts where its source is.
   */
  state: FsState | undefined;

  /** never cleared in place: clones share it while their shape is the one it was made for (see clone) */
  private derivedMap: Map<string, unknown> | undefined;
  private derivedShape = 0;

  constructor(base?: ReadonlyMap<string, FsNode>) {
    this.base = base;
    this.own = base ? new Map() : new Map([['/', { kind: 'dir', mode: 0o755 }]]);
  }

  private get(path: string): FsNode | undefined {
    const o = this.own.get(path);
    if (o !== undefined) return o ?? undefined;
    return this.base?.get(path);
  }

  private unshare(): void {
    if (this.shared) {
      this.own = new Map(this.own);
      this.shared = false;
    }
  }

  private set(path: string, node: FsNode): void {
    this.unshare();
    this.own.set(path, node);
  }

  private delete(path: string): void {
    this.unshare();
    if (this.base?.has(path)) this.own.set(path, null);
    else this.own.delete(path);
  }

  /** Every path in the tree (order unspecified: callers sort or filter). */
  private paths(): string[] {
    const out: string[] = [];
    if (this.base) for (const k of this.base.keys()) if (!this.own.has(k)) out.push(k);
    for (const [k, v] of this.own) if (v !== null) out.push(k);
    return out;
  }

  /**
   * A scratch map for results computed from the tree's shape alone (PATH lookups: which path is an
   * executable file, never a node's contents): replaced whenever the shape changes, so whatever is found
   * in it is what a fresh computation would give. A clone starts with its source's map: the two trees have
   * the same shape then, and each drops the map at its own next change of shape (shape numbers only grow,
   * so neither comes back to the map's shape with another tree). A filesystem in a history (see FsState)
   * uses its state's map instead: the same for every container at that state.
   */
  derived(): Map<string, unknown> {
    // a tree in a history shares the map with every filesystem at the same state (restarts of a launch)
    const st = this.state;
    if (st !== undefined) {
      if (st.derived === undefined || st.derived.size > 512) st.derived = new Map();
      return st.derived;
    }
    return this.shapeDerived();
  }

  private shapeDerived(): Map<string, unknown> {
    if (this.derivedMap === undefined || this.derivedShape !== this.shape || this.derivedMap.size > 512) {
      this.derivedMap = new Map();
      this.derivedShape = this.shape;
    }
    return this.derivedMap;
  }

  /** An independent copy (an image template is never changed by a container); nodes are shared, being immutable. */
  clone(): VirtualFs {
    if (this.base) {
      // a clone of a clone (a launch's filesystem, see the runtime's `prepared`): flatten once into a map
      // of our own, which this and every later clone then share as below
      const m = new Map<string, FsNode | null>();
      for (const k of this.paths()) m.set(k, this.get(k)!);
      this.own = m;
      this.base = undefined;
      this.shared = false;
    }
    // no nulls without a base; our next change copies `own` first
    const c = new VirtualFs(this.own as ReadonlyMap<string, FsNode>);
    this.shared = true;
    c.version = this.version;
    c.shape = this.shape;
    const st = this.state;
    c.state = st;
    if (st === undefined) {
      c.derivedMap = this.shapeDerived();
      c.derivedShape = this.shape;
    }
    return c;
  }

  stat(path: string): FsNode | undefined {
    return this.get(path);
  }

  exists(path: string): boolean {
    return this.get(path) !== undefined;
  }

  private parentCheck(path: string): FsResult<void> {
    const parent = this.get(dirname(path));
    if (!parent) return fail('ENOENT');
    if (parent.kind !== 'dir') return fail('ENOTDIR');
    return ok(undefined);
  }

  readFile(path: string): FsResult<string> {
    if (path === '/dev/null') return ok('');
    const n = this.get(path);
    if (!n) return fail('ENOENT');
    if (n.kind === 'dir') return fail('EISDIR');
    return ok(n.data);
  }

  writeFile(path: string, data: string, append = false): FsResult<void> {
    const v = this.version;
    const r = this.writeFileNow(path, data, append);
    if (this.state && this.version !== v) this.moved(data.length > HISTORY_DATA ? undefined : `w${append ? '+' : '='}${path.length}:${path}${data}`);
    return r;
  }

  private writeFileNow(path: string, data: string, append: boolean): FsResult<void> {
    if (path === '/dev/null') return ok(undefined);
    const n = this.get(path);
    if (n?.kind === 'dir') return fail('EISDIR');
    if (!n) {
      const pc = this.parentCheck(path);
      if (!pc.ok) return pc;
      this.set(path, { kind: 'file', data, mode: 0o644 });
      this.version++;
      this.shape++;
      return ok(undefined);
    }
    // a file this big would fill the memory kubedrill gives a container (see sh/limits.ts): the writer is OOM-killed
    if (append && n.data.length + data.length > MAX_VALUE_BYTES) throw outOfMemory();
    this.version++;
    // writing over an executable leaves a plain file (the applet is gone): a change of shape
    if (n.exe) this.shape++;
    this.set(path, { kind: 'file', data: append ? n.data + data : data, mode: n.mode });
    return ok(undefined);
  }

  /** Create an empty file if missing (touch). */
  touch(path: string): FsResult<void> {
    const n = this.get(path);
    if (n) return ok(undefined);
    return this.writeFile(path, '');
  }

  mkdir(path: string, parents = false): FsResult<void> {
    const v = this.version;
    const r = this.mkdirNow(path, parents);
    if (this.state && this.version !== v) this.moved(`m${parents ? 'p' : '-'}${path}`);
    return r;
  }

  private mkdirNow(path: string, parents: boolean): FsResult<void> {
    const n = this.get(path);
    if (n) return parents && n.kind === 'dir' ? ok(undefined) : fail('EEXIST');
    if (parents) {
      const segs = path.split('/').filter(Boolean);
      let cur = '';
      for (const s of segs) {
        cur += '/' + s;
        const e = this.get(cur);
        if (!e) {
          this.set(cur, { kind: 'dir', mode: 0o755 });
          this.version++;
          this.shape++;
        } else if (e.kind !== 'dir') return fail('ENOTDIR');
      }
      return ok(undefined);
    }
    const pc = this.parentCheck(path);
    if (!pc.ok) return pc;
    this.set(path, { kind: 'dir', mode: 0o755 });
    this.version++;
    this.shape++;
    return ok(undefined);
  }

  /** Names directly inside a directory, sorted like `ls` (byte order). */
  list(path: string): FsResult<string[]> {
    const n = this.get(path);
    if (!n) return fail('ENOENT');
    if (n.kind !== 'dir') return fail('ENOTDIR');
    const prefix = path === '/' ? '/' : path + '/';
    const out: string[] = [];
    for (const k of this.paths()) {
      if (k.length > prefix.length && k.startsWith(prefix) && !k.includes('/', prefix.length)) out.push(k.slice(prefix.length));
    }
    return ok(out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  remove(path: string, recursive = false): FsResult<void> {
    const v = this.version;
    const r = this.removeNow(path, recursive);
    if (this.state && this.version !== v) this.moved(`d${recursive ? 'r' : '-'}${path}`);
    return r;
  }

  private removeNow(path: string, recursive: boolean): FsResult<void> {
    const n = this.get(path);
    if (!n || path === '/') return fail('ENOENT');
    if (n.kind === 'dir') {
      const prefix = path + '/';
      const children = this.paths().filter((k) => k.startsWith(prefix));
      if (children.length > 0 && !recursive) return fail('ENOTEMPTY');
      for (const c of children) this.delete(c);
    }
    this.delete(path);
    this.version++;
    this.shape++;
    return ok(undefined);
  }

  /** chmod: the only in-place change to a node outside writeFile. */
  setMode(path: string, mode: number): FsResult<void> {
    const v = this.version;
    const r = this.setModeNow(path, mode);
    if (this.state && this.version !== v) this.moved(`c${mode}:${path}`);
    return r;
  }

  private setModeNow(path: string, mode: number): FsResult<void> {
    const n = this.get(path);
    if (!n) return fail('ENOENT');
    this.set(path, { ...n, mode });
    this.version++;
    this.shape++;
    return ok(undefined);
  }

  /** Move a file or directory tree (mv). */
  rename(from: string, to: string): FsResult<void> {
    const v = this.version;
    const r = this.renameNow(from, to);
    if (this.state && this.version !== v) this.moved(`r${from.length}:${from}${to}`);
    return r;
  }

  private renameNow(from: string, to: string): FsResult<void> {
    const n = this.get(from);
    if (!n) return fail('ENOENT');
    const pc = this.parentCheck(to);
    if (!pc.ok) return pc;
    const moves: [string, FsNode][] = [];
    for (const k of this.paths()) if (k === from || k.startsWith(from + '/')) moves.push([k, this.get(k)!]);
    for (const [k] of moves) this.delete(k);
    for (const [k, v] of moves) this.set(to + k.slice(from.length), v);
    this.version++;
    this.shape++;
    return ok(undefined);
  }

  /** Install a file with explicit content/mode (image building). Creates parent directories. */
  install(path: string, node: FsNode): void {
    this.mkdir(dirname(path), true);
    this.set(path, node);
    this.version++;
    this.shape++;
    if (this.state) {
      const exe = node.kind === 'file' && node.exe ? `${node.exe.kind}/${node.exe.name.length}:${node.exe.name}` : '-';
      this.moved(node.kind === 'dir' ? `i${path.length}:${path}d${node.mode}` : node.data.length > HISTORY_DATA ? undefined : `i${path.length}:${path}f${node.mode}:${exe}${node.data}`);
    }
  }

  /**
   * Follows a change in the history (`change` encodes the call that made it, which is all it depends on
   * besides the tree it was applied to); undefined gives up following (too much data to keep as a key).
   */
  private moved(change: string | undefined): void {
    this.state = change === undefined ? undefined : this.state!.after(change);
  }
}
