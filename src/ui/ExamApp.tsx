// The root container of `kubedrill exam`: the resume prompt, the task list and tasks with the
// countdown, the submit confirmation, grading, and the review. Owns the exam state, the clock tick
// and every save; the rows come from exam-model.ts.
import { useApp } from 'ink';
import { useEffect, useRef, useState } from 'react';
import { examMessages } from '../exam/messages.js';
import { autoSubmit, counts, formatClock, observe, remainingMs, submit, toggleFlag, visit } from '../exam/model.js';
import type { ExamState } from '../exam/types.js';
import { sourceRows } from './diff-model.js';
import { examHeader, reviewHeader, reviewRows, reviewTaskRows, taskListRows, taskRows } from './exam-model.js';
import type { ExamServices } from './exam-services.js';
import { messages } from './messages.js';
import type { Row } from './row-model.js';
import { bodyHeight, Screen } from './Screen.js';
import { useKeys } from './use-keys.js';
import { useTerminalSize, type Size } from './use-terminal-size.js';

export type ExamMode = 'ask' | 'list' | 'task' | 'confirm' | 'grading' | 'review' | 'review-task' | 'solution';

export interface ExamAppProps {
  readonly services: ExamServices;
  readonly initial: ExamState;
  /** an exam was in progress: ask before resuming it */
  readonly askResume?: boolean;
  readonly size?: Size;
  /** how often the countdown is redrawn (tests use a short one with a fake clock) */
  readonly tickMs?: number;
  /** said on the first screen, e.g. that a corrupt state file was kept as a backup */
  readonly notice?: string;
}

/** Ticks only bring the used time up to date; they are saved this often (the clock runs while closed anyway). */
const SAVE_EVERY_MS = 15_000;
/** Answers saved from another window (not through `e`) show as answered within this long. */
const ANSWER_CHECK_MS = 2_000;
const INK_FRAME_MS = 34;

