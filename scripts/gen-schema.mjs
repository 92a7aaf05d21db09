// Generates the strict JSON Schemas of the kinds kubedrill checks (core/v1 Pod and Service, apps/v1
// Deployment and ReplicaSet, batch/v1 Job) from kubernetes-types (Kubernetes 1.30 API) and writes
// them as data for src/manifest/schema-subset.ts, so no schema is compiled at run time. The kinds
// share their definitions (a Deployment's PodTemplateSpec -> PodSpec -> Container is the Pod's).
// Writes only under generated/: kube.schema.json, kube-schema.js (+ .d.ts), kube-shape.js (+ .d.ts).
import { createGenerator } from 'ts-json-schema-generator';
import * as esbuild from 'esbuild';
import { mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'generated');
const typesPkg = JSON.parse(readFileSync(path.join(root, 'node_modules/kubernetes-types/package.json'), 'utf8'));

/** The root types, in src/manifest/kinds.ts KINDS order; every one has apiVersion, kind, metadata, spec. */
const KINDS = ['Pod', 'Deployment', 'ReplicaSet', 'Job', 'Service'];

// One program for all three API groups: each kind's schema is generated from it (parsing the
// declarations once instead of once per kind halves the build step).
const generator = createGenerator({
  path: path.join(root, 'node_modules/kubernetes-types/{core,apps,batch}/v1.d.ts'),
  skipTypeCheck: true,
  additionalProperties: false,
  expose: 'all',
  topRef: true,
  jsDoc: 'none',
});

// Post-process into what the API server's strict decoder accepts.
function fix(node) {
  if (Array.isArray(node)) return node.map(fix);
  if (!node || typeof node !== 'object') return node;
  const res = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'type' && v === 'number') res[k] = 'integer'; // every number in these kinds is int32/int64
    else if (k === 'type' && Array.isArray(v)) res[k] = v.map((t) => (t === 'number' ? 'integer' : t)); // IntOrString
    else if (k === 'properties') res[k] = Object.fromEntries(Object.entries(v).map(([p, s]) => [p, fix(s)]));
    else res[k] = fix(v);
  }
  if (res.type === 'object' && res.properties && res.additionalProperties === undefined) res.additionalProperties = false;
  return res;
}

const definitions = {};
for (const kind of KINDS) {
  const schema = fix(generator.createSchema(kind));
  for (const [name, def] of Object.entries(schema.definitions)) {
    // The same type reached from two kinds must be the same definition, or sharing them would change a kind's schema.
    if (definitions[name] !== undefined && JSON.stringify(definitions[name]) !== JSON.stringify(def)) {
      throw new Error(`gen-schema: definition ${name} differs between kinds`);
    }
    definitions[name] = def;
  }
}
// Quantity is a string in the types, but the API server also accepts a bare number (`cpu: 1`).
definitions.Quantity = { type: ['string', 'number'] };
// kubernetes-types 1.30 marks a pod-condition rule's status required; since Kubernetes 1.31 it is
// optional and defaulted to True (SetDefaults_PodFailurePolicyOnPodConditionsPattern), as the rules here model.
definitions.PodFailurePolicyOnPodConditionsPattern.required = ['type'];
for (const kind of KINDS) {
  definitions[kind].required = ['apiVersion', 'kind'];
  // apiVersion/kind values are checked (with better messages) before the schema runs.
  delete definitions[kind].properties.apiVersion.const;
  delete definitions[kind].properties.kind.const;
}
const sorted = Object.fromEntries(Object.keys(definitions).sort().map((k) => [k, definitions[k]]));
const comment = `${KINDS.join(', ')}, generated from kubernetes-types ${typesPkg.version} (Kubernetes ${typesPkg.version.replace(/\.\d+$/, '')} API)`;

mkdirSync(out, { recursive: true });
// For editors and the tests' ajv oracle: one root per kind is { $ref: '#/definitions/<Kind>', definitions }.
writeFileSync(path.join(out, 'kube.schema.json'), JSON.stringify({ $comment: comment, kinds: KINDS, definitions: sorted }, null, 2) + '\n');

