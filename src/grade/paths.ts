// Field paths of exercise checks (`spec.containers[name=app].livenessProbe`) resolved against a Pod.

export type PathSegment = { key: string } | { index: number } | { name: string };

/** Splits a path into segments; undefined when it is malformed (the pack schema rejects those). */
export function parsePath(path: string): PathSegment[] | undefined {
  const out: PathSegment[] = [];
  const re = /([A-Za-z_$][A-Za-z0-9_$-]*)|\[([0-9]+)\]|\[name=([^\]]+)\]|(\.)/gy;
  let expectKey = true;
  let m: RegExpExecArray | null;
  let last = 0;
  while ((m = re.exec(path))) {
    last = re.lastIndex;
    if (m[1] !== undefined) {
      if (!expectKey) return undefined;
      out.push({ key: m[1] });
      expectKey = false;
    } else if (m[2] !== undefined) {
      if (expectKey) return undefined;
      out.push({ index: Number(m[2]) });
    } else if (m[3] !== undefined) {
      if (expectKey) return undefined;
      out.push({ name: m[3] });
    } else {
      if (expectKey) return undefined;
      expectKey = true;
    }
  }
  if (last !== path.length || expectKey || out.length === 0) return undefined;
  return out;
}

export type Resolved =
  | { found: true; value: unknown; concrete: (string | number)[] }
  /** `concrete` is the deepest existing parent */
  | { found: false; concrete: (string | number)[] };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parsed check paths: a pack has a few dozen, each resolved at every grade. */
const parsed = new Map<string, PathSegment[] | undefined>();

function parsedPath(path: string): PathSegment[] | undefined {
  if (parsed.has(path)) return parsed.get(path);
  const segs = parsePath(path);
  if (parsed.size < 4096) parsed.set(path, segs);
  return segs;
}

/** Walks `root` along the path, turning `[name=X]` into the index of the item named X. */
export function resolvePath(root: unknown, path: string | PathSegment[]): Resolved {
  const segs = typeof path === 'string' ? parsedPath(path) : path;
  const concrete: (string | number)[] = [];
  if (!segs) return { found: false, concrete };
  let cur: unknown = root;
  for (const seg of segs) {
    if ('key' in seg) {
      if (!isObject(cur) || !(seg.key in cur) || cur[seg.key] === undefined) return { found: false, concrete };
      cur = cur[seg.key];
      concrete.push(seg.key);
    } else if ('index' in seg) {
      if (!Array.isArray(cur) || seg.index >= cur.length) return { found: false, concrete };
      cur = cur[seg.index];
      concrete.push(seg.index);
    } else {
      if (!Array.isArray(cur)) return { found: false, concrete };
      const i = cur.findIndex((item) => isObject(item) && item.name === seg.name);
      if (i < 0) return { found: false, concrete };
      cur = cur[i];
      concrete.push(i);
    }
  }
  return { found: true, value: cur, concrete };
}

/** kubectl-style text of a concrete path: spec.containers[0].livenessProbe */
export function concreteText(path: readonly (string | number)[]): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s === '' ? p : `.${p}`;
  return s;
}
