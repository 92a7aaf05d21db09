// Playback as data: the `kubectl get pod -w` lines, the probe strips and the events table of a
// recorded trace at virtual time `now`. Pure: the same trace and time give the same rows.
import type { ContainerStatus, PodStatusSnapshot, ProbeType, Signal, Trace, TraceRecord } from '../sim/trace.js';
import type { SimQueries } from './services.js';
import type { Row, Span } from './row-model.js';
import { fit, width as textWidth } from './text.js';

export type Speed = 1 | 10 | 60 | 'instant';
export const SPEEDS: readonly Speed[] = [1, 10, 60, 'instant'];
export const speedLabel = (s: Speed): string => (s === 'instant' ? 'instant' : `${s}×`);

// ---------------------------------------------------------------- playback state (clock) --

export interface PlaybackState {
  /** virtual ms since the pod was created */
  t: number;
  speed: Speed;
  paused: boolean;
  endMs: number;
}

export type PlaybackAction =
  | { kind: 'tick'; realMs: number }
  | { kind: 'toggle-pause' }
  | { kind: 'speed'; speed: Speed }
  | { kind: 'faster' }
  | { kind: 'slower' }
  | { kind: 'seek'; t: number };

export function initialPlayback(endMs: number, speed: Speed = 10): PlaybackState {
  return { t: speed === 'instant' ? endMs : 0, speed, paused: false, endMs };
}

export function playbackReducer(s: PlaybackState, a: PlaybackAction): PlaybackState {
  switch (a.kind) {
    case 'tick': {
      if (s.paused || s.t >= s.endMs) return s;
      const t = s.speed === 'instant' ? s.endMs : Math.min(s.endMs, s.t + a.realMs * s.speed);
      return { ...s, t };
    }
    case 'toggle-pause':
      // Resuming at the end starts over, like a video player.
      if (s.paused && s.t >= s.endMs) return { ...s, paused: false, t: 0 };
      return { ...s, paused: !s.paused };
    case 'speed':
      return { ...s, speed: a.speed, t: a.speed === 'instant' ? s.endMs : s.t };
    case 'faster':
    case 'slower': {
      const i = SPEEDS.indexOf(s.speed) + (a.kind === 'faster' ? 1 : -1);
      return playbackReducer(s, { kind: 'speed', speed: SPEEDS[Math.min(SPEEDS.length - 1, Math.max(0, i))]! });
    }
    case 'seek':
      return { ...s, t: Math.min(s.endMs, Math.max(0, a.t)) };
  }
}

/** Times worth stopping at when seeking: every event occurrence. */
export function moments(trace: Trace): number[] {
  const ts = new Set<number>([0]);
  for (const r of trace.records) if (r.kind === 'event' || r.kind === 'kill' || r.kind === 'container-exit') ts.add(r.t);
  return [...ts].sort((a, b) => a - b);
}

export function seekTarget(ms: readonly number[], t: number, dir: 1 | -1, endMs: number): number {
  if (dir === 1) return ms.find((x) => x > t) ?? endMs;
  for (let i = ms.length - 1; i >= 0; i--) if (ms[i]! < t) return ms[i]!;
  return 0;
}

// ------------------------------------------------------------- kubectl get pod -w rows --

const SIGNAL_NUMBERS: Record<Signal, number> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGUSR1: 10, SIGUSR2: 12, SIGTERM: 15 };

export interface PodRow {
  ready: string;
  status: string;
  restarts: number;
  /** newest lastState.terminated.finishedAt over all containers */
  lastRestartMs?: number;
}

