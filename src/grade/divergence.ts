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

const KILL_WHY: Record<string, { en: (n: number) => string; ko: (n: number) => string }> = {
  LivenessProbe: {
    en: (n) => (n > 0 ? `liveness probe failed ${n} time${n === 1 ? '' : 's'}` : 'liveness probe failed'),
    ko: (n) => (n > 0 ? `라이브니스 프로브 ${n}번 실패` : '라이브니스 프로브 실패'),
  },
  StartupProbe: {
    en: (n) => (n > 0 ? `startup probe failed ${n} time${n === 1 ? '' : 's'}` : 'startup probe failed'),
    ko: (n) => (n > 0 ? `스타트업 프로브 ${n}번 실패` : '스타트업 프로브 실패'),
  },
  Stop: { en: () => 'pod stopped', ko: () => '파드 중지' },
};

/** What happens, split so the time can go between: "is killed" + "at 12 s" + "(liveness probe failed 2 times)". */
function verb(m: Moment, lang: Lang): { what: string; why?: string } {
  if (lang === 'ko') {
    switch (m.kind) {
      case 'start':
        return { what: m.restartCount === 0 ? '시작됩니다' : `재시작됩니다(${m.restartCount}번째)` };
      case 'kill':
        return { what: '종료됩니다', why: KILL_WHY[m.reason]?.ko(m.failures) ?? m.reason };
      case 'exit':
        return { what: `종료 코드 ${m.exitCode}로 끝납니다`, why: m.reason };
      case 'ready':
        return { what: 'Ready가 됩니다' };
      case 'unready':
        return { what: 'Ready가 아니게 됩니다' };
      case 'backoff':
        return { what: 'CrashLoopBackOff로 대기합니다', why: `백오프 ${secondsText(m.backoffMs, 'ko')}` };
    }
  }
  switch (m.kind) {
    case 'start':
      return m.restartCount === 0 ? { what: 'starts' } : { what: 'is restarted', why: `restart ${m.restartCount}` };
    case 'kill':
      return { what: 'is killed', why: KILL_WHY[m.reason]?.en(m.failures) ?? m.reason };
    case 'exit':
      return { what: `exits with code ${m.exitCode}`, why: m.reason };
    case 'ready':
      return { what: 'becomes Ready' };
    case 'unready':
      return { what: 'stops being Ready' };
    case 'backoff':
      return { what: 'waits in CrashLoopBackOff', why: `back-off ${secondsText(m.backoffMs)}` };
  }
}

const phrase = (m: Moment, lang: Lang, first = false): string => {
  const v = verb(m, lang);
  const T = secondsText(m.t, lang);
  if (lang === 'ko') return `${T}에 ${v.what}${v.why ? `(${v.why})` : ''}`;
  const what = first && m.kind === 'kill' ? 'is first killed' : v.what;
  return `${what} at ${T}${v.why ? ` (${v.why})` : ''}`;
};

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
 * "your container app is killed at 12 s (liveness probe failed 2 times); the reference is first
 * killed at 40 s (liveness probe failed 2 times)". Undefined when the pods behave the same within the tolerance.
 */
export function describeDivergence(mine: Trace, ref: Trace, lang: Lang, opts: { container?: string; toleranceMs?: number } = {}): Divergence | undefined {
  // Traces are never changed once recorded, and a grade asks twice (the sameAsReference check and
  // the result's divergence) about traces the grader shares between submissions: answer each once.
  const key = `${lang}\0${opts.container ?? ''}\0${opts.toleranceMs ?? 0}`;
  let byRef = divergences.get(mine);
  if (!byRef) divergences.set(mine, (byRef = new WeakMap()));
  let byKey = byRef.get(ref);
  if (!byKey) byRef.set(ref, (byKey = new Map()));
  if (!byKey.has(key)) byKey.set(key, divergenceOf(mine, ref, lang, opts));
  const d = byKey.get(key);
  return d ? { ...d } : undefined;
}

const divergences = new WeakMap<Trace, WeakMap<Trace, Map<string, Divergence | undefined>>>();
const moments = new WeakMap<Trace, Map<string, Moment[]>>();

function momentsOf(trace: Trace, container: string | undefined): Moment[] {
  let byContainer = moments.get(trace);
  if (!byContainer) moments.set(trace, (byContainer = new Map()));
  let m = byContainer.get(container ?? '');
  if (!m) byContainer.set(container ?? '', (m = keyMoments(trace, container)));
  return m;
}

function divergenceOf(mine: Trace, ref: Trace, lang: Lang, opts: { container?: string; toleranceMs?: number }): Divergence | undefined {
  const a = momentsOf(mine, opts.container);
  const b = momentsOf(ref, opts.container);
  const i = firstDifference(a, b, opts.toleranceMs ?? 0);
  if (i < 0) return undefined;
  const ma = a[i];
  const mb = b[i];
  const until = secondsText(mine.untilMs, lang);
  if (ma && (!mb || ma.t <= mb.t)) {
    // The learner's pod does something first: say when (or whether) the reference does the same.
    const other = nextLike(b, ma, i);
    if (lang === 'ko') {
      const tail = other ? `모범 답안은 ${phrase(other, lang)}` : `모범 답안은 ${until} 동안 그렇지 않습니다`;
      return { atMs: ma.t, message: `내 ${ma.container} 컨테이너는 ${phrase(ma, lang)}. ${tail}.` };
    }
    const tail = other ? `the reference ${phrase(other, lang, nth(b, b.indexOf(other)) === 1)}` : `the reference does not in ${until}`;
    return { atMs: ma.t, message: `your container ${ma.container} ${phrase(ma, lang)}; ${tail}` };
  }
  const m = mb!;
  const later = nextLike(a, m, i);
  if (lang === 'ko') {
    const tail = later ? `내 컨테이너는 ${phrase(later, lang)}` : `내 컨테이너는 ${until} 동안 그렇지 않습니다`;
    return { atMs: m.t, message: `모범 답안의 ${m.container} 컨테이너는 ${phrase(m, lang)}. ${tail}.` };
  }
  const tail = later ? `yours only at ${secondsText(later.t)}` : `yours does not in ${until}`;
  return { atMs: m.t, message: `the reference's ${m.container} ${phrase(m, lang)}; ${tail}` };
}
