// Compares the learner's cluster run with the reference's, object by object, and says where they first
// part: each Deployment's READY / UP-TO-DATE / AVAILABLE columns, each Job's STATUS and COMPLETIONS,
// each Service's count of ready endpoints (what `kubectl get` shows), in time order.
import type { Lang } from '../exercises/types.js';
import type { ClusterTrace } from '../sim/cluster/types.js';
import { jobStatusColumn, objectHistory, serviceEndpointsAt } from '../sim/cluster/query.js';
import type { Divergence } from './types.js';
import { DIVERGE_CLUSTER as D, loc } from './messages.js';

/** One object's visible state over the run: a new entry whenever its columns change. */
interface Line {
  /** `deployment/web` */
  obj: string;
  states: { t: number; text: string }[];
}

const RESOURCE = { Deployment: 'deployment', Job: 'job', Service: 'service' } as const;

function names(trace: ClusterTrace, kind: keyof typeof RESOURCE): string[] {
  const out: string[] = [];
  for (const r of trace.records) if (r.kind === 'added' && r.object.kind === kind && !out.includes(r.object.metadata.name)) out.push(r.object.metadata.name);
  return out;
}

function push(states: { t: number; text: string }[], t: number, text: string): void {
  const last = states[states.length - 1];
  if (last && last.text === text) return;
  if (last && last.t === t) states.pop();
  if (states[states.length - 1]?.text !== text) states.push({ t, text });
}

/** Times anything changed in the run (endpoint slices change on their own records). */
function sliceTimes(trace: ClusterTrace): number[] {
  const ts = new Set<number>();
  for (const r of trace.records) if ((r.kind === 'added' || r.kind === 'modified' || r.kind === 'deleted') && (r.kind === 'deleted' ? r.ref.kind : r.object.kind) === 'EndpointSlice') ts.add(r.t);
  return [...ts].sort((a, b) => a - b);
}

export function clusterLines(trace: ClusterTrace): Line[] {
  const lines: Line[] = [];
  for (const name of names(trace, 'Deployment')) {
    const states: Line['states'] = [];
    for (const h of objectHistory(trace, 'Deployment', name)) {
      if (!h.object) continue;
      const s = h.object.status;
      push(states, h.t, `READY ${s.readyReplicas}/${h.object.spec.replicas ?? 1}, UP-TO-DATE ${s.updatedReplicas}, AVAILABLE ${s.availableReplicas}`);
    }
    lines.push({ obj: `${RESOURCE.Deployment}/${name}`, states });
  }
  for (const name of names(trace, 'Job')) {
    const states: Line['states'] = [];
    for (const h of objectHistory(trace, 'Job', name)) {
      if (!h.object) continue;
      push(states, h.t, `STATUS ${jobStatusColumn(h.object)}, COMPLETIONS ${h.object.status.succeeded}/${h.object.spec.completions ?? 1}, ${h.object.status.failed} failed`);
    }
    lines.push({ obj: `${RESOURCE.Job}/${name}`, states });
  }
  const times = sliceTimes(trace);
  for (const name of names(trace, 'Service')) {
    const states: Line['states'] = [{ t: 0, text: 'ENDPOINTS <none>' }];
    for (const t of times) {
      const e = serviceEndpointsAt(trace, name, t);
      // kubectl get endpoints' column: the ready ip:port pairs (pod addresses differ between runs, so counted)
      const n = e.ready.filter((a) => a.includes(':')).length;
      push(states, t, n === 0 ? 'ENDPOINTS <none>' : `ENDPOINTS ${n} ready`);
    }
    lines.push({ obj: `${RESOURCE.Service}/${name}`, states });
  }
  return lines;
}

/** The first moment the learner's run and the reference's differ beyond `toleranceMs`; undefined when they match. */
export function describeClusterDivergence(mine: ClusterTrace, ref: ClusterTrace, lang: Lang, opts: { toleranceMs: number }): Divergence | undefined {
  const a = clusterLines(mine);
  const b = clusterLines(ref);
  let best: Divergence | undefined;
  const offer = (d: Divergence) => {
    if (!best || d.atMs < best.atMs) best = d;
  };
  for (const r of b) {
    const m = a.find((x) => x.obj === r.obj);
    if (!m) {
      offer({ atMs: r.states[0]?.t ?? 0, message: loc(D.missing(r.obj), lang) });
      continue;
    }
    const n = Math.max(m.states.length, r.states.length);
    for (let i = 0; i < n; i++) {
      const x = m.states[i];
      const y = r.states[i];
      if (x && y && x.text === y.text && Math.abs(x.t - y.t) <= opts.toleranceMs) continue;
      // Whichever run got somewhere first: when (if ever) did the other get there?
      const refFirst = !x || (y !== undefined && y.t <= x.t);
      if (refFirst && y) offer({ atMs: y.t, message: loc(D.later(r.obj, y.text, y.t, m.states.slice(i).find((s) => s.text === y.text)?.t), lang) });
      else if (x) offer({ atMs: x.t, message: loc(D.earlier(r.obj, x.text, x.t, r.states.slice(i).find((s) => s.text === x.text)?.t), lang) });
      break;
    }
  }
  for (const m of a) if (!b.some((x) => x.obj === m.obj)) offer({ atMs: m.states[0]?.t ?? 0, message: loc(D.extra(m.obj), lang) });
  return best;
}
