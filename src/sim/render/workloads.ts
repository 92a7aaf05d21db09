// `kubectl get` tables and `kubectl get -w` rows for a cluster run (k/k pkg/printers/internalversion/printers.go:
// printPod, printDeployment, printReplicaSet, printJob, printService, printEndpoints, printEndpointSlice; kubectl 1.33).
import type { Pod, ServicePort } from 'kubernetes-types/core/v1.d.ts';
import type { PodStatusSnapshot } from '../trace.js';
import type { ClusterTrace, ObjectKind, ObjectOf } from '../cluster/types.js';
import { eventsOf, jobStatusColumn, objectHistory, objectsAt, podRun } from '../cluster/query.js';
import { eventAge } from './events.js';
import { statusAt } from '../query.js';
import { ageAt, humanDuration, storedSeconds } from './format.js';
import { podColumns, type PodColumns } from './get.js';
import { GET_TABS, Tabwriter } from './tabwriter.js';

/** What kubectl 1.33 prints (to stderr) before a `kubectl get endpoints`: the API server's deprecation warning. */
export const ENDPOINTS_DEPRECATION_WARNING = 'Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice';

/** printPod for a pod of the cluster: a pod being deleted shows Terminating unless already terminal (kubectl 1.31+). */
export function clusterPodColumns(pod: ObjectOf<'Pod'>, status: PodStatusSnapshot, atMs: number): PodColumns {
  const cols = podColumns({ spec: pod.spec } as Pod, status, atMs);
  if (pod.metadata.deletionMs !== undefined && status.phase !== 'Succeeded' && status.phase !== 'Failed') cols.status = 'Terminating';
  return cols;
}

function podRow(pod: ObjectOf<'Pod'>, cols: PodColumns, atMs: number): string {
  return `${pod.metadata.name}\t${cols.ready}\t${cols.status}\t${cols.restartsText}\t${ageAt(atMs, pod.metadata.creationMs)}\n`;
}

/** printJob's COMPLETIONS and DURATION */
function jobCells(j: ObjectOf<'Job'>, atMs: number): { completions: string; duration: string } {
  const s = j.status;
  let completions: string;
  if (j.spec.completions !== undefined && j.spec.completions !== null) completions = `${s.succeeded}/${j.spec.completions}`;
  else completions = (j.spec.parallelism ?? 0) > 1 ? `${s.succeeded}/1 of ${j.spec.parallelism}` : `${s.succeeded}/1`;
  let duration = '';
  if (s.startMs !== undefined) duration = s.completionMs === undefined ? ageAt(atMs, s.startMs) : humanDuration(storedSeconds(s.completionMs) - storedSeconds(s.startMs));
  return { completions, duration };
}

