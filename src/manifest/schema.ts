// The strict schemas of the kinds kubedrill checks (generated at build time by scripts/gen-schema.mjs
// from kubernetes-types 1.30, one set of shared definitions) and the translation of their errors into
// learner-facing findings.
import { KUBE_DEFINITIONS } from '../../generated/kube-schema.js';
import { subsetValidator, type SubsetError, type SubsetValidate } from './schema-subset.js';
import { SHAPE } from '../../generated/kube-shape.js';
import type { FieldShape } from '../../generated/kube-shape.js';
import { assertNever, type Kind } from './kinds.js';
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
export function typeAt(path: FieldPath, root: string = 'Pod'): string | undefined {
  let cur: FieldShape | undefined = root;
  for (const seg of path) {
    if (cur === undefined) return undefined;
    if (Array.isArray(cur)) {
      if (typeof seg !== 'number') return undefined;
      cur = cur[0];
    } else if (SHAPE[cur]) {
      if (typeof seg !== 'string') return undefined;
      cur = SHAPE[cur]!.fields[seg];
    } else {
      return undefined;
    }
  }
  return typeof cur === 'string' && SHAPE[cur] ? cur : undefined;
}

/** Field names of a type, for did-you-mean. */
export function fieldsOf(type: string): string[] {
  return Object.keys(SHAPE[type]?.fields ?? {});
}

/**
 * Drop keys whose value is null: the API server treats `field:` with no value as unset. An object is
 * visited once, however many aliases share it (a recursive alias is refused before this, in locate.ts).
 */