// No ajv code at run time: src/manifest/schema-subset.ts checks these definitions directly (ajv's
// standalone validator for the Pod alone was ~270 KB of code that every start had to parse). That
// checker knows only a few keywords, so a schema using any other one must fail the build, not pass silently.
const SUBSET_KEYWORDS = new Set(['$ref', 'type', 'properties', 'additionalProperties', 'required', 'items', 'definitions', '$schema', '$comment']);
(function keywordsOf(node) {
  if (Array.isArray(node) || !node || typeof node !== 'object') return;
  for (const [k, v] of Object.entries(node)) {
    if (!SUBSET_KEYWORDS.has(k)) throw new Error(`gen-schema: keyword "${k}" is not supported by src/manifest/schema-subset.ts`);
    if (k === 'properties' || k === 'definitions') Object.values(v).forEach(keywordsOf);
    else if (k !== 'required' && k !== 'type') keywordsOf(v);
  }
})({ definitions: sorted });
// JSON.parse of one string literal is faster to load than the same object as JavaScript source.
writeFileSync(
  path.join(out, 'kube-schema.js'),
  `// generated by scripts/gen-schema.mjs — do not edit\nexport const SCHEMA_KINDS = ${JSON.stringify(KINDS)};\nexport const KUBE_DEFINITIONS = JSON.parse(${JSON.stringify(JSON.stringify(sorted))});\n`,
);
writeFileSync(
  path.join(out, 'kube-schema.d.ts'),
  `// generated by scripts/gen-schema.mjs — do not edit
import type { SubsetSchema } from '../src/manifest/schema-subset.js';
export declare const SCHEMA_KINDS: readonly string[];
export declare const KUBE_DEFINITIONS: Record<string, SubsetSchema>;
`,
);

// A compact map of each object type's fields, for naming types in messages, did-you-mean and
// the mis-indentation check. A field is described as "Def", ["Def"] (array of), "map" or a scalar type.
function describe(s) {
  if (s.$ref) return s.$ref.replace('#/definitions/', '');
  if (s.type === 'array') {
    const item = describe(s.items ?? {});
    return [item];
  }
  if (s.type === 'object') return 'map';
  if (Array.isArray(s.type)) return s.type.join('|');
  return s.type ?? 'any';
}
const shape = {};
for (const [name, def] of Object.entries(sorted)) {
  if (def.type !== 'object' || !def.properties) continue;
  shape[name] = {
    fields: Object.fromEntries(Object.entries(def.properties).map(([k, v]) => [k, describe(v)])),
    required: def.required ?? [],
  };
}
// Field names whose value is a map in every type that has them (labels, limits, matchLabels, …):
// kubectl prints their keys as [key]. `selector` is a map in a Service but a LabelSelector in a
// Deployment, so it is not one of them; a path formatted with its root type knows which it is.
const mapNames = new Map();
for (const t of Object.values(shape)) {
  for (const [name, f] of Object.entries(t.fields)) mapNames.set(name, (mapNames.get(name) ?? true) && f === 'map');
}
const mapFields = [...mapNames].filter(([, always]) => always).map(([name]) => name).sort();
writeFileSync(
  path.join(out, 'kube-shape.js'),
  `// generated by scripts/gen-schema.mjs — do not edit\nexport const KUBERNETES_TYPES_VERSION = ${JSON.stringify(typesPkg.version)};\nexport const MAP_FIELDS = ${JSON.stringify(mapFields)};\nexport const SHAPE = ${JSON.stringify(shape)};\n`,
);
writeFileSync(
  path.join(out, 'kube-shape.d.ts'),
  `// generated by scripts/gen-schema.mjs — do not edit
export type FieldShape = string | FieldShape[];
export interface TypeShape {
  fields: Record<string, FieldShape>;
  required: string[];
}
export declare const KUBERNETES_TYPES_VERSION: string;
/** field names whose value is a map (string keys) wherever they appear */
export declare const MAP_FIELDS: readonly string[];
export declare const SHAPE: Record<string, TypeShape>;
`,
);
/** One dependency's ESM build as a single minified file under generated/ (fewer files to load at start). */
function bundleEsm(entry, outName) {
  esbuild.buildSync({
    entryPoints: [path.join(root, entry)],
    outfile: path.join(out, outName),
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    minify: true,
    legalComments: 'inline',
    logLevel: 'warning',
  });
}

// The yaml library as one ESM file: loading its ~90 CommonJS files costs ~40 ms at every start,
// one bundled file ~7 ms. Same package and version (its ESM build), nothing else changes.
bundleEsm('node_modules/yaml/browser/index.js', 'yaml.js');
writeFileSync(path.join(out, 'yaml.d.ts'), `// generated by scripts/gen-schema.mjs — do not edit\nexport * from 'yaml';\n`);
console.log(`gen-schema: ${KINDS.length} kinds, ${Object.keys(sorted).length} definitions -> generated/`);
// The part of diff the grader uses, as one ESM file (its ESM build is four files to resolve at start).
bundleEsm('node_modules/diff/libesm/patch/create.js', 'diff.js');
writeFileSync(path.join(out, 'diff.d.ts'), `// generated by scripts/gen-schema.mjs — do not edit\nexport { createTwoFilesPatch } from 'diff';\n`);

// The built-in pack's `expect` fragments, precompiled the same way (scripts/gen-fragments.mjs).
await import('./gen-fragments.mjs');