/** READY, STATUS and RESTARTS as kubectl's pod printer computes them (k/k pkg/printers/internalversion/printers.go printPod). */
export function podRow(st: PodStatusSnapshot): PodRow {
  let reason: string = st.phase;
  let restarts = 0;
  let lastRestartMs: number | undefined;
  const noteRestart = (c: ContainerStatus) => {
    restarts += c.restartCount;
    if (c.lastState && (lastRestartMs === undefined || c.lastState.finishedAtMs > lastRestartMs)) lastRestartMs = c.lastState.finishedAtMs;
  };
  let initializing = false;
  st.initContainers.forEach((c, i) => {
    if (initializing) return;
    noteRestart(c);
    const s = c.state;
    if (s.kind === 'terminated' && s.exitCode === 0) return;
    if (s.kind === 'terminated') {
      reason =
        s.reason === ''
          ? s.signal
            ? `Init:Signal:${SIGNAL_NUMBERS[s.signal]}`
            : `Init:ExitCode:${s.exitCode}`
          : `Init:${s.reason}`;
    } else if (s.kind === 'waiting' && s.reason !== '' && s.reason !== 'PodInitializing') {
      reason = `Init:${s.reason}`;
    } else {
      reason = `Init:${i}/${st.initContainers.length}`;
    }
    initializing = true;
  });
  let ready = 0;
  if (!initializing) {
    let hasRunning = false;
    for (let i = st.containers.length - 1; i >= 0; i--) {
      const c = st.containers[i]!;
      noteRestart(c);
      const s = c.state;
      if (s.kind === 'waiting' && s.reason !== '') reason = s.reason;
      else if (s.kind === 'terminated' && s.reason !== '') reason = s.reason;
      else if (s.kind === 'terminated') reason = s.signal ? `Signal:${SIGNAL_NUMBERS[s.signal]}` : `ExitCode:${s.exitCode}`;
      else if (s.kind === 'running' && c.ready) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      reason = st.conditions.some((c) => c.type === 'Ready' && c.status === 'True') ? 'Running' : 'NotReady';
    }
  } else {
    for (const c of st.containers) noteRestart(c);
  }
  const row: PodRow = { ready: `${ready}/${st.containers.length}`, status: reason, restarts };
  if (lastRestartMs !== undefined) row.lastRestartMs = lastRestartMs;
  return row;
}

export interface WatchLine {
  t: number;
  cells: [string, string, string, string, string];
}

/** The lines `kubectl get pod -w` would have printed up to `now`: one per visible change. */
export function watchLines(trace: Trace, now: number, q: Pick<SimQueries, 'ageAt'>): WatchLine[] {
  const out: WatchLine[] = [];
  let prev = '';
  for (const r of trace.records) {
    if (r.t > now) break;
    if (r.kind !== 'status') continue;
    const p = podRow(r.status);
    const restarts = p.lastRestartMs !== undefined && p.restarts > 0 ? `${p.restarts} (${q.ageAt(r.t, p.lastRestartMs)} ago)` : String(p.restarts);
    const key = `${p.ready}|${p.status}|${p.restarts}`;
    if (key === prev) continue;
    prev = key;
    out.push({ t: r.t, cells: [trace.pod.name, p.ready, p.status, restarts, q.ageAt(r.t, 0)] });
  }
  return out;
}

const WATCH_HEADER: WatchLine['cells'] = ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'];

export function watchRows(lines: readonly WatchLine[], max: number): Row[] {
  const shown = lines.slice(Math.max(0, lines.length - max));
  const all = [WATCH_HEADER, ...lines.map((l) => l.cells)];
  const widths = WATCH_HEADER.map((_, i) => Math.max(...all.map((c) => textWidth(c[i]!))));
  const fmt = (cells: readonly string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : fit(c, widths[i]! + 3))).join('');
  return [
    { spans: [{ text: fmt(WATCH_HEADER), bold: true }] },
    ...shown.map((l, i): Row => ({ spans: [{ text: fmt(l.cells), ...(i === shown.length - 1 ? { tone: 'accent' as const } : {}) }] })),
  ];
}

// ------------------------------------------------------------------------- probe strip --

const NICE_STEPS = [1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 1_800_000, 3_600_000];

/** Virtual ms per strip cell so that the whole trace fits in `cells` columns. */
export function cellMs(untilMs: number, cells: number): number {
  const want = untilMs / Math.max(1, cells);
  return NICE_STEPS.find((s) => s >= want) ?? Math.ceil(want / 3_600_000) * 3_600_000;
}

export type Mark = 'K' | '✗' | '✓' | '~' | 'B' | '·' | ' ';
const RANK: Record<Mark, number> = { K: 6, '✗': 5, '✓': 4, '~': 3, B: 2, '·': 1, ' ': 0 };

export interface Strip {
  label: string;
  container: string;
  probe?: ProbeType;
  marks: Mark[];
}

interface Spanned {
  from: number;
  to: number;
}

