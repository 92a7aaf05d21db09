// Shell pattern matching (case, ${x#pat}) and pathname expansion against the virtual filesystem.
import type { VirtualFs } from '../vfs.js';

/** `*`, `?` or a complete `[...]` bracket (a lone `[`, as in `[ -e f ]`, is not a pattern). */
export function hasGlobMeta(s: string): boolean {
  return /[*?]|\[[^\]]*\]/.test(s);
}

/** A shell pattern (backslash escapes a character) as an anchored RegExp. */
export function globToRegExp(pat: string): RegExp {
  let re = '';
  for (let i = 0; i < pat.length; i++) {
    const c = pat[i];
    if (c === '\\' && i + 1 < pat.length) re += escapeRe(pat[++i]);
    else if (c === '*') re += '[\\s\\S]*';
    else if (c === '?') re += '[\\s\\S]';
    else if (c === '[') {
      const end = pat.indexOf(']', i + 2);
      if (end < 0) re += '\\[';
      else {
        let body = pat.slice(i + 1, end);
        if (body.startsWith('!')) body = '^' + body.slice(1);
        re += '[' + body.replace(/\\/g, '\\\\') + ']';
        i = end;
      }
    } else re += escapeRe(c);
  }
  return new RegExp('^' + re + '$');
}

function escapeRe(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
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
      const re = globToRegExp(seg);
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
