// Container of one exercise: task, hints, grading (on save, on `r`, after the editor), diff,
// solution, reset and the playback; owns the watch and the grading sequence.
import path from 'node:path';
import { useKeys } from './use-keys.js';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Exercise } from '../exercises/types.js';
import type { GradeResult } from '../grade/types.js';
import { diffRows, sourceRows } from './diff-model.js';
import { bodyHeight, Screen } from './Screen.js';
import { exerciseBody, exerciseHeader, type GradeState } from './exercise-model.js';
import { clusterMessages, type Messages } from './messages.js';
import { PlaybackScreen } from './PlaybackScreen.js';
import { ClusterScreen } from './ClusterScreen.js';
import { progressOf, type EditOutcome, type ProgressSnapshot, type Services, type SimQueries } from './services.js';
import type { Row } from './row-model.js';
import { wrap } from './text.js';

export type ExerciseMode = 'task' | 'diff' | 'solution' | 'playback' | 'confirm-reset';

export interface ExerciseScreenProps {
  readonly ex: Exercise;
  readonly services: Services;
  readonly progress: ProgressSnapshot;
  readonly onProgress: (p: ProgressSnapshot) => void;
  readonly onBack: () => void;
  readonly onNext: () => void;
  readonly onQuit: () => void;
  readonly m: Messages;
  readonly width: number;
  readonly height: number;
}

/** After the editor returns, saves it made are already graded: ignore the watcher that long. */
const EDITOR_QUIET_MS = 400;
/** Ink's render throttle at its default 30 frames per second. */
const INK_FRAME_MS = 34;