function intervals(records: readonly TraceRecord[], container: string, untilMs: number) {
  const running: Spanned[] = [];
  const grace: Spanned[] = [];
  const backoff: Spanned[] = [];
  let runFrom: number | undefined;
  let graceFrom: number | undefined;
  let backoffFrom: number | undefined;
  for (const r of records) {
    if (!('container' in r) || r.container !== container) continue;
    if (r.kind === 'container-start') {
      runFrom = r.t;
      if (backoffFrom !== undefined) backoff.push({ from: backoffFrom, to: r.t });
      backoffFrom = undefined;
    } else if (r.kind === 'container-exit') {
      if (runFrom !== undefined) running.push({ from: runFrom, to: r.t });
      if (graceFrom !== undefined) grace.push({ from: graceFrom, to: r.t });
      runFrom = graceFrom = undefined;
    } else if (r.kind === 'kill') {
      graceFrom = r.t;
    } else if (r.kind === 'backoff') {
      backoffFrom ??= r.t;
    }
  }
  if (runFrom !== undefined) running.push({ from: runFrom, to: untilMs });
  if (graceFrom !== undefined) grace.push({ from: graceFrom, to: untilMs });
  if (backoffFrom !== undefined) backoff.push({ from: backoffFrom, to: untilMs });
  return { running, grace, backoff };
}

/**
 * One strip per (container, probe) that ran, or one per container without probes: ✓/✗ at probe
 * runs, K at kills, ~ over the grace period, B during crash-loop back-off, · while running.
 */
export function probeStrips(trace: Trace, now: number, step: number, cells: number): Strip[] {
  const strips: Strip[] = [];
  const recs = trace.records.filter((r) => r.t <= now);
  for (const c of trace.containers) {
    const probes: ProbeType[] = [];
    for (const r of trace.records) if (r.kind === 'probe' && r.container === c.name && !probes.includes(r.probe)) probes.push(r.probe);
    const iv = intervals(recs, c.name, now);
    const base = (): Mark[] => {
      const marks: Mark[] = Array.from({ length: cells }, () => ' ');
      const paint = (from: number, to: number, m: Mark) => {
        for (let i = Math.floor(from / step); i < cells && i * step <= Math.min(to, now); i++) {
          if (i >= 0 && RANK[m] > RANK[marks[i]!]) marks[i] = m;
        }
      };
      for (const s of iv.running) paint(s.from, s.to, '·');
      for (const s of iv.backoff) paint(s.from, s.to, 'B');
      for (const s of iv.grace) paint(s.from, s.to, '~');
      for (const r of recs) if (r.kind === 'kill' && r.container === c.name) paint(r.t, r.t, 'K');
      return marks;
    };
    const multi = trace.containers.length > 1;
    if (probes.length === 0) {
      if (c.init && !recs.some((r) => 'container' in r && r.container === c.name)) continue;
      strips.push({ label: c.name, container: c.name, marks: base() });
      continue;
    }
    for (const p of probes) {
      const marks = base();
      for (const r of recs) {
        if (r.kind !== 'probe' || r.container !== c.name || r.probe !== p) continue;
        const i = Math.floor(r.t / step);
        if (i >= cells) continue;
        const m: Mark = r.result === 'success' || r.result === 'warning' ? '✓' : '✗';
        if (RANK[m] > RANK[marks[i]!]) marks[i] = m;
      }
      strips.push({ label: multi ? `${c.name}/${p}` : p, container: c.name, probe: p, marks });
    }
  }
  return strips;
}

const MARK_TONE: Partial<Record<Mark, Span['tone']>> = { K: 'bad', '✗': 'bad', '✓': 'ok', '~': 'warn', B: 'warn', '·': 'muted' };

/** Strip rows with a label column, an optional ▼ marker row and a time axis. */
export const stripLabelWidth = (strips: readonly Strip[]): number => Math.min(22, Math.max(8, ...strips.map((s) => textWidth(s.label)))) + 1;

/** The label column width of a trace's strips. */
export const traceLabelWidth = (trace: Trace): number => stripLabelWidth(probeStrips(trace, 0, 1000, 1));

export function stripRows(
  strips: readonly Strip[],
  step: number,
  cells: number,
  human: (ms: number) => string,
  markAtMs?: number,
  labelWidth?: number,
): Row[] {
  const labelW = labelWidth ?? stripLabelWidth(strips);
  const rows: Row[] = [];
  if (markAtMs !== undefined) {
    const i = Math.min(cells - 1, Math.floor(markAtMs / step));
    rows.push({ spans: [{ text: ' '.repeat(labelW + i) + '▼', tone: 'warn', bold: true }] });
  }
  for (const s of strips) {
    const spans: Span[] = [{ text: fit(s.label, labelW) }];
    for (const m of s.marks) {
      const last = spans[spans.length - 1]!;
      const tone = MARK_TONE[m];
      if (last.tone === tone && spans.length > 1) last.text += m;
      else spans.push(tone ? { text: m, tone } : { text: m });
    }
    rows.push({ spans });
  }
  rows.push({ spans: [{ text: ' '.repeat(labelW) + axis(step, cells, human), tone: 'muted' }] });
  return rows;
}

