// Models pkg/controller/endpointslice/endpointslice_controller.go with the staging endpointslice reconciler
// (k8s.io/endpointslice: reconciler.go, utils.go podToEndpoint / getEndpointPorts, ShouldPodBeInEndpoints)
// and the legacy pkg/controller/endpoint/endpoints_controller.go with pkg/api/v1/endpoints RepackSubsets,
// and pkg/api/v1/pod FindPort (Kubernetes 1.33): the addresses of a Service's pods as readiness changes.
// Simplified: no topology hints or zones, slices hold at most 100 endpoints, one IPv4 address per pod.
import type { Service, ServicePort } from 'kubernetes-types/core/v1.d.ts';
import type { Simulation } from '../engine/simulation.js';
import type { ApiServer } from './api-server.js';
import { refOf } from './api-server.js';
import { isPodReady, isTerminal, listPods, type PodView } from './controller-utils.js';
import { canonicalJson } from './names.js';
import { mapSelectorMatches } from './labels.js';
import type { EndpointAddress, EndpointPort, EndpointSubset, ObjectOf, SliceEndpoint } from './types.js';
import { WorkQueue } from './workqueue.js';

type Svc = ObjectOf<'Service'>;

export const SLICE_LABEL = {
  serviceName: 'kubernetes.io/service-name',
  managedBy: 'endpointslice.kubernetes.io/managed-by',
  managedByValue: 'endpointslice-controller.k8s.io',
  headless: 'service.kubernetes.io/headless',
} as const;

/** maxEndpointsPerSlice (kube-controller-manager default) */
const MAX_ENDPOINTS_PER_SLICE = 100;

const keyOf = (namespace: string, name: string) => `${namespace}/${name}`;

/** podutil.FindPort: a named targetPort is looked up in the pod's containers (and sidecars) with the same protocol. */
export function findPort(pod: PodView, sp: ServicePort): number | undefined {
  const target = sp.targetPort ?? sp.port;
  const protocol = sp.protocol ?? 'TCP';
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  for (const c of pod.obj.spec.containers ?? []) for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
  for (const c of pod.obj.spec.initContainers ?? []) {
    if (c.restartPolicy !== 'Always') continue;
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
  }
  return undefined;
}

/** ShouldPodBeInEndpoints: not terminal, has an IP, and (unless included) not terminating. */
function shouldBeInEndpoints(p: PodView, includeTerminating: boolean): boolean {
  if (isTerminal(p.status)) return false;
  if (!p.status.podIP) return false;
  if (!includeTerminating && p.obj.metadata.deletionMs !== undefined) return false;
  return true;
}

const portsKey = (ports: readonly EndpointPort[]): string => ports.map((p) => `${p.name}/${p.port}/${p.protocol}`).join(',');

const isHeadless = (svc: Svc): boolean => svc.spec.clusterIP === 'None';

/** The pods a Service with a selector picks: same namespace, labels matching. */
function selectedPods(api: ApiServer, svc: Svc): PodView[] {
  const sel = svc.spec.selector!;
  return listPods(api, svc.metadata.namespace).filter((p) => mapSelectorMatches(sel, p.obj.metadata.labels));
}

const targetRef = (p: PodView) => ({ kind: 'Pod' as const, namespace: p.obj.metadata.namespace, name: p.obj.metadata.name, uid: p.obj.metadata.uid });

/** getEndpointPorts: one port per Service port the pod has; a pod lacking a named port has none for it. */
function endpointPorts(svc: Svc, pod: PodView): EndpointPort[] {
  const out: EndpointPort[] = [];
  const ports = svc.spec.ports ?? [];
  if (ports.length === 0 && isHeadless(svc)) return out;
  for (const sp of ports) {
    const n = findPort(pod, sp);
    if (n === undefined) continue;
    out.push({ name: sp.name ?? '', port: n, protocol: sp.protocol ?? 'TCP' });
  }
  return out;
}

export class EndpointSliceController {
  private readonly queue: WorkQueue;

  constructor(
    private readonly api: ApiServer,
    sim: Simulation,
  ) {
    this.queue = new WorkQueue(sim, 'endpointslice-controller', (k) => this.syncService(k));
    watchServicePods(api, (ns, name) => this.queue.add(keyOf(ns, name)));
  }

  private slicesOf(svc: { metadata: { namespace: string; name: string; uid: string } }): ObjectOf<'EndpointSlice'>[] {
    return this.api
      .list('EndpointSlice', svc.metadata.namespace)
      .filter((s) => s.metadata.labels[SLICE_LABEL.serviceName] === svc.metadata.name && s.metadata.labels[SLICE_LABEL.managedBy] === SLICE_LABEL.managedByValue);
  }

