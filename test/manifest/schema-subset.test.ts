// The subset checker must report what ajv's compiled validator reports for every kind's schema
// (Pod, Deployment, ReplicaSet, Job, Service over the shared definitions): the same errors, fields
// and order. ajv itself is the oracle here (it is only a dependency of the tests and
// of the exercise-fragment compiler; the Pod schema is never compiled at run time).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { subsetValidator, type SubsetSchema } from '../../src/manifest/schema-subset.js';
import { KUBE_DEFINITIONS, SCHEMA_KINDS } from '../../generated/kube-schema.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const schemaJson = JSON.parse(readFileSync(path.join(root, 'generated/kube.schema.json'), 'utf8')) as { definitions: Record<string, SubsetSchema> };

type AjvCtor = new (o: object) => { compile(s: object): ((d: unknown) => boolean) & { errors?: unknown[] | null } };
const AjvMod = createRequire(import.meta.url)('ajv') as { default: AjvCtor };
// The options the build used for the Pod validator before this checker replaced it.
const ajv = new AjvMod.default({ allErrors: true, strict: false, inlineRefs: false, messages: false });
const oracles = new Map(SCHEMA_KINDS.map((k) => [k, ajv.compile({ $ref: `#/definitions/${k}`, definitions: schemaJson.definitions })]));
const subsets = new Map(SCHEMA_KINDS.map((k) => [k, subsetValidator({ $ref: `#/definitions/${k}`, definitions: KUBE_DEFINITIONS })]));
const subset = subsets.get('Pod')!;

/** The kind's schema for a document of that kind, the Pod's for any other document. */
function kindOf(data: unknown): string {
  const k = data !== null && typeof data === 'object' ? (data as { kind?: unknown }).kind : undefined;
  return typeof k === 'string' && SCHEMA_KINDS.includes(k) ? k : 'Pod';
}

function same(data: unknown, label: string, kind = kindOf(data)): void {
  const oracle = oracles.get(kind)!;
  const subset = subsets.get(kind)!;
  const want = oracle(data);
  const wantErrors = oracle.errors ?? null;
  const got = subset(data);
  assert.equal(got, want, `${label}: valid`);
  // Compare as JSON: ajv's params.type is the schema's own array, ours too; values matter, not identity.
  assert.deepEqual(JSON.parse(JSON.stringify(subset.errors)), JSON.parse(JSON.stringify(wantErrors)), label);
}

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const n of readdirSync(dir).sort()) {
    const p = path.join(dir, n);
    if (statSync(p).isDirectory()) out.push(...yamlFiles(p));
    else if (/\.ya?ml$/.test(n) && n !== 'exercise.yaml') out.push(p);
  }
  return out;
}

function corpus(): { label: string; data: unknown }[] {
  const docs: { label: string; data: unknown }[] = [];
  for (const dir of ['test/fixtures', 'exercises', 'solutions']) {
    for (const f of yamlFiles(path.join(root, dir))) {
      let parsed;
      try {
        parsed = parseAllDocuments(readFileSync(f, 'utf8'));
      } catch {
        continue;
      }
      if (!Array.isArray(parsed)) continue;
      parsed.forEach((d, i) => {
        if (d.errors.length > 0) return;
        try {
          docs.push({ label: `${path.relative(root, f)}#${i}`, data: d.toJS() });
        } catch {
          // alias bombs and the like: the manifest pipeline refuses them before the schema runs
        }
      });
    }
  }
  return docs;
}

const docs = corpus();

test('the corpus is the pack and the fixtures, valid and invalid documents of every kind', () => {
  assert.ok(docs.length >= 50, `only ${docs.length} documents`);
  for (const kind of SCHEMA_KINDS) {
    const ofKind = docs.filter((d) => kindOf(d.data) === kind);
    assert.ok(ofKind.some((d) => subsets.get(kind)!(d.data)), `a valid ${kind}`);
    assert.ok(ofKind.some((d) => !subsets.get(kind)!(d.data)), `an invalid ${kind}`);
  }
});

test('documents of one kind checked against every other kind\'s schema agree with ajv too', () => {
  for (const d of docs) for (const kind of SCHEMA_KINDS) same(d.data, `${d.label} as ${kind}`, kind);
});

test('every document of the pack and fixtures gets ajv\'s verdict and errors', () => {
  for (const d of docs) same(d.data, d.label);
});

test('ajv\'s order: type stops a node; required, then unknown keys in data order, then known fields in schema order', () => {
  const data = {
    zzz: 2,
    apiVersion: 'v1',
    kind: 'Pod',
    'a/b~c': 1,
    metadata: { name: 5, labels: { a: 1, 'x/y': 'ok' }, zz: 1 },
    spec: { qq: 1, containers: [{ image: 3, zz: 2, ports: [{}], livenessProbe: 'x', args: [1, 's', null] }, 'str'], restartPolicy: null },
  };
  same(data, 'hand-made');
  subset(data);
  const errs = subset.errors!.map((e) => `${e.instancePath} ${e.keyword}`);
  assert.deepEqual(errs.slice(0, 4), [' additionalProperties', ' additionalProperties', '/metadata additionalProperties', '/metadata/labels/a type']);
  assert.ok(subset.errors!.some((e) => e.params.additionalProperty === 'a/b~c'));
  assert.ok(errs.includes('/spec/containers/1 type'));
});

test('numbers: integers accept Infinity but not NaN or fractions; Quantity and IntOrString take either type', () => {
  for (const v of [1, 1.5, NaN, Infinity, -Infinity, '1', true, null, [], {}]) {
    const pod = { apiVersion: 'v1', kind: 'Pod', spec: { terminationGracePeriodSeconds: v, containers: [{ name: 'c', resources: { limits: { cpu: v } }, livenessProbe: { httpGet: { port: v } } }] } };
    same(pod, `value ${String(v)}`);
  }
  for (const v of [5, 'x', null, [], true]) for (const kind of SCHEMA_KINDS) same(v, `root ${String(v)} as ${kind}`, kind);
  for (const v of [1, 1.5, '25%', '', true, null, [], {}]) {
    const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', spec: { replicas: v, strategy: { rollingUpdate: { maxSurge: v, maxUnavailable: v } } } };
    same(deployment, `deployment value ${String(v)}`);
    same({ apiVersion: 'v1', kind: 'Service', spec: { ports: [{ port: v, targetPort: v, nodePort: v }] } }, `service value ${String(v)}`);
  }
});

/** Deterministic mutations of the corpus: replaced values, dropped keys, unknown keys. */
test('seeded mutations of every document agree with ajv', () => {
  let seed = 12345;
  const rnd = (n: number) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % n;
  };
  const values: unknown[] = [1, 2.5, -3, 'text', '', true, null, [], {}, [1, 'a'], { bogus: 1 }, { name: 'n' }, NaN, Infinity];
  const mutate = (v: unknown, depth: number): unknown => {
    if (Array.isArray(v)) return v.map((x) => (rnd(6) === 0 ? values[rnd(values.length)] : mutate(x, depth + 1)));
    if (v !== null && typeof v === 'object') {
      const o: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        const r = rnd(12);
        if (r === 0) continue;
        o[k] = r === 1 ? values[rnd(values.length)] : mutate(x, depth + 1);
      }
      if (rnd(8) === 0) o[['extra', 'ima~ge', 'a/b', 'constructor', 'toString'][rnd(5)]!] = 1;
      return o;
    }
    return v;
  };
  for (const d of docs) for (let i = 0; i < 4; i++) same(mutate(structuredClone(d.data), 0), `${d.label} mutation ${i}`);
});
