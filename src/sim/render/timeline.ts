// A compact at-a-glance chart of one simulated pod: probe results, kills, grace periods, restarts
// and back-off on a time axis, a legend, and the key moments in words.
import type { Container, Pod } from 'kubernetes-types/core/v1.d.ts';
import type { ProbeType, Trace, TraceRecord } from '../trace.js';
import { clock, goDuration } from './format.js';

export interface TimelineOptions {
  /** total line width to fit (default 100) */
  width?: number;
  /** plain ASCII marks instead of ✓ ✗ · ┆ → … */
  ascii?: boolean;
  /** only this container */
  container?: string;
  /** at most this many key-moment lines (default 24) */
  maxMoments?: number;
}

interface Glyphs {
  success: string;
  failure: string;
  error: string;
  notRun: string;
  running: string;
  gap: string;
  arrow: string;
  ellipsis: string;
  dot: string;
}

const UNICODE: Glyphs = { success: '✓', failure: '✗', error: '?', notRun: '·', running: '─', gap: '┆', arrow: '→', ellipsis: '…', dot: '·' };
const ASCII: Glyphs = { success: '+', failure: 'x', error: '?', notRun: '.', running: '-', gap: ':', arrow: '->', ellipsis: '...', dot: '-' };

/** Marks in the container's state row, most important first (one column shows the highest). */
const STATE_PRIORITY = ['R', 'K', 'E', 'S', 'B', '~', 'p', 'running', ' '] as const;
type StateMark = (typeof STATE_PRIORITY)[number];

/** Nice seconds-per-column scales, smallest first. */
const SCALES_S = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];
/** A stretch with nothing but successful probes longer than this many columns is left out. */
const QUIET_COLUMNS = 20;
/** Columns kept on each side of a left-out stretch. */
const MARGIN_COLUMNS = 5;

type Column = { kind: 'time'; start: number; end: number } | { kind: 'gap'; start: number; end: number };

const PROBES: { type: ProbeType; field: 'livenessProbe' | 'readinessProbe' | 'startupProbe' }[] = [
  { type: 'startup', field: 'startupProbe' },
  { type: 'liveness', field: 'livenessProbe' },
  { type: 'readiness', field: 'readinessProbe' },
];

/** Times at which something other than a successful probe happened. */
function interestingTimes(trace: Trace, untilMs: number, containers: ReadonlySet<string>): number[] {
  const ts = new Set<number>([0, untilMs]);
  for (const r of trace.records) {
    if (r.t > untilMs) break;
    switch (r.kind) {
      case 'probe':
        if (containers.has(r.container) && r.result !== 'success' && r.result !== 'warning') ts.add(r.t);
        break;
      case 'probe-result':
      case 'pull-start':
      case 'pull-done':
      case 'container-start':
      case 'container-exit':
      case 'kill':
      case 'backoff':
        if (containers.has(r.container)) ts.add(r.t);
        break;
      default:
        break;
    }
  }
  return [...ts].sort((a, b) => a - b);
}

/** The columns at one scale, or undefined as soon as they would not fit in `maxCols`. */
function buildColumns(times: readonly number[], untilMs: number, stepMs: number, maxCols: number): Column[] | undefined {
  const cols: Column[] = [];
  const pushTime = (from: number, to: number): void => {
    for (let t = Math.floor(from / stepMs) * stepMs; t <= to && cols.length <= maxCols; t += stepMs) {
      if (cols.length > 0 && cols[cols.length - 1]!.end > t) continue;
      cols.push({ kind: 'time', start: t, end: t + stepMs });
    }
  };
  let from = 0;
  for (let i = 0; i + 1 < times.length; i++) {
    const a = times[i]!;
    const b = times[i + 1]!;
    if (b - a <= QUIET_COLUMNS * stepMs) continue;
    const gapStart = (Math.floor(a / stepMs) + 1 + MARGIN_COLUMNS) * stepMs;
    const gapEnd = (Math.floor(b / stepMs) - MARGIN_COLUMNS) * stepMs;
    if (gapEnd - gapStart < 2 * stepMs) continue;
    pushTime(from, gapStart - stepMs);
    cols.push({ kind: 'gap', start: gapStart, end: gapEnd });
    from = gapEnd;
    if (cols.length > maxCols) return undefined;
  }
  pushTime(from, untilMs);
  return cols.length > maxCols ? undefined : cols;
}