export function ExerciseScreen(p: ExerciseScreenProps) {
  const { ex, services, m } = p;
  const lang = services.lang;
  const color = services.color;
  const [file] = useState((): { path: string; created: boolean; error?: string } => {
    try {
      return services.ensureLearnerFile(ex);
    } catch (err) {
      // e.g. a read-only workspace: the learner is told, the grader reports the missing file.
      return { path: services.learnerPath(ex), created: false, error: errorText(err) };
    }
  });
  const [mode, setMode] = useState<ExerciseMode>('task');
  // Every exercise is checked as it opens, so it starts out 'running'.
  const [grade, setGrade] = useState<GradeState>({ kind: 'running' });
  const [offset, setOffset] = useState(0);
  const [follow, setFollow] = useState(false);
  const [note, setNote] = useState<string | undefined>(
    file.error !== undefined ? m.cannotWrite(file.path, file.error) : file.created ? m.fileCreated : undefined,
  );
  const [diffKind, setDiffKind] = useState<'starter' | 'reference'>('starter');
  const [queries, setQueries] = useState<SimQueries | undefined>();
  const seq = useRef(0);
  const quiet = useRef(false);
  const mounted = useRef(true);
  const prog = progressOf(p.progress, ex.id);
  const progressRef = useRef(p.onProgress);
  progressRef.current = p.onProgress;

  const regrade = useCallback(
    async (byLearner: boolean) => {
      const n = ++seq.current;
      setGrade((g) => ({ kind: 'running', ...(g.kind === 'done' ? { previous: g.result } : {}) }));
      let result: GradeResult;
      try {
        result = await services.grade(ex);
      } catch (err) {
        // The grader never throws for learner mistakes; anything here is a bug worth showing.
        if (!mounted.current || n !== seq.current) return;
        setGrade({ kind: 'none' });
        setNote(m.internalError(errorText(err)));
        return;
      }
      if (!mounted.current || n !== seq.current) return;
      setGrade({ kind: 'done', result });
      if (byLearner) {
        progressRef.current(services.recordAttempt(ex, result));
        setFollow(true);
        setNote(result.passed ? m.passedNote : undefined);
      }
    },
    [ex, services],
  );

  useEffect(() => {
    mounted.current = true;
    void regrade(false);
    const stop = services.watch(file.path, () => {
      if (!quiet.current) void regrade(true);
    });
    return () => {
      mounted.current = false;
      stop();
    };
  }, [file.path, regrade, services]);

  const passed = prog.status === 'done' || (grade.kind === 'done' && grade.result.passed);
  const result = grade.kind === 'done' ? grade.result : grade.kind === 'running' ? grade.previous : undefined;

  const [wantPlay, setWantPlay] = useState(false);
  const openPlayback = async () => {
    if (grade.kind === 'running' && !grade.previous) {
      // Still checking the first time: open the playback as soon as there is something to play.
      setWantPlay(true);
      return;
    }
    if (!result || (!result.trace && !result.referenceTrace && !result.cluster)) {
      setNote(m.noTrace);
      return;
    }
    if (!queries) {
      try {
        setQueries(await services.sim());
      } catch (err) {
        // Only a broken installation gets here (e.g. dist/ rebuilt under a running kubedrill).
        setNote(m.internalError(errorText(err)));
        return;
      }
    }
    setMode('playback');
  };

  useEffect(() => {
    if (wantPlay && grade.kind === 'done') {
      setWantPlay(false);
      void openPlayback();
    }
  });

  const [inEditor, setInEditor] = useState(false);
  const edit = async () => {
    quiet.current = true;
    // Draw a different frame first: after the editor, Ink only repaints a frame that differs
    // from the last one it computed, and the screen under it was wiped by the editor. Ink
    // throttles renders (30 fps): waiting past one frame makes sure "editing" was computed.
    setInEditor(true);
    await new Promise((r) => setTimeout(r, INK_FRAME_MS * 2));
    let out: EditOutcome;
    try {
      out = await services.edit(file.path);
    } catch (err) {
      out = { ok: false, command: '$EDITOR', message: errorText(err) };
    }
    setInEditor(false);
    if (out.ok) await regrade(true);
    else setNote(m.editorFailed(out.command, out.message));
    setTimeout(() => {
      quiet.current = false;
    }, EDITOR_QUIET_MS);
  };

  const cols = p.width;
  const header = exerciseHeader({
    ex,
    lang,
    m,
    cols,
    filePath: shownPath(file.path, services.cwd),
    grade,
    ...(mode === 'diff' ? { view: diffKind === 'starter' ? m.diffStarter : m.diffReference } : {}),
    ...(mode === 'solution' ? { view: m.solution } : {}),
  });
  const task = exerciseBody({ ex, lang, m, cols, hintsShown: prog.hintsShown, grade });

  let body: Row[];
  if (mode === 'diff') body = diffBody(result, diffKind, passed, m, cols);
  else if (mode === 'solution') body = passed ? sourceRows(services.solutionText(ex) ?? '') : textRows(m.solutionLocked, cols);
  else body = task.rows;

  const hasNote = note !== undefined || mode === 'confirm-reset' || inEditor;
  const pageH = bodyHeight(p.height, header.length, hasNote);
  const maxOffset = Math.max(0, body.length - pageH);
  const shownOffset = mode === 'task' && follow ? Math.min(task.resultsAt, maxOffset) : Math.min(offset, maxOffset);
  const scroll = (d: number) => {
    setFollow(false);
    setOffset(Math.min(maxOffset, Math.max(0, shownOffset + d)));
  };
  const switchMode = (next: ExerciseMode) => {
    setMode(next);
    setOffset(0);
    setFollow(false);
  };

  useKeys(
    (input, key) => {
      if (mode === 'confirm-reset') {
        if (input === 'y' || input === 'Y') {
          quiet.current = true;
          try {
            const r = services.resetLearnerFile(ex);
            setNote(m.resetDone(r.backup));
          } catch (err) {
            setNote(m.cannotWrite(file.path, errorText(err)));
          }
          setMode('task');
          void regrade(false).then(() => setTimeout(() => (quiet.current = false), EDITOR_QUIET_MS));
        } else if (input === 'n' || input === 'N' || key.escape) {
          setMode('task');
        }
        return;
      }
      if (key.upArrow || input === 'k') return scroll(-1);
      if (key.downArrow || input === 'j') return scroll(1);
      if (key.pageUp) return scroll(-pageH);
      if (key.pageDown || input === ' ') return scroll(pageH);
      if (key.escape || key.backspace || key.delete) {
        if (mode === 'task') p.onBack();
        else switchMode('task');
        return;
      }
      if (input === 'q') return p.onQuit();
      if (mode === 'diff' && key.tab) {
        setDiffKind((d) => (d === 'starter' ? 'reference' : 'starter'));
        setOffset(0);
        return;
      }
      switch (input) {
        case 'e':
          void edit();
          return;
        case 'r':
          void regrade(true);
          return;
        case 'h': {
          const rev = services.revealNextHint(ex);
          p.onProgress(rev.snapshot);
          if (rev.hint === undefined) setNote(ex.hints.length === 0 ? m.noHints : m.noHintsLeft);
          else setNote(undefined);
          if (mode !== 'task') switchMode('task');
          return;
        }
        case 'p':
          void openPlayback();
          return;
        case 'd':
          switchMode(mode === 'diff' ? 'task' : 'diff');
          return;
        case 's':
          switchMode(mode === 'solution' ? 'task' : 'solution');
          return;
        case 'n':
          p.onNext();
          return;
        case 'x':
          setMode('confirm-reset');
          return;
        case 't':
          switchMode('task');
          return;
      }
    },
    { isActive: mode !== 'playback' },
  );

  if (mode === 'playback' && result?.cluster && queries) {
    return (
      <ClusterScreen
        run={result.cluster}
        checks={(p.ex.checks?.behaviour ?? []).map((b) => b.kind)}
        {...(result.divergence ? { divergence: result.divergence } : {})}
        q={queries}
        title={header[0]!}
        m={m}
        cm={clusterMessages(services.lang)}
        width={p.width}
        height={p.height}
        color={color}
        onBack={() => setMode('task')}
        onQuit={p.onQuit}
      />
    );
  }
  if (mode === 'playback' && result && queries) {
    return (
      <PlaybackScreen
        result={result}
        q={queries}
        title={header[0]!}
        m={m}
        width={p.width}
        height={p.height}
        color={color}
        onBack={() => setMode('task')}
        onQuit={p.onQuit}
      />
    );
  }

  const keys =
    mode === 'confirm-reset'
      ? [m.keys.yesNo]
      : mode === 'diff'
        ? [m.keys.switchDiff, m.keys.scroll, m.keys.edit, m.keys.back, m.keys.quit]
        : [
            m.keys.edit,
            m.keys.regrade,
            m.keys.hint,
            m.keys.play,
            m.keys.diff,
            ...(passed ? [m.keys.solution] : []),
            m.keys.next,
            m.keys.reset,
            m.keys.scroll,
            m.keys.back,
            m.keys.quit,
          ];
  const shownNote = mode === 'confirm-reset' ? m.resetAsk(ex.file) : inEditor ? m.inEditor : note;
  return (
    <Screen
      header={header}
      body={body}
      offset={shownOffset}
      width={p.width}
      height={p.height}
      color={color}
      keys={keys}
      {...(shownNote !== undefined ? { note: shownNote } : {})}
    />
  );
}

function textRows(text: string, cols: number): Row[] {
  return wrap(text, cols).map((t) => ({ spans: [{ text: t, tone: 'muted' as const }] }));
}

function diffBody(r: GradeResult | undefined, kind: 'starter' | 'reference', passed: boolean, m: Messages, cols: number): Row[] {
  if (!r) return textRows(m.diffNone, cols);
  if (kind === 'reference' && !passed) return textRows(m.diffReferenceLocked, cols);
  const text = kind === 'starter' ? r.diffStarter : r.diffReference;
  return text.trim() === '' ? textRows(m.diffEmpty, cols) : diffRows(text);
}

/** The learner's file relative to where kubedrill was started, when it lies under it. */
export function shownPath(file: string, cwd: string | undefined): string {
  if (cwd === undefined) return file;
  const rel = path.relative(cwd, file);
  return rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? file : rel;
}

const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));
