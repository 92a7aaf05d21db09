import { test } from 'node:test';
import assert from 'node:assert/strict';
import { colorEnabled, parseTuiArgs, run, TUI_HELP } from '../../src/commands/tui.js';
import { memoryIo } from '../../src/commands/io.js';

test('without a terminal the TUI says so, points to `kubedrill check` and exits 2 without drawing', async () => {
  const m = memoryIo({ tty: false });
  assert.equal(await run([], m.io), 2);
  assert.equal(m.out(), '');
  assert.match(m.err(), /needs a terminal/);
  assert.match(m.err(), /kubedrill check ID/);
});

test('the message follows the language', async () => {
  const m = memoryIo({ env: { KUBEDRILL_LANG: 'ko' } });
  assert.equal(await run([], m.io), 2);
  assert.match(m.err(), /터미널이 필요합니다/);
});

test('--help prints the usage; bad options are usage errors', async () => {
  const h = memoryIo();
  assert.equal(await run(['--help'], h.io), 0);
  assert.equal(h.out(), TUI_HELP);
  const b = memoryIo();
  assert.equal(await run(['--frob'], b.io), 2);
  assert.match(b.err(), /unknown option "--frob"/);
  assert.deepEqual(parseTuiArgs(['--lang', 'fr']), { ok: false, error: '--lang must be en or ko, not "fr"' });
  assert.deepEqual(parseTuiArgs(['--workspace']), { ok: false, error: '--workspace needs a value' });
  assert.deepEqual(parseTuiArgs(['liveness-exam', '--workspace=ws', '--lang', 'ko']), {
    ok: true,
    args: { help: false, id: 'liveness-exam', workspace: 'ws', lang: 'ko' },
  });
});

test('NO_COLOR, FORCE_COLOR=0 and TERM=dumb turn colour off', () => {
  assert.equal(colorEnabled({}), true);
  assert.equal(colorEnabled({ NO_COLOR: '1' }), false);
  assert.equal(colorEnabled({ NO_COLOR: '' }), true);
  assert.equal(colorEnabled({ FORCE_COLOR: '0' }), false);
  assert.equal(colorEnabled({ TERM: 'dumb' }), false);
});
