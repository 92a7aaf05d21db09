// Time texts exactly as Kubernetes prints them: ages (HumanDuration), Go durations, RFC1123Z stamps.

/**
 * The virtual wall clock: trace time t = 0 (the pod is created) is this instant,
 * `Wed, 01 Jan 2025 00:00:00 +0000` — the same instant the container runtime's clock starts at
 * (src/sim/runtime/process.ts), so `date` inside a container agrees with describe's timestamps.
 */
export const VIRTUAL_EPOCH_MS = Date.UTC(2025, 0, 1, 0, 0, 0);

/**
 * k8s.io/apimachinery pkg/util/duration HumanDuration, given milliseconds.
 * Whole seconds are truncated toward zero like Go's int(d.Seconds()).
 */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(ms / 60_000);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(ms / 3_600_000);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.trunc(hours / 24) % 365;
    const y = Math.trunc(hours / 24 / 365);
    return dy === 0 ? `${y}y` : `${y}y${dy}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/** API timestamps (metav1.Time) keep whole seconds: what the API server stores for virtual time t. */
export function storedSeconds(tMs: number): number {
  return Math.floor(tMs / 1000) * 1000;
}

/**
 * kubectl's translateTimestampSince: HumanDuration(now - timestamp), where the timestamp went
 * through the API (truncated to the second) and `now` is kubectl's own clock (not truncated).
 */
export function ageAt(nowMs: number, tsMs: number | undefined): string {
  if (tsMs === undefined) return '<unknown>';
  return humanDuration(nowMs - storedSeconds(tsMs));
}

/** Go time.Duration.String(): one implementation, shared with the kubelet's event texts. */
export { goDuration } from '../kubelet/events.js';

export type ParsedDuration = { ok: true; ms: number } | { ok: false; error: string };

/** The longest `--for` accepted: ten years of virtual time. */
export const MAX_DURATION_MS = 3650 * 24 * 3_600_000;

const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/**
 * Parses a `--for` value: Go `time.ParseDuration` syntax (`90s`, `6m6s`, `1h30m`, `1.5h`, `24h`),
 * plus days (`2d`) and a bare number of seconds (`90`). Result is whole milliseconds (truncated).
 */
export function parseDuration(text: string): ParsedDuration {
  const src = text.trim();
  const bad: ParsedDuration = {
    ok: false,
    error: `invalid duration "${text}": use a number with a unit, e.g. 90s, 6m6s, 1h30m, 24h or 2d`,
  };
  if (src === '') return bad;
  if (/^-/.test(src)) return { ok: false, error: `invalid duration "${text}": it must not be negative` };
  let ms: number;
  if (/^\d+(\.\d+)?$/.test(src)) {
    ms = Number(src) * 1000;
  } else {
    const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h|d)/gy;
    ms = 0;
    let pos = 0;
    while (pos < src.length) {
      re.lastIndex = pos;
      const m = re.exec(src);
      if (!m) return bad;
      ms += Number(m[1]) * UNIT_MS[m[2]!]!;
      pos = re.lastIndex;
    }
  }
  if (!Number.isFinite(ms)) return bad;
  ms = Math.trunc(ms);
  if (ms > MAX_DURATION_MS) return { ok: false, error: `invalid duration "${text}": at most 3650d can be simulated` };
  return { ok: true, ms };
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number) => String(n).padStart(2, '0');

/** Go's time.RFC1123Z layout of virtual time t (whole seconds): `Mon, 02 Mar 2026 09:00:57 +0000`. */
export function rfc1123z(tMs: number): string {
  const d = new Date(VIRTUAL_EPOCH_MS + storedSeconds(tMs));
  return (
    `${DAYS[d.getUTCDay()]}, ${pad2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ` +
    `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} +0000`
  );
}

/** A short clock for timelines: `0:35`, `12:05`, `1:02:03`, `2d03:00:00`. */
export function clock(ms: number): string {
  const total = Math.floor(ms / 1000);
  const d = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (d > 0) return `${d}d${pad2(h)}:${pad2(m)}:${pad2(s)}`;
  if (h > 0) return `${h}:${pad2(m)}:${pad2(s)}`;
  return `${m}:${pad2(s)}`;
}
