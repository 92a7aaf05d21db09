// Durations as exercise packs write them ("35s", "1m5s", "500ms") <-> integer milliseconds.

const UNIT_MS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };

/** Parses `1m5s`-style durations; undefined when the text is not one. */
export function parseDurationMs(text: string): number | undefined {
  if (!/^([0-9]+(ms|h|m|s))+$/.test(text)) return undefined;
  let total = 0;
  for (const m of text.matchAll(/([0-9]+)(ms|h|m|s)/g)) total += Number(m[1]) * UNIT_MS[m[2]!]!;
  return total;
}

/** Short human form of a virtual time for grader messages: 12 s, 1 min 5 s, 2.5 s. */
export function secondsText(ms: number): string {
  if (ms < 60_000 || ms % 1000 !== 0) {
    const s = ms / 1000;
    return `${Number.isInteger(s) ? s : s.toFixed(1).replace(/\.0$/, '')} s`;
  }
  const min = Math.floor(ms / 60_000);
  const s = (ms % 60_000) / 1000;
  return s === 0 ? `${min} min` : `${min} min ${s} s`;
}
