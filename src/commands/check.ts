// `kubedrill check ID [FILE]`: grades the learner's answer; exit 0 passed, 1 failed, 2 usage / unreadable.
import { badLang, CACHE_DIR, COMMON_OPTIONS, langFrom, lookup, openPack, openWs, parseOptions, unknownExerciseText, useColor } from '../exercises/context.js';
import { localize } from '../exercises/pack.js';
import { loadProgress, noticeToStderr, recordAttempt, saveProgress } from '../exercises/progress.js';
import { ioReason } from '../exercises/workspace.js';
import { gradeFile, prepareExercise } from '../grade/index.js';
import { formatFindings } from '../report/findings.js';
import { formatGradeText, gradeToJson } from '../report/grade.js';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { EXIT, type Io } from './io.js';

export const HELP = `Usage: kubedrill check ID [FILE] [--json] [--lang en|ko] [--verbose]

Grades your answer to exercise ID (its id, folder name or number). Without FILE it grades your
copy in the workspace (created from the starter the first time). Prints every check, the first
moment your pod behaves differently from the reference, a diff summary and the score.

Options:
  --verbose         show the full diffs (against the starter and against the reference)
  --json            print the result as JSON (without the simulation traces)
  --lang en|ko      language of the messages
  --exercises DIR   use another exercise pack (or set KUBEDRILL_EXERCISES)
  --workspace DIR   where your files and progress live (or set KUBEDRILL_WORKSPACE)

Exit codes: 0 passed, 1 failed, 2 usage error, unknown exercise or unreadable file.
`;

const OPTIONS = { ...COMMON_OPTIONS, verbose: { type: 'boolean', short: 'v' } } as const;

export async function run(args: string[], io: Io): Promise<number> {
  const p = parseOptions(args, OPTIONS);
  if (typeof p === 'string') return usage(io, p);
  if (p.values.help) {
    io.stdout.write(HELP);
    return EXIT.ok;
  }
  if (p.positionals.length === 0) return usage(io, 'which exercise? give its ID');
  if (p.positionals.length > 2) return usage(io, `unexpected argument "${p.positionals[2]}"`);
  if (badLang(p.values.lang)) return usage(io, `unknown language "${p.values.lang}" (en or ko)`);
  const lang = langFrom(p.values.lang, io);
  const ws = openWs(p.values.workspace, io);
  const opened = openPack(p.values.exercises, io, p.positionals[0]!, ws);
  if (!opened.ok) {
    io.stderr.write(formatFindings(opened.findings, { color: false }));
    return EXIT.usage;
  }
  const id = p.positionals[0]!;
  const ex = lookup(opened.pack, id);
  if (!ex) {
    io.stderr.write(`kubedrill check: ${unknownExerciseText(opened.pack, id, lang)}`);
    return EXIT.usage;
  }
  let file = p.positionals[1] === undefined ? undefined : path.resolve(io.cwd, p.positionals[1]);
  let shown = p.positionals[1];
  if (file === undefined) {
    let made: { path: string; created: boolean };
    try {
      made = ws.ensureLearnerFile(ex);
    } catch (err) {
      io.stderr.write(`kubedrill check: cannot create your copy in ${ws.dir}: ${ioReason(err)}\n`);
      return EXIT.usage;
    }
    file = made.path;
    shown = path.relative(io.cwd, made.path) || made.path;
    if (shown.startsWith('..')) shown = made.path;
    if (made.created) {
      const say = lang === 'ko' ? `시작 파일을 복사해 ${shown}을(를) 만들었습니다. 이 파일을 고친 뒤 다시 확인하세요.` : `Created ${shown} from the starter: edit it, then run kubedrill check ${ex.id} again.`;
      (p.values.json ? io.stderr : io.stdout).write(say + '\n\n');
    }
  }
  // Messages name the file as the learner wrote it (or relative to the current folder).
  const cacheDir = existsSync(ws.dir) ? path.join(ws.dir, CACHE_DIR) : undefined;
  await prepareExercise(ex);
  const result = gradeFile(ex, file, { lang, displayName: shown ?? file, ...(cacheDir ? { cacheDir } : {}) });
  const unreadable = result.findings.some((f) => f.stage === 'read');
  if (!unreadable) {
    try {
      saveProgress(ws, recordAttempt(loadProgress(ws, noticeToStderr(io.stderr, lang)), ex.id, result));
    } catch (err) {
      io.stderr.write(`kubedrill check: your progress could not be saved in ${ws.dir}: ${ioReason(err)}\n`);
    }
  }
  if (p.values.json) io.stdout.write(gradeToJson(result));
  else io.stdout.write(formatGradeText(result, { lang, color: useColor(io), verbose: p.values.verbose === true, title: `${ex.id} — ${localize(ex.title, lang)}` }));
  return unreadable ? EXIT.usage : result.passed ? EXIT.ok : EXIT.failed;
}

function usage(io: Io, msg: string): number {
  io.stderr.write(`kubedrill check: ${msg}\n\n${HELP}`);
  return EXIT.usage;
}
