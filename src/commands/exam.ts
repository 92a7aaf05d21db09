// `kubedrill exam`: a timed, scored mock exam. The TUI on a terminal; `--plain` for scripts (start
// or resume and print the sheet, `--submit` to grade). The wall clock is read here and nowhere
// else: the exam model gets it as a Clock.
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { badLang, CACHE_DIR, COMMON_OPTIONS, langFrom, openPack, openWs, parseOptions } from '../exercises/context.js';
import { localize, type Pack } from '../exercises/pack.js';
import { loadProgress, noticeToStderr, progressNoticeText, recordExam, saveProgress } from '../exercises/progress.js';
import type { Lang } from '../exercises/types.js';
import { ioReason, type Workspace } from '../exercises/workspace.js';
import { examMessages } from '../exam/messages.js';
import { autoSubmit, formatClock, remainingMs, submit, toggleFlag, visit } from '../exam/model.js';
import { ensureTaskFiles, examRecord, gradeExam, missingExercises, observeAnswers, startExam, taskExercise, type ExamOptions } from '../exam/session.js';
import { archiveState, loadState, saveState, taskPath } from '../exam/store.js';
import { formatHistory, formatReview, formatSheet, reviewJson, sheetJson, type TaskInfo } from '../exam/text.js';
import type { Clock, ExamState, ExamTask } from '../exam/types.js';
import { formatFindings } from '../report/findings.js';
import { EXIT, type Io } from './io.js';

export const HELP = `Usage: kubedrill exam [--tasks N] [--minutes M] [--seed S] [--resume | --new]
       kubedrill exam --plain [--submit] [--flag N] [--json]
       kubedrill exam --history [--json]

A timed, scored mock exam: N tasks drawn from the pack (spread over the curriculum domains,
weighted by points and difficulty), a countdown, flags, and no hints, solutions or grading
until you submit. Pass mark 66 % of the weighted score. Then a review per task and per domain,
and the solutions open. Answers live in kubedrill-workspace/exam/<exam-id>/, apart from your
exercise files. The exam's clock runs while kubedrill is closed, as the real exam's does.

Options:
  --tasks N         how many tasks (default: 8, or the pack's size if smaller)
  --minutes M       the time allowed (default: the tasks' time budgets, at most 120)
  --seed S          which tasks are drawn (default: from the clock; shown in the review)
  --resume          resume the exam in progress without asking
  --new             start a new exam even if one is in progress (the old one stays in its folder)
  --plain           no TUI: start (or resume) the exam and print the tasks, their files and the time left
  --submit          with --plain: submit, grade and print the review (exit 0 passed, 1 failed)
  --flag N          with --plain: flag task N (again to unflag)
  --history         the submitted exams: date, score, passed, per domain
  --json            with --plain or --history: JSON
  --lang en|ko      language of the texts
  --exercises DIR   use another exercise pack (or set KUBEDRILL_EXERCISES)
  --workspace DIR   where your files, exams and progress live (or set KUBEDRILL_WORKSPACE)

Exit codes: 0 ok (or passed), 1 the submitted exam failed, 2 usage error, no terminal (use
--plain), no exam to submit, broken pack or exam state, 3 internal error.
`;

const OPTIONS = {
  ...COMMON_OPTIONS,
  tasks: { type: 'string' },
  minutes: { type: 'string' },
  seed: { type: 'string' },
  resume: { type: 'boolean' },
  new: { type: 'boolean' },
  plain: { type: 'boolean' },
  submit: { type: 'boolean' },
  flag: { type: 'string' },
  history: { type: 'boolean' },
} as const;

export const systemClock: Clock = { now: () => Date.now() };

export function run(args: string[], io: Io): Promise<number> {
  return runExam(args, io, systemClock);
}

function wholeNumber(v: string | undefined, name: string, min: number, max: number): number | undefined | string {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) return `${name} must be a whole number from ${min} to ${max}, not "${v}"`;
  return Number(v);
}

