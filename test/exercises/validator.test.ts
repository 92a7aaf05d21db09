import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { buildSchemaText, generateValidatorCode, SCHEMA_PATH, VALIDATOR_PATH } from '../../src/exercises/validator-gen.js';

const FIX = 'stale: run UPDATE_GOLDEN=1 node scripts/run-tests.mjs test/exercises/validator';

test('exercise.schema.json carries the runtime image spec schema, and the validator is generated from it', async () => {
  const schema = buildSchemaText();
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(SCHEMA_PATH, schema);
  assert.equal(readFileSync(SCHEMA_PATH, 'utf8'), schema, FIX);
  const code = await generateValidatorCode(schema);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(VALIDATOR_PATH, code);
  assert.equal(readFileSync(VALIDATOR_PATH, 'utf8'), code, FIX);
});
