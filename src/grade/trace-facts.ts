// Facts the grader reads off a recorded trace: statuses at a time, restarts, kills, readiness, key moments.
import type { ContainerStatus, PodStatusSnapshot, Trace, TraceRecord } from '../sim/trace.js';

type StatusRecord = Extract<TraceRecord, { kind: 'status' }>;

/** The last recorded pod status at or before `tMs`. */
export function statusAt(trace: Trace, tMs: number): PodStatusSnapshot | undefined {
  let last: PodStatusSnapshot | undefined;
  for (const r of trace.records) {
    if (r.t > tMs) break;
    if (r.kind === 'status') last = r.status;
  }
  return last;
}

export function containerAt(trace: Trace, container: string, tMs: number): ContainerStatus | undefined {
  const s = statusAt(trace, tMs);
  return s?.containers.find((c) => c.name === container) ?? s?.initContainers.find((c) => c.name === container);
}

export function restartCountAt(trace: Trace, container: string, tMs: number): number {
  return containerAt(trace, container, tMs)?.restartCount ?? 0;
}

export type KillRecord = Extract<TraceRecord, { kind: 'kill' }>;

export function killsOf(trace: Trace, container: string, probe?: 'liveness' | 'startup'): KillRecord[] {
  const reason = probe === 'liveness' ? 'LivenessProbe' : probe === 'startup' ? 'StartupProbe' : undefined;
  return trace.records.filter((r): r is KillRecord => r.kind === 'kill' && r.container === container && (reason === undefined || r.reason === reason));
}

/** Times at which the container's Ready flag changes, starting from not ready. */
export function readyChanges(trace: Trace, container: string): { t: number; ready: boolean }[] {
  const out: { t: number; ready: boolean }[] = [];
  let ready = false;
  for (const r of trace.records) {
    if (r.kind !== 'status') continue;
    const c = (r as StatusRecord).status.containers.find((x) => x.name === container);
    if (c && c.ready !== ready) {
      ready = c.ready;
      out.push({ t: r.t, ready });
    }
  }
  return out;
}

export type Moment =
  | { t: number; container: string; kind: 'start'; restartCount: number }
  /** `failures`: failed runs of the killing probe in a row just before the kill */
  | { t: number; container: string; kind: 'kill'; reason: KillRecord['reason']; message: string; failures: number }
  | { t: number; container: string; kind: 'exit'; exitCode: number; reason: string }
  | { t: number; container: string; kind: 'ready' | 'unready' }
  | { t: number; container: string; kind: 'backoff'; backoffMs: number };

/** The moments that define how a pod behaves: starts, kills, exits, readiness changes and back-offs. */
export function keyMoments(trace: Trace, container?: string): Moment[] {
  const names = container ? [container] : trace.containers.map((c) => c.name);
  const out: Moment[] = [];
  const failedInARow = new Map<string, number>();
  for (const r of trace.records) {
    if (r.kind === 'probe') {
      const key = `${r.container}/${r.probe}`;
      failedInARow.set(key, r.result === 'failure' || r.result === 'error' ? (failedInARow.get(key) ?? 0) + 1 : 0);
    }
    if (r.kind === 'container-start') for (const k of [...failedInARow.keys()]) if (k.startsWith(`${r.container}/`)) failedInARow.delete(k);
    if (r.kind === 'container-start' && names.includes(r.container)) out.push({ t: r.t, container: r.container, kind: 'start', restartCount: r.restartCount });
    else if (r.kind === 'kill' && names.includes(r.container)) {
      const probe = r.reason === 'LivenessProbe' ? 'liveness' : r.reason === 'StartupProbe' ? 'startup' : undefined;
      const failures = probe ? failedInARow.get(`${r.container}/${probe}`) ?? 0 : 0;
      out.push({ t: r.t, container: r.container, kind: 'kill', reason: r.reason, message: r.message, failures });
    }
    else if (r.kind === 'container-exit' && names.includes(r.container)) out.push({ t: r.t, container: r.container, kind: 'exit', exitCode: r.exitCode, reason: r.reason });
    else if (r.kind === 'backoff' && names.includes(r.container)) out.push({ t: r.t, container: r.container, kind: 'backoff', backoffMs: r.backoffMs });
  }
  for (const name of names) for (const c of readyChanges(trace, name)) out.push({ t: c.t, container: name, kind: c.ready ? 'ready' : 'unready' });
  // Stable: by time, then by the order above (records first, readiness after).
  return out.map((m, i) => ({ m, i })).sort((a, b) => a.m.t - b.m.t || a.i - b.i).map((x) => x.m);
}

export function eventCount(
  trace: Trace,
  q: { reason: string; type?: string; container?: string; messageIncludes?: string; atMs: number },
): number {
  let n = 0;
  for (const r of trace.records) {
    if (r.t > q.atMs) break;
    if (r.kind !== 'event') continue;
    const e = r.event;
    if (e.reason !== q.reason) continue;
    if (q.type !== undefined && e.type !== q.type) continue;
    if (q.container !== undefined && e.container !== q.container) continue;
    if (q.messageIncludes !== undefined && !e.message.includes(q.messageIncludes)) continue;
    n++;
  }
  return n;
}
