// `kubectl get pod` / `kubectl get pod -w` rows (k/k pkg/printers/internalversion/printers.go printPod).
import type { Container, Pod } from 'kubernetes-types/core/v1.d.ts';
import type { PodStatusSnapshot, Trace } from '../trace.js';
import { ageAt } from './format.js';
import { GET_TABS, Tabwriter } from './tabwriter.js';

export interface PodColumns {
  /** `1/1` */
  ready: string;
  /** `Running`, `ContainerCreating`, `CrashLoopBackOff`, `Error`, `Completed`, `Init:0/1`, ... */
  status: string;
  restarts: number;
  /** the RESTARTS cell: `3`, or `3 (45s ago)` */
  restartsText: string;
}

const isRestartableInit = (c: Container | undefined): boolean => c?.restartPolicy === 'Always';

/** The READY / STATUS / RESTARTS cells of `kubectl get pod` for one status snapshot seen at `atMs`. */
export function podColumns(pod: Pod, status: PodStatusSnapshot, atMs: number): PodColumns {
  const spec = pod.spec;
  const initSpecs = new Map((spec?.initContainers ?? []).map((c) => [c.name, c] as const));
  let totalContainers = (spec?.containers ?? []).length;
  for (const c of initSpecs.values()) if (isRestartableInit(c)) totalContainers++;
  let readyContainers = 0;
  let restarts = 0;
  let lastRestart: number | undefined;
  let sidecarRestarts = 0;
  let lastSidecarRestart: number | undefined;
  let reason: string = status.phase;

  let initializing = false;
  const nInit = (spec?.initContainers ?? []).length;
  for (let i = 0; i < status.initContainers.length; i++) {
    const c = status.initContainers[i]!;
    restarts += c.restartCount;
    const finished = c.lastState?.finishedAtMs;
    if (finished !== undefined && (lastRestart === undefined || finished > lastRestart)) lastRestart = finished;
    const restartable = isRestartableInit(initSpecs.get(c.name));
    if (restartable) {
      sidecarRestarts += c.restartCount;
      if (finished !== undefined && (lastSidecarRestart === undefined || finished > lastSidecarRestart))
        lastSidecarRestart = finished;
    }
    const st = c.state;
    if (st.kind === 'terminated' && st.exitCode === 0) continue;
    if (restartable && c.started) {
      if (c.ready) readyContainers++;
      continue;
    }
    if (st.kind === 'terminated') {
      // The kubelet never reports ContainerStateTerminated.signal, so kubectl's Signal:N branch cannot occur.
      reason = st.reason === '' ? `Init:ExitCode:${st.exitCode}` : `Init:${st.reason}`;
    } else if (st.kind === 'waiting' && st.reason !== '' && st.reason !== 'PodInitializing') {
      reason = `Init:${st.reason}`;
    } else {
      reason = `Init:${i}/${nInit}`;
    }
    initializing = true;
    break;
  }

  const initialized = status.conditions.some((c) => c.type === 'Initialized' && c.status === 'True');
  if (!initializing || initialized) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    for (let i = status.containers.length - 1; i >= 0; i--) {
      const c = status.containers[i]!;
      restarts += c.restartCount;
      const finished = c.lastState?.finishedAtMs;
      if (finished !== undefined && (lastRestart === undefined || finished > lastRestart)) lastRestart = finished;
      const st = c.state;
      if (st.kind === 'waiting' && st.reason !== '') reason = st.reason;
      else if (st.kind === 'terminated' && st.reason !== '') reason = st.reason;
      else if (st.kind === 'terminated') reason = `ExitCode:${st.exitCode}`;
      else if (c.ready && st.kind === 'running') {
        hasRunning = true;
        readyContainers++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      reason = status.conditions.some((c) => c.type === 'Ready' && c.status === 'True') ? 'Running' : 'NotReady';
    }
  }

  const restartsText =
    restarts !== 0 && lastRestart !== undefined ? `${restarts} (${ageAt(atMs, lastRestart)} ago)` : String(restarts);
  return { ready: `${readyContainers}/${totalContainers}`, status: reason, restarts, restartsText };
}

const PENDING: PodStatusSnapshot = { phase: 'Pending', conditions: [], initContainers: [], containers: [] };

/** One `kubectl get pod` row (without header) at `atMs` for a snapshot. */
function row(name: string, cols: PodColumns, atMs: number): string {
  return `${name}\t${cols.ready}\t${cols.status}\t${cols.restartsText}\t${ageAt(atMs, 0)}\n`;
}

/**
 * What `kubectl get pod -w` prints while the pod runs until `untilMs`: the header and the first
 * row, then a row each time READY, STATUS or RESTARTS changes. Column widths grow and are
 * remembered like kubectl's printer (so a later, wider row shifts right of the header).
 */
export function getWatch(pod: Pod, trace: Trace, untilMs: number): string {
  const name = pod.metadata?.name ?? trace.pod.name;
  const tw = new Tabwriter(GET_TABS);
  tw.write('NAME\tREADY\tSTATUS\tRESTARTS\tAGE\n');
  let snapshot = PENDING;
  let i = 0;
  const records = trace.records;
  for (; i < records.length && records[i]!.t <= 0; i++) {
    const r = records[i]!;
    if (r.kind === 'status') snapshot = r.status;
  }
  let prev = podColumns(pod, snapshot, 0);
  tw.write(row(name, prev, 0));
  tw.flush();
  for (; i < records.length; i++) {
    const r = records[i]!;
    if (r.t > untilMs) break;
    if (r.kind !== 'status') continue;
    const cols = podColumns(pod, r.status, r.t);
    if (cols.ready === prev.ready && cols.status === prev.status && cols.restarts === prev.restarts) continue;
    tw.write(row(name, cols, r.t));
    tw.flush();
    prev = cols;
  }
  return tw.text();
}

/** A single `kubectl get pod` listing (header + one row) at `atMs`. */
export function getPod(pod: Pod, status: PodStatusSnapshot, atMs: number): string {
  const tw = new Tabwriter({ ...GET_TABS, rememberWidths: false });
  tw.write('NAME\tREADY\tSTATUS\tRESTARTS\tAGE\n');
  tw.write(row(pod.metadata?.name ?? '', podColumns(pod, status, atMs), atMs));
  return tw.text();
}
