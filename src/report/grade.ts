// Plain-text and JSON reports of a grading result (what `kubedrill check` prints).
import type { Lang } from '../exercises/types.js';
import { diffStat } from '../grade/diff.js';
import type { CheckResult, GradeResult } from '../grade/types.js';
import { formatFindings } from './findings.js';

export interface GradeTextOptions {
  lang: Lang;
  color: boolean;
  /** print the full diffs instead of their summary */
  verbose?: boolean;
  /** a header line (the exercise title) */
  title?: string;
}

const T = {
  changed: { en: 'Your changes to the starter', ko: '시작 파일에서 바꾼 부분' },
  vsReference: { en: 'Compared with the reference (defaulted, keys sorted)', ko: '모범 답안과 비교(기본값 적용, 키 정렬)' },
  noChange: { en: 'no changes', ko: '변경 없음' },
  lines: (a: number, r: number) => ({ en: `+${a} −${r} lines`, ko: `+${a} −${r}줄` }),
  diverge: { en: 'First difference from the reference', ko: '모범 답안과 처음 달라지는 지점' },
  score: { en: 'Score', ko: '점수' },
  passed: { en: 'PASSED', ko: 'PASSED (통과)' },
  failed: { en: 'FAILED', ko: 'FAILED (실패)' },
  moreDiff: { en: '(--verbose shows the full diffs)', ko: '(--verbose로 전체 diff를 볼 수 있습니다)' },
};

const paint = (on: boolean, code: string, s: string) => (on ? `\x1b[${code}m${s}\x1b[0m` : s);

function where(c: CheckResult): string {
  if (!c.file) return '';
  return c.line !== undefined ? ` (${c.file}:${c.line}:${c.col ?? 1})` : ` (${c.file})`;
}

export function checkLine(c: CheckResult, color: boolean): string {
  switch (c.status) {
    case 'pass':
      return `${paint(color, '32', '✓')} ${c.title}`;
    case 'fail':
      return `${paint(color, '31', '✗')} ${c.title} — ${c.message}${where(c)}`;
    case 'skip':
      return `${paint(color, '2', '-')} ${c.title} — ${c.message}`;
  }
}

export function formatGradeText(result: GradeResult, opts: GradeTextOptions): string {
  const { lang, color } = opts;
  const out: string[] = [];
  if (opts.title) out.push(paint(color, '1', opts.title), '');
  if (result.findings.length > 0) {
    out.push(formatFindings(result.findings, { color }).replace(/\n+$/, ''), '');
  }
  for (const c of result.checks) out.push(checkLine(c, color));
  if (result.divergence) out.push('', `${T.diverge[lang]}: ${result.divergence.message}`);
  const starterStat = diffStat(result.diffStarter);
  const refStat = diffStat(result.diffReference);
  out.push('');
  if (opts.verbose) {
    out.push(`${T.changed[lang]}:`, result.diffStarter === '' ? `  ${T.noChange[lang]}` : result.diffStarter.replace(/\n+$/, ''));
    if (result.diffReference !== '' || result.passed) {
      out.push('', `${T.vsReference[lang]}:`, result.diffReference === '' ? `  ${T.noChange[lang]}` : result.diffReference.replace(/\n+$/, ''));
    }
  } else {
    const s = (x: { added: number; removed: number }, d: string) => (d === '' ? T.noChange[lang] : T.lines(x.added, x.removed)[lang]);
    out.push(`${T.changed[lang]}: ${s(starterStat, result.diffStarter)}`);
    if (result.diffReference !== '' || result.trace) out.push(`${T.vsReference[lang]}: ${s(refStat, result.diffReference)}`);
    if (result.diffStarter !== '' || result.diffReference !== '') out.push(T.moreDiff[lang]);
  }
  out.push('', `${T.score[lang]}: ${result.score}/${result.maxScore}`);
  out.push(result.passed ? paint(color, '1;32', T.passed[lang]) : paint(color, '1;31', T.failed[lang]));
  return out.join('\n') + '\n';
}

/** The result without the traces, keys in a stable order. */
export function gradeToJson(result: GradeResult): string {
  const plain = {
    exerciseId: result.exerciseId,
    file: result.file,
    passed: result.passed,
    score: result.score,
    maxScore: result.maxScore,
    findings: result.findings,
    checks: result.checks.map((c) => ({
      id: c.id,
      stage: c.stage,
      title: c.title,
      status: c.status,
      message: c.message,
      points: c.points,
      ...(c.file !== undefined ? { file: c.file } : {}),
      ...(c.line !== undefined ? { line: c.line } : {}),
      ...(c.col !== undefined ? { col: c.col } : {}),
      ...(c.excerpt !== undefined ? { excerpt: c.excerpt } : {}),
    })),
    ...(result.divergence ? { divergence: result.divergence } : {}),
    diffStarter: result.diffStarter,
    diffReference: result.diffReference,
  };
  return JSON.stringify(plain, null, 2) + '\n';
}
