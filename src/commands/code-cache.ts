// Runs a bundled command (a CommonJS-style body file made by scripts/build.mjs) with V8's code cache,
// kept in the workspace cache folder (`check`) or next to the bundle (`sim`, `validate`). Node 20 has
// no module compile cache, and compiling the grader, the YAML parser and the simulator cost those
// commands more than their own work. V8 rejects data
// made by another V8 version or flags, but checks only the LENGTH of the source: so the cache file is
// named by the body file's stamp (inode, size, mtime, ctime), and a rebuilt body never meets old
// data. A rejected or missing entry means a normal compile and a rewrite. Output never depends on it.
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import vm from 'node:vm';
import type { Io } from './io.js';
import { openWorkspace, writeFileInside } from '../exercises/workspace.js';

/** The same folder name as context.ts CACHE_DIR (not imported: this module must stay tiny). */
const CACHE_DIR = '.kubedrill-cache';

type Run = (args: string[], io: Io) => Promise<number>;

/** The workspace's cache folder named by `--workspace` / KUBEDRILL_WORKSPACE, if the workspace exists. */
export function workspaceCacheDir(args: string[], io: Pick<Io, 'env' | 'cwd'>): string | undefined {
  let dir: string | undefined;
  try {
    const p = parseArgs({ args, options: { workspace: { type: 'string' } }, strict: false, allowPositionals: true });
    dir = typeof p.values.workspace === 'string' ? p.values.workspace : undefined;
  } catch {
    return undefined; // the command itself reports the usage error
  }
  const ws = openWorkspace({ cwd: io.cwd, env: io.env, ...(dir !== undefined ? { dir } : {}) });
  try {
    if (!statSync(ws.dir).isDirectory()) return undefined;
  } catch {
    return undefined; // only a workspace that exists holds caches: a fresh folder gets nothing
  }
  return path.join(ws.dir, CACHE_DIR);
}

function cachePrefix(bodyFile: string): string {
  return `code-${path.basename(bodyFile).replace(/[^A-Za-z0-9-]/g, '_')}-`;
}

/** FNV-1a: names a cache file, not a security boundary. */
function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * Loads `bodyFile` (which assigns its exports to `module.exports`) and calls its `run`. With a
 * cache folder, compiles with the cached data found there and, after a run that did its work
 * (`keep(code)`), stores fresh data when there was none or V8 rejected it.
 */
export async function runBody(bodyFile: string, args: string[], io: Io, opts: { cacheDir?: string; keep?: (code: number) => boolean } = {}): Promise<number> {
  const source = readFileSync(bodyFile, 'utf8');
  let cacheFile: string | undefined;
  let cachedData: Buffer | undefined;
  if (opts.cacheDir) {
    const st = statSync(bodyFile);
    // <body>-<this build of it>-<node and its flags>: a run with other flags keeps its own data
    const build = shortHash(`${path.resolve(bodyFile)}\0${st.ino}\0${st.size}\0${st.mtimeMs}\0${st.ctimeMs}`);
    cacheFile = path.join(opts.cacheDir, `${cachePrefix(bodyFile)}${build}-${shortHash(`${process.version}\0${process.execArgv.join(' ')}`)}.bin`);
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      // no cache yet
    }
  }
  const wrapped = `(function (exports, require, module, __filename, __dirname, __importMetaUrl) {${source}\n})`;
  const script = new vm.Script(wrapped, { filename: bodyFile, ...(cachedData ? { cachedData } : {}) });
  const fn = script.runInThisContext() as (...a: unknown[]) => void;
  const mod: { exports: { run?: Run } } = { exports: {} };
  fn(mod.exports, createRequire(bodyFile), mod, bodyFile, path.dirname(bodyFile), pathToFileURL(bodyFile).href);
  if (typeof mod.exports.run !== 'function') throw new Error(`${bodyFile} exports no run()`);
  const code = await mod.exports.run(args, io);
  if (cacheFile && (cachedData === undefined || script.cachedDataRejected === true) && (opts.keep?.(code) ?? true)) {
    // After the run: the data then also holds the functions that were compiled lazily while grading.
    try {
      // The cache folder is never written (or cleaned) through a link out of the folder that holds it.
      const written = writeFileInside(path.dirname(path.dirname(cacheFile)), cacheFile, script.createCachedData());
      // Data for earlier builds of this body can never be used again (~600 KB each): drop it.
      const prefix = cachePrefix(bodyFile);
      const current = path.basename(cacheFile).slice(0, prefix.length + 8);
      for (const n of readdirSync(path.dirname(written))) {
        if (n.startsWith(prefix) && n.endsWith('.bin') && !n.startsWith(current)) rmSync(path.join(path.dirname(written), n), { force: true });
      }
    } catch {
      // a read-only workspace just means no cache
    }
  }
  return code;
}
