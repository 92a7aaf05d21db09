import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { run } from '../../src/commands/solution.js';
import { run as check } from '../../src/commands/check.js';
import { memoryIo } from '../../src/commands/io.js';

const MINI = path.resolve('test/fixtures/packs/mini');
const SOL = readFileSync(path.join(MINI, 'solutions/05-expect-fail/pod.yaml'), 'utf8');

test('solution: refused until passed, shown with --reveal', async () => {
  const cwd = mkdtempSync(path.join(tmpdir(), 'kubedrill-sol-'));
  let m = memoryIo({ cwd });
  assert.equal(await run(['expect-fail', '--exercises', MINI], m.io), 1);
  assert.match(m.err(), /you have not passed expect-fail yet\. Pass it first \(kubedrill check expect-fail\), or add --reveal/);
  assert.equal(m.out(), '');
  m = memoryIo({ cwd });
  assert.equal(await run(['expect-fail', '--reveal', '--exercises', MINI], m.io), 0);
  assert.equal(m.out(), `# Reference answer: expect-fail (pod.yaml)\n${SOL}`);
});

test('solution: shown once the exercise is passed', async () => {
  const cwd = mkdtempSync(path.join(tmpdir(), 'kubedrill-sol-'));
  const c = memoryIo({ cwd });
  assert.equal(await check(['expect-fail', path.join(MINI, 'solutions/05-expect-fail/pod.yaml'), '--exercises', MINI], c.io), 0);
  const m = memoryIo({ cwd });
  assert.equal(await run(['expect-fail', '--exercises', MINI, '--json'], m.io), 0);
  assert.equal(JSON.parse(m.out()).text, SOL);
});
