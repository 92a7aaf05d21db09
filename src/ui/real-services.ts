// The real Services: pack, workspace and progress now (the list needs them), the grader and the
// simulator's queries only when an exercise is opened (dynamic imports keep the first frame fast).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Pack } from '../exercises/pack.js';
import { loadProgress, progressNoticeText, recordAttempt, revealNextHint, saveProgress, type Progress } from '../exercises/progress.js';
import type { Lang } from '../exercises/types.js';
import type { Workspace } from '../exercises/workspace.js';
import { runEditor, type Suspender } from './editor.js';
import type { LastExam, ProgressSnapshot, Services, SimQueries } from './services.js';
import { watchFileChanges } from './watch.js';

export interface RealServicesOptions {
  pack: Pack;
  workspace: Workspace;
  lang: Lang;
  color: boolean;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** where the grader may cache reference traces */
  cacheDir?: string;
  terminal: Suspender;
}

export function realServices(o: RealServicesOptions): Services {
  let notice: string | undefined;
  let progress: Progress = loadProgress(o.workspace, { onNotice: (n) => (notice = progressNoticeText(n, o.lang, o.cwd)) });
  const snapshot = (): ProgressSnapshot => ({ ...progress.exercises });
  const commit = (p: Progress): ProgressSnapshot => {
    progress = p;
    try {
      saveProgress(o.workspace, p);
    } catch {
      // A read-only workspace must not end the session; progress stays in memory.
    }
    return snapshot();
  };
  let queries: Promise<SimQueries> | undefined;
  return {
    lang: o.lang,
    color: o.color,
    workspaceDir: o.workspace.dir,
    cwd: o.cwd,
    exercises: o.pack.exercises,
    ...(notice !== undefined ? { notice } : {}),
    ...lastExamOf(progress),
    progress: snapshot,
    recordAttempt: (ex, result) => commit(recordAttempt(progress, ex.id, result)),
    revealNextHint(ex) {
      const r = revealNextHint(progress, ex);
      const snap = commit(r.progress);
      return { snapshot: snap, index: r.index, total: r.total, ...(r.hint ? { hint: r.hint } : {}) };
    },
    learnerPath: (ex) => o.workspace.learnerPath(ex),
    ensureLearnerFile: (ex) => o.workspace.ensureLearnerFile(ex),
    resetLearnerFile: (ex) => o.workspace.resetLearnerFile(ex),
    solutionText(ex) {
      try {
        return readFileSync(ex.solutionPath, 'utf8');
      } catch {
        return undefined;
      }
    },
    async grade(ex) {
      const g = await import('../grade/index.js');
      const file = o.workspace.learnerPath(ex);
      const rel = path.relative(o.cwd, file);
      const displayName = rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
      return g.gradeFile(ex, file, { lang: o.lang, displayName, ...(o.cacheDir ? { cacheDir: o.cacheDir } : {}) });
    },
    sim() {
      queries ??= Promise.all([import('../sim/query.js'), import('../sim/render/format.js'), import('../sim/render/events.js'), import('../sim/render/transcript.js')]).then(
        ([q, f, e, tr]) => ({
          eventObjectsAt: q.eventObjectsAt,
          humanDuration: f.humanDuration,
          ageAt: f.ageAt,
          formatEventTable: (events, atMs) => e.formatEventTable(events, atMs),
          transcript: (trace, opts) => tr.renderTranscript(trace, opts),
        }),
      );
      return queries;
    },
    edit: async (file) => runEditor(file, o.env, o.terminal),
    watch: (file, onChange) => watchFileChanges(file, onChange),
  };
}

function lastExamOf(p: Progress): { lastExam?: LastExam } {
  const last = p.exams?.[p.exams.length - 1];
  return last ? { lastExam: { score: last.score, passed: last.passed, taken: p.exams!.length } } : {};
}
