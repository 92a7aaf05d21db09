// `kubedrill list`: the exercises with the learner's progress, as a table (or JSON).
import { badLang, COMMON_OPTIONS, langFrom, openPack, openWs, parseOptions } from '../exercises/context.js';
import { localize } from '../exercises/pack.js';
import { loadProgress, noticeToStderr, progressOf } from '../exercises/progress.js';
import { formatFindings } from '../report/findings.js';
import { fit, width } from '../ui/text.js';
import { EXIT, type Io } from './io.js';

export const HELP = `Usage: kubedrill list [--json] [--lang en|ko] [--exercises DIR] [--workspace DIR]

Lists the exercises with your progress: number, id, status (new / attempted / done),
difficulty, curriculum domain and time budget.

Options:
  --json            print the list as JSON
  --lang en|ko      language of the titles (default: KUBEDRILL_LANG, then the locale)
  --exercises DIR   use another exercise pack (or set KUBEDRILL_EXERCISES)
  --workspace DIR   where your files and progress live (default ./kubedrill-workspace, or KUBEDRILL_WORKSPACE)
`;

export async function run(args: string[], io: Io): Promise<number> {
  const p = parseOptions(args, COMMON_OPTIONS);
  if (typeof p === 'string' || p.positionals.length > 0 || badLang(p.values.lang)) {
    io.stderr.write(`kubedrill list: ${typeof p === 'string' ? p : p.positionals.length > 0 ? `unexpected argument "${p.positionals[0]}"` : `unknown language "${p.values.lang}" (en or ko)`}\n\n${HELP}`);
    return EXIT.usage;
  }
  if (p.values.help) {
    io.stdout.write(HELP);
    return EXIT.ok;
  }
  const ws = openWs(p.values.workspace, io);
  const opened = openPack(p.values.exercises, io, undefined, ws);
  if (!opened.ok) {
    io.stderr.write(formatFindings(opened.findings, { color: false }));
    return EXIT.usage;
  }
  const lang = langFrom(p.values.lang, io);
  const progress = loadProgress(ws, noticeToStderr(io.stderr, lang));
  const rows = opened.pack.exercises.map((ex) => {
    const pr = progressOf(progress, ex.id);
    return { number: Number(ex.dir.split('-')[0]), ex, pr };
  });
  if (p.values.json) {
    const json = rows.map(({ number, ex, pr }) => ({
      number,
      id: ex.id,
      dir: ex.dir,
      title: localize(ex.title, lang),
      status: pr.status,
      difficulty: ex.difficulty,
      domain: ex.domain,
      tags: ex.tags,
      points: ex.points,
      timeBudget: ex.timeBudget,
      hintsShown: pr.hintsShown,
      hints: ex.hints.length,
      attempts: pr.attempts,
      ...(pr.lastScore !== undefined ? { lastScore: pr.lastScore } : {}),
    }));
    io.stdout.write(JSON.stringify(json, null, 2) + '\n');
    return EXIT.ok;
  }
  const table = [
    ['#', 'ID', 'STATUS', 'DIFFICULTY', 'DOMAIN', 'TIME', 'TITLE'],
    ...rows.map(({ number, ex, pr }) => [String(number), ex.id, pr.status, ex.difficulty, ex.domain, `${ex.timeBudget}m`, localize(ex.title, lang)]),
  ];
  const cols = table[0]!.map((_, i) => Math.max(...table.map((r) => width(r[i]!))));
  for (const r of table) io.stdout.write(r.map((c, i) => (i === r.length - 1 ? c : fit(c, cols[i]!, i === 0 ? 'right' : 'left'))).join('   ') + '\n');
  const done = rows.filter((r) => r.pr.status === 'done').length;
  const attempted = rows.filter((r) => r.pr.status === 'attempted').length;
  io.stdout.write(`\n${done}/${rows.length} done, ${attempted} attempted\n`);
  return EXIT.ok;
}