export function ExamApp({ services, initial, askResume, size, tickMs = 1000, notice }: ExamAppProps) {
  const { exit } = useApp();
  const term = useTerminalSize();
  const { width, height } = size ?? term;
  const { lang, clock } = services;
  const m = examMessages(lang);
  const k = messages(lang).examKeys;
  const firstMode = (s: ExamState): ExamMode => (s.phase.kind === 'submitted' ? (s.review ? 'review' : 'grading') : askResume ? 'ask' : 'list');
  const [exam, setExamState] = useState<ExamState>(() => autoSubmit(initial, clock.now()));
  const [mode, setModeState] = useState<ExamMode>(() => firstMode(autoSubmit(initial, clock.now())));
  const [sel, setSel] = useState(initial.current);
  const [offset, setOffset] = useState(0);
  const [note, setNote] = useState<string | undefined>(notice);
  const [now, setNow] = useState(() => clock.now());
  const live = useRef({ exam, mode, sel });
  live.current = { exam, mode, sel };
  const lastSave = useRef(clock.now());
  const lastAnswerCheck = useRef(clock.now());
  const grading = useRef(false);

  const setExam = (s: ExamState, persist = true) => {
    live.current = { ...live.current, exam: s };
    setExamState(s);
    services.onState?.(s);
    if (persist) {
      lastSave.current = clock.now();
      const why = services.save(s);
      if (why !== undefined) setNote(m.cannotSave(why));
    }
  };
  const setMode = (md: ExamMode) => {
    live.current = { ...live.current, mode: md };
    setModeState(md);
    setOffset(0);
  };
  const select = (n: number) => {
    live.current = { ...live.current, sel: n };
    setSel(n);
  };

  const grade = async (s: ExamState) => {
    if (grading.current) return;
    grading.current = true;
    setMode('grading');
    const notes: string[] = [];
    let done: ExamState;
    try {
      done = await services.finish(s, (msg) => notes.push(msg));
    } catch (err) {
      grading.current = false;
      setNote(messages(lang).internalError(err instanceof Error ? err.message : String(err)));
      return;
    }
    setExam(done, false);
    select(1);
    setMode('review');
    setNote(notes.length > 0 ? notes.join('; ') : undefined);
  };

  // The first state: a resumed exam whose time ran out while closed is submitted and graded now.
  useEffect(() => {
    services.onState?.(exam);
    if (exam.phase.kind === 'submitted' && !exam.review) void grade(exam);
    else if (exam !== initial) services.save(exam);
  }, []);

  useEffect(() => {
    const timer = setInterval(() => {
      const t = clock.now();
      setNow(t);
      const cur = live.current.exam;
      if (cur.phase.kind !== 'running') return;
      let next = autoSubmit(cur, t);
      if (next.phase.kind === 'submitted') {
        setExam(next);
        void grade(next);
        return;
      }
      let answersChanged = false;
      if (t - lastAnswerCheck.current >= ANSWER_CHECK_MS || t < lastAnswerCheck.current) {
        lastAnswerCheck.current = t;
        const seen = next.tasks.reduce((acc, task) => services.observeAnswer(acc, task.n), next);
        answersChanged = seen.tasks.some((task, i) => task.answered !== next.tasks[i]!.answered);
        next = seen;
      }
      if (answersChanged || t - lastSave.current >= SAVE_EVERY_MS || t < lastSave.current) setExam(next);
      else setExam(next, false);
    }, tickMs);
    return () => clearInterval(timer);
  }, []);

  const [inEditor, setInEditor] = useState(false);
  const edit = async (n: number) => {
    const cur = live.current.exam;
    const t = cur.tasks[n - 1];
    if (!t) return;
    setExam(visit(cur, n));
    setInEditor(true);
    await new Promise((r) => setTimeout(r, INK_FRAME_MS * 2));
    const out = await services.edit(services.taskFile(cur, t)).catch((err: unknown) => ({ ok: false as const, command: '$EDITOR', message: String(err) }));
    setInEditor(false);
    const after = clock.now();
    setNow(after);
    let s = services.observeAnswer(observe(live.current.exam, after), n);
    if (s.phase.kind === 'running' && remainingMs(s, after) <= 0) {
      s = submit(s, after, 'timeout');
      setExam(s);
      void grade(s);
      return;
    }
    setExam(s);
    setNote(out.ok ? undefined : m.editorFailed(out.command, out.message));
  };

  const header: Row[] =
    exam.review && (mode === 'review' || mode === 'review-task' || mode === 'solution')
      ? reviewHeader(exam, exam.review, lang, width, mode === 'solution' ? messages(lang).solution : undefined)
      : examHeader(exam, now, lang, width);
  const title = (n: number) => services.exercise(exam, n).title[lang];
  let body: Row[];
  let keys: string[];
  let shownNote = note;
  switch (mode) {
    case 'ask':
      body = [{ spans: [{ text: m.resumeAsk(exam.id, formatClock(remainingMs(exam, now))), bold: true }] }, { spans: [] }, ...taskListRows(exam, 0, (t) => title(t.n), lang, width)];
      keys = [k.resume, k.fresh, k.quitReview];
      break;
    case 'list':
      body = taskListRows(exam, sel, (t) => title(t.n), lang, width);
      keys = [k.move, k.open, k.flag, k.edit, k.submit, k.quit];
      break;
    case 'task':
    case 'confirm': {
      const t = exam.tasks[sel - 1]!;
      body = mode === 'task' ? taskRows(t, services.exercise(exam, sel), services.shown(services.taskFile(exam, t)), lang, width) : taskListRows(exam, sel, (x) => title(x.n), lang, width);
      keys = mode === 'confirm' ? [messages(lang).keys.yesNo] : [k.edit, k.flag, k.next, k.prev, k.scroll, k.tasks, k.submit, k.quit];
      if (mode === 'confirm') {
        const c = counts(exam);
        shownNote = m.submitAsk(c.answered, c.tasks, c.flagged);
      }
      break;
    }
    case 'grading':
      body = [{ spans: [{ text: m.grading, tone: 'warn' }] }];
      keys = [];
      break;
    case 'review':
      body = exam.review ? reviewRows(exam.review, sel, title, lang, width) : [];
      keys = [k.move, k.details, k.solution, k.quitReview];
      break;
    case 'review-task': {
      const t = exam.tasks[sel - 1]!;
      const ex = services.exercise(exam, sel);
      body = exam.review ? reviewTaskRows(exam.review, sel, { title: ex.title[lang], text: ex.task[lang], file: services.shown(services.taskFile(exam, t)), solution: services.shown(ex.solutionPath) }, lang, width) : [];
      keys = [k.solution, k.next, k.prev, k.scroll, k.back, k.quitReview];
      break;
    }
    case 'solution': {
      const text = services.solutionText(exam, sel);
      body = text === undefined ? [{ spans: [{ text: m.solutionMissing, tone: 'bad' }] }] : [{ spans: [{ text: `${m.task(sel, exam.tasks[sel - 1]!.weight)}  ${title(sel)}`, tone: 'accent', bold: true }] }, ...sourceRows(text)];
      keys = [k.next, k.prev, k.scroll, k.back, k.quitReview];
      break;
    }
  }
  if (inEditor) shownNote = m.editing;
  const hasNote = shownNote !== undefined;
  const pageH = bodyHeight(height, header.length, hasNote);
  const maxOffset = Math.max(0, body.length - pageH);
  const scroll = (d: number) => setOffset((o) => Math.min(maxOffset, Math.max(0, Math.min(o, maxOffset) + d)));

  useKeys(
    (input, key) => {
      const { exam: cur, mode: md, sel: n } = live.current;
      const last = cur.tasks.length;
      const move = (d: number) => select(Math.min(last, Math.max(1, n + d)));
      const open = (target: number) => {
        select(target);
        setExam(visit(cur, target));
        setMode('task');
      };
      if (input === 'q' && md !== 'confirm') {
        if (cur.phase.kind === 'running') setExam(observe(cur, clock.now()));
        exit();
        return;
      }
      switch (md) {
        case 'ask':
          if (input === 'r') setMode('list');
          else if (input === 'n') {
            try {
              const fresh = services.startNew(cur);
              setExam(fresh, false);
              select(1);
              setMode('list');
            } catch (err) {
              setNote(messages(lang).internalError(err instanceof Error ? err.message : String(err)));
            }
          }
          return;
        case 'list':
          if (key.upArrow || input === 'k') move(-1);
          else if (key.downArrow || input === 'j') move(1);
          else if (key.return) open(n);
          else if (input === 'f') setExam(toggleFlag(cur, n));
          else if (input === 'e') void edit(n);
          else if (input === 'S') setMode('confirm');
          return;
        case 'task':
          if (key.upArrow || input === 'k') scroll(-1);
          else if (key.downArrow || input === 'j') scroll(1);
          else if (key.pageUp) scroll(-pageH);
          else if (key.pageDown || input === ' ') scroll(pageH);
          else if (input === 'n' && n < last) open(n + 1);
          else if (input === 'p' && n > 1) open(n - 1);
          else if (input === 'f') setExam(toggleFlag(cur, n));
          else if (input === 'e') void edit(n);
          else if (input === 'S') setMode('confirm');
          else if (key.escape || key.backspace || key.delete) setMode('list');
          return;
        case 'confirm':
          if (input === 'y' || input === 'Y') {
            const s = submit(cur, clock.now(), 'learner');
            setExam(s);
            void grade(s);
          } else if (input === 'n' || input === 'N' || key.escape) setMode('list');
          return;
        case 'grading':
          return;
        case 'review':
          if (key.upArrow || input === 'k') move(-1);
          else if (key.downArrow || input === 'j') move(1);
          else if (key.return) setMode('review-task');
          else if (input === 's') setMode('solution');
          return;
        case 'review-task':
        case 'solution':
          if (key.upArrow || input === 'k') scroll(-1);
          else if (key.downArrow || input === 'j') scroll(1);
          else if (key.pageUp) scroll(-pageH);
          else if (key.pageDown || input === ' ') scroll(pageH);
          else if (input === 'n' && n < last) {
            move(1);
            setOffset(0);
          } else if (input === 'p' && n > 1) {
            move(-1);
            setOffset(0);
          } else if (input === 's') setMode(md === 'solution' ? 'review-task' : 'solution');
          else if (key.escape || key.backspace || key.delete) setMode('review');
          return;
      }
    },
    { isActive: !inEditor },
  );

  return (
    <Screen
      header={header}
      body={body}
      offset={Math.min(offset, maxOffset)}
      width={width}
      height={height}
      color={services.color}
      keys={keys}
      {...(shownNote !== undefined ? { note: shownNote } : {})}
    />
  );
}
