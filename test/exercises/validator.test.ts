import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { generateValidatorCode, VALIDATOR_PATH } from '../../src/exercises/validator-gen.js';

test('the committed exercise validator is generated from the current exercise.schema.json', async () => {
  const code = await generateValidatorCode();
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(VALIDATOR_PATH, code);
  assert.equal(readFileSync(VALIDATOR_PATH, 'utf8'), code, 'stale: run UPDATE_GOLDEN=1 node scripts/run-tests.mjs test/exercises/validator');
});