/** The command with its clock injected (tests pass a fake one). */
export async function runExam(args: string[], io: Io, clock: Clock): Promise<number> {
  const usage = (msg: string) => {
    io.stderr.write(`kubedrill exam: ${msg}\n\n${HELP}`);
    return EXIT.usage;
  };
  const p = parseOptions(args, OPTIONS);
  if (typeof p === 'string') return usage(p);
  const v = p.values;
  if (v.help) {
    io.stdout.write(HELP);
    return EXIT.ok;
  }
  if (p.positionals.length > 0) return usage(`unexpected argument "${p.positionals[0]}"`);
  if (badLang(v.lang)) return usage(`unknown language "${v.lang}" (en or ko)`);
  if (v.resume && v.new) return usage('--resume and --new exclude each other');
  if ((v.submit || v.flag !== undefined) && !v.plain) return usage(`${v.submit ? '--submit' : '--flag'} goes with --plain (in the TUI, S submits and f flags)`);
  const tasks = wholeNumber(v.tasks, '--tasks', 1, 100);
  const minutes = wholeNumber(v.minutes, '--minutes', 1, 24 * 60);
  const seed = wholeNumber(v.seed, '--seed', 0, 2 ** 32 - 1);
  const flag = wholeNumber(v.flag, '--flag', 1, 100);
  for (const x of [tasks, minutes, seed, flag]) if (typeof x === 'string') return usage(x);
  const lang = langFrom(v.lang, io);
  const m = examMessages(lang);
  const ws = openWs(v.workspace, io);

  if (v.history) {
    const exams = loadProgress(ws, noticeToStderr(io.stderr, lang)).exams ?? [];
    io.stdout.write(v.json ? JSON.stringify(exams, null, 2) + '\n' : formatHistory(exams, lang));
    return EXIT.ok;
  }

  const opened = openPack(v.exercises, io, undefined, ws);
  if (!opened.ok) {
    io.stderr.write(formatFindings(opened.findings, { color: false }));
    return EXIT.usage;
  }
  const pack = opened.pack;
  if (pack.exercises.length === 0) {
    io.stderr.write('kubedrill exam: the exercise pack has no exercises\n');
    return EXIT.usage;
  }
  const examOpts: ExamOptions = {
    ...(typeof tasks === 'number' ? { tasks: Math.min(tasks, pack.exercises.length) } : {}),
    ...(typeof minutes === 'number' ? { minutes } : {}),
    ...(typeof seed === 'number' ? { seed } : {}),
  };
  if (typeof tasks === 'number' && tasks > pack.exercises.length) {
    io.stderr.write(`kubedrill exam: the pack has ${pack.exercises.length} exercises: the exam has ${pack.exercises.length} tasks\n`);
  }

  const loaded = loadState(ws.dir);
  let current: ExamState | undefined;
  let notice: string | undefined;
  if (loaded.kind === 'corrupt') {
    notice = m.corruptState(shown(loaded.file, io.cwd), loaded.reason, loaded.backup && path.basename(loaded.backup), loaded.why);
    io.stderr.write(`kubedrill exam: ${notice}\n`);
    if (!loaded.backup) return EXIT.usage;
  } else if (loaded.kind === 'ok') current = loaded.state;
  if (current) {
    const missing = missingExercises(current, pack);
    if (missing.length > 0 && !(v.new || current.phase.kind === 'submitted')) {
      io.stderr.write(`kubedrill exam: ${m.foreignPack(missing)}\n`);
      return EXIT.usage;
    }
    // A task file deleted meanwhile comes back as its starter (an answer is never overwritten).
    if (current.phase.kind === 'running' && missing.length === 0 && !v.new) {
      try {
        ensureTaskFiles(current, pack, ws.dir);
      } catch (err) {
        io.stderr.write(`kubedrill exam: cannot restore the exam's files in ${shown(ws.dir, io.cwd)}: ${ioReason(err)}\n`);
      }
    }
  }
  const ctx: Ctx = { io, clock, pack, ws, lang, json: v.json === true };
  if (v.plain) return plain(ctx, current, { submit: v.submit === true, fresh: v.new === true, ...(typeof flag === 'number' ? { flag } : {}), examOpts, newOptionsGiven: v.tasks !== undefined || v.minutes !== undefined || v.seed !== undefined });
  return tui(ctx, current, { resume: v.resume === true, fresh: v.new === true, examOpts, ...(notice !== undefined ? { notice } : {}) });
}

