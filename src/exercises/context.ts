// What the exercise commands share: common options, the pack (--exercises / KUBEDRILL_EXERCISES),
// the workspace, the language, and the usage / unknown-id texts. Errors come back as values.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Finding } from '../manifest/types.js';
import { defaultPackDir, findExercise, loadPack, loadPackFor, localize, resolveLang, type Pack } from './pack.js';
import type { Exercise, Lang } from './types.js';
import { openWorkspace, type Workspace } from './workspace.js';

export interface Env {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

type Spec = Record<string, { type: 'boolean' | 'string'; short?: string }>;

export const COMMON_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
  lang: { type: 'string' },
  exercises: { type: 'string' },
  workspace: { type: 'string' },
} as const satisfies Spec;

export type Parsed<S extends Spec> = { values: { [K in keyof S]?: S[K]['type'] extends 'boolean' ? boolean : string }; positionals: string[] };

/** Parses argv strictly; an unknown option or a missing value is a usage error (a string). */
export function parseOptions<S extends Spec>(args: string[], spec: S): Parsed<S> | string {
  try {
    const r = parseArgs({ args, options: spec, allowPositionals: true, strict: true });
    return r as unknown as Parsed<S>;
  } catch (err) {
    return err instanceof Error ? err.message.split('\n')[0]! : String(err);
  }
}

export function packDirFrom(flag: string | undefined, io: Env): string {
  const chosen = flag ?? (io.env.KUBEDRILL_EXERCISES || undefined);
  return chosen === undefined ? defaultPackDir() : path.resolve(io.cwd, chosen);
}

export type Opened = { ok: true; pack: Pack } | { ok: false; findings: Finding[] };

/** The whole pack, or (given `id`) just enough of it to find that exercise. */
export function openPack(flag: string | undefined, io: Env, id?: string, ws?: Workspace): Opened {
  // Only a workspace that exists holds the cache: `list` in a fresh folder creates nothing.
  const opts = ws && existsSync(ws.dir) ? { cacheDir: path.join(ws.dir, CACHE_DIR) } : {};
  return id === undefined ? loadPack(packDirFrom(flag, io), opts) : loadPackFor(packDirFrom(flag, io), id, opts);
}

/** Loaded exercise metadata, cached in the workspace (see loadPackFor). */
export const CACHE_DIR = '.kubedrill-cache';

export function openWs(flag: string | undefined, io: Env): Workspace {
  return openWorkspace({ cwd: io.cwd, env: io.env, ...(flag !== undefined ? { dir: flag } : {}) });
}

export function langFrom(flag: string | undefined, io: Env): Lang {
  return resolveLang(flag, io.env);
}

/** `--lang` accepts en and ko (and locale-like values starting with them). */
export function badLang(flag: string | undefined): boolean {
  return flag !== undefined && !/^(en|ko)/i.test(flag);
}

export function unknownExerciseText(pack: Pack, id: string, lang: Lang): string {
  const ids = pack.exercises.map((e) => `  ${e.dir.split('-')[0]}  ${e.id}  ${localize(e.title, lang)}`).join('\n');
  return `unknown exercise "${id}". The exercises are:\n${ids}\n`;
}

export function lookup(pack: Pack, id: string): Exercise | undefined {
  return findExercise(pack, id);
}

/** Colour only on a terminal, and never with NO_COLOR set. */
export function useColor(io: { stdout: { isTTY?: boolean }; env: Readonly<Record<string, string | undefined>> }): boolean {
  return io.stdout.isTTY === true && (io.env.NO_COLOR === undefined || io.env.NO_COLOR === '') && io.env.TERM !== 'dumb';
}
