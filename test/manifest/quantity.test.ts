import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareQuantity, formatQuantity, parseQuantity, QUANTITY_FORMAT_ERROR, QUANTITY_SUFFIX_ERROR, type Quantity } from '../../src/manifest/quantity.js';

const q = (v: string | number): Quantity => {
  const r = parseQuantity(v);
  if ('error' in r) throw new Error(r.error);
  return r;
};

test('canonical form as Quantity.String() prints it', () => {
  const cases: [string | number, string][] = [
    ['500m', '500m'], ['0.5', '500m'], [0.5, '500m'], [1, '1'], ['1000', '1k'], ['2k', '2k'],
    ['1.5Gi', '1536Mi'], ['1024Mi', '1Gi'], ['64Mi', '64Mi'], ['1023Ki', '1023Ki'], ['1536', '1536'],
    ['0.1m', '1m'], ['-1', '-1'], ['0', '0'], ['1e3', '1e3'], ['100.5', '100500m'],
  ];
  for (const [input, want] of cases) assert.equal(formatQuantity(q(input)), want, String(input));
});

test('comparison is exact across formats', () => {
  assert.equal(compareQuantity(q('1'), q('1000m')), 0);
  assert.equal(compareQuantity(q('1Gi'), q('1G')), 1);
  assert.equal(compareQuantity(q('500m'), q(1)), -1);
});

test('bad quantities give upstream error texts', () => {
  assert.deepEqual(parseQuantity('1 core'), { error: QUANTITY_FORMAT_ERROR });
  assert.deepEqual(parseQuantity('64MB'), { error: QUANTITY_FORMAT_ERROR });
  assert.deepEqual(parseQuantity(''), { error: QUANTITY_FORMAT_ERROR });
  assert.deepEqual(parseQuantity('1iM'), { error: QUANTITY_SUFFIX_ERROR });
  assert.equal(QUANTITY_FORMAT_ERROR, "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
});
