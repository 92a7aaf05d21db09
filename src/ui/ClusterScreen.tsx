// The simulation view of a workload exercise: the cluster run told as a kubectl session (apply, then
// rollout status, get -w, describe or events, in kubectl's words), yours or the reference's, scrolled.
import { useMemo, useState } from 'react';
import type { ClusterRun, Divergence } from '../grade/types.js';
import type { TranscriptOutput } from '../sim/render/transcript.js';
import type { ClusterMessages, Messages } from './messages.js';
import type { Row } from './row-model.js';
import { bodyHeight, Screen } from './Screen.js';
import type { SimQueries } from './services.js';
import { wrap } from './text.js';
import { useKeys } from './use-keys.js';

export type ClusterView = 'learner' | 'reference';

export interface ClusterScreenProps {
  readonly run: ClusterRun;
  /** the exercise's behaviour check kinds: what the screen opens on (see initialOutput) */
  readonly checks?: readonly string[];
  readonly divergence?: Divergence;
  readonly q: SimQueries;
  readonly title: Row;
  readonly m: Messages;
  readonly cm: ClusterMessages;
  readonly width: number;
  readonly height: number;
  readonly color: boolean;
  readonly onBack: () => void;
  readonly onQuit: () => void;
}

/**
 * rollout status when the run has a Deployment to follow, else the objects as `get -w` watches them;
 * and `get -w` too when the exercise is about a Service's endpoints rather than a rollout (`checks`:
 * its behaviour check kinds), since that is where the endpoints show.
 */
export function initialOutput(run: ClusterRun, checks: readonly string[] = []): TranscriptOutput {
  if (checks.includes('endpoints') && !checks.includes('rollout')) return 'get';
  const t = run.trace ?? run.referenceTrace;
  return t?.records.some((r) => r.kind === 'added' && r.object.kind === 'Deployment') ? 'rollout' : 'get';
}

/** The transcript's rows: one terminal row per wrapped line, kubectl prompts highlighted. */
export function transcriptRows(text: string, cols: number): Row[] {
  const rows: Row[] = [];
  for (const line of text.replace(/\n$/, '').split('\n')) {
    const tone = line.startsWith('$ ') ? ('accent' as const) : line.startsWith('# ') ? ('muted' as const) : line.startsWith('error:') ? ('bad' as const) : undefined;
    for (const l of wrap(line, cols)) rows.push({ spans: [{ text: l, ...(tone ? { tone } : {}), ...(tone === 'accent' ? { bold: true } : {}) }] });
  }
  return rows;
}

export function ClusterScreen(p: ClusterScreenProps) {
  const { run, m, cm, q } = p;
  const [view, setView] = useState<ClusterView>(run.trace ? 'learner' : 'reference');
  const [output, setOutput] = useState<TranscriptOutput>(() => initialOutput(run, p.checks));
  const [offset, setOffset] = useState(0);
  const trace = view === 'learner' ? run.trace : run.referenceTrace;
  const text = useMemo(() => (trace ? q.transcript(trace, { output, files: run.files }) : undefined), [trace, output, run.files, q]);

  const header: Row[] = [
    p.title,
    {
      spans: [
        { text: `${cm.cluster} · `, tone: 'muted' },
        { text: view === 'learner' ? cm.yourRun : cm.referenceRun, bold: true },
        { text: `   kubectl ${cm.outputs[output]}`, tone: 'accent', bold: true },
        ...(trace ? [{ text: `   ${q.humanDuration(trace.untilMs)}` }] : []),
      ],
    },
  ];
  const body: Row[] = [];
  if (p.divergence) {
    for (const l of wrap(`▼ ${m.firstDifference} @ ${q.humanDuration(p.divergence.atMs)}: ${p.divergence.message}`, p.width)) body.push({ spans: [{ text: l, tone: 'warn' }] });
    body.push({ spans: [] });
  }
  if (text === undefined) body.push(...wrap(cm.noRun, p.width).map((t): Row => ({ spans: [{ text: t, tone: 'muted' }] })));
  else body.push(...transcriptRows(text, p.width));
  const page = bodyHeight(p.height, header.length, false);
  const max = Math.max(0, body.length - page);

  const show = (o: TranscriptOutput) => {
    setOutput(o);
    setOffset(0);
  };
  useKeys((input, key) => {
    if (input === 'o') show('rollout');
    else if (input === 'g') show('get');
    else if (input === 'd') show('describe');
    else if (input === 'v') show('events');
    else if (input === 't') {
      const next: ClusterView = view === 'learner' ? 'reference' : 'learner';
      if (next === 'learner' ? run.trace : run.referenceTrace) {
        setView(next);
        setOffset(0);
      }
    } else if (key.downArrow || input === 'j') setOffset((o) => Math.min(max, o + 1));
    else if (key.upArrow || input === 'k') setOffset((o) => Math.max(0, o - 1));
    else if (key.pageDown || input === ' ') setOffset((o) => Math.min(max, o + page));
    else if (key.pageUp) setOffset((o) => Math.max(0, o - page));
    else if (input === '0' || key.home) setOffset(0);
    else if (key.escape || key.backspace || key.delete) p.onBack();
    else if (input === 'q') p.onQuit();
  });

  return (
    <Screen
      header={header}
      body={body}
      offset={Math.min(offset, max)}
      width={p.width}
      height={p.height}
      color={p.color}
      keys={[cm.keys.outputs, cm.keys.toggle, cm.keys.scroll, m.keys.back, m.keys.quit]}
    />
  );
}
