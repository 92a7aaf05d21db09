// Opens the learner's file in their editor: $VISUAL, then $EDITOR, then the first of nano/vim/vi found.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { EditOutcome } from './services.js';

const FALLBACKS = ['nano', 'vim', 'vi'];

function onPath(cmd: string, env: Readonly<Record<string, string | undefined>>): boolean {
  return (env.PATH ?? '').split(path.delimiter).some((d) => d !== '' && existsSync(path.join(d, cmd)));
}

/** The editor command line to run, or undefined when there is none. */
export function editorCommand(env: Readonly<Record<string, string | undefined>>): string | undefined {
  for (const v of [env.VISUAL, env.EDITOR]) if (v !== undefined && v.trim() !== '') return v.trim();
  return FALLBACKS.find((c) => onPath(c, env));
}

export interface Suspender {
  /** hand the terminal over: clear the frame, leave raw mode */
  suspend(): void;
  /** take it back and redraw */
  resume(): void;
}

/**
 * Runs the editor on `file` synchronously with the terminal handed over. The command may carry
 * arguments (`code --wait`); the file is passed as one argument, never through the shell's parser.
 */
export function runEditor(file: string, env: Readonly<Record<string, string | undefined>>, term: Suspender): EditOutcome {
  const cmd = editorCommand(env);
  if (cmd === undefined) return { ok: false, command: '$EDITOR', message: 'set VISUAL or EDITOR (no nano, vim or vi found on PATH)' };
  // Ctrl-C in the editor reaches this process too; it must not kill kubedrill behind the editor's back.
  const ignore = () => {};
  process.on('SIGINT', ignore);
  term.suspend();
  let r: ReturnType<typeof spawnSync>;
  try {
    r = spawnSync('/bin/sh', ['-c', `${cmd} "$1"`, 'kubedrill-editor', file], { stdio: 'inherit', env: { ...env } as NodeJS.ProcessEnv });
  } finally {
    term.resume();
    setImmediate(() => process.off('SIGINT', ignore));
  }
  if (r.error) return { ok: false, command: cmd, message: r.error.message };
  if (r.status === 127) return { ok: false, command: cmd, message: 'command not found' };
  if (r.status !== 0 && r.status !== null) return { ok: false, command: cmd, message: `exited with status ${r.status}` };
  return { ok: true };
}