  private syncService(key: string): void {
    const [namespace, name] = key.split('/') as [string, string];
    const svc = this.api.get('Service', namespace, name);
    if (!svc) {
      for (const s of this.api.list('EndpointSlice', namespace))
        if (s.metadata.labels[SLICE_LABEL.serviceName] === name && s.metadata.labels[SLICE_LABEL.managedBy] === SLICE_LABEL.managedByValue) this.api.remove(refOf(s));
      return;
    }
    // a Service without a selector: its endpoints are the user's (and the mirroring controller's), not ours
    if (svc.spec.selector === undefined || svc.spec.selector === null) return;
    // desired endpoints grouped by their port list (podToEndpoint)
    const groups = new Map<string, { ports: EndpointPort[]; endpoints: SliceEndpoint[] }>();
    for (const p of selectedPods(this.api, svc)) {
      if (!shouldBeInEndpoints(p, true)) continue;
      const ports = endpointPorts(svc, p);
      const k = portsKey(ports);
      let g = groups.get(k);
      if (!g) groups.set(k, (g = { ports, endpoints: [] }));
      const serving = isPodReady(p.status);
      const terminating = p.obj.metadata.deletionMs !== undefined;
      g.endpoints.push({
        addresses: [p.status.podIP!],
        // "ready" is never true for a terminating pod unless publishNotReadyAddresses
        conditions: { ready: svc.spec.publishNotReadyAddresses === true || (serving && !terminating), serving, terminating },
        nodeName: p.obj.spec.nodeName ?? '',
        targetRef: targetRef(p),
      });
    }
    const desired: { ports: EndpointPort[]; endpoints: SliceEndpoint[] }[] = [];
    for (const g of groups.values()) {
      for (let i = 0; i < g.endpoints.length; i += MAX_ENDPOINTS_PER_SLICE) desired.push({ ports: g.ports, endpoints: g.endpoints.slice(i, i + MAX_ENDPOINTS_PER_SLICE) });
    }
    // no endpoints at all: one placeholder slice, no ports, no endpoints
    if (desired.length === 0) desired.push({ ports: [], endpoints: [] });
    const existing = this.slicesOf(svc);
    const unused = [...existing];
    const toCreate: typeof desired = [];
    for (const d of desired) {
      const k = portsKey(d.ports);
      const i = unused.findIndex((s) => portsKey(s.ports) === k);
      if (i < 0) {
        toCreate.push(d);
        continue;
      }
      const s = unused.splice(i, 1)[0]!;
      this.api.update({ ...s, metadata: { ...s.metadata, labels: this.labels(svc) }, ports: d.ports, endpoints: d.endpoints });
    }
    // finalize: creates become updates of slices that would be deleted (the slice keeps its name)
    for (const d of toCreate) {
      const s = unused.shift();
      if (s) this.api.update({ ...s, metadata: { ...s.metadata, labels: this.labels(svc) }, ports: d.ports, endpoints: d.endpoints });
      else {
        const sliceName = this.api.generateName('EndpointSlice', namespace, `${svc.metadata.name}-`);
        this.api.create<ObjectOf<'EndpointSlice'>>({
          kind: 'EndpointSlice',
          metadata: this.api.newMeta('EndpointSlice', namespace, sliceName, {
            labels: this.labels(svc),
            ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: svc.metadata.name, uid: svc.metadata.uid, controller: true, blockOwnerDeletion: true }],
          }),
          addressType: 'IPv4',
          ports: d.ports,
          endpoints: d.endpoints,
        });
      }
    }
    for (const s of unused) this.api.remove(refOf(s));
  }

  /** the Service's labels, plus the controller's own (and headless) */
  private labels(svc: Svc): Record<string, string> {
    const l: Record<string, string> = { ...svc.metadata.labels, [SLICE_LABEL.serviceName]: svc.metadata.name, [SLICE_LABEL.managedBy]: SLICE_LABEL.managedByValue };
    if (isHeadless(svc)) l[SLICE_LABEL.headless] = '';
    return l;
  }
}

/** Services hear of their pods: a pod added, changed or gone wakes every Service in its namespace that selects it (now or before). */
function watchServicePods(api: ApiServer, enqueue: (namespace: string, name: string) => void): void {
  const wake = (ns: string, labels: Record<string, string>, old?: Record<string, string>) => {
    for (const svc of api.list('Service', ns)) {
      const sel = svc.spec.selector;
      if (!sel) continue;
      if (mapSelectorMatches(sel, labels) || (old && mapSelectorMatches(sel, old))) enqueue(ns, svc.metadata.name);
    }
  };
  api.watch((ev, obj, old) => {
    if (obj.kind === 'Service') {
      enqueue(obj.metadata.namespace, obj.metadata.name);
      return;
    }
    if (obj.kind !== 'Pod') return;
    wake(obj.metadata.namespace, obj.metadata.labels, old && old.kind === 'Pod' ? old.metadata.labels : undefined);
  });
  api.watchPodStatus((pod) => wake(pod.metadata.namespace, pod.metadata.labels));
}

