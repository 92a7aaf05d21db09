// Pieces every grading path shares (one Pod, or a cluster run): stage checks, positions, message values.
import type { BehaviourCheck, ExpectCheck, Lang, Localized } from '../exercises/types.js';
import { fragmentValidator } from './fragment.js';
import type { CheckedDocument, Finding } from '../manifest/types.js';
import { loc, M, STAGE_TITLE } from './messages.js';
import type { CheckResult } from './types.js';

/** Position of the field at `concrete`, or of its nearest parent present in the file. */
export function locateNearest(doc: CheckedDocument, concrete: (string | number)[]): { line: number; col: number } | undefined {
  for (let n = concrete.length; n >= 0; n--) {
    const p = doc.locate(concrete.slice(0, n));
    if (p) return p;
  }
  return undefined;
}

/** The text's lines, split once per graded file (every located check takes its excerpt from them). */
export function linesOf(text: string): (line: number | undefined) => string | undefined {
  let lines: string[] | undefined;
  return (line) => {
    if (line === undefined) return undefined;
    lines ??= text.split(/\r?\n/);
    return lines[line - 1];
  };
}

export function stageCheck(stage: 'yaml' | 'schema' | 'api', findings: Finding[], blocked: boolean, lang: Lang, titles: Record<'yaml' | 'schema' | 'api', Record<Lang, string>> = STAGE_TITLE): CheckResult {
  const title = loc(titles[stage], lang);
  if (blocked) return { id: stage, stage, title, status: 'skip', message: loc(M.fixYamlFirst, lang), points: 0 };
  const errs = findings.filter((f) => f.severity === 'error');
  if (errs.length === 0) return { id: stage, stage, title, status: 'pass', message: loc(M.ok, lang), points: 0 };
  const f = errs[0]!;
  const more = errs.length > 1 ? ` (+${errs.length - 1})` : '';
  return {
    id: stage,
    stage,
    title,
    status: 'fail',
    message: f.message + more,
    file: f.file,
    ...(f.line !== undefined ? { line: f.line } : {}),
    ...(f.col !== undefined ? { col: f.col } : {}),
    ...(f.excerpt !== undefined ? { excerpt: f.excerpt } : {}),
    points: 0,
  };
}

export function stageOf(f: Finding): 'yaml' | 'schema' | 'api' {
  switch (f.stage) {
    case 'read':
    case 'yaml':
      return 'yaml';
    case 'kind':
    case 'schema':
      return 'schema';
    default:
      return 'api';
  }
}

/** `{value}` in an expect message: the learner's value at the path (`missing`, in Korean `(없음)`, when there is none). */
export function withValue(message: string, r: { found: boolean; value?: unknown }, lang: Lang = 'en'): string {
  if (!message.includes('{value}')) return message;
  const v = !r.found ? (lang === 'ko' ? '(없음)' : 'missing') : typeof r.value === 'string' ? r.value : JSON.stringify(r.value);
  return message.split('{value}').join(v);
}

/**
 * An expect check on the value found at its path: present (or absent, when `absent` asks that) and
 * valid against its JSON Schema fragment; the failure message carries the learner's `{value}`, or says
 * the fragment itself is broken.
 */
export function expectOutcome(e: ExpectCheck, r: { found: boolean; value?: unknown }, lang: Lang): { ok: boolean; message: string } {
  if (!r.found) return { ok: e.absent === true, message: withValue(loc(e.message, lang), r, lang) };
  if (e.absent || e.schema === undefined) return { ok: !e.absent, message: withValue(loc(e.message, lang), r, lang) };
  const v = fragmentValidator(e.schema);
  if (!v.ok) return { ok: false, message: loc(M.badFragment(v.error), lang) };
  return { ok: v.validate(r.value), message: withValue(loc(e.message, lang), r, lang) };
}

/**
 * The behaviour checks of a run: each evaluated when both traces exist; otherwise failed with why the
 * run could not be simulated, or skipped (`skip`) when earlier stages left nothing to run.
 */
export function behaviourChecks(
  defs: readonly BehaviourCheck[],
  lang: Lang,
  run: { evaluate?: (b: BehaviourCheck) => { pass: boolean; seen?: string }; simFailed?: Localized; skip: (id: string, title: string, points: number) => CheckResult },
): CheckResult[] {
  return defs.map((b) => {
    const title = loc(b.title, lang);
    if (!run.evaluate) return run.simFailed ? { id: b.id, stage: 'behaviour', title, status: 'fail', message: loc(run.simFailed, lang), points: b.points } : run.skip(b.id, title, b.points);
    const o = run.evaluate(b);
    const message = o.pass ? loc(M.ok, lang) : o.seen ? `${loc(b.message, lang)} (${o.seen})` : loc(b.message, lang);
    return { id: b.id, stage: 'behaviour', title, status: o.pass ? 'pass' : 'fail', message, points: b.points };
  });
}

/**
 * Pass and score: the exercise's points when every check passes (not-applicable ones aside) and the file
 * has no errors; else the share of the graded checks' points, never the full points.
 */
export function scoreOf(checks: readonly CheckResult[], notApplicable: ReadonlySet<string>, hasErrors: boolean, points: number): { passed: boolean; score: number } {
  const graded = checks.filter((c) => (c.stage === 'expect' || c.stage === 'preserve' || c.stage === 'behaviour') && !notApplicable.has(c.id));
  const total = graded.reduce((s, c) => s + c.points, 0);
  const got = graded.filter((c) => c.status === 'pass').reduce((s, c) => s + c.points, 0);
  const passed = !hasErrors && checks.every((c) => c.status === 'pass' || notApplicable.has(c.id));
  const score = passed ? points : total === 0 ? 0 : Math.min(points - 1, Math.floor((points * got) / total));
  return { passed, score };
}

/** Differences below the exercise's own tolerance (or a second) are simulation noise, not behaviour. */
export function divergenceToleranceMs(defs: readonly BehaviourCheck[]): number {
  const same = defs.find((b) => b.kind === 'sameAsReference');
  return same && same.kind === 'sameAsReference' ? same.toleranceMs : 1000;
}
