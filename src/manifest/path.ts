// Field paths as kubectl prints them: spec.containers[0].livenessProbe.httpGet.port
export type FieldPath = readonly (string | number)[];

import { MAP_FIELDS as MAP_FIELD_NAMES, SHAPE, type FieldShape } from '../../generated/kube-shape.js';

const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/** Fields whose value is a map in every type (labels, limits, …): their keys print as [key], like field.Path.Key. */
const MAP_FIELDS = new Set(MAP_FIELD_NAMES);

/**
 * ["spec","containers",0,"resources","limits","cpu"] -> "spec.containers[0].resources.limits[cpu]".
 * With the root type (a kind: "Service"), a map's keys are known from the schema even where the
 * field name alone does not say (a Service's `selector` is a map, a Deployment's is not).
 */
export function formatPath(path: FieldPath, root?: string): string {
  let out = '';
  let cur: FieldShape | undefined = root;
  path.forEach((seg, i) => {
    const prev = path[i - 1];
    const mapKey = cur !== undefined ? cur === 'map' : typeof prev === 'string' && MAP_FIELDS.has(prev);
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (!PLAIN_KEY.test(seg) || mapKey) out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
    if (cur === undefined) return;
    if (Array.isArray(cur)) cur = typeof seg === 'number' ? cur[0] : undefined;
    else if (typeof seg === 'string' && SHAPE[cur]) cur = SHAPE[cur]!.fields[seg];
    else cur = undefined;
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
