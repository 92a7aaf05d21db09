// The API server's defaults for a v1 Pod (k/k pkg/apis/core/v1/defaults.go plus the admission
// and strategy steps a `kubectl apply` goes through), so the simulator and grader see what a
// cluster would store. Pure and idempotent.
import type { Pod } from './types.js';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

function setIfUnset(o: Obj, key: string, value: unknown): void {
  if (o[key] === undefined || o[key] === null || o[key] === '') o[key] = value;
}

/** `Always` for `:latest` or an untagged image without digest, else `IfNotPresent` (SetDefaults_Container). */
export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  if (image.includes('@')) return 'IfNotPresent';
  const lastSlash = image.lastIndexOf('/');
  const colon = image.indexOf(':', lastSlash + 1);
  if (colon < 0) return 'Always';
  return image.slice(colon + 1) === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultHttpGet(h: unknown): void {
  if (!isObj(h)) return;
  setIfUnset(h, 'path', '/');
  setIfUnset(h, 'scheme', 'HTTP');
}

function defaultHandler(h: unknown): void {
  if (!isObj(h)) return;
  defaultHttpGet(h.httpGet);
  if (isObj(h.grpc) && (h.grpc.service === undefined || h.grpc.service === null)) h.grpc.service = '';
}

function defaultProbe(p: unknown): void {
  if (!isObj(p)) return;
  for (const [k, v] of [
    ['timeoutSeconds', 1],
    ['periodSeconds', 10],
    ['successThreshold', 1],
    ['failureThreshold', 3],
  ] as const) {
    if (p[k] === undefined || p[k] === null || p[k] === 0) p[k] = v;
  }
  if (p.initialDelaySeconds === null) delete p.initialDelaySeconds;
  defaultHandler(p);
}

function defaultContainer(c: unknown): void {
  if (!isObj(c)) return;
  // upstream ignores a parse error of the image (validated elsewhere) and falls back to IfNotPresent
  setIfUnset(c, 'imagePullPolicy', typeof c.image === 'string' && c.image.trim() !== '' ? defaultPullPolicy(c.image) : 'IfNotPresent');
  setIfUnset(c, 'terminationMessagePath', '/dev/termination-log');
  setIfUnset(c, 'terminationMessagePolicy', 'File');
  if (c.resources === undefined || c.resources === null) c.resources = {};
  if (Array.isArray(c.ports)) for (const port of c.ports) if (isObj(port)) setIfUnset(port, 'protocol', 'TCP');
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
  if (isObj(c.lifecycle)) {
    defaultHandler(c.lifecycle.postStart);
    defaultHandler(c.lifecycle.preStop);
  }
  if (Array.isArray(c.env)) {
    for (const e of c.env) {
      if (isObj(e) && isObj(e.valueFrom) && isObj(e.valueFrom.fieldRef)) setIfUnset(e.valueFrom.fieldRef, 'apiVersion', 'v1');
    }
  }
}

const VOLUME_SOURCES = [
  'awsElasticBlockStore', 'azureDisk', 'azureFile', 'cephfs', 'cinder', 'configMap', 'csi', 'downwardAPI', 'emptyDir',
  'ephemeral', 'fc', 'flexVolume', 'flocker', 'gcePersistentDisk', 'gitRepo', 'glusterfs', 'hostPath', 'image', 'iscsi',
  'nfs', 'persistentVolumeClaim', 'photonPersistentDisk', 'portworxVolume', 'projected', 'quobyte', 'rbd', 'scaleIO',
  'secret', 'storageos', 'vsphereVolume',
];

function defaultVolume(v: unknown): void {
  if (!isObj(v)) return;
  if (!VOLUME_SOURCES.some((k) => v[k] !== undefined && v[k] !== null)) v.emptyDir = {};
  for (const k of ['configMap', 'secret', 'projected', 'downwardAPI']) {
    const src = v[k];
    if (isObj(src)) setIfUnset(src, 'defaultMode', 420);
  }
}

/**
 * A deep copy of plain data (objects, arrays, scalars: what a parsed manifest holds). Several times
 * cheaper than structuredClone, and the simulator defaults every pod it runs.
 */
function cloneData(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    const out = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) out[i] = cloneData(v[i]);
    return out;
  }
  if (Object.getPrototypeOf(v) !== Object.prototype && Object.getPrototypeOf(v) !== null) return structuredClone(v);
  const out: Obj = {};
  for (const k in v as Obj) {
    if (k === '__proto__') Object.defineProperty(out, k, { value: cloneData((v as Obj)[k]), enumerable: true, writable: true, configurable: true });
    else out[k] = cloneData((v as Obj)[k]);
  }
  return out;
}

/** The Pod as the API server would store it. Does not modify its argument. */
export function applyPodDefaults(pod: Pod): Pod {
  const p = cloneData(pod) as Obj;
  if (!isObj(p.metadata)) p.metadata = {};
  const meta = p.metadata as Obj;
  setIfUnset(meta, 'namespace', 'default');
  if (!isObj(p.spec)) p.spec = {};
  const spec = p.spec as Obj;
  setIfUnset(spec, 'restartPolicy', 'Always');
  if (typeof spec.terminationGracePeriodSeconds !== 'number') spec.terminationGracePeriodSeconds = 30;
  // pkg/registry/core/pod strategy: negative grace periods are stored as 1 (with a warning).
  else if (spec.terminationGracePeriodSeconds < 0) spec.terminationGracePeriodSeconds = 1;
  setIfUnset(spec, 'dnsPolicy', 'ClusterFirst');
  setIfUnset(spec, 'schedulerName', 'default-scheduler');
  setIfUnset(spec, 'serviceAccountName', 'default');
  if (spec.securityContext === undefined || spec.securityContext === null) spec.securityContext = {};
  if (spec.enableServiceLinks === undefined || spec.enableServiceLinks === null) spec.enableServiceLinks = true;
  for (const list of ['containers', 'initContainers', 'ephemeralContainers']) {
    const cs = spec[list];
    if (Array.isArray(cs)) for (const c of cs) defaultContainer(c);
  }
  // SetDefaults_Pod: limits without requests make the requests equal to the limits
  for (const list of ['containers', 'initContainers']) {
    const cs = spec[list];
    if (!Array.isArray(cs)) continue;
    for (const c of cs) {
      if (!isObj(c) || !isObj(c.resources) || !isObj(c.resources.limits)) continue;
      const res = c.resources;
      const limits = res.limits as Obj;
      if (!isObj(res.requests)) res.requests = {};
      const requests = res.requests as Obj;
      for (const [k, v] of Object.entries(limits)) if (requests[k] === undefined) requests[k] = v;
    }
  }
  if (Array.isArray(spec.volumes)) for (const v of spec.volumes) defaultVolume(v);
  return p as unknown as Pod;
}