/** makePortString: `80/TCP`, `80:30080/TCP`, joined by commas */
export function portString(ports: readonly ServicePort[] | undefined): string {
  return (ports ?? []).map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`)).join(',');
}

function externalIP(svc: ObjectOf<'Service'>): string {
  switch (svc.spec.type) {
    case 'LoadBalancer':
      return (svc.spec.externalIPs ?? []).length > 0 ? svc.spec.externalIPs!.join(',') : '<pending>';
    case 'ExternalName':
      return svc.spec.externalName ?? '';
    default:
      return (svc.spec.externalIPs ?? []).length > 0 ? svc.spec.externalIPs!.join(',') : '<none>';
  }
}

/** formatEndpoints (printers.go): ready addresses with their ports, at most three, then "+ N more..." */
export function formatEndpoints(ep: ObjectOf<'Endpoints'>): string {
  if (ep.subsets.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const ss of ep.subsets) {
    if (ss.ports.length === 0) {
      count += ss.addresses.length;
      for (const a of ss.addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a.ip);
      }
      continue;
    }
    for (const port of ss.ports) {
      count += ss.addresses.length;
      for (const a of ss.addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(`${a.ip}:${port.port}`);
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

function listWithMore(list: string[], more: boolean, count: number, max: number): string {
  const ret = list.join(',');
  if (more) return `${ret} + ${count - max} more...`;
  return ret === '' ? '<unset>' : ret;
}

/** formatDiscoveryPorts / formatDiscoveryEndpoints */
function slicePorts(s: ObjectOf<'EndpointSlice'>): string {
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const p of s.ports) {
    if (list.length < 3) list.push(String(p.port));
    else if (list.length === 3) more = true;
    count++;
  }
  return listWithMore(list, more, count, 3);
}

function sliceEndpoints(s: ObjectOf<'EndpointSlice'>): string {
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const e of s.endpoints) {
    for (const a of e.addresses) {
      if (list.length < 3) list.push(a);
      else if (list.length === 3) more = true;
      count++;
    }
  }
  return listWithMore(list, more, count, 3);
}

type Listed = Exclude<ObjectKind, 'Pod'>;

/** The table of one kind: its header and, for an object at `atMs`, the row cells (the last one is AGE). */
const TABLES: { [K in Listed]: { header: string; cells: (o: ObjectOf<K>, atMs: number) => string[] } } = {
  Deployment: {
    header: 'NAME\tREADY\tUP-TO-DATE\tAVAILABLE\tAGE',
    cells: (d, t) => [d.metadata.name, `${d.status.readyReplicas}/${d.spec.replicas ?? 1}`, String(d.status.updatedReplicas), String(d.status.availableReplicas), ageAt(t, d.metadata.creationMs)],
  },
  ReplicaSet: {
    header: 'NAME\tDESIRED\tCURRENT\tREADY\tAGE',
    cells: (rs, t) => [rs.metadata.name, String(rs.spec.replicas ?? 1), String(rs.status.replicas), String(rs.status.readyReplicas), ageAt(t, rs.metadata.creationMs)],
  },
  Job: {
    header: 'NAME\tSTATUS\tCOMPLETIONS\tDURATION\tAGE',
    cells: (j, t) => {
      const { completions, duration } = jobCells(j, t);
      return [j.metadata.name, jobStatusColumn(j), completions, duration, ageAt(t, j.metadata.creationMs)];
    },
  },
  Service: {
    header: 'NAME\tTYPE\tCLUSTER-IP\tEXTERNAL-IP\tPORT(S)\tAGE',
    cells: (s, t) => [s.metadata.name, s.spec.type ?? 'ClusterIP', s.spec.clusterIPs?.[0] ?? '<none>', externalIP(s), portString(s.spec.ports) || '<none>', ageAt(t, s.metadata.creationMs)],
  },
  Endpoints: {
    header: 'NAME\tENDPOINTS\tAGE',
    cells: (e, t) => [e.metadata.name, formatEndpoints(e), ageAt(t, e.metadata.creationMs)],
  },
  EndpointSlice: {
    header: 'NAME\tADDRESSTYPE\tPORTS\tENDPOINTS\tAGE',
    cells: (s, t) => [s.metadata.name, s.addressType, slicePorts(s), sliceEndpoints(s), ageAt(t, s.metadata.creationMs)],
  },
};

const byName = (a: { metadata: { name: string } }, b: { metadata: { name: string } }) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0);

/** `kubectl get KIND` at `atMs` (namespace default): the objects sorted by name, or '' when there is none. */
export function getTable(trace: ClusterTrace, kind: Listed | 'Pod', atMs: number, namespace = 'default'): string {
  const tw = new Tabwriter({ ...GET_TABS, rememberWidths: false });
  if (kind === 'Pod') {
    const pods = objectsAt(trace, 'Pod', atMs, namespace).sort(byName);
    if (pods.length === 0) return '';
    tw.write('NAME\tREADY\tSTATUS\tRESTARTS\tAGE\n');
    for (const p of pods) tw.write(podRow(p, clusterPodColumns(p, podStatusAt(trace, p, atMs), atMs), atMs));
    return tw.text();
  }
  const table = TABLES[kind] as { header: string; cells: (o: never, t: number) => string[] };
  const objs = objectsAt(trace, kind, atMs, namespace).sort(byName);
  if (objs.length === 0) return '';
  tw.write(`${table.header}\n`);
  for (const o of objs) tw.write(`${table.cells(o as never, atMs).join('\t')}\n`);
  return tw.text();
}

function podStatusAt(trace: ClusterTrace, pod: ObjectOf<'Pod'>, atMs: number): PodStatusSnapshot {
  const run = podRun(trace, pod.metadata.uid);
  return run ? statusAt(run.trace, atMs) : { phase: 'Pending', conditions: [], initContainers: [], containers: [] };
}

/**
 * `kubectl get KIND -w` from `fromMs` until `untilMs`: the list at `fromMs`, then a row whenever an
 * object appears, its columns (AGE and a running Job's DURATION aside) change, or it is deleted.
 * Widths grow and are remembered like kubectl's printer. '' when nothing existed in the whole span.
 */
export function getWatchKind(trace: ClusterTrace, kind: Listed, untilMs: number, fromMs = 0, namespace = 'default'): string {
  const table = TABLES[kind] as { header: string; cells: (o: never, t: number) => string[] };
  const tw = new Tabwriter(GET_TABS);
  let headed = false;
  const emit = (cells: string[]) => {
    if (!headed) {
      tw.write(`${table.header}\n`);
      headed = true;
    }
    tw.write(`${cells.join('\t')}\n`);
    tw.flush();
  };
  const last = new Map<string, string>();
  const sig = (cells: string[]) => (kind === 'Job' ? [cells[0], cells[1], cells[2]] : cells.slice(0, -1)).join('\t');
  for (const o of objectsAt(trace, kind, fromMs, namespace).sort(byName)) {
    const cells = table.cells(o as never, fromMs);
    last.set(o.metadata.uid, sig(cells));
    emit(cells);
  }
  const events: { t: number; o: ObjectOf<Listed>; deleted: boolean }[] = [];
  for (const r of trace.records) {
    if (r.t <= fromMs || r.t > untilMs) continue;
    if ((r.kind === 'added' || r.kind === 'modified') && r.object.kind === kind && r.object.metadata.namespace === namespace) events.push({ t: r.t, o: r.object as ObjectOf<Listed>, deleted: false });
    else if (r.kind === 'deleted' && r.ref.kind === kind && r.ref.namespace === namespace) {
      const hist = objectHistory(trace, kind, r.ref.name, namespace);
      const before = [...hist].reverse().find((h) => h.t <= r.t && h.object && h.object.metadata.uid === r.ref.uid)?.object;
      if (before) events.push({ t: r.t, o: before as ObjectOf<Listed>, deleted: true });
    }
  }
  for (const e of events) {
    const cells = table.cells(e.o as never, e.t);
    const s = sig(cells);
    if (!e.deleted && last.get(e.o.metadata.uid) === s) continue;
    last.set(e.o.metadata.uid, s);
    emit(cells);
  }
  return tw.text();
}

/**
 * `kubectl get pods -w` over every pod of the namespace: the list at `fromMs`, then a row when a pod
 * appears, when its READY, STATUS or RESTARTS change (kubelet statuses, Terminating), and when it is gone.
 */
export function getPodsWatch(trace: ClusterTrace, untilMs: number, fromMs = 0, namespace = 'default'): string {
  const tw = new Tabwriter(GET_TABS);
  let headed = false;
  const emit = (row: string) => {
    if (!headed) {
      tw.write('NAME\tREADY\tSTATUS\tRESTARTS\tAGE\n');
      headed = true;
    }
    tw.write(row);
    tw.flush();
  };
  const last = new Map<string, PodColumns>();
  const same = (a: PodColumns | undefined, b: PodColumns) => !!a && a.ready === b.ready && a.status === b.status && a.restarts === b.restarts;
  for (const p of objectsAt(trace, 'Pod', fromMs, namespace).sort(byName)) {
    const cols = clusterPodColumns(p, podStatusAt(trace, p, fromMs), fromMs);
    last.set(p.metadata.uid, cols);
    emit(podRow(p, cols, fromMs));
  }
  // every change of a pod, in time order: the API's writes (created, deleting, gone) and the kubelet's statuses
  type Change = { t: number; order: number; seq: number; uid: string; name: string; deleted: boolean };
  const changes: Change[] = [];
  let seq = 0;
  for (const r of trace.records) {
    if (r.t <= fromMs || r.t > untilMs) continue;
    if ((r.kind === 'added' || r.kind === 'modified') && r.object.kind === 'Pod' && r.object.metadata.namespace === namespace)
      changes.push({ t: r.t, order: 0, seq: seq++, uid: r.object.metadata.uid, name: r.object.metadata.name, deleted: false });
    else if (r.kind === 'deleted' && r.ref.kind === 'Pod' && r.ref.namespace === namespace) changes.push({ t: r.t, order: 2, seq: seq++, uid: r.ref.uid, name: r.ref.name, deleted: true });
  }
  for (const run of trace.pods) {
    if (run.ref.namespace !== namespace) continue;
    for (const r of run.trace.records) if (r.kind === 'status' && r.t > fromMs && r.t <= untilMs) changes.push({ t: r.t, order: 1, seq: seq++, uid: run.ref.uid, name: run.ref.name, deleted: false });
  }
  changes.sort((a, b) => a.t - b.t || a.order - b.order || a.seq - b.seq);
  for (const c of changes) {
    const hist = objectHistory(trace, 'Pod', c.name, namespace);
    const obj = [...hist].reverse().find((h) => h.t <= c.t && h.object && h.object.metadata.uid === c.uid)?.object;
    if (!obj) continue;
    const cols = clusterPodColumns(obj, podStatusAt(trace, obj, c.t), c.t);
    if (!c.deleted && same(last.get(c.uid), cols)) continue;
    last.set(c.uid, cols);
    emit(podRow(obj, cols, c.t));
  }
  return tw.text();
}

/**
 * `kubectl events` for the namespace at `atMs` (k/kubectl pkg/cmd/events): every object's Event objects
 * after the correlator, oldest last-seen first, with the object as Kind/Name.
 */
export function renderClusterEvents(trace: ClusterTrace, atMs: number, namespace = 'default'): string {
  const rows: { ev: ReturnType<typeof eventsOf>[number]; target: string; order: number }[] = [];
  let order = 0;
  const seen = new Set<string>();
  for (const r of trace.records) {
    if (r.t > atMs) break;
    if (r.kind !== 'added') continue;
    const o = r.object;
    if (o.metadata.namespace !== namespace || seen.has(o.metadata.uid)) continue;
    seen.add(o.metadata.uid);
    for (const ev of eventsOf(trace, { kind: o.kind, uid: o.metadata.uid }, atMs)) rows.push({ ev, target: `${o.kind}/${o.metadata.name}`, order: order++ });
  }
  if (rows.length === 0) return '';
  rows.sort((a, b) => storedSeconds(a.ev.lastMs) - storedSeconds(b.ev.lastMs) || a.ev.firstMs - b.ev.firstMs || a.order - b.order);
  const tw = new Tabwriter({ ...GET_TABS, rememberWidths: false });
  tw.write('LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE\n');
  for (const { ev, target } of rows) tw.write(`${eventAge(ev, atMs)}\t${ev.type}\t${ev.reason}\t${target}\t${ev.message.trim()}\n`);
  return tw.text();
}
