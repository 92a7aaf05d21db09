// Small builders for cluster scenarios (manifests as a learner writes them, before defaults).
import type { KubeObject } from '../../../src/manifest/kinds.js';
import { simulateCluster, type ClusterOptions } from '../../../src/sim/cluster/index.js';
import type { ClusterTrace } from '../../../src/sim/cluster/types.js';

export const S = 1000;
export const M = 60 * S;

type Obj = Record<string, unknown>;

export interface ContainerOpts {
  name?: string;
  image?: string;
  command?: string[];
  args?: string[];
  ports?: Obj[];
  readinessProbe?: Obj;
  livenessProbe?: Obj;
  lifecycle?: Obj;
}

export function container(o: ContainerOpts = {}): Obj {
  const c: Obj = { name: o.name ?? 'app', image: o.image ?? 'nginx:1.27' };
  for (const k of ['command', 'args', 'ports', 'readinessProbe', 'livenessProbe', 'lifecycle'] as const) if (o[k] !== undefined) c[k] = o[k];
  return c;
}

/** nginx answering on :80 and ready when it does */
export const nginx = (image = 'nginx:1.27', extra: ContainerOpts = {}) =>
  container({ name: 'nginx', image, ports: [{ containerPort: 80, name: 'http' }], readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 2 }, ...extra });

export function deployment(name: string, containers: Obj[], spec: Obj = {}, labels: Record<string, string> = { app: name }): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: { replicas: 3, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers } }, ...spec },
  } as unknown as KubeObject;
}

export function replicaSet(name: string, containers: Obj[], spec: Obj = {}, labels: Record<string, string> = { app: name }): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name },
    spec: { replicas: 3, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers } }, ...spec },
  } as unknown as KubeObject;
}

export function job(name: string, containers: Obj[], spec: Obj = {}, restartPolicy = 'Never'): KubeObject {
  return { apiVersion: 'batch/v1', kind: 'Job', metadata: { name }, spec: { template: { spec: { restartPolicy, containers } }, ...spec } } as unknown as KubeObject;
}

export function service(name: string, selector: Record<string, string> | undefined, ports: Obj[] = [{ port: 80 }], spec: Obj = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { ...(selector ? { selector } : {}), ports, ...spec } } as unknown as KubeObject;
}

export function pod(name: string, containers: Obj[], labels: Record<string, string> = {}, spec: Obj = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels }, spec: { containers, ...spec } } as unknown as KubeObject;
}

/** busybox running a shell script (ignores SIGTERM as PID 1) */
export const shell = (script: string, extra: ContainerOpts = {}) => container({ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', script], ...extra });

export function run(steps: [number, KubeObject[]][], untilMs: number, opts: Partial<ClusterOptions> = {}): ClusterTrace {
  return simulateCluster({ steps: steps.map(([atMs, objects]) => ({ atMs, objects })) }, { untilMs, ...opts });
}

export function events(trace: ClusterTrace, kind?: string, name?: string): { t: number; reason: string; message: string; type: string; object: string }[] {
  const out: { t: number; reason: string; message: string; type: string; object: string }[] = [];
  for (const r of trace.records) {
    if (r.kind !== 'event') continue;
    if (kind && r.ref.kind !== kind) continue;
    if (name && r.ref.name !== name) continue;
    out.push({ t: r.t, reason: r.event.reason, message: r.event.message, type: r.event.type, object: `${r.ref.kind}/${r.ref.name}` });
  }
  return out;
}
