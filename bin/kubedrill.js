#!/usr/bin/env node
// Entry point: loads the bundled CLI built by `npm install` / `npm run build`. CommonJS (see
// bin/package.json) like dist/: a plain-text command never starts Node's ES module loader.
'use strict';
const { existsSync } = require('node:fs');
const path = require('node:path');

const cli = path.join(__dirname, '..', 'dist', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write('kubedrill: not built yet — run `npm install` (or `npm run build`) in the kubedrill folder first\n');
  process.exitCode = 2;
} else {
  require(cli);
}
