// The JSON Schema fragments of `expect` checks, checked with ajv. The built-in pack's fragments are
// compiled at build time (scripts/gen-fragments.mjs -> generated/fragments.js, keyed by stableJson);
// any other fragment (another pack, an edited one) is compiled with ajv at run time, once, and ajv
// itself is loaded only then.
import { createRequire } from 'node:module';
import { PRECOMPILED } from '../../generated/fragments.js';

export type Fragment = Readonly<Record<string, unknown>>;

/** What grading gets for a fragment: a validator, or why ajv would not compile the fragment. */
export type FragmentValidator = { ok: true; validate: (value: unknown) => boolean } | { ok: false; error: string };

/** The options gen-fragments.mjs compiles with too (draft-07, unions of types allowed). */
export const FRAGMENT_AJV_OPTIONS = { strict: false, allowUnionTypes: true, messages: false } as const;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** JSON with object keys sorted at every level (the key of the precompiled table). */
export function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (isObject(v)) {
    const keys = Object.keys(v)
      .filter((k) => v[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${stableJson(v[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** JSON equality (key order does not matter). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => k in b && jsonEqual(a[k], b[k]));
  }
  return false;
}

interface AjvLike {
  compile(schema: object): (data: unknown) => boolean;
}
type AjvModule = { Ajv: new (opts: object) => AjvLike };

let ajv: AjvLike | undefined;
const compiled = new Map<string, FragmentValidator>();

function compileWith(a: AjvLike, schema: Fragment | boolean): FragmentValidator {
  try {
    const validate = a.compile(schema as object);
    return { ok: true, validate: (value) => validate(value) === true };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

function ajvFrom(mod: AjvModule): AjvLike {
  ajv ??= new mod.Ajv({ ...FRAGMENT_AJV_OPTIONS, logger: false });
  return ajv;
}

/** true when the fragment has a build-time validator (no ajv needed at run time). */
export function isPrecompiled(schema: Fragment | boolean): boolean {
  return PRECOMPILED.has(stableJson(schema));
}

/**
 * Loads ajv (dynamic import) and compiles the fragments that have no validator yet. Commands call
 * it before grading; nothing is loaded when every fragment was precompiled.
 */
export async function prepareFragments(schemas: Iterable<Fragment | boolean | undefined>): Promise<void> {
  const missing: [string, Fragment | boolean][] = [];
  for (const s of schemas) {
    if (s === undefined) continue;
    const key = stableJson(s);
    if (!PRECOMPILED.has(key) && !compiled.has(key)) missing.push([key, s]);
  }
  if (missing.length === 0) return;
  const a = ajvFrom((await import('ajv')) as unknown as AjvModule);
  for (const [key, s] of missing) if (!compiled.has(key)) compiled.set(key, compileWith(a, s));
}

/** Validators by schema object: a pack's fragments are the same objects at every grade. */
const bySchema = new WeakMap<object, FragmentValidator>();

/** The fragment's validator: precompiled, compiled before, or compiled now (ajv loaded synchronously). */
export function fragmentValidator(schema: Fragment | boolean): FragmentValidator {
  if (typeof schema === 'boolean') return validatorOf(schema);
  let v = bySchema.get(schema);
  if (!v) bySchema.set(schema, (v = validatorOf(schema)));
  return v;
}

function validatorOf(schema: Fragment | boolean): FragmentValidator {
  const key = stableJson(schema);
  const pre = PRECOMPILED.get(key);
  if (pre) return { ok: true, validate: (value) => pre(value) === true };
  let v = compiled.get(key);
  if (!v) {
    // Not prepared (e.g. a caller that grades synchronously): load ajv the CommonJS way, once.
    const a = ajv ?? ajvFrom(createRequire(import.meta.url)('ajv') as AjvModule);
    v = compileWith(a, schema);
    compiled.set(key, v);
  }
  return v;
}

/** true when `value` satisfies the fragment; a fragment ajv cannot compile matches nothing. */
export function matchesFragment(schema: Fragment | boolean, value: unknown): boolean {
  const v = fragmentValidator(schema);
  return v.ok && v.validate(value);
}
