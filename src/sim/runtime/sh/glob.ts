// Shell pattern matching (case, ${x#pat}) and pathname expansion against the virtual filesystem.
import type { VirtualFs } from '../vfs.js';

/** `*`, `?` or a complete `[...]` bracket (a lone `[`, as in `[ -e f ]`, is not a pattern). */
export function hasGlobMeta(s: string): boolean {
  return /[*?]|\[[^\]]*\]/.test(s);
}

type GlobToken = { k: 'star' } | { k: 'one' } | { k: 'char'; c: string } | { k: 'class'; re: RegExp | undefined };

/** A compiled shell pattern: `test` says whether a whole string matches it. */
export interface GlobPattern {
  test(s: string): boolean;
}

const STAR: GlobToken = { k: 'star' };
const ONE: GlobToken = { k: 'one' };

/**
 * A shell pattern (backslash escapes a character), matched without backtracking: `*` remembers only the
 * last star (each other token matches exactly one character), so a test costs at most pattern × string
 * steps, however many stars (a RegExp of `[\s\S]*` runs backtracks to the power of its stars on a string that
 * does not match). A bracket whose set is not valid (`[z-a]`) matches no character, as fnmatch's does.
 */
export function compileGlob(pat: string): GlobPattern {
  const toks: GlobToken[] = [];
  for (let i = 0; i < pat.length; i++) {
    const c = pat[i]!;
    if (c === '\\' && i + 1 < pat.length) toks.push({ k: 'char', c: pat[++i]! });
    else if (c === '*') {
      if (toks[toks.length - 1] !== STAR) toks.push(STAR);
    } else if (c === '?') toks.push(ONE);
    else if (c === '[') {
      const end = pat.indexOf(']', i + 2);
      if (end < 0) toks.push({ k: 'char', c: '[' });
      else {
        let body = pat.slice(i + 1, end);
        if (body.startsWith('!')) body = '^' + body.slice(1);
        let re: RegExp | undefined;
        try {
          re = new RegExp('[' + body.replace(/\\/g, '\\\\') + ']');
        } catch {
          re = undefined;
        }
        toks.push({ k: 'class', re });
        i = end;
      }
    } else toks.push({ k: 'char', c });
  }
  return { test: (s) => globMatch(toks, s) };
}

function one(t: GlobToken, ch: string): boolean {
  switch (t.k) {
    case 'one':
      return true;
    case 'char':
      return t.c === ch;
    case 'class':
      return t.re !== undefined && t.re.test(ch);
    case 'star':
      return false;
  }
}

function globMatch(toks: GlobToken[], s: string): boolean {
  const n = toks.length;
  let p = 0;
  let i = 0;
  let starP = -1;
  let starI = 0;
  while (i < s.length) {
    const t = toks[p];
    if (t !== undefined && t.k === 'star') {
      starP = p++;
      starI = i;
    } else if (t !== undefined && one(t, s[i]!)) {
      p++;
      i++;
    } else if (starP >= 0) {
      p = starP + 1;
      i = ++starI;
    } else return false;
  }
  while (p < n && toks[p]!.k === 'star') p++;
  return p === n;
}

/** Expands a path pattern; returns sorted matches, or [] when nothing matches (the caller keeps the word). */
export function expandGlob(fs: VirtualFs, cwd: string, pat: string): string[] {
  const absolute = pat.startsWith('/');
  const segs = pat.split('/').filter((s, i) => s !== '' || i === 0);
  let paths: string[] = [absolute ? '/' : ''];
  for (const seg of segs) {
    if (seg === '') continue;
    const next: string[] = [];
    for (const base of paths) {
      const dir = base === '' ? cwd : base;
      if (!hasGlobMeta(seg)) {
        const lit = seg.replace(/\\(.)/g, '$1');
        const p = join(base, lit);
        const full = p.startsWith('/') ? p : join(cwd, p);
        if (fs.exists(full)) next.push(p);
        continue;
      }
      const l = fs.list(dir);
      if (!l.ok) continue;
      const re = compileGlob(seg);
      for (const name of l.value) {
        if (name.startsWith('.') && !seg.startsWith('.')) continue;
        if (re.test(name)) next.push(join(base, name));
      }
    }
    paths = next;
  }
  return paths.filter((p) => p !== '' && p !== '/').sort();
}

function join(base: string, name: string): string {
  if (base === '') return name;
  return base.endsWith('/') ? base + name : `${base}/${name}`;
}
