// The API server's defaults for the kinds kubedrill checks (k/k pkg/apis/core/v1, apps/v1 and
// batch/v1 defaults.go, plus the admission and strategy steps a `kubectl apply` goes through), so
// the simulator and grader see what a cluster would store. Pure and idempotent.
import type { Deployment, Job, Kind, KubeObject, Pod, ReplicaSet, Service } from './kinds.js';
import { assertNever } from './kinds.js';

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
  defaultPodSpec(p.spec as Obj, true);
  return p as unknown as Pod;
}

/**
 * SetDefaults_PodSpec and what it calls (containers, probes, volumes), in place. `forPod` adds what
 * only a Pod gets: SetDefaults_Pod (enableServiceLinks, requests from limits: "we only want this
 * defaulting semantic to take place on a v1.Pod and not a v1.PodTemplate"), the ServiceAccount
 * admission plugin's serviceAccountName and the pod strategy's grace period fix.
 */
function defaultPodSpec(spec: Obj, forPod: boolean): void {
  setIfUnset(spec, 'restartPolicy', 'Always');
  if (typeof spec.terminationGracePeriodSeconds !== 'number') spec.terminationGracePeriodSeconds = 30;
  // pkg/registry/core/pod strategy: negative grace periods are stored as 1 (with a warning).
  else if (forPod && spec.terminationGracePeriodSeconds < 0) spec.terminationGracePeriodSeconds = 1;
  setIfUnset(spec, 'dnsPolicy', 'ClusterFirst');
  setIfUnset(spec, 'schedulerName', 'default-scheduler');
  if (forPod) setIfUnset(spec, 'serviceAccountName', 'default');
  if (spec.securityContext === undefined || spec.securityContext === null) spec.securityContext = {};
  if (forPod && (spec.enableServiceLinks === undefined || spec.enableServiceLinks === null)) spec.enableServiceLinks = true;
  for (const list of ['containers', 'initContainers', 'ephemeralContainers']) {
    const cs = spec[list];
    if (Array.isArray(cs)) for (const c of cs) defaultContainer(c);
  }
  // SetDefaults_Pod: limits without requests make the requests equal to the limits
  for (const list of forPod ? ['containers', 'initContainers'] : []) {
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
}

// ---------------------------------------------------------------- workloads and Services

/**
 * A pod template (Deployment, ReplicaSet, Job): its spec gets SetDefaults_PodSpec and what it calls,
 * not the Pod-only defaults; its metadata gets none (no namespace).
 */
function defaultTemplate(spec: Obj): void {
  if (!isObj(spec.template)) spec.template = {};
  const t = spec.template as Obj;
  if (!isObj(t.spec)) t.spec = {};
  defaultPodSpec(t.spec as Obj, false);
}

function defaultObjectMeta(o: Obj): Obj {
  if (!isObj(o.metadata)) o.metadata = {};
  const meta = o.metadata as Obj;
  setIfUnset(meta, 'namespace', 'default');
  if (!isObj(o.spec)) o.spec = {};
  return o.spec as Obj;
}

/**
 * SetDefaults_Deployment (k/k pkg/apis/apps/v1/defaults.go): replicas 1, RollingUpdate with 25 % /
 * 25 %, revisionHistoryLimit 10, progressDeadlineSeconds 600. Does not modify its argument.
 */
export function applyDeploymentDefaults(d: Deployment): Deployment {
  const o = cloneData(d) as Obj;
  const spec = defaultObjectMeta(o);
  if (typeof spec.replicas !== 'number') spec.replicas = 1;
  if (!isObj(spec.strategy)) spec.strategy = {};
  const strategy = spec.strategy as Obj;
  setIfUnset(strategy, 'type', 'RollingUpdate');
  if (strategy.type === 'RollingUpdate') {
    if (!isObj(strategy.rollingUpdate)) strategy.rollingUpdate = {};
    const ru = strategy.rollingUpdate as Obj;
    if (ru.maxUnavailable === undefined || ru.maxUnavailable === null) ru.maxUnavailable = '25%';
    if (ru.maxSurge === undefined || ru.maxSurge === null) ru.maxSurge = '25%';
  }
  if (typeof spec.revisionHistoryLimit !== 'number') spec.revisionHistoryLimit = 10;
  if (typeof spec.progressDeadlineSeconds !== 'number') spec.progressDeadlineSeconds = 600;
  defaultTemplate(spec);
  return o as unknown as Deployment;
}

/** SetDefaults_ReplicaSet (k/k pkg/apis/apps/v1/defaults.go): replicas 1. Does not modify its argument. */
export function applyReplicaSetDefaults(rs: ReplicaSet): ReplicaSet {
  const o = cloneData(rs) as Obj;
  const spec = defaultObjectMeta(o);
  if (typeof spec.replicas !== 'number') spec.replicas = 1;
  defaultTemplate(spec);
  return o as unknown as ReplicaSet;
}

/**
 * SetDefaults_Job (k/k pkg/apis/batch/v1/defaults.go): completions and parallelism 1 when both are
 * unset, parallelism 1, backoffLimit 6 (MaxInt32 with backoffLimitPerIndex), completionMode
 * NonIndexed, suspend false, podReplacementPolicy TerminatingOrFailed (Failed with a
 * podFailurePolicy), manualSelector false, a pod-condition rule's status True
 * (SetDefaults_PodFailurePolicyOnPodConditionsPattern), and the template's labels as the Job's when
 * it has none. The selector and its labels come from the API server's create strategy (they need
 * the Job's UID): the simulator adds them. Does not modify its argument.
 */
export function applyJobDefaults(j: Job): Job {
  const o = cloneData(j) as Obj;
  const spec = defaultObjectMeta(o);
  if (typeof spec.completions !== 'number' && typeof spec.parallelism !== 'number') {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  if (typeof spec.parallelism !== 'number') spec.parallelism = 1;
  if (typeof spec.backoffLimit !== 'number') spec.backoffLimit = typeof spec.backoffLimitPerIndex === 'number' ? 2147483647 : 6;
  setIfUnset(spec, 'completionMode', 'NonIndexed');
  if (typeof spec.suspend !== 'boolean') spec.suspend = false;
  if (isObj(spec.podFailurePolicy) && Array.isArray(spec.podFailurePolicy.rules)) {
    for (const rule of spec.podFailurePolicy.rules) {
      if (isObj(rule) && Array.isArray(rule.onPodConditions)) for (const c of rule.onPodConditions) if (isObj(c)) setIfUnset(c, 'status', 'True');
    }
  }
  setIfUnset(spec, 'podReplacementPolicy', isObj(spec.podFailurePolicy) ? 'Failed' : 'TerminatingOrFailed');
  if (typeof spec.manualSelector !== 'boolean') spec.manualSelector = false;
  defaultTemplate(spec);
  const meta = o.metadata as Obj;
  const tmeta = (spec.template as Obj).metadata;
  if (isObj(tmeta) && isObj(tmeta.labels) && (!isObj(meta.labels) || Object.keys(meta.labels).length === 0)) meta.labels = cloneData(tmeta.labels);
  return o as unknown as Job;
}

/**
 * SetDefaults_Service (k/k pkg/apis/core/v1/defaults.go): type ClusterIP, sessionAffinity None (a
 * ClientIP affinity's timeout 10800 s), port protocol TCP, targetPort = port, internalTrafficPolicy
 * Cluster, externalTrafficPolicy Cluster for externally accessible Services (NodePort,
 * LoadBalancer, ClusterIP with externalIPs), allocateLoadBalancerNodePorts true. The cluster IP
 * and node ports are allocated by the API server: the simulator does it. Does not modify its argument.
 */
export function applyServiceDefaults(svc: Service): Service {
  const o = cloneData(svc) as Obj;
  const spec = defaultObjectMeta(o);
  setIfUnset(spec, 'sessionAffinity', 'None');
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP') {
    const cfg = spec.sessionAffinityConfig;
    if (!isObj(cfg) || !isObj(cfg.clientIP) || typeof cfg.clientIP.timeoutSeconds !== 'number') spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } };
  }
  setIfUnset(spec, 'type', 'ClusterIP');
  if (Array.isArray(spec.ports)) {
    for (const port of spec.ports) {
      if (!isObj(port)) continue;
      setIfUnset(port, 'protocol', 'TCP');
      if (port.targetPort === undefined || port.targetPort === null || port.targetPort === 0 || port.targetPort === '') port.targetPort = port.port;
    }
  }
  if (externallyAccessible(spec)) setIfUnset(spec, 'externalTrafficPolicy', 'Cluster');
  if (spec.internalTrafficPolicy === undefined || spec.internalTrafficPolicy === null) {
    if (spec.type === 'NodePort' || spec.type === 'LoadBalancer' || spec.type === 'ClusterIP') spec.internalTrafficPolicy = 'Cluster';
  }
  if (spec.type === 'LoadBalancer' && typeof spec.allocateLoadBalancerNodePorts !== 'boolean') spec.allocateLoadBalancerNodePorts = true;
  return o as unknown as Service;
}

/** pkg/api/service ExternallyAccessible: reachable from outside the cluster network. */
export function externallyAccessible(spec: Obj): boolean {
  return spec.type === 'LoadBalancer' || spec.type === 'NodePort' || (spec.type === 'ClusterIP' && Array.isArray(spec.externalIPs) && spec.externalIPs.length > 0);
}

/** Any supported object as the API server would store it (see each kind's function). */
export function applyObjectDefaults<T extends KubeObject>(obj: T): T {
  switch (obj.kind as Kind) {
    case 'Pod':
      return applyPodDefaults(obj as Pod) as T;
    case 'Deployment':
      return applyDeploymentDefaults(obj as Deployment) as T;
    case 'ReplicaSet':
      return applyReplicaSetDefaults(obj as ReplicaSet) as T;
    case 'Job':
      return applyJobDefaults(obj as Job) as T;
    case 'Service':
      return applyServiceDefaults(obj as Service) as T;
    default:
      return assertNever(obj.kind as never);
  }
}
