// One submission -> one compact row: the grader's checks and score, without its traces and diffs.
// The same code grades in-process and in the pool's worker threads, so both give the same rows.
import { localize } from '../../exercises/pack.js';
import type { Exercise, Lang } from '../../exercises/types.js';
import { gradeFile, isClusterExercise, prepareExercise } from '../index.js';
import { loc as gradeLoc, M, STAGE_TITLE, STAGE_TITLE_OBJECTS } from '../messages.js';
import type { CheckStatus, GradeResult } from '../types.js';
import { B, loc } from './messages.js';
import type { BatchRow, CheckColumn, FailedCheck, GraderInit, Submission } from './types.js';

/** Every check of the exercise in the order the grader reports them: yaml, schema, api, then the pack's. */
export function checkColumns(ex: Exercise, lang: Lang): CheckColumn[] {
  const titles = isClusterExercise(ex) ? STAGE_TITLE_OBJECTS : STAGE_TITLE;
  const stages = (['yaml', 'schema', 'api'] as const).map((s) => ({ id: s, stage: s, title: gradeLoc(titles[s], lang) }));
  const c = ex.checks ?? { expect: [], preserve: [], behaviour: [] };
  return [
    ...stages,
    ...c.expect.map((x) => ({ id: x.id, stage: 'expect' as const, title: localize(x.title, lang) })),
    ...c.preserve.map((x) => ({ id: x.id, stage: 'preserve' as const, title: localize(x.title, lang) })),
    ...c.behaviour.map((x) => ({ id: x.id, stage: 'behaviour' as const, title: localize(x.title, lang) })),
  ];
}

export function rowFrom(s: Submission, r: GradeResult, columns: readonly CheckColumn[]): BatchRow {
  const status = new Map<string, CheckStatus>();
  const failed: FailedCheck[] = [];
  for (const c of r.checks) {
    status.set(c.id, c.status);
    if (c.status !== 'fail') continue;
    const f: FailedCheck = { id: c.id, stage: c.stage, title: c.title, message: c.message };
    if (c.file !== undefined) f.file = c.file;
    if (c.line !== undefined) f.line = c.line;
    if (c.col !== undefined) f.col = c.col;
    failed.push(f);
  }
  return { index: s.index, submission: s.display, passed: r.passed, score: r.score, maxScore: r.maxScore, statuses: columns.map((c) => status.get(c.id) ?? 'skip'), failed };
}

/** A submission that is not read (a link out of the folder, a pipe): fails the YAML check, as an unreadable file does. */
export function rejectedRow(s: Submission, ex: Exercise, columns: readonly CheckColumn[], lang: Lang): BatchRow {
  const yaml = columns[0]!;
  return {
    index: s.index,
    submission: s.display,
    passed: false,
    score: 0,
    maxScore: ex.points,
    statuses: columns.map((c, i) => (i === 0 ? 'fail' : 'skip')),
    failed: [{ id: yaml.id, stage: yaml.stage, title: yaml.title, message: gradeLoc(M.readFailed(s.display, s.rejected ?? ''), lang), file: s.display }],
  };
}

/** The row of a submission the grader could not grade: a bug, or a worker that died on it. */
export function internalErrorRow(s: Submission, ex: Exercise, why: string, lang: Lang): BatchRow {
  return { index: s.index, submission: s.display, passed: false, score: 0, maxScore: ex.points, statuses: [], failed: [], internalError: loc(B.internalError(why), lang) };
}

/** A grading function for one exercise (fragments compiled first). Never throws: a bug becomes an internal-error row. */
export async function createRowGrader(init: GraderInit): Promise<(s: Submission) => BatchRow> {
  const { exercise: ex, lang } = init;
  await prepareExercise(ex);
  const columns = checkColumns(ex, lang);
  const opts = { lang, ...(init.seed !== undefined ? { seed: init.seed } : {}) };
  return (s) => {
    if (s.rejected !== undefined) return rejectedRow(s, ex, columns, lang);
    try {
      return rowFrom(s, gradeFile(ex, s.file, { ...opts, displayName: s.display }), columns);
    } catch (err) {
      return internalErrorRow(s, ex, err instanceof Error ? err.message : String(err), lang);
    }
  };
}
