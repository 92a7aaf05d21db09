// Container of the simulation playback: replays the recorded traces on a clock driven by real time.
import { useKeys } from './use-keys.js';
import { useMemo, useState } from 'react';
import type { GradeResult } from '../grade/types.js';
import type { Trace } from '../sim/trace.js';
import type { Messages } from './messages.js';
import { moments, panesRows, paneSections, seekTarget, SPEEDS, speedLabel, STRIP_LEGEND, traceLabelWidth, type PaneSections } from './playback-model.js';
import type { Row } from './row-model.js';
import { Screen } from './Screen.js';
import type { SimQueries } from './services.js';
import { usePlayback } from './use-playback.js';
import { wrap } from './text.js';

export type PlaybackView = 'learner' | 'reference' | 'side';

export interface PlaybackScreenProps {
  readonly result: GradeResult;
  readonly q: SimQueries;
  readonly title: Row;
  readonly m: Messages;
  readonly width: number;
  readonly height: number;
  readonly color: boolean;
  readonly onBack: () => void;
  readonly onQuit: () => void;
}

export function initialView(r: GradeResult): PlaybackView {
  if (r.trace && r.referenceTrace && r.divergence) return 'side';
  return r.trace ? 'learner' : 'reference';
}

export function PlaybackScreen(p: PlaybackScreenProps) {
  const { result: r, m, q } = p;
  const [view, setView] = useState<PlaybackView>(() => initialView(r));
  const endMs = Math.max(r.trace?.untilMs ?? 0, r.referenceTrace?.untilMs ?? 0);
  const [pb, dispatch] = usePlayback(endMs);
  const stops = useMemo(() => {
    const all = [...(r.trace ? moments(r.trace) : []), ...(r.referenceTrace ? moments(r.referenceTrace) : [])];
    return [...new Set(all)].sort((a, b) => a - b);
  }, [r]);

  useKeys((input, key) => {
    if (input === ' ') dispatch({ kind: 'toggle-pause' });
    else if (input >= '1' && input <= '4') dispatch({ kind: 'speed', speed: SPEEDS[Number(input) - 1]! });
    else if (input === '+' || input === '=') dispatch({ kind: 'faster' });
    else if (input === '-' || input === '_') dispatch({ kind: 'slower' });
    else if (key.rightArrow || input === 'l') dispatch({ kind: 'seek', t: seekTarget(stops, pb.t, 1, endMs) });
    else if (key.leftArrow || input === 'h') dispatch({ kind: 'seek', t: seekTarget(stops, pb.t, -1, endMs) });
    else if (input === '0' || key.home) dispatch({ kind: 'seek', t: 0 });
    else if (input === 't') setView((v) => nextView(v, r));
    else if (key.escape || key.backspace || key.delete) p.onBack();
    else if (input === 'q') p.onQuit();
  });

  const mark = r.divergence?.atMs;
  const status: Row = {
    spans: [
      { text: `${m.playback} · `, tone: 'muted' },
      { text: view === 'learner' ? m.learner : view === 'reference' ? m.reference : `${m.learner} │ ${m.reference}`, bold: true },
      { text: `   t = ${q.humanDuration(pb.t)} / ${q.humanDuration(endMs)}`, tone: 'accent', bold: true },
      { text: `   ${pb.paused ? '⏸ ' + m.paused : '▶'} ${m.speed(speedLabel(pb.speed))}` },
    ],
  };
  const header: Row[] = [p.title, status];
  const body: Row[] = [];
  if (mark !== undefined && r.divergence) {
    for (const l of wrap(`▼ ${m.firstDifference} @ ${q.humanDuration(mark)}: ${r.divergence.message}`, p.width)) {
      body.push({ spans: [{ text: l, tone: 'warn' }] });
    }
  }
  const avail = p.height - header.length - 1 - body.length;
  const stripCount = Math.max(r.trace?.containers.length ?? 1, r.referenceTrace?.containers.length ?? 1) + 2;
  const rest = Math.max(4, avail - (12 + stripCount));
  const watchMax = Math.max(2, Math.floor(rest * 0.4));
  const eventsMax = Math.max(2, rest - watchMax);
  const labelW = Math.max(...[r.trace, r.referenceTrace].map((t) => (t ? traceLabelWidth(t) : 0)));
  const sections = (trace: Trace | undefined, cols: number): PaneSections =>
    trace
      ? paneSections({ trace, now: Math.min(pb.t, trace.untilMs), q, cols, watchMax, eventsMax, labelW, ...(mark !== undefined ? { markAtMs: mark } : {}) })
      : { watch: wrap(m.noTrace, cols).map((t) => ({ spans: [{ text: t, tone: 'muted' as const }] })), probes: [], events: [] };
  if (view === 'side') {
    const colW = Math.floor((p.width - 3) / 2);
    body.push(...panesRows(sections(r.trace, colW), sections(r.referenceTrace, colW), colW));
  } else {
    body.push(...panesRows(sections(view === 'learner' ? r.trace : r.referenceTrace, p.width)));
  }
  body.push({ spans: [] }, { spans: [{ text: STRIP_LEGEND, tone: 'muted' }] });
  return (
    <Screen
      header={header}
      body={body}
      offset={0}
      width={p.width}
      height={p.height}
      color={p.color}
      keys={[m.keys.pause, m.keys.speeds, m.keys.seek, m.keys.toggle, m.keys.back, m.keys.quit]}
    />
  );
}

function nextView(v: PlaybackView, r: GradeResult): PlaybackView {
  const order: PlaybackView[] = ['learner', 'reference', 'side'];
  for (let i = 1; i <= order.length; i++) {
    const n = order[(order.indexOf(v) + i) % order.length]!;
    if (n === 'learner' && !r.trace) continue;
    if (n === 'reference' && !r.referenceTrace) continue;
    if (n === 'side' && !(r.trace && r.referenceTrace)) continue;
    return n;
  }
  return v;
}
