// Evaluates the JSON Schema fragments of `expect` checks (the draft-07 subset the pack schema allows)
// without compiling code: a pack's schemas are data, and grading must not pay for a schema compiler.
// test/grade/fragment.test.ts holds this to ajv's answers on the same fragments.

export type Fragment = Readonly<Record<string, unknown>>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
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

function hasType(v: unknown, t: string): boolean {
  switch (t) {
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    default:
      return typeOf(v) === t;
  }
}

const regexCache = new Map<string, RegExp>();
function regex(p: string): RegExp {
  let r = regexCache.get(p);
  if (!r) {
    r = new RegExp(p, 'u');
    regexCache.set(p, r);
  }
  return r;
}

/** true when `value` satisfies the fragment. */
export function matchesFragment(schema: Fragment | boolean, value: unknown): boolean {
  if (schema === true) return true;
  if (schema === false) return false;
  const s = schema;
  if ('const' in s && !jsonEqual(s.const, value)) return false;
  if (Array.isArray(s.enum) && !s.enum.some((e) => jsonEqual(e, value))) return false;
  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
    if (!types.some((t) => hasType(value, t))) return false;
  }
  if (typeof value === 'number') {
    if (typeof s.minimum === 'number' && value < s.minimum) return false;
    if (typeof s.maximum === 'number' && value > s.maximum) return false;
    if (typeof s.exclusiveMinimum === 'number' && value <= s.exclusiveMinimum) return false;
    if (typeof s.exclusiveMaximum === 'number' && value >= s.exclusiveMaximum) return false;
    if (typeof s.multipleOf === 'number' && !Number.isInteger(value / s.multipleOf)) return false;
  }
  if (typeof value === 'string') {
    const len = [...value].length;
    if (typeof s.minLength === 'number' && len < s.minLength) return false;
    if (typeof s.maxLength === 'number' && len > s.maxLength) return false;
    if (typeof s.pattern === 'string' && !regex(s.pattern).test(value)) return false;
  }
  if (Array.isArray(value)) {
    if (typeof s.minItems === 'number' && value.length < s.minItems) return false;
    if (typeof s.maxItems === 'number' && value.length > s.maxItems) return false;
    if (s.uniqueItems === true && value.some((x, i) => value.findIndex((y) => jsonEqual(x, y)) !== i)) return false;
    if (Array.isArray(s.items)) {
      const tuple = s.items as Fragment[];
      if (!value.every((x, i) => i >= tuple.length || matchesFragment(tuple[i]!, x))) return false;
    } else if (s.items !== undefined && !value.every((x) => matchesFragment(s.items as Fragment, x))) return false;
    if (s.contains !== undefined && !value.some((x) => matchesFragment(s.contains as Fragment, x))) return false;
  }
  if (isObject(value)) {
    const keys = Object.keys(value).filter((k) => value[k] !== undefined);
    if (typeof s.minProperties === 'number' && keys.length < s.minProperties) return false;
    if (typeof s.maxProperties === 'number' && keys.length > s.maxProperties) return false;
    if (Array.isArray(s.required) && !(s.required as string[]).every((k) => keys.includes(k))) return false;
    const props = isObject(s.properties) ? (s.properties as Record<string, Fragment>) : {};
    for (const k of keys) {
      if (k in props) {
        if (!matchesFragment(props[k]!, value[k])) return false;
      } else if (s.additionalProperties !== undefined && !matchesFragment(s.additionalProperties as Fragment | boolean, value[k])) return false;
    }
  }
  if (s.not !== undefined && matchesFragment(s.not as Fragment, value)) return false;
  if (Array.isArray(s.allOf) && !(s.allOf as Fragment[]).every((f) => matchesFragment(f, value))) return false;
  if (Array.isArray(s.anyOf) && !(s.anyOf as Fragment[]).some((f) => matchesFragment(f, value))) return false;
  if (Array.isArray(s.oneOf) && (s.oneOf as Fragment[]).filter((f) => matchesFragment(f, value)).length !== 1) return false;
  return true;
}
