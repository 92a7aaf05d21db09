// Runs every test file under test/ with node:test (Node 20 does not discover .ts files itself).
// Extra arguments filter the list by substring: `node scripts/run-tests.mjs sim/` runs test/sim/**.
import { readdirSync, statSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

function walk(dir, out = []) {
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (name === 'fixtures' || name === 'golden') continue;
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.test\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}

if (!existsSync('generated') && existsSync('scripts/gen-schema.mjs')) {
  const b = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status ?? 1);
}

const filters = process.argv.slice(2);
const files = walk('test').filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));
if (files.length === 0) {
  console.error('run-tests: no test files matched');
  process.exit(1);
}
// Every temporary file a test makes goes under one folder that is removed afterwards.
const scratch = mkdtempSync(path.join(tmpdir(), 'kubedrill-tests-'));
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], {
  stdio: 'inherit',
  env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', TMPDIR: scratch },
});
rmSync(scratch, { recursive: true, force: true });
process.exit(r.status ?? 1);
