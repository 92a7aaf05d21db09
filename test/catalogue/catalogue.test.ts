// The built-in catalogue's own invariants: every exercise folder is complete, valid against the
// exercise schema, written in both languages, and its checks are well formed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
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

test('every exercise has its starter and its solution, and they are Pods', () => {
  for (const d of dirs) {
    const { doc } = load(d);
    const starter = path.join(exercisesDir, d, doc.file);
    const solution = path.join(solutionsDir, d, doc.solution ?? doc.file);
    assert.ok(existsSync(starter), `${d}: missing starter ${doc.file}`);
    assert.ok(existsSync(solution), `${d}: missing solution`);
    for (const f of [starter, solution]) {
      const pod = parse(readFileSync(f, 'utf8')) as { kind?: string; apiVersion?: string };
      assert.equal(pod.kind, 'Pod', f);
      assert.equal(pod.apiVersion, 'v1', f);
    }
    assert.notEqual(readFileSync(starter, 'utf8'), readFileSync(solution, 'utf8'), `${d}: starter equals solution`);
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

test('checks name containers that exist in the solution', () => {
  for (const d of dirs) {
    const { doc } = load(d);
    const sol = parse(readFileSync(path.join(solutionsDir, d, doc.solution ?? doc.file), 'utf8')) as {
      spec: { containers: { name: string }[]; initContainers?: { name: string }[] };
    };
    const names = new Set([...sol.spec.containers, ...(sol.spec.initContainers ?? [])].map((c) => c.name));
    for (const c of allChecks(doc)) {
      if (c.container !== undefined) assert.ok(names.has(c.container), `${d}: ${c.id} names ${c.container}`);
      for (const m of (c.path ?? '').matchAll(/\[name=([^\]]+)\]/g)) {
        assert.ok(names.has(m[1]!), `${d}: ${c.id} path names ${m[1]}`);
      }
    }
  }
});
