// Generates exercise-validator.js (ajv standalone code for exercise.schema.json), so loading a
// pack never compiles a schema. The schema's `imageSpec` definition is the simulator runtime's
// IMAGE_SPEC_JSON_SCHEMA, copied in so that editors complete pack-supplied images too.
// test/exercises/validator.test.ts fails when either file is stale and rewrites both with
// UPDATE_GOLDEN=1. Never imported by the product at run time.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { IMAGE_SPEC_JSON_SCHEMA } from '../sim/runtime/image-spec.js';

export const SCHEMA_PATH = fileURLToPath(new URL('./exercise.schema.json', import.meta.url));
export const VALIDATOR_PATH = fileURLToPath(new URL('./exercise-validator.js', import.meta.url));

/** exercise.schema.json with the runtime's current image spec schema in definitions.imageSpec. */
export function buildSchemaText(): string {
  const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as { properties: Record<string, unknown>; definitions: Record<string, unknown> };
  const { $schema: _s, $id: _i, definitions, ...image } = IMAGE_SPEC_JSON_SCHEMA as Record<string, unknown>;
  // The image schema's own definitions move in as imageSpec_<name>, with their $refs rewritten.
  const rename = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(rename);
    if (typeof v !== 'object' || v === null) return v;
    return Object.fromEntries(
      Object.entries(v).map(([k, x]) => [k, k === '$ref' && typeof x === 'string' ? x.replace('#/definitions/', '#/definitions/imageSpec_') : rename(x)]),
    );
  };
  for (const key of Object.keys(schema.definitions)) if (key.startsWith('imageSpec')) delete schema.definitions[key];
  for (const [name, def] of Object.entries((definitions ?? {}) as Record<string, unknown>)) schema.definitions[`imageSpec_${name}`] = rename(def);
  schema.definitions.imageSpec = rename(image);
  schema.properties.images = {
    type: 'array',
    description: 'extra image behaviours for the simulator (runtime ImageSpec entries)',
    items: { $ref: '#/definitions/imageSpec' },
  };
  return JSON.stringify(schema, null, 2) + '\n';
}

export async function generateValidatorCode(schemaText: string = readFileSync(SCHEMA_PATH, 'utf8')): Promise<string> {
  const { Ajv } = await import('ajv');
  const standalone = await import('ajv/dist/standalone/index.js');
  // CommonJS default export seen through ESM: the function sits on .default (or .default.default).
  const standaloneCode = ((standalone.default as unknown as { default?: unknown }).default ?? standalone.default) as (ajv: InstanceType<typeof Ajv>, v: unknown) => string;
  const schema = JSON.parse(schemaText) as object;
  // unicode: false keeps the code free of require() calls (ESM); lengths here are only minimums.
  const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true, unicode: false, logger: false, code: { source: true, esm: true } });
  const validate = ajv.compile(schema);
  const code = standaloneCode(ajv, validate);
  return `// generated from exercise.schema.json by src/exercises/validator-gen.ts — do not edit (UPDATE_GOLDEN=1 node scripts/run-tests.mjs test/exercises/validator)\n${code}\n`;
}
