// A JSON Schema checker for the small keyword set the generated Pod schema uses ($ref, type,
// properties, additionalProperties, required, items), reporting exactly what ajv's compiled
// validator (allErrors) reports, in the same order. It replaces ~270 KB of generated ajv code that
// every `validate` and `check` had to parse at start-up; test/manifest/schema-subset.test.ts
// compares it with ajv itself. scripts/gen-schema.mjs refuses a schema with any other keyword.

export interface SubsetSchema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, SubsetSchema>;
  additionalProperties?: boolean | SubsetSchema;
  required?: string[];
  items?: SubsetSchema;
  definitions?: Record<string, SubsetSchema>;
}

export interface SubsetError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
}

/** The keywords this checker understands; any other keyword (except annotations) is a build error. */
export const SUBSET_KEYWORDS = ['$ref', 'type', 'properties', 'additionalProperties', 'required', 'items', 'definitions', '$schema', '$comment'] as const;

const DEFS_PREFIX = '#/definitions/';
const hasOwn = Object.prototype.hasOwnProperty;

function isType(t: string, x: unknown): boolean {
  switch (t) {
    case 'object':
      return x !== null && typeof x === 'object' && !Array.isArray(x);
    case 'array':
      return Array.isArray(x);
    case 'string':
      return typeof x === 'string';
    case 'number':
      return typeof x === 'number';
    case 'integer':
      // ajv's test: Infinity passes, NaN and fractions do not
      return typeof x === 'number' && !(x % 1) && !isNaN(x);
    case 'boolean':
      return typeof x === 'boolean';
    case 'null':
      return x === null;
    default:
      return true;
  }
}

/** JSON pointer escaping of one key, as ajv writes instancePath. */
function esc(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

export type SubsetValidate = ((data: unknown) => boolean) & { errors: SubsetError[] | null };

/** A validator for a root schema whose $refs point into its own `definitions`. */
export function subsetValidator(root: SubsetSchema): SubsetValidate {
  const defs = root.definitions ?? {};

  function check(s: SubsetSchema, sp: string, x: unknown, ip: string, errs: SubsetError[]): void {
    if (s.$ref !== undefined) {
      const def = s.$ref.startsWith(DEFS_PREFIX) ? defs[s.$ref.slice(DEFS_PREFIX.length)] : undefined;
      if (def === undefined) throw new Error(`schema-subset: unresolvable $ref ${s.$ref}`);
      // A referenced definition reports schema paths relative to itself, like ajv's per-definition functions.
      check(def, '#', x, ip, errs);
      return;
    }
    const t = s.type;
    if (t !== undefined && !(typeof t === 'string' ? isType(t, x) : t.some((one) => isType(one, x)))) {
      errs.push({ instancePath: ip, schemaPath: `${sp}/type`, keyword: 'type', params: { type: t } });
      return;
    }
    if (x !== null && typeof x === 'object' && !Array.isArray(x)) {
      const o = x as Record<string, unknown>;
      // ajv's order: required, then additionalProperties (data key order), then properties (schema order)
      if (s.required !== undefined) {
        for (const r of s.required) {
          if (o[r] === undefined) errs.push({ instancePath: ip, schemaPath: `${sp}/required`, keyword: 'required', params: { missingProperty: r } });
        }
      }
      const props = s.properties;
      const ap = s.additionalProperties;
      if (ap !== undefined && ap !== true) {
        for (const key in o) {
          if (props !== undefined && hasOwn.call(props, key)) continue;
          if (ap === false) errs.push({ instancePath: ip, schemaPath: `${sp}/additionalProperties`, keyword: 'additionalProperties', params: { additionalProperty: key } });
          else check(ap, `${sp}/additionalProperties`, o[key], `${ip}/${esc(key)}`, errs);
        }
      }
      if (props !== undefined) {
        for (const key in props) {
          const v = o[key];
          if (v !== undefined) check(props[key]!, `${sp}/properties/${esc(key)}`, v, `${ip}/${esc(key)}`, errs);
        }
      }
    } else if (Array.isArray(x) && s.items !== undefined) {
      for (let i = 0; i < x.length; i++) check(s.items, `${sp}/items`, x[i], `${ip}/${i}`, errs);
    }
  }

  const validate = ((data: unknown): boolean => {
    const errs: SubsetError[] = [];
    check(root, '#', data, '', errs);
    validate.errors = errs.length > 0 ? errs : null;
    return errs.length === 0;
  }) as SubsetValidate;
  validate.errors = null;
  return validate;
}
