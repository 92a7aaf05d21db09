import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Ajv } from 'ajv';
import { matchesFragment } from '../../src/grade/fragment.js';
import { parsePath, resolvePath, concreteText } from '../../src/grade/paths.js';
import { parseDurationMs, secondsText } from '../../src/exercises/duration.js';

const ajv = new Ajv({ strict: false, allowUnionTypes: true });

const CASES: [Record<string, unknown>, unknown[]][] = [
  [{ const: 5 }, [5, 6, '5', null, 5.0]],
  [{ enum: [1, 'a', { x: 1 }] }, [1, 'a', { x: 1 }, { x: 2 }, 2]],
  [{ type: 'integer', minimum: 1, maximum: 3 }, [0, 1, 3, 4, 2.5, '2']],
  [{ type: ['string', 'integer'] }, ['x', 1, 1.5, null, []]],
  [{ type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 10, multipleOf: 2 }, [0, 2, 10, 3, 8]],
  [{ type: 'string', minLength: 2, maxLength: 3, pattern: '^[a-z]+$' }, ['a', 'ab', 'abcd', 'AB', '한글']],
  [{ type: 'array', minItems: 2, items: { type: 'string', pattern: '^[^ ]+$' } }, [['ls', '/tmp/x'], ['ls /tmp/x'], ['a', 'b c'], []]],
  [{ type: 'array', contains: { type: 'string', pattern: '(^|[^A-Za-z0-9_./-])/tmp/healthy($|[^A-Za-z0-9_./-])' } }, [['cat', '/tmp/healthy'], ['cat', '/tmp/healthyx'], ['sh', '-c', 'test -e /tmp/healthy'], []]],
  [{ type: 'array', anyOf: [{ type: 'array', minItems: 2 }, { type: 'array', items: { type: 'string', pattern: '^[^ ]+$' } }] }, [['ls /tmp/h'], ['ls'], ['a', 'b']]],
  [{ type: 'object', required: ['exec'], properties: { exec: { type: 'object' } }, additionalProperties: false }, [{ exec: {} }, { exec: 1 }, { exec: {}, httpGet: {} }, {}]],
  [{ not: { const: 0 } }, [0, 1]],
  [{ oneOf: [{ minimum: 5 }, { maximum: 7 }] }, [4, 6, 8]],
  [{ allOf: [{ minimum: 5 }, { maximum: 7 }] }, [4, 6, 8]],
  [{ type: 'array', uniqueItems: true, maxItems: 3 }, [[1, 2], [1, 1], [1, 2, 3, 4]]],
  [{ type: 'object', minProperties: 1, maxProperties: 1 }, [{}, { a: 1 }, { a: 1, b: 2 }]],
  [{ type: 'array', items: [{ const: 'ls' }, { type: 'string' }] }, [['ls', 'x'], ['cat', 'x'], ['ls', 1], ['ls']]],
];

test('matchesFragment agrees with ajv on the supported keywords', () => {
  for (const [schema, values] of CASES) {
    const v = ajv.compile(schema);
    for (const value of values) {
      assert.equal(matchesFragment(schema, value), v(value), `${JSON.stringify(schema)} on ${JSON.stringify(value)}`);
    }
  }
});

test('paths: keys, indexes and [name=X] selectors resolve to concrete indexes', () => {
  const pod = { spec: { containers: [{ name: 'a' }, { name: 'b', livenessProbe: { periodSeconds: 5 } }] } };
  const r = resolvePath(pod, 'spec.containers[name=b].livenessProbe.periodSeconds');
  assert.deepEqual(r, { found: true, value: 5, concrete: ['spec', 'containers', 1, 'livenessProbe', 'periodSeconds'] });
  const miss = resolvePath(pod, 'spec.containers[name=a].livenessProbe.periodSeconds');
  assert.deepEqual(miss, { found: false, concrete: ['spec', 'containers', 0] });
  assert.equal(resolvePath(pod, 'spec.containers[name=zzz]').found, false);
  assert.equal(resolvePath(pod, 'spec.containers[1].name').found, true);
  assert.equal(concreteText(['spec', 'containers', 1, 'livenessProbe']), 'spec.containers[1].livenessProbe');
  assert.equal(parsePath('spec..x'), undefined);
  assert.equal(parsePath('[0]'), undefined);
  assert.equal(parsePath('a.b[x]'), undefined);
});

test('durations', () => {
  assert.equal(parseDurationMs('1m5s'), 65_000);
  assert.equal(parseDurationMs('500ms'), 500);
  assert.equal(parseDurationMs('2h'), 7_200_000);
  assert.equal(parseDurationMs('5'), undefined);
  assert.equal(secondsText(12_000), '12 s');
  assert.equal(secondsText(2_500), '2.5 s');
  assert.equal(secondsText(100_000), '1 min 40 s');
  assert.equal(secondsText(180_000), '3 min');
});
