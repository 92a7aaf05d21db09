// Golden files: long text outputs compared byte for byte; rewritten only with UPDATE_GOLDEN=1.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** test/golden/ */
export const GOLDEN_DIR = path.dirname(fileURLToPath(import.meta.url));

/**
 * Asserts `actual` equals the golden file test/golden/NAME (e.g. "sim/nginx-describe.txt").
 * With UPDATE_GOLDEN=1 the file is (re)written instead and the assertion passes.
 */
export function assertGolden(name: string, actual: string): void {
  const file = path.join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  assert.ok(existsSync(file), `golden file ${path.relative(process.cwd(), file)} is missing: run with UPDATE_GOLDEN=1 to create it`);
  const expected = readFileSync(file, 'utf8');
  assert.equal(actual, expected, `output differs from golden ${name} (UPDATE_GOLDEN=1 rewrites it after you checked the change)`);
}
