// Generates exercise-validator.js (ajv standalone code for exercise.schema.json), so loading a
// pack never compiles a schema. test/exercises/validator.test.ts fails when the committed file is
// stale and rewrites it with UPDATE_GOLDEN=1. Never imported by the product at run time.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SCHEMA_PATH = fileURLToPath(new URL('./exercise.schema.json', import.meta.url));
export const VALIDATOR_PATH = fileURLToPath(new URL('./exercise-validator.js', import.meta.url));

export async function generateValidatorCode(): Promise<string> {
  const { Ajv } = await import('ajv');
  const standalone = await import('ajv/dist/standalone/index.js');
  // CommonJS default export seen through ESM: the function sits on .default (or .default.default).
  const standaloneCode = ((standalone.default as unknown as { default?: unknown }).default ?? standalone.default) as (ajv: InstanceType<typeof Ajv>, v: unknown) => string;
  const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as object;
  // unicode: false keeps the code free of require() calls (ESM); lengths here are only minimums of 1.
  const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true, unicode: false, logger: false, code: { source: true, esm: true } });
  const validate = ajv.compile(schema);
  const code = standaloneCode(ajv, validate);
  return `// generated from exercise.schema.json by src/exercises/validator-gen.ts — do not edit (UPDATE_GOLDEN=1 node scripts/run-tests.mjs test/exercises/validator)\n${code}\n`;
}
