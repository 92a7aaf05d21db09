// Build: generate the Pod schema and its precompiled validator, then bundle the CLI into dist/.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

// Generators run in order; each writes only under generated/.
for (const step of ['scripts/gen-schema.mjs']) {
  if (!existsSync(step)) continue;
  const r = spawnSync(process.execPath, [step], { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`build: ${step} failed`);
    process.exit(1);
  }
}

const esbuild = await import('esbuild');
rmSync('dist', { recursive: true, force: true });
await esbuild.build({
  entryPoints: ['src/cli.ts'],
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  jsx: 'automatic',
  sourcemap: false,
  minify: true,
  logLevel: 'warning',
  chunkNames: 'chunks/[name]-[hash]',
});
console.log('build: dist/cli.js ready');