/** Index of the column containing t (or -1). */
function columnAt(cols: readonly Column[], t: number): number {
  let lo = 0;
  let hi = cols.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = cols[mid]!;
    if (t < c.start) hi = mid - 1;
    else if (t >= c.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

interface Instance {
  restartCount: number;
  start: number;
  exit?: number;
  exitCode?: number;
  exitReason?: string;
  kill?: Extract<TraceRecord, { kind: 'kill' }>;
}

interface ContainerHistory {
  name: string;
  instances: Instance[];
  pulls: { start: number; end?: number }[];
  /** [from, to) intervals spent waiting in crash-loop back-off */
  backoffs: { from: number; to: number; backoffMs: number; at: number }[];
}

function historyOf(trace: Trace, name: string, untilMs: number): ContainerHistory {
  const h: ContainerHistory = { name, instances: [], pulls: [], backoffs: [] };
  let lastExit: number | undefined;
  let pendingBackoff: { at: number; backoffMs: number } | undefined;
  for (const r of trace.records) {
    if (r.t > untilMs) break;
    if (!('container' in r) || r.container !== name) continue;
    const cur = h.instances[h.instances.length - 1];
    switch (r.kind) {
      case 'pull-start':
        h.pulls.push({ start: r.t });
        break;
      case 'pull-done': {
        const p = h.pulls[h.pulls.length - 1];
        if (p && p.end === undefined) p.end = r.t;
        break;
      }
      case 'container-start':
        if (pendingBackoff && lastExit !== undefined)
          h.backoffs.push({ from: lastExit, to: r.t, backoffMs: pendingBackoff.backoffMs, at: pendingBackoff.at });
        pendingBackoff = undefined;
        h.instances.push({ restartCount: r.restartCount, start: r.t });
        break;
      case 'container-exit':
        if (cur && cur.exit === undefined) {
          cur.exit = r.t;
          cur.exitCode = r.exitCode;
          cur.exitReason = r.reason;
        }
        lastExit = r.t;
        break;
      case 'kill':
        if (cur && cur.exit === undefined && !cur.kill) cur.kill = r;
        break;
      case 'backoff':
        if (!pendingBackoff) pendingBackoff = { at: r.t, backoffMs: r.backoffMs };
        break;
      default:
        break;
    }
  }
  if (pendingBackoff && lastExit !== undefined)
    h.backoffs.push({ from: lastExit, to: untilMs + 1, backoffMs: pendingBackoff.backoffMs, at: pendingBackoff.at });
  return h;
}

function stateRow(h: ContainerHistory, cols: readonly Column[], untilMs: number): StateMark[] {
  const row: StateMark[] = cols.map(() => ' ');
  const rank = (m: StateMark) => STATE_PRIORITY.indexOf(m);
  const put = (i: number, m: StateMark) => {
    if (i >= 0 && cols[i]!.kind === 'time' && rank(m) < rank(row[i]!)) row[i] = m;
  };
  const fill = (from: number, to: number, m: StateMark) => {
    for (let i = 0; i < cols.length; i++) {
      const c = cols[i]!;
      if (c.end > from && c.start < to) put(i, m);
    }
  };
  for (const p of h.pulls) fill(p.start, p.end ?? untilMs + 1, 'p');
  for (const b of h.backoffs) fill(b.from, b.to, 'B');
  for (const inst of h.instances) {
    const end = inst.exit ?? untilMs + 1;
    fill(inst.start, inst.kill ? inst.kill.t : end, 'running');
    if (inst.kill) {
      fill(inst.kill.t, end, '~');
      put(columnAt(cols, inst.kill.t), 'K');
    }
    put(columnAt(cols, inst.start), inst.restartCount > 0 ? 'R' : 'S');
    if (inst.exit !== undefined) put(columnAt(cols, inst.exit), 'E');
  }
  return row;
}

function probeRow(
  trace: Trace,
  h: ContainerHistory,
  probe: ProbeType,
  cols: readonly Column[],
  untilMs: number,
  g: Glyphs,
): string[] {
  const row: string[] = cols.map(() => ' ');
  for (const inst of h.instances) {
    const end = inst.exit ?? untilMs + 1;
    for (let i = 0; i < cols.length; i++) {
      const c = cols[i]!;
      if (c.kind === 'time' && c.end > inst.start && c.start < end) row[i] = g.notRun;
    }
  }
  const rank = (m: string) => [g.failure, g.error, g.success, g.notRun, ' '].indexOf(m);
  for (const r of trace.records) {
    if (r.t > untilMs) break;
    if (r.kind !== 'probe' || r.container !== h.name || r.probe !== probe) continue;
    const i = columnAt(cols, r.t);
    if (i < 0 || cols[i]!.kind !== 'time') continue;
    const m = r.result === 'success' || r.result === 'warning' ? g.success : r.result === 'failure' ? g.failure : g.error;
    if (rank(m) < rank(row[i]!)) row[i] = m;
  }
  return row;
}

interface Moment {
  t: number;
  text: string;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function momentsOf(trace: Trace, pod: Pod, h: ContainerHistory, untilMs: number, g: Glyphs, prefix: string): Moment[] {
  const spec = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find((c) => c.name === h.name);
  const out: Moment[] = [];
  const add = (t: number, text: string) => out.push({ t, text: prefix + text });
  for (const p of h.pulls) if (p.end !== undefined) add(p.end, `image pulled (${goDuration(p.end - p.start)})`);
  // Consecutive failures per probe type, reset by a success or a new container instance.
  const streak = new Map<ProbeType, number>();
  const erroredOnce = new Set<string>();
  let instanceIdx = -1;
  const restartPolicy = pod.spec?.restartPolicy ?? 'Always';
  const isInit = (pod.spec?.initContainers ?? []).some((c) => c.name === h.name);
  let lastReady: boolean | undefined;
  for (const r of trace.records) {
    if (r.t > untilMs) break;
    if (r.kind === 'status') {
      const st = [...r.status.containers, ...r.status.initContainers].find((c) => c.name === h.name);
      // Readiness only tells something new when a readiness probe decides it.
      if (st && spec?.readinessProbe && st.ready !== (lastReady ?? false)) add(r.t, st.ready ? 'ready' : 'not ready');
      if (st) lastReady = st.ready;
      continue;
    }
    if (!('container' in r) || r.container !== h.name) continue;
    switch (r.kind) {
      case 'container-start': {
        instanceIdx++;
        streak.clear();
        // A restart straight after an exit is told on the exit's line.
        const prev = h.instances[instanceIdx - 1];
        const merged = prev?.exit !== undefined && !h.backoffs.some((b) => b.from === prev.exit);
        if (r.restartCount === 0) add(r.t, 'started');
        else if (!merged) add(r.t, `restarted (restart #${r.restartCount})`);
        break;
      }
      case 'probe': {
        if (r.result === 'success' || r.result === 'warning') streak.set(r.probe, 0);
        else if (r.result === 'failure' || r.result === 'unknown') streak.set(r.probe, (streak.get(r.probe) ?? 0) + 1);
        else if (r.result === 'error') {
          const key = `${instanceIdx}:${r.probe}`;
          if (!erroredOnce.has(key)) {
            erroredOnce.add(key);
            add(r.t, `${r.probe} errored: ${r.output.trim()}`);
          }
        }
        if (r.result === 'failure' && r.probe === 'readiness' && streak.get('readiness') === 1)
          add(r.t, `readiness failed: ${r.output.trim()}`);
        break;
      }
      case 'kill': {
        const grace = `grace ${goDuration(r.graceMs)}`;
        if (r.reason === 'Stop') add(r.t, `stopped (${grace})`);
        else {
          const probe: ProbeType = r.reason === 'LivenessProbe' ? 'liveness' : 'startup';
          const threshold = (probe === 'liveness' ? spec?.livenessProbe : spec?.startupProbe)?.failureThreshold || 3;
          add(r.t, `${probe} failed ${streak.get(probe) ?? threshold}/${threshold} ${g.arrow} killed (${grace})`);
        }
        break;
      }
      case 'container-exit': {
        const inst = h.instances[instanceIdx];
        const next = h.instances[instanceIdx + 1];
        const backoff = h.backoffs.find((b) => b.from === r.t);
        let text = `exited ${r.exitCode} (${r.reason})`;
        if (backoff) text += ` ${g.arrow} back-off ${goDuration(backoff.backoffMs)}`;
        else if (next) {
          const at = clock(next.start) === clock(r.t) ? '' : ` at ${clock(next.start)}`;
          text += ` ${g.arrow} restarted${at} (restart #${next.restartCount})`;
        }
        else if (isInit && r.exitCode === 0) {
          // An init container that succeeded is done: nothing to restart.
        } else if (
          restartPolicy === 'Never' ||
          (restartPolicy === 'OnFailure' && r.exitCode === 0 && !(inst && inst.kill && inst.kill.reason !== 'Stop'))
        )
          text += `, not restarted (restartPolicy ${restartPolicy})`;
        add(r.t, text);
        break;
      }
      default:
        break;
    }
  }
  return out;
}

/**
 * The timeline of a simulated pod from 0 to `untilMs`: one row per container (its life: pulling,
 * running, grace period, exits, restarts, back-off) and one per configured probe (each run's
 * result), scaled to fit `width`, with long quiet stretches left out; then a legend and the
 * key moments in words.
 */
export function renderTimeline(pod: Pod, trace: Trace, untilMs: number, opts: TimelineOptions = {}): string {
  const g = opts.ascii ? ASCII : UNICODE;
  const width = Math.max(40, opts.width ?? 100);
  const specs: Container[] = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].filter(
    (c) => opts.container === undefined || c.name === opts.container,
  );
  const names = new Set(specs.map((c) => c.name));
  const rows: { label: string; kind: 'state' | ProbeType; container: Container }[] = [];
  for (const c of specs) {
    rows.push({ label: c.name, kind: 'state', container: c });
    for (const p of PROBES) if (c[p.field]) rows.push({ label: `  ${p.type}`, kind: p.type, container: c });
  }
  const labelWidth = Math.max(...rows.map((r) => r.label.length), 5) + 2;
  const avail = width - labelWidth;

  // Leave nothing out when the whole run fits at a scale where each probe period still gets its
  // own column; otherwise leave out the quiet stretches and pick the finest scale that fits.
  const periods = specs.flatMap((c) => PROBES.map((p) => c[p.field]?.periodSeconds || (c[p.field] ? 10 : Infinity)));
  const readableMs = Math.max(10, Math.min(...periods)) * 1000;
  const scaleMs = (i: number) =>
    (i < SCALES_S.length ? SCALES_S[i]! : SCALES_S[SCALES_S.length - 1]! * 2 ** (i - SCALES_S.length + 1)) * 1000;
  let stepMs = 0;
  let cols: Column[] | undefined;
  for (let i = 0; cols === undefined && scaleMs(i) <= readableMs; i++) {
    stepMs = scaleMs(i);
    cols = buildColumns([], untilMs, stepMs, avail);
  }
  const times = interestingTimes(trace, untilMs, names);
  for (let i = 0; cols === undefined; i++) {
    stepMs = scaleMs(i);
    cols = buildColumns(times, untilMs, stepMs, avail);
  }

  const out: string[] = [];
  const name = pod.metadata?.name ?? trace.pod.name;
  out.push(`${name}: ${goDuration(untilMs)} of virtual time, seed ${trace.seed}, 1 column = ${goDuration(stepMs)}`);
  out.push('');

  // Axis: a clock label every ~10 columns where it fits.
  let axis = '';
  let ticks = '';
  for (let i = 0; i < cols.length; i++) {
    const c = cols[i]!;
    if (c.kind === 'gap') {
      ticks += g.gap;
      if (axis.length <= i) axis += ' '.repeat(i - axis.length + 1);
      continue;
    }
    const labelled = i % 10 === 0 || (i > 0 && cols[i - 1]!.kind === 'gap');
    if (labelled && axis.length <= i) {
      axis += ' '.repeat(i - axis.length) + clock(c.start) + ' ';
      ticks += '|';
    } else ticks += ' ';
  }
  const pad = ' '.repeat(labelWidth);
  out.push((pad + axis).trimEnd());
  out.push((pad + ticks).trimEnd());

  const histories = new Map(specs.map((c) => [c.name, historyOf(trace, c.name, untilMs)] as const));
  for (const r of rows) {
    const h = histories.get(r.container.name)!;
    let cells: string[];
    if (r.kind === 'state') cells = stateRow(h, cols, untilMs).map((m) => (m === 'running' ? g.running : m));
    else cells = probeRow(trace, h, r.kind, cols, untilMs, g);
    cells = cells.map((ch, i) => (cols[i]!.kind === 'gap' ? g.gap : ch));
    out.push((r.label.padEnd(labelWidth) + cells.join('')).trimEnd());
  }

  out.push('');
  const legend = [
    ...(rows.some((r) => r.kind !== 'state')
      ? [`${g.success} probe succeeded`, `${g.failure} failed`, '? errored', `${g.notRun} not run`]
      : []),
    'S started',
    'R restarted',
    'K killed',
    '~ grace period',
    'E exited',
    'B back-off',
    'p pulling image',
    `${g.running} running`,
    `${g.gap} quiet stretch left out`,
  ];
  let legendLine = 'legend:';
  for (const item of legend) {
    if ([...legendLine].length + 2 + [...item].length > width) {
      out.push(legendLine);
      legendLine = '       ';
    }
    legendLine += (legendLine.trim() === '' || legendLine === 'legend:' ? ' ' : '  ') + item;
  }
  out.push(legendLine);

  // Probe totals: what the chart compresses, counted.
  const probeRows = rows.filter((r) => r.kind !== 'state');
  if (probeRows.length > 0) {
    out.push('');
    out.push('probe runs:');
    for (const r of probeRows) {
      let ok = 0;
      let failed = 0;
      let errored = 0;
      for (const rec of trace.records) {
        if (rec.t > untilMs) break;
        if (rec.kind !== 'probe' || rec.container !== r.container.name || rec.probe !== r.kind) continue;
        if (rec.result === 'success' || rec.result === 'warning') ok++;
        else if (rec.result === 'failure') failed++;
        else errored++;
      }
      const who = specs.length > 1 ? `${r.container.name} ${r.kind}` : r.kind;
      out.push(`  ${who}: ${plural(ok + failed + errored, 'run')}, ${ok} succeeded, ${failed} failed, ${errored} errored`);
    }
  }

  // Key moments, with the left-out stretches in their place.
  const multi = specs.length > 1;
  let moments: Moment[] = [];
  for (const c of specs) moments.push(...momentsOf(trace, pod, histories.get(c.name)!, untilMs, g, multi ? `${c.name}: ` : ''));
  for (const c of cols)
    if (c.kind === 'gap') moments.push({ t: c.start, text: `${g.ellipsis} ${goDuration(c.end - c.start)} quiet ${g.ellipsis}` });
  moments = moments.map((m, i) => ({ m, i })).sort((a, b) => a.m.t - b.m.t || a.i - b.i).map((x) => x.m);
  const maxMoments = opts.maxMoments ?? 24;
  out.push('');
  if (moments.length === 0) out.push('key moments: none');
  else {
    out.push('key moments:');
    const line = (m: Moment) => `  ${clock(m.t).padStart(7)}  ${m.text}`;
    if (moments.length <= maxMoments) for (const m of moments) out.push(line(m));
    else {
      const head = maxMoments - 4;
      for (const m of moments.slice(0, head)) out.push(line(m));
      out.push(`  ${g.ellipsis} ${plural(moments.length - maxMoments, 'more moment')} ${g.ellipsis}`);
      for (const m of moments.slice(moments.length - 4)) out.push(line(m));
    }
  }
  return out.join('\n') + '\n';
}
