// `kubedrill grade ID PATH...`: grades a class's submissions against one exercise, in a pool of
// worker threads, and prints a row per submission and a summary as text, JSON, CSV, JUnit or TAP.
// Exit 0 every submission passed, 1 some failed, 2 usage / unknown exercise / nothing to grade /
// broken pack / unwritable output, 3 an internal error (the batch still completes).
import { availableParallelism } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { badLang, langFrom, lookup, openPack, parseOptions, unknownExerciseText } from '../exercises/context.js';
import { localize } from '../exercises/pack.js';
import type { Exercise, Lang } from '../exercises/types.js';
import { ioReason } from '../exercises/workspace.js';
import { collectSubmissions, displayPath } from '../grade/batch/collect.js';
import { fileSpool, openAtomic, type AtomicFile } from '../grade/batch/output.js';
import { GradingPool, gradeInProcess, type RunStats } from '../grade/batch/pool.js';
import { checkColumns } from '../grade/batch/rows.js';
import { SummaryBuilder } from '../grade/batch/summary.js';
import type { BatchRow, GraderInit, Skipped, Submission } from '../grade/batch/types.js';
import { isClusterExercise, referenceIsValid } from '../grade/index.js';
import { oneLine, type BatchWriter, type Sink } from '../report/batch-common.js';
import { csvWriter } from '../report/batch-csv.js';
import { jsonWriter } from '../report/batch-json.js';
import { junitWriter } from '../report/batch-junit.js';
import { tapWriter } from '../report/batch-tap.js';
import { textWriter } from '../report/batch-text.js';
import { formatFindings } from '../report/findings.js';
import { width } from '../ui/text.js';
import { EXIT, type Io } from './io.js';

export const HELP = `Usage: kubedrill grade ID PATH... [--format text|json|csv|junit|tap] [--output FILE]

Grades every submission under PATH (files, or folders searched for *.yaml and *.yml) against
exercise ID with the same checks and scores as \`kubedrill check\`, and prints one row per
submission (sorted by path) and a summary: pass rate, mean and median score, a score histogram
and the most often failed checks. A broken, unreadable or hostile submission is one failed row.

Options:
  --format FORMAT   text (default), json, csv, junit or tap
  --json            the same as --format json
  -o, --output FILE write the report to FILE (atomically) instead of standard output (- for it)
  --lang en|ko      language of the messages
  --jobs N          worker threads (default: one per core; 0 grades in this thread)
  --timeout SECONDS stop a worker that gives no result for this long (default 60; 0: never)
  --stats           print the time taken, submissions per second and peak memory on stderr
  --exercises DIR   use another exercise pack (or set KUBEDRILL_EXERCISES)

Not graded: hidden files and folders (names starting with "."), node_modules, files that are
not .yaml/.yml inside folders (each is listed as skipped), links to folders. A link to a file
outside the folder being graded, a pipe or a device fails its row without being read.

Exit codes: 0 every submission passed, 1 some failed, 2 usage error, unknown exercise, nothing to
grade, broken exercise pack or unwritable output, 3 an internal error while grading (a bug; the
other submissions are still graded and reported).
`;

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  lang: { type: 'string' },
  exercises: { type: 'string' },
  jobs: { type: 'string', short: 'j' },
  timeout: { type: 'string' },
  stats: { type: 'boolean' },
} as const;

export const FORMATS = ['text', 'json', 'csv', 'junit', 'tap'] as const;
export type Format = (typeof FORMATS)[number];

/** Fewer submissions than this are graded in this thread: starting workers would cost more. */
export const IN_PROCESS_BELOW = 24;
/** Each worker's heap ceiling: a submission that needs more fails alone ("ran out of memory"). */
const WORKER_HEAP_MB = 512;
/** Each worker's young generation: 16 MB grades as fast as V8's default and keeps ~50 MB less resident. */
const WORKER_YOUNG_MB = 16;
const DEFAULT_TIMEOUT_S = 60;

const T = {
  noSubmissions: (paths: string): Record<Lang, string> => ({
    en: `no submissions found in ${paths}: kubedrill grade looks for *.yaml and *.yml files`,
    ko: `${paths}에서 제출 파일을 찾지 못했습니다. kubedrill grade는 *.yaml, *.yml 파일을 찾습니다`,
  }),
  missing: (p: string): Record<Lang, string> => ({ en: `cannot read ${p}: no such file or folder`, ko: `${p}을(를) 읽을 수 없습니다: 파일이나 폴더가 없습니다` }),
  done: (n: number, passed: number, file: string): Record<Lang, string> => ({
    en: `graded ${n} submission${n === 1 ? '' : 's'} (${passed} passed): report written to ${file}`,
    ko: `제출 ${n}개를 채점했습니다(통과 ${passed}). 결과: ${file}`,
  }),
  skippedNote: (n: number): Record<Lang, string> => ({ en: `skipped (not graded): ${n}`, ko: `건너뜀(채점하지 않음): ${n}` }),
  fellBack: {
    en: 'worker threads could not be started: graded in this thread instead',
    ko: '작업 스레드를 시작할 수 없어 이 스레드에서 채점했습니다',
  },
};