export function dropNulls(value: unknown): unknown {
  const root = { v: value };
  const stack: unknown[] = [root];
  const seen = new Set<unknown>();
  while (stack.length > 0) {
    const cur = stack.pop();
    if (seen.has(cur)) continue;
    seen.add(cur);
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

const validators = new Map<Kind, SubsetValidate>();

/** The kind's root over the shared definitions; built on first use (a file checks one or two kinds). */
function validatorFor(kind: Kind): SubsetValidate {
  let v = validators.get(kind);
  if (!v) {
    v = subsetValidator({ $ref: `#/definitions/${kind}`, definitions: KUBE_DEFINITIONS });
    validators.set(kind, v);
  }
  return v;
}

export function checkSchema(value: unknown, kind: Kind = 'Pod'): SchemaProblem[] {
  const validate = validatorFor(kind);
  if (validate(value)) return checkQuantities(value, kind);
  const errors: SubsetError[] = validate.errors ?? [];
  const problems: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    const p = toProblem(e, value, kind);
    if (!p) continue;
    const key = `${p.code}|${formatPath(p.path)}`;
    if (seen.has(key)) continue; // ajv reports a field once per alternative; keep the first
    seen.add(key);
    problems.push(p);
  }
  return problems;
}

function toProblem(e: SubsetError, root: unknown, kind: Kind): SchemaProblem | undefined {
  const at = fromJsonPointer(e.instancePath, root);
  switch (e.keyword) {
    case 'additionalProperties': {
      const field = String(e.params.additionalProperty);
      return unknownField(at, field, kind);
    }
    case 'required': {
      const field = String(e.params.missingProperty);
      return { code: 'schema/required', message: MSG.missingField(field, typeAt(at, kind) ?? MSG.unknownType), path: [...at, field] };
    }
    case 'type': {
      const actual = valueAt(root, at);
      const expected = describeExpected(e.params.type);
      // a Deployment's selector written in a Service: spec.selector.matchLabels is one of its labels there
      const serviceSelector = kind === 'Service' && at.length === 3 && at[0] === 'spec' && at[1] === 'selector' && (at[2] === 'matchLabels' || at[2] === 'matchExpressions');
      const hint = serviceSelector ? MSG.serviceSelectorHint : typeHint(String(e.params.type), actual);
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
 * (indented too much: a probe under ports[0]), a field two levels down by a single way (a pod's
 * `containers` straight under a Deployment's spec, not under `template.spec`), or just unknown.
 */
function unknownField(at: (string | number)[], field: string, kind: Kind): SchemaProblem {
  const type = typeAt(at, kind) ?? MSG.unknownType;
  const path = [...at, field];
  const suggestion = closestMatch(field, fieldsOf(type));
  if (suggestion) {
    return { code: 'schema/unknown-field', message: MSG.unknownFieldDidYouMean(field, type, suggestion), path, suggestion };
  }
  // a Service's selector written in a workload: its labels belong under matchLabels
  if (type === 'LabelSelector') return { code: 'schema/unknown-field', message: MSG.unknownFieldInLabelSelector(field), path };
  const below = ownersBelow(type, field, 1);
  if (below) return { code: 'schema/unknown-field', message: MSG.unknownFieldBelongsBelow(field, type, below.owner, below.via), path };
  let levels = 0;
  for (let i = at.length - 1; i >= 0 && levels < 2; i--) {
    const ancestor = typeAt(at.slice(0, i), kind);
    if (!ancestor) continue;
    levels++;
    if (fieldsOf(ancestor).includes(field)) {
      return { code: 'schema/unknown-field', message: MSG.unknownFieldMisplaced(field, type, formatPath(at, kind) || MSG.topLevel, ancestor), path };
    }
  }
  // a sibling object's field (a Deployment's `replicas` under `metadata` instead of `spec`)
  const last = at[at.length - 1];
  const parent = typeof last === 'string' ? typeAt(at.slice(0, -1), kind) : undefined;
  if (parent && typeof last === 'string') {
    const siblings = childTypes(parent).filter(([name, child]) => name !== last && name !== 'status' && SHAPE[child]!.fields[field] !== undefined);
    if (siblings.length === 1) {
      const [[sibling, owner]] = siblings as [[string, string]];
      return { code: 'schema/unknown-field', message: MSG.unknownFieldSibling(field, type, formatPath(at, kind), owner, formatPath([...at.slice(0, -1), sibling], kind)), path };
    }
  }
  const deeper = ownersBelow(type, field, 2);
  if (deeper && deeper.via.length === 1) {
    return { code: 'schema/unknown-field', message: MSG.unknownFieldBelongsBelow(field, type, deeper.owner, deeper.via), path };
  }
  return { code: 'schema/unknown-field', message: MSG.unknownField(field, type), path };
}

/** The object types a field is reached through from `type` (lists stand for their items). */
function childTypes(type: string): [string, string][] {
  const out: [string, string][] = [];
  for (const [name, f] of Object.entries(SHAPE[type]?.fields ?? {})) {
    const child = Array.isArray(f) ? f[0] : f;
    // ephemeral containers are never written by hand; they would only make the answer ambiguous
    if (typeof child === 'string' && SHAPE[child] && child !== 'EphemeralContainer') out.push([name, child]);
  }
  return out;
}

/**
 * The one type `depth` levels below `type` that has `field`, and the ways to it (`template.spec`).
 * A status is never written in a manifest: its types count only when no other owner has the field.
 */
function ownersBelow(type: string, field: string, depth: 1 | 2): { owner: string; via: string[] } | undefined {
  const pick = (skipStatus: boolean) => {
    const owners = new Map<string, string[]>();
    const walk = (t: string, via: string, left: number) => {
      for (const [name, child] of childTypes(t)) {
        if (skipStatus && name === 'status') continue;
        const here = via === '' ? name : `${via}.${name}`;
        if (left === 1) {
          if (SHAPE[child]!.fields[field] !== undefined) owners.set(child, [...(owners.get(child) ?? []), here]);
        } else walk(child, here, left - 1);
      }
    };
    walk(type, '', depth);
    return owners;
  };
  let owners = pick(true);
  if (owners.size === 0) owners = pick(false);
  if (owners.size !== 1) return undefined;
  const [[owner, via]] = [...owners.entries()] as [[string, string[]]];
  return { owner, via };
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

/** Where a kind keeps its pod spec (a Pod's own, a workload's template), or none (a Service). */
export function podSpecPath(kind: Kind): FieldPath | undefined {
  switch (kind) {
    case 'Pod':
      return ['spec'];
    case 'Deployment':
    case 'ReplicaSet':
    case 'Job':
      return ['spec', 'template', 'spec'];
    case 'Service':
      return undefined;
    default:
      return assertNever(kind);
  }
}

/**
 * Quantities the API server cannot decode ("1 core", "64MB"): a decode error, reported before any
 * validation rule, like the strict schema's.
 */
export function checkQuantities(obj: unknown, kind: Kind = 'Pod'): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const at = podSpecPath(kind);
  if (!at) return problems;
  const object = (v: unknown): Record<string, unknown> | undefined =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  const check = (v: unknown, path: (string | number)[]) => {
    if (typeof v !== 'string' && typeof v !== 'number') return;
    const q = parseQuantity(v);
    if ('error' in q) problems.push({ code: 'schema/quantity', message: MSG.badQuantity(String(path[path.length - 1]), JSON.stringify(v), q.error), path });
  };
  let spec: Record<string, unknown> | undefined = object(obj);
  for (const seg of at) spec = object(spec?.[seg]);
  if (!spec) return problems;
  for (const list of ['containers', 'initContainers', 'ephemeralContainers']) {
    const cs = spec[list];
    if (!Array.isArray(cs)) continue;
    cs.forEach((c, i) => {
      const res = object(object(c)?.resources);
      for (const kind of ['limits', 'requests']) {
        const m = object(res?.[kind]);
        if (m) for (const [name, v] of Object.entries(m)) check(v, [...at, list, i, 'resources', kind, name]);
      }
    });
  }
  if (Array.isArray(spec.volumes)) spec.volumes.forEach((v, i) => check(object(object(v)?.emptyDir)?.sizeLimit, [...at, 'volumes', i, 'emptyDir', 'sizeLimit']));
  const overhead = object(spec.overhead);
  if (overhead) for (const [name, v] of Object.entries(overhead)) check(v, [...at, 'overhead', name]);
  return problems;
}
