// Pieces every grading path shares (one Pod, or a cluster run): stage checks, positions, message values.
import type { Lang } from '../exercises/types.js';
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

/** `{value}` in an expect message: the learner's value at the path (`missing` when there is none). */
export function withValue(message: string, r: { found: boolean; value?: unknown }): string {
  if (!message.includes('{value}')) return message;
  const v = !r.found ? 'missing' : typeof r.value === 'string' ? r.value : JSON.stringify(r.value);
  return message.split('{value}').join(v);
}
