#!/usr/bin/env node
// Entry point: loads the bundled CLI built by `npm install` / `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('kubedrill: not built yet — run `npm install` (or `npm run build`) in the kubedrill folder first\n');
  process.exitCode = 2;
} else {
  await import(pathToFileURL(cli).href);
}
