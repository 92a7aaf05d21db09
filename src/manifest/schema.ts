// The strict core/v1 Pod schema (generated at build time by scripts/gen-schema.mjs from
// kubernetes-types 1.30) and the translation of its errors into learner-facing findings.
import { POD_SCHEMA } from '../../generated/pod-schema.js';
import { subsetValidator, type SubsetError as PodSchemaError } from './schema-subset.js';
import { POD_SHAPE } from '../../generated/pod-shape.js';
import type { FieldShape } from '../../generated/pod-shape.js';
import { MSG, describeActual, describeExpected } from './messages.js';
import { closestMatch } from './did-you-mean.js';
import { formatPath, fromJsonPointer, type FieldPath } from './path.js';
import { parseQuantity } from './quantity.js';

export interface SchemaProblem {
  code: 'schema/unknown-field' | 'schema/required' | 'schema/type' | 'schema/invalid' | 'schema/quantity';
  message: string;
  /** the field the problem is about (for an unknown field: the unknown key itself) */
  path: (string | number)[];
  suggestion?: string;
}

/** The object type (definition name) expected at a path, e.g. ["spec","containers",0] -> "Container". */
export function typeAt(path: FieldPath): string | undefined {
  let cur: FieldShape | undefined = 'Pod';
  for (const seg of path) {
    if (cur === undefined) return undefined;
    if (Array.isArray(cur)) {
      if (typeof seg !== 'number') return undefined;
      cur = cur[0];
    } else if (POD_SHAPE[cur]) {
      if (typeof seg !== 'string') return undefined;
      cur = POD_SHAPE[cur]!.fields[seg];
    } else {
      return undefined;
    }
  }
  return typeof cur === 'string' && POD_SHAPE[cur] ? cur : undefined;
}

/** Field names of a type, for did-you-mean. */
export function fieldsOf(type: string): string[] {
  return Object.keys(POD_SHAPE[type]?.fields ?? {});
}

/** Drop keys whose value is null: the API server treats `field:` with no value as unset. */
export function dropNulls(value: unknown): unknown {
  const root = { v: value };
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const cur = stack.pop();
    if (Array.isArray(cur)) {
      for (const it of cur) if (it !== null && typeof it === 'object') stack.push(it);
    } else if (cur !== null && typeof cur === 'object') {
      const o = cur as Record<string, unknown>;
      for (const k of Object.keys(o)) {
        if (o[k] === null) delete o[k];
        else if (typeof o[k] === 'object') stack.push(o[k]);
      }
    }
  }
  return root.v;
}

const validatePod = subsetValidator(POD_SCHEMA);

export function checkSchema(value: unknown): SchemaProblem[] {
  if (validatePod(value)) return checkQuantities(value);
  const errors: PodSchemaError[] = validatePod.errors ?? [];
  const problems: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    const p = toProblem(e, value);
    if (!p) continue;
    const key = `${p.code}|${formatPath(p.path)}`;
    if (seen.has(key)) continue; // ajv reports a field once per alternative; keep the first
    seen.add(key);
    problems.push(p);
  }
  return problems;
}

function toProblem(e: PodSchemaError, root: unknown): SchemaProblem | undefined {
  const at = fromJsonPointer(e.instancePath, root);
  switch (e.keyword) {
    case 'additionalProperties': {
      const field = String(e.params.additionalProperty);
      return unknownField(at, field);
    }
    case 'required': {
      const field = String(e.params.missingProperty);
      return { code: 'schema/required', message: MSG.missingField(field, typeAt(at) ?? MSG.unknownType), path: [...at, field] };
    }
    case 'type': {
      const actual = valueAt(root, at);
      const expected = describeExpected(e.params.type);
      const hint = typeHint(String(e.params.type), actual);
      return { code: 'schema/type', message: MSG.wrongType(fieldName(at), expected, describeActual(actual), hint), path: at };
    }
    default:
      return { code: 'schema/invalid', message: `"${fieldName(at)}" is invalid (${e.keyword} ${JSON.stringify(e.params)})`, path: at };
  }
}

/**
 * An unknown key, explained in the order most likely to help: a near-miss of a field of this type
 * (did you mean), a field of one of this type's own fields (indented too little: a probe's
 * periodSeconds at the container's level), a field of an enclosing object one or two levels up
 * (indented too much: a probe under ports[0]), or just unknown.
 */
