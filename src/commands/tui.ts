// `kubedrill` / `kubedrill tui`: the interactive trainer. Needs a terminal; everything else is
// loaded only once we know there is one, and React/Ink only after the pack is read.
import { EXIT, type Io } from './io.js';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { CACHE_DIR, openPack, openWs } from '../exercises/context.js';
import { findExercise, resolveLang } from '../exercises/pack.js';
import { messages } from '../ui/messages.js';

export const TUI_HELP = `Usage: kubedrill [tui] [ID] [--exercises DIR] [--workspace DIR] [--lang en|ko]

Opens the terminal UI on the exercise list (or on exercise ID). Needs a terminal;
without one use \`kubedrill list\` and \`kubedrill check ID\`.

Keys are shown at the bottom of every screen. NO_COLOR turns colours off.
`;

export interface TuiArgs {
  exercises?: string;
  workspace?: string;
  lang?: string;
  id?: string;
  help: boolean;
}

export function parseTuiArgs(args: readonly string[]): { ok: true; args: TuiArgs } | { ok: false; error: string } {
  const out: TuiArgs = { help: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const eq = /^(--[a-z-]+)=(.*)$/.exec(a);
    const name = eq ? eq[1]! : a;
    const value = (): string | undefined => (eq ? eq[2] : args[++i]);
    if (name === '--help' || name === '-h') out.help = true;
    else if (name === '--exercises' || name === '--workspace' || name === '--lang') {
      const v = value();
      if (v === undefined || v === '') return { ok: false, error: `${name} needs a value` };
      if (name === '--lang' && v !== 'en' && v !== 'ko') return { ok: false, error: `--lang must be en or ko, not "${v}"` };
      out[name.slice(2) as 'exercises' | 'workspace' | 'lang'] = v;
    } else if (a.startsWith('-')) return { ok: false, error: `unknown option "${a}"` };
    else if (out.id === undefined) out.id = a;
    else return { ok: false, error: `unexpected argument "${a}"` };
  }
  return { ok: true, args: out };
}

/** NO_COLOR (any non-empty value), FORCE_COLOR=0 and TERM=dumb turn colour off. */
export function colorEnabled(env: Readonly<Record<string, string | undefined>>): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR === '0') return false;
  return env.TERM !== 'dumb';
}

const ALT_SCREEN_ON = '\x1b[?1049h\x1b[H\x1b[2J';
const ALT_SCREEN_OFF = '\x1b[?1049l';
const CURSOR_SHOW = '\x1b[?25h';
const CURSOR_HIDE = '\x1b[?25l';

export async function run(argv: string[], io: Io): Promise<number> {
  const parsed = parseTuiArgs(argv);
  if (!parsed.ok) {
    io.stderr.write(`kubedrill: ${parsed.error}\n\n${TUI_HELP}`);
    return EXIT.usage;
  }
  const a = parsed.args;
  if (a.help) {
    io.stdout.write(TUI_HELP);
    return EXIT.ok;
  }
  const lang = resolveLang(a.lang, io.env);
  const stdin = process.stdin;
  if (io.stdout.isTTY !== true || !stdin.isTTY || io.stdout !== process.stdout) {
    io.stderr.write(messages(lang).needsTerminal);
    return EXIT.usage;
  }
  // Start loading React/Ink now: their files are read while the pack loads.
  // (a bundled React is a CommonJS namespace: its exports are on `default`; yoga is loaded before
  // the first render, see ui/yoga.ts)
  const ui = Promise.all([
    import('ink'),
    import('react').then((m) => m.default ?? m),
    import('../ui/App.js'),
    import('../ui/real-services.js'),
    import('../ui/yoga.js').then((m) => m.initYoga()),
  ]);
  ui.catch(() => {});
  const workspace = openWs(a.workspace, io);
  // The TUI works in the workspace anyway; creating it now lets the pack loader use its cache,
  // which keeps the first frame fast.
  try {
    mkdirSync(workspace.dir, { recursive: true });
  } catch {
    // unwritable: everything still works, only slower and without saving
  }
  const packed = openPack(a.exercises, io, undefined, workspace);
  if (!packed.ok) {
    io.stderr.write(messages(lang).packBroken + '\n');
    for (const f of packed.findings) {
      io.stderr.write(`  ${f.file}${f.line !== undefined ? `:${f.line}:${f.col ?? 1}` : ''}: ${f.message}\n`);
    }
    return EXIT.usage;
  }
  const pack = packed.pack;
  if (a.id !== undefined) {
    const ex = findExercise(pack, a.id);
    if (!ex) {
      io.stderr.write(`kubedrill: no exercise "${a.id}" (see \`kubedrill list\`)\n`);
      return EXIT.usage;
    }
    a.id = ex.id;
  }

  const [{ render }, React, { App }, { realServices }] = await ui;
  await runFullScreen((terminal) => {
    const services = realServices({ pack, workspace, lang, color: colorEnabled(io.env), env: io.env, cwd: io.cwd, cacheDir: path.join(workspace.dir, CACHE_DIR), terminal });
    return render(React.createElement(App, { services, ...(a.id ? { initialExercise: a.id } : {}) }), { exitOnCtrlC: true, patchConsole: false });
  });
  return EXIT.ok;
}

/** Leaving the full screen for an editor and coming back (services.ts `terminal`). */
export interface FullScreenTerminal {
  suspend(): void;
  resume(): void;
}

/**
 * Runs an Ink app on the alternate screen until it exits (the TUI and the exam's screen): raw mode
 * before the first frame, since Ink turns it on only after its first render and keys typed as soon as
 * the screen shows would otherwise be echoed and held back by the line discipline; and, whatever ends
 * the process (an uncaught bug included), the terminal given back.
 */
export async function runFullScreen(mount: (terminal: FullScreenTerminal) => { clear(): void; waitUntilExit(): Promise<unknown> }): Promise<void> {
  const stdin = process.stdin;
  const out = process.stdout;
  let instance: { clear(): void } | undefined;
  const restore = () => {
    try {
      if (stdin.isTTY) stdin.setRawMode(false);
    } catch {
      // the terminal is already gone
    }
    out.write(CURSOR_SHOW + ALT_SCREEN_OFF);
  };
  process.once('exit', restore);
  const terminal: FullScreenTerminal = {
    suspend() {
      instance?.clear();
      if (stdin.isTTY) stdin.setRawMode(false);
      out.write(CURSOR_SHOW + ALT_SCREEN_OFF);
    },
    resume() {
      out.write(ALT_SCREEN_ON + CURSOR_HIDE);
      if (stdin.isTTY) stdin.setRawMode(true);
    },
  };
  try {
    out.write(ALT_SCREEN_ON);
    stdin.setRawMode(true);
    const ink = mount(terminal);
    instance = ink;
    await ink.waitUntilExit();
  } finally {
    restore();
    process.off('exit', restore);
  }
}