/**
 * The legacy v1 Endpoints controller (deprecated in 1.33, still running): one Endpoints object per Service
 * with a selector; ready pods in `addresses`, the others in `notReadyAddresses`; terminating pods are left
 * out unless publishNotReadyAddresses.
 */
export class EndpointsController {
  private readonly queue: WorkQueue;

  constructor(
    private readonly api: ApiServer,
    sim: Simulation,
  ) {
    this.queue = new WorkQueue(sim, 'endpoint-controller', (k) => this.syncService(k));
    watchServicePods(api, (ns, name) => this.queue.add(keyOf(ns, name)));
  }

  private syncService(key: string): void {
    const [namespace, name] = key.split('/') as [string, string];
    const svc = this.api.get('Service', namespace, name);
    const current = this.api.get('Endpoints', namespace, name);
    if (!svc) {
      if (current) this.api.remove(refOf(current));
      return;
    }
    if (svc.spec.selector === undefined || svc.spec.selector === null) return;
    const tolerateUnready = svc.spec.publishNotReadyAddresses === true;
    const raw: EndpointSubset[] = [];
    for (const p of selectedPods(this.api, svc)) {
      if (!shouldBeInEndpoints(p, tolerateUnready)) continue;
      const addr: EndpointAddress = { ip: p.status.podIP!, nodeName: p.obj.spec.nodeName ?? '', targetRef: targetRef(p) };
      const ready = tolerateUnready || isPodReady(p.status);
      const ports = svc.spec.ports ?? [];
      if (ports.length === 0 && isHeadless(svc)) {
        raw.push({ addresses: ready ? [addr] : [], notReadyAddresses: ready ? [] : [addr], ports: [] });
        continue;
      }
      for (const sp of ports) {
        const n = findPort(p, sp);
        if (n === undefined) continue;
        const port = { name: sp.name ?? '', port: n, protocol: sp.protocol ?? 'TCP' };
        raw.push({ addresses: ready ? [addr] : [], notReadyAddresses: ready ? [] : [addr], ports: [port] });
      }
    }
    const subsets = repackSubsets(raw);
    const labels = { ...svc.metadata.labels };
    if (isHeadless(svc)) labels[SLICE_LABEL.headless] = '';
    if (!current) {
      this.api.create<ObjectOf<'Endpoints'>>({ kind: 'Endpoints', metadata: this.api.newMeta('Endpoints', namespace, name, { labels }), subsets });
      return;
    }
    this.api.update({ ...current, metadata: { ...current.metadata, labels }, subsets });
  }
}

/**
 * endpoints.RepackSubsets: the ports offered by exactly the same addresses (with the same readiness)
 * share a subset. Sorted: addresses by IP (as strings, like upstream), ports and subsets by their contents
 * (upstream sorts these by hash: its order differs, the grouping does not).
 */
export function repackSubsets(subsets: EndpointSubset[]): EndpointSubset[] {
  const NO_PORT = '\u0000';
  const byPort = new Map<string, { port: EndpointPort | undefined; addrs: Map<string, { addr: EndpointAddress; ready: boolean }> }>();
  for (const s of subsets) {
    const ports: (EndpointPort | undefined)[] = s.ports.length === 0 ? [undefined] : s.ports;
    for (const port of ports) {
      const k = port ? canonicalJson(port) : NO_PORT;
      let e = byPort.get(k);
      if (!e) byPort.set(k, (e = { port, addrs: new Map() }));
      for (const a of s.addresses) e.addrs.set(a.ip, { addr: a, ready: true });
      for (const a of s.notReadyAddresses) if (!e.addrs.has(a.ip)) e.addrs.set(a.ip, { addr: a, ready: false });
    }
  }
  const groups = new Map<string, { addrs: Map<string, { addr: EndpointAddress; ready: boolean }>; ports: EndpointPort[] }>();
  for (const e of byPort.values()) {
    const k = [...e.addrs.entries()].map(([ip, v]) => `${ip}${v.ready ? '+' : '-'}`).sort().join(',');
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { addrs: e.addrs, ports: [] }));
    if (e.port) g.ports.push(e.port);
  }
  const byIP = (a: EndpointAddress, b: EndpointAddress) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0);
  const out: EndpointSubset[] = [];
  for (const g of groups.values()) {
    const vals = [...g.addrs.values()];
    out.push({
      addresses: vals.filter((v) => v.ready).map((v) => v.addr).sort(byIP),
      notReadyAddresses: vals.filter((v) => !v.ready).map((v) => v.addr).sort(byIP),
      ports: g.ports.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.port - b.port)),
    });
  }
  return out.sort((a, b) => {
    const ka = canonicalJson([a.addresses[0]?.ip ?? a.notReadyAddresses[0]?.ip ?? '', a.ports]);
    const kb = canonicalJson([b.addresses[0]?.ip ?? b.notReadyAddresses[0]?.ip ?? '', b.ports]);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
}

export type { Service };
