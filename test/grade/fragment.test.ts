import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Ajv } from 'ajv';
import { fragmentValidator, isPrecompiled, matchesFragment, prepareFragments, stableJson } from '../../src/grade/fragment.js';
import { loadPack } from '../../src/exercises/pack.js';
import { referencePod, starterPod } from '../../src/grade/index.js';
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

test('fragments not precompiled are compiled by ajv at run time and agree with a fresh ajv', () => {
  for (const [schema, values] of CASES) {
    const v = ajv.compile(schema);
    for (const value of values) {
      assert.equal(matchesFragment(schema, value), v(value), `${JSON.stringify(schema)} on ${JSON.stringify(value)}`);
    }
  }
});

test('every fragment of the built-in pack is precompiled and answers as ajv does on the starter and solution values', () => {
  const loaded = loadPack();
  assert.ok(loaded.ok);
  let seen = 0;
  for (const ex of loaded.pack.exercises) {
    const pods = [starterPod(ex), referencePod(ex)].filter((p) => p !== undefined);
    for (const e of ex.checks?.expect ?? []) {
      if (e.schema === undefined) continue;
      seen++;
      assert.ok(isPrecompiled(e.schema), `${ex.id}/${e.id}: ${stableJson(e.schema)} is not in generated/fragments.js (run npm run build)`);
      const fresh = ajv.compile(e.schema);
      for (const pod of pods) {
        const r = resolvePath(pod, e.path);
        if (!r.found) continue;
        assert.equal(matchesFragment(e.schema, r.value), fresh(r.value), `${ex.id}/${e.id} on ${JSON.stringify(r.value)}`);
      }
    }
  }
  assert.ok(seen > 10, 'the built-in pack has fragments');
});

test('stableJson ignores key order, so a fragment finds its precompiled validator however it was written', () => {
  assert.equal(stableJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: 'x' } }), '{"a":{"c":"x","d":[1,{"x":1,"y":2}]},"b":1}');
  assert.equal(stableJson({ type: 'array', minItems: 1 }), stableJson({ minItems: 1, type: 'array' }));
});

test('prepareFragments compiles unknown fragments once; a fragment ajv rejects matches nothing and says why', async () => {
  const fresh = { type: 'string', pattern: '^kubedrill-prepared-[0-9]+$' };
  assert.equal(isPrecompiled(fresh), false);
  await prepareFragments([fresh, undefined]);
  const v = fragmentValidator(fresh);
  assert.ok(v.ok);
  assert.equal(v.validate('kubedrill-prepared-1'), true);
  assert.equal(v.validate('other'), false);
  assert.equal(fragmentValidator({ pattern: '^kubedrill-prepared-[0-9]+$', type: 'string' }), v, 'same fragment, same validator');
  const broken = fragmentValidator({ type: 'string', pattern: '(' });
  assert.equal(broken.ok, false);
  assert.match(broken.ok ? '' : broken.error, /pattern|regular expression|Invalid/i);
  assert.equal(matchesFragment({ type: 'string', pattern: '(' }, 'x'), false);
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
  assert.equal(secondsText(12_000, 'ko'), '12초');
  assert.equal(secondsText(2_500, 'ko'), '2.5초');
  assert.equal(secondsText(100_000, 'ko'), '1분 40초');
  assert.equal(secondsText(180_000, 'ko'), '3분');
});
