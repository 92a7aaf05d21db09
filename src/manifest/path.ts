// Field paths as kubectl prints them: spec.containers[0].livenessProbe.httpGet.port
export type FieldPath = readonly (string | number)[];

import { POD_SHAPE } from '../../generated/pod-shape.js';

const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/** Fields whose value is a map (labels, limits, …): their keys print as [key], like field.Path.Key. */
const MAP_FIELDS = new Set(
  Object.values(POD_SHAPE).flatMap((t) => Object.entries(t.fields).filter(([, shape]) => shape === 'map').map(([name]) => name)),
);

/** ["spec","containers",0,"resources","limits","cpu"] -> "spec.containers[0].resources.limits[cpu]". */
export function formatPath(path: FieldPath): string {
  let out = '';
  path.forEach((seg, i) => {
    const prev = path[i - 1];
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (!PLAIN_KEY.test(seg) || (typeof prev === 'string' && MAP_FIELDS.has(prev))) out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  });
  return out;
}

/** "/spec/containers/0/name" (JSON pointer, as ajv reports it) -> ["spec","containers",0,"name"]. */
export function fromJsonPointer(pointer: string, value: unknown): (string | number)[] {
  if (pointer === '') return [];
  const out: (string | number)[] = [];
  let cur: unknown = value;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur) && /^\d+$/.test(seg)) {
      out.push(Number(seg));
      cur = cur[Number(seg)];
    } else {
      out.push(seg);
      cur = cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>)[seg] : undefined;
    }
  }
  return out;
}