function unknownField(at: (string | number)[], field: string): SchemaProblem {
  const type = typeAt(at) ?? MSG.unknownType;
  const path = [...at, field];
  const suggestion = closestMatch(field, fieldsOf(type));
  if (suggestion) {
    return { code: 'schema/unknown-field', message: MSG.unknownFieldDidYouMean(field, type, suggestion), path, suggestion };
  }
  const shape = POD_SHAPE[type];
  if (shape) {
    const owners = new Map<string, string[]>();
    for (const [name, f] of Object.entries(shape.fields)) {
      const child = Array.isArray(f) ? f[0] : f;
      // ephemeral containers are never written by hand; they would only make the answer ambiguous
      if (child === 'EphemeralContainer') continue;
      if (typeof child === 'string' && POD_SHAPE[child]?.fields[field] !== undefined) owners.set(child, [...(owners.get(child) ?? []), name]);
    }
    if (owners.size === 1) {
      const [[owner, via]] = [...owners.entries()] as [[string, string[]]];
      return { code: 'schema/unknown-field', message: MSG.unknownFieldBelongsBelow(field, type, owner, via), path };
    }
  }
  let levels = 0;
  for (let i = at.length - 1; i >= 0 && levels < 2; i--) {
    const ancestor = typeAt(at.slice(0, i));
    if (!ancestor) continue;
    levels++;
    if (fieldsOf(ancestor).includes(field)) {
      return { code: 'schema/unknown-field', message: MSG.unknownFieldMisplaced(field, type, formatPath(at) || MSG.topLevel, ancestor), path };
    }
  }
  return { code: 'schema/unknown-field', message: MSG.unknownField(field, type), path };
}

function typeHint(expected: string, actual: unknown): string {
  // not for IntOrString ("integer,string"), where a number is fine
  if (expected === 'string' && (typeof actual === 'number' || typeof actual === 'boolean')) return MSG.quoteHint;
  if (expected === 'array') {
    if (actual !== null && typeof actual === 'object') return MSG.listItemHint;
    if (typeof actual === 'string') {
      const words = actual.trim().split(/\s+/);
      return /^[\w./:=,@%+-]+(\s+[\w./:=,@%+-]+)*$/.test(actual.trim()) && words.length <= 8 ? MSG.listFromString(words) : MSG.listFromStringGeneric;
    }
  }
  return '';
}

function valueAt(root: unknown, path: FieldPath): unknown {
  let cur = root;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

function fieldName(path: FieldPath): string {
  if (path.length === 0) return MSG.wholeDocument;
  let i = path.length - 1;
  let suffix = '';
  while (i >= 0 && typeof path[i] === 'number') {
    suffix = `[${path[i]}]` + suffix;
    i--;
  }
  return `${i >= 0 ? String(path[i]) : ''}${suffix}`;
}

/**
 * Quantities the API server cannot decode ("1 core", "64MB"): a decode error, reported before any
 * validation rule, like the strict schema's.
 */
export function checkQuantities(pod: unknown): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const obj = (v: unknown): Record<string, unknown> | undefined =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  const check = (v: unknown, path: (string | number)[]) => {
    if (typeof v !== 'string' && typeof v !== 'number') return;
    const q = parseQuantity(v);
    if ('error' in q) problems.push({ code: 'schema/quantity', message: MSG.badQuantity(String(path[path.length - 1]), JSON.stringify(v), q.error), path });
  };
  const spec = obj(obj(pod)?.spec);
  if (!spec) return problems;
  for (const list of ['containers', 'initContainers', 'ephemeralContainers']) {
    const cs = spec[list];
    if (!Array.isArray(cs)) continue;
    cs.forEach((c, i) => {
      const res = obj(obj(c)?.resources);
      for (const kind of ['limits', 'requests']) {
        const m = obj(res?.[kind]);
        if (m) for (const [name, v] of Object.entries(m)) check(v, ['spec', list, i, 'resources', kind, name]);
      }
    });
  }
  if (Array.isArray(spec.volumes)) spec.volumes.forEach((v, i) => check(obj(obj(v)?.emptyDir)?.sizeLimit, ['spec', 'volumes', i, 'emptyDir', 'sizeLimit']));
  const overhead = obj(spec.overhead);
  if (overhead) for (const [name, v] of Object.entries(overhead)) check(v, ['spec', 'overhead', name]);
  return problems;
}
