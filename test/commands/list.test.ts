import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { run } from '../../src/commands/list.js';
import { memoryIo } from '../../src/commands/io.js';

const MINI = path.resolve('test/fixtures/packs/mini');
const ws = () => mkdtempSync(path.join(tmpdir(), 'kubedrill-list-'));

test('list: a table of the exercises and a progress line', async () => {
  const w = ws();
  mkdirSync(w, { recursive: true });
  writeFileSync(path.join(w, '.kubedrill-progress.json'), JSON.stringify({ version: 1, exercises: { pass: { status: 'done', hintsShown: 0, attempts: 1 }, 'sim-fail': { status: 'attempted', hintsShown: 1, attempts: 2 } } }));
  const m = memoryIo({ cwd: tmpdir() });
  assert.equal(await run(['--exercises', MINI, '--workspace', w], m.io), 0);
  const lines = m.out().split('\n');
  assert.match(lines[0]!, /^#\s+ID\s+STATUS\s+DIFFICULTY\s+DOMAIN\s+TIME\s+TITLE$/);
  assert.match(lines[1]!, /^1\s+pass\s+done\s+easy\s+Application Observability and Maintenance\s+5m\s+Mini pass$/);
  assert.match(lines[6]!, /^6\s+sim-fail\s+attempted\s/);
  assert.match(m.out(), /\n1\/7 done, 1 attempted\n$/);
});

test('list --json --lang ko', async () => {
  const m = memoryIo({ cwd: tmpdir() });
  assert.equal(await run(['--exercises', MINI, '--workspace', ws(), '--json', '--lang', 'ko'], m.io), 0);
  const rows = JSON.parse(m.out());
  assert.equal(rows.length, 7);
  assert.deepEqual(rows[0], {
    number: 1, id: 'pass', dir: '01-pass', title: '미니 pass', status: 'new', difficulty: 'easy',
    domain: 'Application Observability and Maintenance', tags: ['fixture'], points: 10, timeBudget: 5, hintsShown: 0, hints: 2, attempts: 0,
  });
});

test('list: usage errors and broken packs exit 2', async () => {
  let m = memoryIo({ cwd: tmpdir() });
  assert.equal(await run(['--bogus'], m.io), 2);
  assert.match(m.err(), /Unknown option '--bogus'/);
  m = memoryIo({ cwd: tmpdir() });
  assert.equal(await run(['--exercises', path.resolve('test/fixtures/packs/bad-metadata')], m.io), 2);
  assert.match(m.err(), /exercise\.yaml:4:1/);
  assert.match(m.err(), /unknown field "author"/);
  m = memoryIo({ cwd: tmpdir() });
  assert.equal(await run(['--help'], m.io), 0);
  assert.match(m.out(), /^Usage: kubedrill list/);
});

test('list: KUBEDRILL_EXERCISES picks the pack, KUBEDRILL_LANG the language', async () => {
  const m = memoryIo({ cwd: tmpdir(), env: { NO_COLOR: '1', KUBEDRILL_EXERCISES: MINI, KUBEDRILL_LANG: 'ko', KUBEDRILL_WORKSPACE: ws() } });
  assert.equal(await run(['--json'], m.io), 0);
  const rows = JSON.parse(m.out());
  assert.equal(rows[5].id, 'sim-fail');
  assert.equal(rows[5].title, '미니 sim-fail');
});
