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
const common = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  jsx: 'automatic',
  sourcemap: false,
  // Start-up parses every loaded byte: minified chunks load faster. Stack traces (KUBEDRILL_DEBUG)
  // name minified functions; user-facing texts are strings and do not change.
  minify: true,
  logLevel: 'warning',
};
// yaml is bundled from its own ESM source (the file generated/yaml.js is built from), so the
// parts kubedrill never calls (stringify, visitors, ...) are tree-shaken out of every bundle.
const yamlSource = {
  name: 'yaml-source',
  setup(build) {
    build.onResolve({ filter: /[\\/]generated[\\/]yaml\.js$/ }, () => ({ path: path.join(root, 'node_modules/yaml/browser/index.js') }));
  },
};
// The plain-text commands are each one self-contained file (dist/commands/<cmd>.js): a command
// then loads one module instead of ten or more shared chunks (each one resolved, read and
// instantiated separately). The TUI keeps code splitting: its parts load lazily. cli.js itself is
// one file that imports the command it runs and nothing else.
const STANDALONE = ['validate', 'sim', 'list', 'check', 'hint', 'solution', 'reset', 'dev'];
const CODE_CACHED = ['check'];
const commandRe = new RegExp(`^\\./commands/(${[...STANDALONE, 'tui'].join('|')})\\.js$`);
await esbuild.build({
  ...common,
  entryPoints: ['src/cli.ts'],
  outdir: 'dist',
  splitting: false,
  plugins: [
    {
      name: 'commands-apart',
      setup(build) {
        build.onResolve({ filter: commandRe }, (args) => (args.importer.endsWith(path.join('src', 'cli.ts')) ? { path: args.path, external: true } : undefined));
      },
    },
  ],
});
await esbuild.build({
  ...common,
  entryPoints: STANDALONE.filter((c) => !CODE_CACHED.includes(c)).map((c) => `src/commands/${c}.ts`),
  outdir: 'dist/commands',
  splitting: false,
  plugins: [yamlSource],
});
// `check` compiles more code than it runs for: its body is a function-wrapped script that
// src/exercises/code-cache.ts compiles with V8's code cache from the workspace cache folder;
// dist/commands/check.js is the small module that finds that folder and runs the body.
for (const c of CODE_CACHED) {
  await esbuild.build({
    ...common,
    entryPoints: [`src/commands/${c}.ts`],
    outfile: `dist/commands/${c}-body.cjs`,
    format: 'cjs',
    splitting: false,
    define: { 'import.meta.url': '__importMetaUrl' },
    plugins: [yamlSource],
  });
  await esbuild.build({
    ...common,
    stdin: {
      contents: `import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBody, workspaceCacheDir } from './src/exercises/code-cache.ts';
const body = path.join(path.dirname(fileURLToPath(import.meta.url)), ${JSON.stringify(`${c}-body.cjs`)});
// Only a run that graded (exit 0 or 1, not --help) has compiled what later runs need.
const help = (args) => args.some((a) => a === '--help' || a === '-h');
export function run(args, io) {
  return runBody(body, args, io, { cacheDir: workspaceCacheDir(args, io), keep: (code) => (code === 0 || code === 1) && !help(args) });
}
`,
      resolveDir: root,
      sourcefile: `${c}-stub.ts`,
      loader: 'ts',
    },
    outfile: `dist/commands/${c}.js`,
    splitting: false,
  });
}
await esbuild.build({
  ...common,
  entryPoints: ['src/commands/tui.ts'],
  outdir: 'dist/commands',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  plugins: [yamlSource],
});
console.log('build: dist/cli.js ready');
