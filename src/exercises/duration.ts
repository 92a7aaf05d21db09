// Durations as exercise packs write them ("35s", "1m5s", "500ms") <-> integer milliseconds.
import { parseDuration } from '../sim/render/format.js';

/**
 * Parses `1m5s`-style durations (whole numbers with h, m, s or ms — the pack schema's pattern);
 * undefined when the text is not one. The arithmetic is `kubedrill sim --for`'s.
 */
export function parseDurationMs(text: string): number | undefined {
  if (!/^([0-9]+(ms|h|m|s))+$/.test(text)) return undefined;
  const r = parseDuration(text);
  return r.ok ? r.ms : undefined;
}

/** Short human form of a virtual time for grader messages: 12 s, 1 min 5 s, 2.5 s (Korean: 12초, 1분 5초, 2.5초). */
export function secondsText(ms: number, lang: 'en' | 'ko' = 'en'): string {
  const [sec, min] = lang === 'ko' ? ['초', '분'] : [' s', ' min'];
  if (ms < 60_000 || ms % 1000 !== 0) {
    const s = ms / 1000;
    return `${Number.isInteger(s) ? s : s.toFixed(1).replace(/\.0$/, '')}${sec}`;
  }
  const m = Math.floor(ms / 60_000);
  const s = (ms % 60_000) / 1000;
  return s === 0 ? `${m}${min}` : `${m}${min} ${s}${sec}`;
}