export async function run(args: string[], io: Io): Promise<number> {
  const p = parseOptions(args, OPTIONS);
  if (typeof p === 'string') return usage(io, p);
  if (p.values.help) {
    io.stdout.write(HELP);
    return EXIT.ok;
  }
  if (badLang(p.values.lang)) return usage(io, `unknown language "${p.values.lang}" (en or ko)`);
  const lang = langFrom(p.values.lang, io);
  const format = p.values.format ?? (p.values.json ? 'json' : 'text');
  if (!(FORMATS as readonly string[]).includes(format)) return usage(io, `unknown format "${format}" (${FORMATS.join(', ')})`);
  if (p.values.json && format !== 'json') return usage(io, `--json and --format ${format} disagree`);
  const jobs = p.values.jobs === undefined ? undefined : wholeNumber(p.values.jobs);
  if (jobs === null) return usage(io, `--jobs takes a whole number (0 grades in this thread), not "${p.values.jobs}"`);
  const timeoutS = p.values.timeout === undefined ? DEFAULT_TIMEOUT_S : wholeNumber(p.values.timeout);
  if (timeoutS === null) return usage(io, `--timeout takes whole seconds (0: never), not "${p.values.timeout}"`);
  const [id, ...paths] = p.positionals;
  if (id === undefined) return usage(io, 'which exercise? give its ID, then the submissions');
  if (paths.length === 0) return usage(io, 'which submissions? give one or more files or folders after the exercise ID');

  const opened = openPack(p.values.exercises, io, id);
  if (!opened.ok) {
    io.stderr.write(formatFindings(opened.findings, { color: false }));
    return EXIT.usage;
  }
  const ex = lookup(opened.pack, id);
  if (!ex) {
    io.stderr.write(`kubedrill grade: ${unknownExerciseText(opened.pack, id, lang)}`);
    return EXIT.usage;
  }
  // Every submission would fail for the pack's sake, not the learner's.
  if (!referenceIsValid(ex)) {
    io.stderr.write(`kubedrill grade: the reference answer of ${ex.id} (${ex.solutionPath}) ${isClusterExercise(ex) ? 'has no valid objects' : 'is not a valid Pod'}: run kubedrill dev check on the pack\n`);
    return EXIT.usage;
  }

  const t0 = process.hrtime.bigint();
  const init: GraderInit = { exercise: ex, lang };
  // The workers load while the search goes on, once there is enough to grade to need them.
  let pool: GradingPool | undefined;
  const workers = jobs ?? availableParallelism();
  const startPool = () => new GradingPool(init, { size: workers, stallMs: timeoutS * 1000, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_MB } });
  try {
    const found = collectSubmissions(paths, io.cwd, lang, (n) => {
      if (pool === undefined && workers > 0 && (jobs !== undefined || n >= IN_PROCESS_BELOW)) pool = startPool();
    });
    if (!found.ok) return fail(io, T.missing(found.missing)[lang]);
    const { submissions, skipped } = found;
    if (submissions.length === 0) {
      io.stderr.write(`kubedrill grade: ${T.noSubmissions(paths.join(', '))[lang]}\n`);
      writeSkipped(io.stderr.write.bind(io.stderr), skipped, lang);
      return EXIT.usage;
    }
    return await gradeAll({ io, format: format as Format, output: p.values.output, stats: p.values.stats === true, lang, ex, init, submissions, skipped, pool, t0 });
  } finally {
    pool?.close();
  }
}

interface Batch {
  io: Io;
  format: Format;
  output: string | undefined;
  stats: boolean;
  lang: Lang;
  ex: Exercise;
  init: GraderInit;
  submissions: Submission[];
  skipped: Skipped[];
  /** started during the search; none means grade in this thread */
  pool: GradingPool | undefined;
  /** when the search began (for --stats) */
  t0: bigint;
}