/** "0s      1m      2m" under the strip: a label every ~10 cells at round times. */
export function axis(step: number, cells: number, human: (ms: number) => string): string {
  const every = 10 * step;
  let out = '';
  for (let i = 0; i < cells; i++) {
    if (out.length > i) continue;
    const t = i * step;
    if (t % every === 0) {
      const label = human(t);
      if (i + label.length <= cells) out = out.padEnd(i) + label;
    }
  }
  return out;
}

// ------------------------------------------------------------------------------ events --

/** The describe Events table at `now` (kubectl's own text), keeping the header and the newest `max` rows. */
export function eventRows(table: string, max: number): Row[] {
  const lines = table.replace(/\n$/, '').split('\n');
  const head = lines.slice(0, Math.min(3, lines.length));
  const body = lines.slice(head.length);
  const shown = body.slice(Math.max(0, body.length - max));
  return [
    ...head.map((l, i): Row => ({ spans: [{ text: l, ...(i === 0 ? { bold: true } : {}) }] })),
    ...shown.map((l): Row => ({ spans: [{ text: l, ...(/^\s*Warning\s/.test(l) ? { tone: 'warn' as const } : {}) }] })),
  ];
}

// ---------------------------------------------------------------------------- one pane --

export interface PaneInput {
  trace: Trace;
  now: number;
  q: SimQueries;
  cols: number;
  /** rows available for the watch lines and the events */
  watchMax: number;
  eventsMax: number;
  markAtMs?: number;
  /** label column width, to line two panes' strips up (default: this trace's own) */
  labelW?: number;
}

export interface PaneSections {
  watch: Row[];
  probes: Row[];
  events: Row[];
}

export function paneSections(i: PaneInput): PaneSections {
  const labelW = i.labelW ?? traceLabelWidth(i.trace);
  const cells = Math.max(10, i.cols - labelW - 1);
  const step = cellMs(i.trace.untilMs, cells);
  const used = Math.min(cells, Math.ceil(i.trace.untilMs / step));
  const human = i.q.humanDuration;
  return {
    watch: watchRows(watchLines(i.trace, i.now, i.q), i.watchMax),
    probes: [
      { spans: [{ text: `Probes (1 cell = ${human(step)})`, tone: 'muted' }] },
      ...stripRows(probeStrips(i.trace, i.now, step, used), step, used, human, i.markAtMs, labelW),
    ],
    events: eventRows(i.q.formatEventTable(i.q.eventObjectsAt(i.trace, i.now), i.now), i.eventsMax),
  };
}

export const STRIP_LEGEND = '✓ probe ok  ✗ probe failed  K kill  ~ grace period  B back-off  · running';

/** One pane, or two panes whose sections line up row for row. */
export function panesRows(left: PaneSections, right?: PaneSections, colW = 0): Row[] {
  const keys: (keyof PaneSections)[] = ['watch', 'probes', 'events'];
  const out: Row[] = [];
  keys.forEach((k, n) => {
    if (n > 0) out.push({ spans: [] });
    if (!right) {
      out.push(...left[k]);
      return;
    }
    const h = Math.max(left[k].length, right[k].length);
    const pad = (rows: Row[]) => [...rows, ...Array.from({ length: h - rows.length }, (): Row => ({ spans: [] }))];
    out.push(...sideBySide(pad(left[k]), pad(right[k]), colW));
  });
  return out;
}

/** Two panes next to each other, each cut/padded to `colW`. */
export function sideBySide(left: readonly Row[], right: readonly Row[], colW: number): Row[] {
  const n = Math.max(left.length, right.length);
  const out: Row[] = [];
  for (let k = 0; k < n; k++) {
    out.push({ spans: [...padRow(left[k], colW), { text: ' │ ', tone: 'muted' }, ...padRow(right[k], colW)] });
  }
  return out;
}

function padRow(r: Row | undefined, w: number): Span[] {
  const out: Span[] = [];
  let left = w;
  for (const s of r?.spans ?? []) {
    if (left <= 0) break;
    const sw = textWidth(s.text);
    if (sw <= left) {
      out.push(s);
      left -= sw;
    } else {
      out.push({ ...s, text: fit(s.text, left) });
      left = 0;
    }
  }
  if (left > 0) out.push({ text: ' '.repeat(left) });
  return out;
}
