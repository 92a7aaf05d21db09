// The steps `hint`, `solution` and `reset` share: parse, --help, open the pack, find the exercise.
import type { Io } from '../commands/io.js';
import { formatFindings } from '../report/findings.js';
import { badLang, COMMON_OPTIONS, langFrom, lookup, openPack, openWs, parseOptions, unknownExerciseText } from './context.js';
import type { Pack } from './pack.js';
import type { Exercise, Lang } from './types.js';
import type { Workspace } from './workspace.js';

export type Spec = Record<string, { type: 'boolean' | 'string'; short?: string }>;

export type Prepared = {
  ex: Exercise;
  pack: Pack;
  ws: Workspace;
  lang: Lang;
  json: boolean;
  flags: Record<string, boolean | string | undefined>;
};

/** Returns the prepared context, or the exit code to return (help printed, or a usage error). */
export function prepareIdCommand(name: string, help: string, args: string[], io: Io, extra: Spec = {}): Prepared | number {
  const usage = (msg: string) => {
    io.stderr.write(`kubedrill ${name}: ${msg}\n\n${help}`);
    return 2;
  };
  const p = parseOptions(args, { ...COMMON_OPTIONS, ...extra });
  if (typeof p === 'string') return usage(p);
  const flags = p.values as Record<string, boolean | string | undefined>;
  if (flags.help) {
    io.stdout.write(help);
    return 0;
  }
  if (p.positionals.length === 0) return usage('which exercise? give its ID');
  if (p.positionals.length > 1) return usage(`unexpected argument "${p.positionals[1]}"`);
  if (badLang(flags.lang as string | undefined)) return usage(`unknown language "${String(flags.lang)}" (en or ko)`);
  const lang = langFrom(flags.lang as string | undefined, io);
  const ws = openWs(flags.workspace as string | undefined, io);
  const opened = openPack(flags.exercises as string | undefined, io, p.positionals[0]!, ws);
  if (!opened.ok) {
    io.stderr.write(formatFindings(opened.findings, { color: false }));
    return 2;
  }
  const id = p.positionals[0]!;
  const ex = lookup(opened.pack, id);
  if (!ex) {
    io.stderr.write(`kubedrill ${name}: ${unknownExerciseText(opened.pack, id, lang)}`);
    return 2;
  }
  return { ex, pack: opened.pack, ws, lang, json: flags.json === true, flags };
}
