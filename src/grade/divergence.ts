// Compares the learner's pod with the reference pod moment by moment and says, in words, where they first part.
import type { Lang } from '../exercises/types.js';
import { secondsText } from '../exercises/duration.js';
import type { Divergence } from './types.js';
import type { Trace } from '../sim/trace.js';
import { keyMoments, type Moment } from './trace-facts.js';

const sameKind = (a: Moment, b: Moment) => a.kind === b.kind && a.container === b.container;

/** Index of the first moment that differs (kind or time beyond tolerance), or -1 when they match. */
export function firstDifference(mine: Moment[], ref: Moment[], toleranceMs: number): number {
  const n = Math.max(mine.length, ref.length);
  for (let i = 0; i < n; i++) {
    const a = mine[i];
    const b = ref[i];
    if (!a || !b || !sameKind(a, b) || Math.abs(a.t - b.t) > toleranceMs) return i;
  }
  return -1;
}

const KILL_WHY: Record<string, { en: string; ko: string }> = {
  LivenessProbe: { en: 'liveness probe failed', ko: '라이브니스 프로브 실패' },
  StartupProbe: { en: 'startup probe failed', ko: '스타트업 프로브 실패' },
  Stop: { en: 'pod stopped', ko: '파드 중지' },
};

function verb(m: Moment, lang: Lang, nth: number): string {
  const first = nth === 1;
  const en = (): string => {
    switch (m.kind) {
      case 'start':
        return m.restartCount === 0 ? 'starts' : `is restarted (restart ${m.restartCount})`;
      case 'kill':
        return `is ${first ? '' : 'again '}killed (${KILL_WHY[m.reason]?.en ?? m.reason})`;
      case 'exit':
        return `exits with code ${m.exitCode} (${m.reason})`;
      case 'ready':
        return 'becomes Ready';
      case 'unready':
        return 'stops being Ready';
      case 'backoff':
        return `waits in CrashLoopBackOff (back-off ${secondsText(m.backoffMs)})`;
    }
  };
  const ko = (): string => {
    switch (m.kind) {
      case 'start':
        return m.restartCount === 0 ? '시작됩니다' : `재시작됩니다(${m.restartCount}번째)`;
      case 'kill':
        return `종료됩니다(${KILL_WHY[m.reason]?.ko ?? m.reason})`;
      case 'exit':
        return `종료 코드 ${m.exitCode}로 끝납니다(${m.reason})`;
      case 'ready':
        return 'Ready가 됩니다';
      case 'unready':
        return 'Ready가 아니게 됩니다';
      case 'backoff':
        return `CrashLoopBackOff로 대기합니다(백오프 ${secondsText(m.backoffMs)})`;
    }
  };
  return lang === 'ko' ? ko() : en();
}

/** How many moments of the same kind (same container) precede index i, plus one. */
function nth(ms: Moment[], i: number): number {
  const m = ms[i]!;
  return ms.slice(0, i + 1).filter((x) => sameKind(x, m)).length;
}

/** Finds the next moment in `ms` of the same kind as `like`, at or after index `from`. */
function nextLike(ms: Moment[], like: Moment, from: number): Moment | undefined {
  for (let i = from; i < ms.length; i++) if (sameKind(ms[i]!, like)) return ms[i];
  return undefined;
}

/**
 * "your container is killed (liveness probe failed) at 12 s; the reference is first killed at 40 s".
 * Undefined when the two pods behave the same within the tolerance.
 */
export function describeDivergence(mine: Trace, ref: Trace, lang: Lang, opts: { container?: string; toleranceMs?: number } = {}): Divergence | undefined {
  const a = keyMoments(mine, opts.container);
  const b = keyMoments(ref, opts.container);
  const i = firstDifference(a, b, opts.toleranceMs ?? 0);
  if (i < 0) return undefined;
  const ma = a[i];
  const mb = b[i];
  const until = secondsText(mine.untilMs);
  const T = (ms: number) => secondsText(ms);
  if (ma && (!mb || ma.t <= mb.t)) {
    // The learner's pod does something first: say when (or whether) the reference does the same.
    const other = nextLike(b, ma, i);
    const who = ma.container;
    if (lang === 'ko') {
      const tail = other ? `모범 답안은 ${T(other.t)}에 그렇게 됩니다` : `모범 답안은 ${until} 동안 그렇지 않습니다`;
      return { atMs: ma.t, message: `${who} 컨테이너가 ${T(ma.t)}에 ${verb(ma, lang, nth(a, i))}. ${tail}.` };
    }
    const tail = other ? `the reference ${verb(other, lang, 1).replace(/^is again /, 'is ')} at ${T(other.t)}` : `the reference never does in ${until}`;
    return { atMs: ma.t, message: `your container ${who} ${verb(ma, lang, nth(a, i))} at ${T(ma.t)}; ${tail}` };
  }
  const m = mb!;
  const mineLater = nextLike(a, m, i);
  const who = m.container;
  if (lang === 'ko') {
    const tail = mineLater ? `내 컨테이너는 ${T(mineLater.t)}에야 그렇게 됩니다` : `내 컨테이너는 ${until} 동안 그렇지 않습니다`;
    return { atMs: m.t, message: `모범 답안의 ${who} 컨테이너는 ${T(m.t)}에 ${verb(m, lang, nth(b, i))}. ${tail}.` };
  }
  const tail = mineLater ? `yours only at ${T(mineLater.t)}` : `yours never does in ${until}`;
  return { atMs: m.t, message: `the reference's ${who} ${verb(m, lang, nth(b, i))} at ${T(m.t)}; ${tail}` };
}
