// `kubedrill grade` as plain text: a row per submission (result, score, path, first failed check),
// then the summary (counts, pass rate, mean and median, a score histogram, the most failed checks).
import type { Lang } from '../exercises/types.js';
import type { BatchSummary } from '../grade/batch/summary.js';
import type { BatchRow, Skipped } from '../grade/batch/types.js';
import { fit, width } from '../ui/text.js';
import { oneLine, percent, type BatchHeader, type BatchWriter, type Sink } from './batch-common.js';

type L = Record<Lang, string>;

const T = {
  result: { en: 'RESULT', ko: '결과' },
  score: { en: 'SCORE', ko: '점수' },
  submission: { en: 'SUBMISSION', ko: '제출 파일' },
  firstFailed: { en: 'FIRST FAILED CHECK', ko: '처음 실패한 검사' },
  pass: { en: 'pass', ko: '통과' },
  fail: { en: 'FAIL', ko: '실패' },
  error: { en: 'ERROR', ko: '오류' },
  submissions: (n: number): L => ({ en: n === 1 ? '1 submission' : `${n} submissions`, ko: `제출 ${n}개` }),
  summary: { en: 'Summary', ko: '요약' },
  counts: (s: BatchSummary): L => ({
    en: `${s.submissions} graded: ${s.passed} passed, ${s.failed} failed${s.internalErrors > 0 ? ` (${s.internalErrors} of them by an internal error)` : ''}`,
    ko: `${s.submissions}개 채점: 통과 ${s.passed}, 실패 ${s.failed}${s.internalErrors > 0 ? `(그중 내부 오류 ${s.internalErrors})` : ''}`,
  }),
  passRate: { en: 'pass rate', ko: '통과율' },
  mean: { en: 'mean score', ko: '평균 점수' },
  median: { en: 'median score', ko: '점수 중앙값' },
  histogram: { en: 'scores', ko: '점수 분포' },
  mostFailed: { en: 'most often failed checks', ko: '가장 많이 실패한 검사' },
  noneFailed: { en: 'no check failed', ko: '실패한 검사 없음' },
  skipped: (n: number): L => ({ en: `skipped (not graded): ${n}`, ko: `건너뜀(채점하지 않음): ${n}` }),
  more: (n: number): L => ({ en: `… and ${n} more (--format json lists them all)`, ko: `… 외 ${n}개(--format json에 모두 나옵니다)` }),
  internalBug: {
    en: 'An internal error is a bug in kubedrill: please report it (KUBEDRILL_DEBUG=1 shows more).',
    ko: '내부 오류는 kubedrill의 버그입니다. 알려 주세요(KUBEDRILL_DEBUG=1로 자세히 볼 수 있습니다).',
  },
};

/** Rows in the summary's "most failed" list and skipped entries listed by name. */
const TOP_FAILED = 5;
const SKIPPED_LISTED = 20;
/** A longer path widens only its own row. */
const MAX_PATH_COLUMN = 72;
const BAR = 30;

export function textWriter(out: Sink): BatchWriter {
  let lang: Lang = 'en';
  let pathCol = 0;
  let resultCol = 0;
  let scoreCol = 0;
  const cell = (s: string, w: number) => fit(s, Math.max(w, width(s)));
  return {
    begin(h) {
      lang = h.lang;
      pathCol = Math.min(MAX_PATH_COLUMN, Math.max(h.pathWidth, width(T.submission[lang])));
      resultCol = Math.max(...[T.result, T.pass, T.fail, T.error].map((x) => width(x[lang])));
      const max = String(h.exercise.maxScore);
      scoreCol = Math.max(width(T.score[lang]), 2 * max.length + 1);
      out(`${oneLine(h.exercise.id)} — ${oneLine(h.exercise.title)}: ${T.submissions(h.count)[lang]}\n\n`);
      out(`${cell(T.result[lang], resultCol)}  ${cell(T.score[lang], scoreCol)}  ${cell(T.submission[lang], pathCol)}  ${T.firstFailed[lang]}\n`);
    },
    row(r: BatchRow) {
      const verdict = r.internalError !== undefined ? T.error : r.passed ? T.pass : T.fail;
      const score = fit(`${r.score}/${r.maxScore}`, scoreCol, 'right');
      // The title and the message: the file is the row's own, positions are in the other formats.
      const f = r.failed[0];
      const why = r.internalError ?? (f ? `${f.title} — ${f.message}` : '');
      const line = `${cell(verdict[lang], resultCol)}  ${score}  ${cell(oneLine(r.submission), pathCol)}  ${oneLine(why)}`;
      out(line.trimEnd() + '\n');
    },
    end(s: BatchSummary, skipped: readonly Skipped[]) {
      const o: string[] = ['', T.summary[lang]];
      const label = (l: L) => fit(l[lang], 16);
      o.push(`  ${T.counts(s)[lang]}`);
      o.push(`  ${label(T.passRate)}${percent(s.passRate)}`);
      o.push(`  ${label(T.mean)}${s.meanScore}/${s.maxScore}`);
      o.push(`  ${label(T.median)}${s.medianScore}/${s.maxScore}`);
      o.push(`  ${T.histogram[lang]}`);
      const bins = histogramBins(s);
      const most = Math.max(1, ...bins.map((b) => b.count));
      const binCol = Math.max(...bins.map((b) => b.label.length));
      for (const b of bins) {
        const bar = b.count === 0 ? '' : '█'.repeat(Math.max(1, Math.round((b.count / most) * BAR)));
        o.push(`    ${b.label.padStart(binCol)}  ${bar.padEnd(BAR)}  ${b.count}`);
      }
      o.push(`  ${T.mostFailed[lang]}`);
      if (s.failedChecks.length === 0) o.push(`    ${T.noneFailed[lang]}`);
      const countCol = String(s.failedChecks[0]?.count ?? 0).length;
      const top = s.failedChecks.slice(0, TOP_FAILED);
      const idCol = Math.max(0, ...top.map((f) => width(oneLine(f.id))));
      for (const f of top) o.push(`    ${String(f.count).padStart(countCol)}  ${fit(oneLine(f.id), idCol)}  ${oneLine(f.title)}`);
      if (skipped.length > 0) {
        o.push(`  ${T.skipped(skipped.length)[lang]}`);
        for (const k of skipped.slice(0, SKIPPED_LISTED)) o.push(`    ${oneLine(k.path)} — ${oneLine(k.reason)}`);
        if (skipped.length > SKIPPED_LISTED) o.push(`    ${T.more(skipped.length - SKIPPED_LISTED)[lang]}`);
      }
      if (s.internalErrors > 0) o.push('', T.internalBug[lang]);
      out(o.join('\n') + '\n');
    },
  };
}

/** One bar per score up to 20 points; wider exercises get ten bands. */
export function histogramBins(s: BatchSummary): { label: string; count: number }[] {
  if (s.maxScore <= 20) return s.histogram.map((h) => ({ label: String(h.score), count: h.count }));
  const step = Math.ceil((s.maxScore + 1) / 10);
  const out: { label: string; count: number }[] = [];
  for (let lo = 0; lo <= s.maxScore; lo += step) {
    const hi = Math.min(s.maxScore, lo + step - 1);
    out.push({ label: lo === hi ? String(lo) : `${lo}–${hi}`, count: s.histogram.filter((h) => h.score >= lo && h.score <= hi).reduce((a, h) => a + h.count, 0) });
  }
  return out;
}
