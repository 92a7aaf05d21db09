// The built-in catalogue's own invariants: every exercise folder is complete, valid against the
// exercise schema, written in both languages, and its checks are well formed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, parseAllDocuments } from 'yaml';
import { Ajv } from 'ajv';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const exercisesDir = path.join(root, 'exercises');
const solutionsDir = path.join(root, 'solutions');
const schema = JSON.parse(readFileSync(path.join(root, 'src/exercises/exercise.schema.json'), 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

const HANGUL = /[\uac00-\ud7a3]/;
const SCHEMA_HEADER = '# yaml-language-server: $schema=../../src/exercises/exercise.schema.json';

interface Loc {
  en: string;
  ko: string;
}
interface Check {
  id: string;
  title?: Loc;
  message: Loc;
  path?: string;
  kind?: string;
  container?: string;
}
interface ExerciseDoc {
  id: string;
  title: Loc;
  task: Loc;
  hints: Loc[];
  file: string;
  solution?: string;
  domain: string;
  checks: { expect?: Check[]; preserve?: Check[]; behaviour?: Check[] };
}

const dirs = readdirSync(exercisesDir).filter((d) => /^\d\d-/.test(d)).sort();

function load(dir: string): { text: string; doc: ExerciseDoc } {
  const text = readFileSync(path.join(exercisesDir, dir, 'exercise.yaml'), 'utf8');
  return { text, doc: parse(text) as ExerciseDoc };
}

function allChecks(doc: ExerciseDoc): Check[] {
  return [...(doc.checks.expect ?? []), ...(doc.checks.preserve ?? []), ...(doc.checks.behaviour ?? [])];
}

test('the catalogue has at least 12 exercises, numbered without gaps, 01 is liveness-exam', () => {
  assert.ok(dirs.length >= 12, `only ${dirs.length} exercises`);
  dirs.forEach((d, i) => assert.equal(d.slice(0, 2), String(i + 1).padStart(2, '0'), `folder ${d} out of sequence`));
  assert.equal(dirs[0], '01-liveness-exam');
  assert.equal(load(dirs[0]!).doc.id, 'liveness-exam');
});

test('every exercise.yaml is valid against the exercise schema and carries the schema header', () => {
  for (const d of dirs) {
    const { text, doc } = load(d);
    assert.equal(text.split('\n')[0], SCHEMA_HEADER, `${d}: first line`);
    const ok = validate(doc);
    assert.ok(ok, `${d}: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
  }
});

test('ids are unique and match the folder slug', () => {
  const ids = dirs.map((d) => load(d).doc.id);
  assert.equal(new Set(ids).size, ids.length);
  dirs.forEach((d, i) => assert.equal(d.slice(3), ids[i], `${d}: id ${ids[i]}`));
});

/** The objects of a starter or solution file, as parsed (every document). */
function objectsIn(file: string): { kind?: string; apiVersion?: string; metadata?: { name?: string }; spec?: Record<string, unknown> }[] {
  return parseAllDocuments(readFileSync(file, 'utf8')).map((d) => d.toJS() as { kind?: string; apiVersion?: string });
}

const API_VERSIONS: Record<string, string> = { Pod: 'v1', Service: 'v1', Deployment: 'apps/v1', ReplicaSet: 'apps/v1', Job: 'batch/v1' };

test('every exercise has its starter and its solution, and they hold Pods, Deployments, ReplicaSets, Jobs or Services', () => {
  for (const d of dirs) {
    const { doc } = load(d);
    const starter = path.join(exercisesDir, d, doc.file);
    const solution = path.join(solutionsDir, d, doc.solution ?? doc.file);
    assert.ok(existsSync(starter), `${d}: missing starter ${doc.file}`);
    assert.ok(existsSync(solution), `${d}: missing solution`);
    for (const f of [starter, solution]) {
      const objects = objectsIn(f);
      assert.ok(objects.length >= 1, f);
      for (const o of objects) {
        assert.ok(o.kind !== undefined && o.kind in API_VERSIONS, `${f}: kind ${o.kind}`);
        assert.equal(o.apiVersion, API_VERSIONS[o.kind], f);
      }
    }
    assert.notEqual(readFileSync(starter, 'utf8'), readFileSync(solution, 'utf8'), `${d}: starter equals solution`);
  }
});

test('the pack files an exercise applies exist in its folder', () => {
  for (const d of dirs) {
    const steps = (load(d).doc as { simulate?: { steps?: { file: string }[] } }).simulate?.steps ?? [];
    for (const s of steps) assert.ok(existsSync(path.join(exercisesDir, d, s.file)), `${d}: step file ${s.file}`);
  }
});

test('titles, tasks, hints and check texts exist in both languages; Korean is Korean', () => {
  for (const d of dirs) {
    const { doc } = load(d);
    const texts: [string, Loc | undefined][] = [
      ['title', doc.title],
      ['task', doc.task],
      ...doc.hints.map((h, i): [string, Loc] => [`hint ${i + 1}`, h]),
      ...allChecks(doc).flatMap((c): [string, Loc | undefined][] => [
        [`${c.id}.title`, c.title],
        [`${c.id}.message`, c.message],
      ]),
    ];
    for (const [what, loc] of texts) {
      assert.ok(loc, `${d}: ${what} missing`);
      assert.ok(loc.en.trim().length > 0 && loc.ko.trim().length > 0, `${d}: ${what} empty`);
      assert.ok(HANGUL.test(loc.ko), `${d}: ${what}.ko has no Korean`);
      assert.notEqual(loc.en, loc.ko, `${d}: ${what} not translated`);
    }
  }
});

test('tasks are a heading, a requirement list and name the file in backticks', () => {
  for (const d of dirs) {
    const { doc } = load(d);
    for (const lang of ['en', 'ko'] as const) {
      const t = doc.task[lang];
      assert.match(t, /^## /, `${d}: task.${lang} heading`);
      assert.match(t, /^- /m, `${d}: task.${lang} list`);
      assert.ok(t.includes('`' + doc.file + '`'), `${d}: task.${lang} does not name ${doc.file}`);
    }
  }
});

test('hints are tiered: 2 or 3 of them', () => {
  for (const d of dirs) {
    const n = load(d).doc.hints.length;
    assert.ok(n >= 2 && n <= 3, `${d}: ${n} hints`);
  }
});

test('check ids are unique within each exercise and every exercise grades behaviour', () => {
  for (const d of dirs) {
    const { doc } = load(d);
    const ids = allChecks(doc).map((c) => c.id);
    assert.equal(new Set(ids).size, ids.length, `${d}: duplicate check id`);
    assert.ok((doc.checks.expect ?? []).length > 0, `${d}: no expect checks`);
    assert.ok((doc.checks.preserve ?? []).length > 0, `${d}: no preserve checks`);
    assert.ok((doc.checks.behaviour ?? []).length > 0, `${d}: no behaviour checks`);
  }
});

test('checks name containers that exist in the solution, and objects it holds', () => {
  for (const d of dirs) {
    const { doc } = load(d);
    const objects = objectsIn(path.join(solutionsDir, d, doc.solution ?? doc.file));
    // A Pod's containers, or those of a workload's pod template.
    const podSpecOf = (o: (typeof objects)[number]) =>
      (o.kind === 'Pod' ? o.spec : ((o.spec?.template as { spec?: unknown } | undefined)?.spec as Record<string, unknown> | undefined)) as
        | { containers?: { name: string }[]; initContainers?: { name: string }[] }
        | undefined;
    const refs = new Set(objects.map((o) => `${o.kind}/${o.metadata?.name}`));
    const namesIn = (ref: string | undefined) => {
      const os = ref === undefined ? (objects.length === 1 ? objects : objects.filter((o) => o.kind === 'Pod')) : objects.filter((o) => `${o.kind}/${o.metadata?.name}` === ref);
      return new Set(os.flatMap((o) => [...(podSpecOf(o)?.containers ?? []), ...(podSpecOf(o)?.initContainers ?? [])].map((c) => c.name)));
    };
    for (const c of allChecks(doc) as (Check & { object?: string; of?: string })[]) {
      if (c.object !== undefined) assert.ok(refs.has(c.object), `${d}: ${c.id} names ${c.object}`);
      if (c.of !== undefined) assert.ok(refs.has(c.of), `${d}: ${c.id} names ${c.of}`);
      const names = namesIn(c.object ?? c.of);
      if (c.container !== undefined) assert.ok(names.has(c.container), `${d}: ${c.id} names ${c.container}`);
      for (const m of (c.path ?? '').matchAll(/[cC]ontainers\[name=([^\]]+)\]/g)) assert.ok(names.has(m[1]!), `${d}: ${c.id} path names ${m[1]}`);
    }
  }
});
