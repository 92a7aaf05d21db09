import { test } from 'node:test';
import assert from 'node:assert/strict';
import { listRows, matches, nextFilter, progressBar, visibleExercises, INITIAL_LIST } from '../../src/ui/list-model.js';
import { messages } from '../../src/ui/messages.js';
import { rowText } from '../../src/ui/row-model.js';
import { width } from '../../src/ui/text.js';
import { EXERCISES } from './helpers.js';

const progress = { 'liveness-exam': { status: 'done' as const, hintsShown: 0, attempts: 2 }, 'nginx-liveness': { status: 'attempted' as const, hintsShown: 1, attempts: 1 } };

test('search matches id, title in either language and tags', () => {
  const [a, b] = EXERCISES;
  assert.ok(matches(a!, 'LIVENESS'));
  assert.ok(matches(b!, '엔진엑스'));
  assert.ok(matches(b!, 'http'));
  assert.ok(!matches(a!, 'http'));
  assert.ok(matches(a!, 'exec liveness'));
});

test('the status filter cycles all → new → attempted → done and filters', () => {
  assert.equal(nextFilter('all'), 'new');
  assert.equal(nextFilter('done'), 'all');
  const ids = (f: typeof INITIAL_LIST.filter) => visibleExercises(EXERCISES, progress, { ...INITIAL_LIST, filter: f }).map((e) => e.id);
  assert.deepEqual(ids('done'), ['liveness-exam']);
  assert.deepEqual(ids('attempted'), ['nginx-liveness']);
  assert.deepEqual(ids('new'), ['startup-probe']);
});

test('rows have the same width in English and Korean', () => {
  for (const lang of ['en', 'ko'] as const) {
    const rows = listRows(EXERCISES, progress, 1, 100, lang, messages(lang));
    const widths = rows.map((r) => width(rowText(r)));
    assert.equal(new Set(widths).size, 1, `${lang}: ${widths.join(',')}`);
    assert.ok(widths[0]! <= 100);
    assert.match(rowText(rows[1]!), /^› /);
  }
});

test('progress bar fills in proportion', () => {
  assert.equal(progressBar(1, 4, 8), '[██░░░░░░]');
  assert.equal(progressBar(0, 0, 4), '[░░░░]');
});