async function gradeAll(b: Batch): Promise<number> {
  const { io, format, lang, ex, init, submissions, skipped, pool, t0 } = b;

  let file: AtomicFile | undefined;
  let target: string | undefined;
  if (b.output !== undefined && b.output !== '-') {
    target = path.resolve(io.cwd, b.output);
    const problem = outputProblem(target, submissions.map((s) => s.file));
    if (problem) return fail(io, `--output ${b.output}: ${problem}`);
    try {
      file = openAtomic(target);
    } catch (err) {
      return fail(io, `cannot write ${b.output}: ${ioReason(err)}`);
    }
  }
  // A failed write (a full disk) stops the batch: it is reported as such, not as a bug.
  let writeError: unknown;
  const out: Sink = file
    ? (s) => {
        try {
          file!.write(s);
        } catch (err) {
          writeError ??= err;
          throw err;
        }
      }
    : (s) => void io.stdout.write(s);
  const spool = format === 'junit' ? fileSpool() : undefined;
  const writer = writerFor(format as Format, out, spool);

  const columns = checkColumns(ex, lang);
  const summary = new SummaryBuilder(ex.points, columns);
  let heapPeak = 0;
  let rows = 0;
  const onRow = (r: BatchRow) => {
    summary.add(r);
    writer.row(r);
    if ((++rows & 255) === 0) heapPeak = Math.max(heapPeak, getHeapStatistics().used_heap_size);
  };
  const cleanUp = () => {
    file?.abort();
    spool?.dispose();
  };
  // Ctrl-C while writing --output: leave no temporary file behind, then stop as the signal would.
  const onSignal = (sig: NodeJS.Signals) => {
    cleanUp();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    process.kill(process.pid, sig);
  };
  if (file) {
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
  let stats: RunStats;
  try {
    writer.begin({
      exercise: { id: ex.id, title: localize(ex.title, lang), maxScore: ex.points },
      columns,
      count: submissions.length,
      lang,
      pathWidth: Math.max(0, ...submissions.map((s) => width(oneLine(s.display)))),
    });
    stats = pool ? await pool.run(submissions, onRow) : await gradeInProcess(submissions, init, onRow);
    const s = summary.result();
    writer.end(s, skipped);
    file?.commit();
    if (stats.fellBack) io.stderr.write(`kubedrill grade: ${T.fellBack[lang]}\n`);
    if (target) io.stderr.write(`kubedrill grade: ${T.done(s.submissions, s.passed, displayPath(target, io.cwd))[lang]}\n`);
    if (format === 'csv' && skipped.length > 0) writeSkipped(io.stderr.write.bind(io.stderr), skipped, lang);
    if (b.stats) {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      heapPeak = Math.max(heapPeak, getHeapStatistics().used_heap_size);
      // Under `node --expose-gc` (the bench), also what this thread still holds after the batch.
      const gc = (globalThis as { gc?: () => void }).gc;
      let retained: number | undefined;
      if (gc) {
        gc();
        retained = getHeapStatistics().used_heap_size;
      }
      io.stderr.write(statsLine(s.submissions, ms, stats, heapPeak, retained) + '\n');
    }
    return s.internalErrors > 0 ? EXIT.internal : s.failed > 0 ? EXIT.failed : EXIT.ok;
  } catch (err) {
    cleanUp();
    if (writeError !== undefined) return fail(io, `cannot write ${b.output}: ${ioReason(writeError)}`);
    throw err; // a bug: cli.ts reports it (exit 3)
  } finally {
    spool?.dispose();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

function writerFor(format: Format, out: Sink, spool: ReturnType<typeof fileSpool> | undefined): BatchWriter {
  switch (format) {
    case 'text':
      return textWriter(out);
    case 'json':
      return jsonWriter(out);
    case 'csv':
      return csvWriter(out);
    case 'junit':
      return junitWriter(out, spool!);
    case 'tap':
      return tapWriter(out);
  }
}

/** Why the report cannot go to `target`: a folder, or one of the submissions themselves. */
function outputProblem(target: string, files: readonly string[]): string | undefined {
  let real = target;
  try {
    if (statSync(target).isDirectory()) return 'is a folder: give a file name';
    real = realpathSync(target);
  } catch {
    // does not exist yet: fine
  }
  const mine = new Set([target, real]);
  for (const f of files) {
    let r = f;
    try {
      r = realpathSync(f);
    } catch {
      // a broken link: compare by name only
    }
    if (mine.has(f) || mine.has(r)) return 'is one of the submissions: the report never overwrites a submission';
  }
  return undefined;
}

function writeSkipped(write: (s: string) => unknown, skipped: readonly Skipped[], lang: Lang): void {
  if (skipped.length === 0) return;
  write(`${T.skippedNote(skipped.length)[lang]}\n`);
  for (const k of skipped.slice(0, 20)) write(`  ${oneLine(k.path)} — ${oneLine(k.reason)}\n`);
  if (skipped.length > 20) write(`  … (${skipped.length - 20})\n`);
}

function statsLine(n: number, ms: number, stats: RunStats, heapPeak: number, retained: number | undefined): string {
  const mb = (b: number) => `${(b / 1048576).toFixed(1)} MB`;
  const rss = process.resourceUsage().maxRSS * 1024;
  const where = stats.workersStarted === 0 ? 'in this thread' : `${stats.workersStarted} worker thread${stats.workersStarted === 1 ? '' : 's'} started, ${stats.workersLost} lost`;
  const workerHeap = stats.workersStarted === 0 ? '' : `, ${mb(stats.workerHeapPeak)} (largest worker)`;
  return `kubedrill grade: ${n} submissions in ${(ms / 1000).toFixed(2)} s (${Math.round((n * 1000) / ms)}/s); ${where}; peak RSS ${mb(rss)}; peak heap ${mb(heapPeak)} (this thread)${workerHeap}${retained === undefined ? '' : `; heap after a full collection ${mb(retained)} (this thread)`}`;
}

function wholeNumber(s: string): number | null {
  return /^[0-9]+$/.test(s) && Number(s) <= 1_000_000 ? Number(s) : null;
}

function usage(io: Io, msg: string): number {
  io.stderr.write(`kubedrill grade: ${msg}\n\n${HELP}`);
  return EXIT.usage;
}

function fail(io: Io, msg: string): number {
  io.stderr.write(`kubedrill grade: ${msg}\n`);
  return EXIT.usage;
}
