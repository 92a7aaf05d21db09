// Build: generate the Pod schema and its precompiled validator, then bundle the CLI into dist/.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
// Everything a plain-text command loads is CommonJS (dist/package.json says so): Node then never
// starts its ES module loader, which costs every run ~8 ms. ESM-only packages (string-width) are
// bundled; import.meta.url is the bundle's own file URL. The TUI stays ESM (.mjs) for code splitting.
const cjs = {
  ...common,
  format: 'cjs',
  packages: undefined,
  external: ['ajv', 'ajv/*', 'ink', 'react', 'react/*'],
  supported: { 'dynamic-import': false },
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: 'var __importMetaUrl=require("url").pathToFileURL(__filename).href;' },
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
// instantiated separately); so is the TUI (see TUI below). cli.js itself is
// one file that imports the command it runs and nothing else.
const STANDALONE = ['validate', 'sim', 'list', 'check', 'grade', 'hint', 'solution', 'reset', 'dev'];
// Commands whose bundle is compiled with V8's code cache (see below): where each keeps the data
// (the learner's workspace, or next to the bundle, filled at build time by one run: see the end of
// this file) and which exit codes mean a run compiled what later runs need (never --help).
const CODE_CACHED = {
  check: { cache: 'workspace', keep: [0, 1] },
  // V8 flags set before the body is compiled. A day of crash loop simulates in ~150 ms: too short for
  // most of what TurboFan compiles (48 functions, ~250 ms of compiler CPU on the second core) to pay
  // back. With 3x V8's interrupt budget only what is really hot is optimised: 10 functions, ~55 ms
  // less CPU for `sim --for 24h` (1-5% less wall time on an idle 2-core machine, ~15% on a busy
  // one); a 10-day run, where optimised code matters more, is within noise of before.
  sim: { cache: 'bundle', keep: [0], v8Flags: '--interrupt-budget=400000' },
  validate: { cache: 'bundle', keep: [0, 1] },
  // The TUI: React, Ink and their ~40 packages bundled in (see TUI_BUNDLE). Its cache is written when
  // the first session ends (a TUI run needs a terminal, so the build cannot fill it).
  tui: { cache: 'bundle', keep: [0], bundle: 'tui' },
  // kubedrill exam: the TUI's bundle with the exam's screens (and --plain, which never renders).
  exam: { cache: 'bundle', keep: [0, 1], bundle: 'tui' },
};
// Loading React and Ink from node_modules one module at a time through the ES module loader, with
// React's development build, made an empty Ink app take ~425 ms to its first frame. The TUI bundles
// them (production build) into one CommonJS body compiled from V8's code cache like the commands
// above. Two of their modules await at the top level, which CommonJS cannot: yoga-layout's entry
// (mapped to src/ui/yoga.ts, loaded before the first render) and, only when DEV=true (React
// devtools, not installed), ink's reconciler (those branches are cut; the build fails if ink changes).
const inkForCommonJs = {
  name: 'ink-for-commonjs',
  setup(build) {
    build.onResolve({ filter: /^yoga-layout$/ }, () => ({ path: path.join(root, 'src/ui/yoga.ts') }));
    build.onLoad({ filter: /[\\/]node_modules[\\/]ink[\\/]build[\\/]reconciler\.js$/ }, (args) => {
      let src = readFileSync(args.path, 'utf8');
      for (const [from, to] of [
        ["if (isDev()) {\n    try {\n        await import('./devtools.js');", "if (false) {\n    try {\n        void 0;"],
        ['const packageJson = isDev()\n    ? await loadPackageJson()', 'const packageJson = false\n    ? undefined'],
      ]) {
        if (!src.includes(from)) throw new Error(`build: ink's reconciler.js changed: cannot cut its top-level await (${from.split('\n')[0]})`);
        src = src.replace(from, to);
      }
      return { contents: src, loader: 'js' };
    });
  },
};
const BUNDLES = {
  tui: {
    external: ['ajv', 'ajv/*', 'react-devtools-core'],
    define: { ...cjs.define, 'process.env.NODE_ENV': '"production"' },
    plugins: [yamlSource, inkForCommonJs],
  },
};
const commandRe = new RegExp(`^\\./commands/(${[...STANDALONE, 'tui', 'exam'].join('|')})\\.js$`);
await esbuild.build({
  ...cjs,
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
  ...cjs,
  entryPoints: STANDALONE.filter((c) => !(c in CODE_CACHED)).map((c) => `src/commands/${c}.ts`),
  outdir: 'dist/commands',
  splitting: false,
  plugins: [yamlSource],
});
// grade's worker threads each load this one file (src/grade/batch/pool.ts finds it beside grade.js).
await esbuild.build({
  ...cjs,
  entryPoints: { 'grade-worker': 'src/grade/batch/worker.ts' },
  outdir: 'dist/commands',
  splitting: false,
  plugins: [yamlSource],
});
// These commands compile more code than a run needs at first: each body is a function-wrapped
// script that src/commands/code-cache.ts compiles with V8's code cache (Node 20 has no module
// compile cache); dist/commands/<cmd>.js is the small module that finds the cache folder and runs it.
for (const [c, { cache, keep, v8Flags, bundle }] of Object.entries(CODE_CACHED)) {
  await esbuild.build({
    ...cjs,
    banner: {}, // runBody passes __importMetaUrl in
    entryPoints: [`src/commands/${c}.ts`],
    outfile: `dist/commands/${c}-body.cjs`,
    splitting: false,
    plugins: [yamlSource],
    ...(bundle ? BUNDLES[bundle] : {}),
  });
  await esbuild.build({
    ...cjs,
    stdin: {
      contents: `${v8Flags ? `import { setFlagsFromString } from 'node:v8';\nsetFlagsFromString(${JSON.stringify(v8Flags)});\n` : ''}import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBody, workspaceCacheDir } from './src/commands/code-cache.ts';
const here = path.dirname(fileURLToPath(import.meta.url));
const body = path.join(here, ${JSON.stringify(`${c}-body.cjs`)});
const help = (args) => args.some((a) => a === '--help' || a === '-h');
export function run(args, io) {
  const cacheDir = ${cache === 'workspace' ? 'workspaceCacheDir(args, io)' : "path.join(here, '.code-cache')"};
  return runBody(body, args, io, { cacheDir, keep: (code) => ${JSON.stringify(keep)}.includes(code) && !help(args) });
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
writeFileSync('dist/package.json', '{ "type": "commonjs" }\n');
// One simulation of the first exercise's answer fills sim's code cache, so the first `kubedrill sim`
// after an install starts as fast as the later ones. Not having it only costs time.
const warmUp = 'solutions/01-liveness-exam/liveness-exam.yaml';
if (existsSync(warmUp)) {
  spawnSync(process.execPath, ['dist/cli.js', 'sim', warmUp, '--for', '24h'], { stdio: 'ignore' });
  spawnSync(process.execPath, ['dist/cli.js', 'validate', warmUp], { stdio: 'ignore' });
}
// The TUI's cache is filled by one session on a pseudo-terminal (script(1), from util-linux), quit
// with `q` as soon as the list shows, in a throw-away workspace. Without script(1) the learner's
// first session fills it instead.
const scratch = mkdtempSync(path.join(tmpdir(), 'kubedrill-build-'));
try {
  const tui = `${JSON.stringify(process.execPath)} dist/cli.js --workspace ${JSON.stringify(path.join(scratch, 'ws'))}`;
  spawnSync('script', ['-qfec', tui, '/dev/null'], { input: 'q', stdio: ['pipe', 'ignore', 'ignore'], timeout: 20_000, env: { ...process.env, COLUMNS: '100', LINES: '30' } });
  // The same for the exam's screens: a one-task exam, quit at once (it stays in the throw-away workspace).
  spawnSync('script', ['-qfec', `${tui.replace(' dist/cli.js ', ' dist/cli.js exam ')} --tasks 1`, '/dev/null'], { input: 'q', stdio: ['pipe', 'ignore', 'ignore'], timeout: 20_000, env: { ...process.env, COLUMNS: '100', LINES: '30' } });
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
console.log('build: dist/cli.js ready');