interface Ctx {
  io: Io;
  clock: Clock;
  pack: Pack;
  ws: Workspace;
  lang: Lang;
  json: boolean;
}

function shown(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

export function taskInfo(ctx: Pick<Ctx, 'pack' | 'ws' | 'lang'> & { cwd: string }, s: ExamState): (t: ExamTask) => TaskInfo {
  return (t) => {
    const ex = taskExercise(s, ctx.pack, t.n);
    return { title: localize(ex.title, ctx.lang), text: localize(ex.task, ctx.lang), file: shown(taskPath(ctx.ws.dir, s, t), ctx.cwd), solution: shown(ex.solutionPath, ctx.cwd) };
  };
}

type Warn = (message: string) => void;
const toStderr = (ctx: Ctx): Warn => (msg) => void ctx.io.stderr.write(`kubedrill exam: ${msg}\n`);

/** Saves; a failure is said and the command goes on (the answers are files of their own). */
function save(ctx: Ctx, s: ExamState, warn: Warn = toStderr(ctx)): void {
  try {
    saveState(ctx.ws.dir, s);
  } catch (err) {
    warn(examMessages(ctx.lang).cannotSave(ioReason(err)));
  }
}

/** A new exam, the one it replaces kept in its own folder. */
function begin(ctx: Ctx, previous: ExamState | undefined, o: ExamOptions): ExamState | number {
  try {
    if (previous) archiveState(ctx.ws.dir, previous);
    const s = startExam(ctx.pack, ctx.ws.dir, ctx.clock, o);
    saveState(ctx.ws.dir, s);
    return s;
  } catch (err) {
    ctx.io.stderr.write(`kubedrill exam: cannot start an exam in ${shown(ctx.ws.dir, ctx.io.cwd)}: ${ioReason(err)}\n`);
    return EXIT.usage;
  }
}

/** Grades a submitted exam, saves it and records it in the history. */
async function finish(ctx: Ctx, s: ExamState, warn: Warn = toStderr(ctx)): Promise<ExamState> {
  const { state } = await gradeExam(s, ctx.pack, ctx.ws.dir, { lang: ctx.lang, cwd: ctx.io.cwd, cacheDir: path.join(ctx.ws.dir, CACHE_DIR) });
  save(ctx, state, warn);
  try {
    const progress = loadProgress(ctx.ws, { onNotice: (n) => warn(progressNoticeText(n, ctx.lang, ctx.io.cwd)) });
    saveProgress(ctx.ws, recordExam(progress, examRecord(state, state.review!)));
  } catch (err) {
    warn(`the result could not be added to your progress in ${shown(ctx.ws.dir, ctx.io.cwd)}: ${ioReason(err)}`);
  }
  return state;
}

function printReview(ctx: Ctx, s: ExamState): number {
  const info = taskInfo({ ...ctx, cwd: ctx.io.cwd }, s);
  const r = s.review!;
  ctx.io.stdout.write(ctx.json ? JSON.stringify(reviewJson(s, r, info), null, 2) + '\n' : formatReview(s, r, info, ctx.lang));
  return r.passed ? EXIT.ok : EXIT.failed;
}

async function plain(
  ctx: Ctx,
  current: ExamState | undefined,
  o: { submit: boolean; fresh: boolean; flag?: number; examOpts: ExamOptions; newOptionsGiven: boolean },
): Promise<number> {
  const m = examMessages(ctx.lang);
  let s: ExamState;
  if (o.submit) {
    if (!current) {
      ctx.io.stderr.write(`kubedrill exam: ${m.noExam} ${m.startOne}\n`);
      return EXIT.usage;
    }
    if (current.phase.kind === 'submitted' && current.review) return printReview(ctx, current);
    s = current.phase.kind === 'running' ? autoSubmit(current, ctx.clock.now()) : current;
    if (s.phase.kind === 'running') s = submit(observeAnswers(s, ctx.pack, ctx.ws.dir), ctx.clock.now(), 'learner');
    return printReview(ctx, await finish(ctx, s));
  }
  if (current && current.phase.kind === 'running' && !o.fresh) {
    if (o.newOptionsGiven) ctx.io.stderr.write('kubedrill exam: an exam is in progress: resuming it (--tasks, --minutes and --seed are for a new one: add --new)\n');
    s = autoSubmit(current, ctx.clock.now());
    if (s.phase.kind === 'submitted') return printReview(ctx, await finish(ctx, observeAnswers(s, ctx.pack, ctx.ws.dir)));
  } else {
    const b = begin(ctx, current, o.examOpts);
    if (typeof b === 'number') return b;
    s = b;
  }
  if (o.flag !== undefined) {
    if (o.flag > s.tasks.length) {
      ctx.io.stderr.write(`kubedrill exam: there is no task ${o.flag} (the exam has ${s.tasks.length})\n`);
      return EXIT.usage;
    }
    s = toggleFlag(s, o.flag);
  }
  // Printing the sheet shows every task: each one is visited.
  s = s.tasks.reduce((acc, t) => visit(acc, t.n), observeAnswers(s, ctx.pack, ctx.ws.dir));
  s = { ...s, current: 1 };
  save(ctx, s);
  const now = ctx.clock.now();
  const info = taskInfo({ ...ctx, cwd: ctx.io.cwd }, s);
  const submitCmd = 'kubedrill exam --plain --submit';
  ctx.io.stdout.write(ctx.json ? JSON.stringify(sheetJson(s, now, info), null, 2) + '\n' : formatSheet(s, now, info, ctx.lang, submitCmd));
  return EXIT.ok;
}


async function tui(ctx: Ctx, current: ExamState | undefined, o: { resume: boolean; fresh: boolean; examOpts: ExamOptions; notice?: string }): Promise<number> {
  const { io } = ctx;
  const stdin = process.stdin;
  if (io.stdout.isTTY !== true || !stdin.isTTY || io.stdout !== process.stdout) {
    io.stderr.write(
      ctx.lang === 'ko'
        ? 'kubedrill exam: 시험 화면은 터미널이 필요합니다. 스크립트에서는 `kubedrill exam --plain`을 사용하세요.\n'
        : 'kubedrill exam: the exam screen needs a terminal (stdin and stdout must be a TTY); in scripts use `kubedrill exam --plain`.\n',
    );
    return EXIT.usage;
  }
  const ui = Promise.all([
    import('ink'),
    import('react').then((m) => m.default ?? m),
    import('../ui/ExamApp.js'),
    import('../ui/exam-services.js'),
    import('../ui/yoga.js').then((m) => m.initYoga()),
    import('./tui.js'),
  ]);
  ui.catch(() => {});
  try {
    mkdirSync(ctx.ws.dir, { recursive: true });
  } catch {
    // reported when the exam is started
  }
  let start: ExamState;
  let ask = false;
  if (current && current.phase.kind === 'running' && !o.fresh) {
    start = current;
    ask = !o.resume;
  } else {
    const b = begin(ctx, current, o.examOpts);
    if (typeof b === 'number') return b;
    start = b;
  }
  const [{ render }, React, { ExamApp }, { realExamServices }, , { colorEnabled, runFullScreen }] = await ui;
  let last = start;
  await runFullScreen((terminal) => {
    const services = realExamServices({
      pack: ctx.pack,
      workspace: ctx.ws,
      lang: ctx.lang,
      color: colorEnabled(io.env),
      env: io.env,
      cwd: io.cwd,
      clock: ctx.clock,
      terminal,
      onState: (s: ExamState) => (last = s),
      finish: (s: ExamState, warn: Warn) => finish(ctx, s, warn),
      startNew: (previous: ExamState) => {
        const b = begin(ctx, previous, o.examOpts);
        if (typeof b === 'number') throw new Error('could not start a new exam (see above)');
        return b;
      },
    });
    return render(React.createElement(ExamApp, { services, initial: start, askResume: ask, ...(o.notice !== undefined ? { notice: o.notice } : {}) }), { exitOnCtrlC: true, patchConsole: false });
  });
  if (last.phase.kind === 'running') {
    const left = remainingMs(last, ctx.clock.now());
    io.stdout.write(examMessages(ctx.lang).stillRunning(last.id, formatClock(left)) + '\n');
  }
  return EXIT.ok;
}
