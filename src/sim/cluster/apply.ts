// Models `kubectl apply` of a scenario step against the API server (k/kubectl pkg/cmd/apply, and the
// registry strategies pkg/registry/{core/pod,core/service,apps/deployment,apps/replicaset,batch/job}/strategy.go:
// PrepareForCreate / PrepareForUpdate, Job selector generation, ClusterIP and NodePort allocation,
// immutable fields) (Kubernetes 1.33). Defaults come from src/manifest/defaults.ts.
// Simplified: apply replaces the spec (no three-way merge of fields set by others, except the labels and
// annotations a controller added); the last-applied-configuration annotation is not written.
import type { Job, KubeObject, Pod, ReplicaSet, Service } from '../../manifest/kinds.js';
import type { Deployment } from 'kubernetes-types/apps/v1.d.ts';
import { applyObjectDefaults } from '../../manifest/defaults.js';
import { fnv1a } from '../engine/rng.js';
import { NODE_NAME } from '../pod-identity.js';
import type { ApiServer } from './api-server.js';
import { refOf } from './api-server.js';
import { canonicalJson } from './names.js';
import type { ApplyResult, ClusterObject, ObjectKind, ObjectMeta, ObjectOf } from './types.js';

/** kubectl's resource names in `kubectl apply` output: `deployment.apps/web created` */
export const APPLY_NAME: Record<Exclude<ObjectKind, 'Endpoints' | 'EndpointSlice'>, string> = {
  Pod: 'pod',
  Service: 'service',
  Deployment: 'deployment.apps',
  ReplicaSet: 'replicaset.apps',
  Job: 'job.batch',
};

export const JOB_LABEL = {
  controllerUid: 'batch.kubernetes.io/controller-uid',
  jobName: 'batch.kubernetes.io/job-name',
  legacyControllerUid: 'controller-uid',
  legacyJobName: 'job-name',
} as const;

/** The API server's error texts, as kubectl prints them. */
export const APPLY_ERROR = {
  immutable: (kind: string, name: string, path: string, value: string) => `The ${kind} "${name}" is invalid: ${path}: Invalid value: ${value}: field is immutable`,
  podUpdate: (name: string) =>
    `The Pod "${name}" is invalid: spec: Forbidden: pod updates may not change fields other than \`spec.containers[*].image\`,\`spec.initContainers[*].image\`,\`spec.activeDeadlineSeconds\`,\`spec.tolerations\` (only additions to existing tolerations),\`spec.terminationGracePeriodSeconds\` (allow it to be set to 1 if it was previously negative)`,
  ipAllocated: (name: string, ip: string) =>
    `The Service "${name}" is invalid: spec.clusterIPs: Invalid value: []string{"${ip}"}: failed to allocate IP ${ip}: provided IP is already allocated`,
} as const;

type Applied = { labels: Record<string, string>; annotations: Record<string, string> };

export class Applier {
  /** what each object's last apply set, so that a later apply drops what it no longer sets and keeps what controllers added */
  private readonly lastApplied = new Map<string, Applied>();
  private readonly nodePorts = new Set<number>();

  constructor(private readonly api: ApiServer) {}

  applyStep(objects: readonly KubeObject[], step: number): void {
    for (const input of objects) this.applyOne(input, step);
  }

  private applyOne(input: KubeObject, step: number): void {
    const kind = input.kind as Exclude<ObjectKind, 'Endpoints' | 'EndpointSlice'>;
    const obj = applyObjectDefaults(input);
    const ns = obj.metadata?.namespace || 'default';
    const name = obj.metadata?.name ?? '';
    const applied: Applied = { labels: { ...(obj.metadata?.labels ?? {}) }, annotations: { ...(obj.metadata?.annotations ?? {}) } };
    const existing = this.api.get(kind, ns, name);
    const key = `${kind}/${ns}/${name}`;
    const fail = (message: string) => this.api.applyRecord({ t: this.api.now, kind: 'apply-error', step, ref: { kind, namespace: ns, name }, message });
    if (!existing) {
      const created = this.create(kind, obj, ns, name, applied, input);
      if (typeof created === 'string') return fail(created);
      this.lastApplied.set(key, applied);
      this.api.applyRecord({ t: this.api.now, kind: 'apply', step, ref: refOf(created), result: 'created' });
      return;
    }
    const prev = this.lastApplied.get(key) ?? { labels: {}, annotations: {} };
    const merge = (cur: Record<string, string>, before: Record<string, string>, now: Record<string, string>) => {
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(cur)) if (!(k in before) || k in now) out[k] = v;
      return { ...out, ...now };
    };
    const meta: ObjectMeta = { ...existing.metadata, labels: merge(existing.metadata.labels, prev.labels, applied.labels), annotations: merge(existing.metadata.annotations, prev.annotations, applied.annotations) };
    const updated = this.update(existing, obj, meta);
    if (typeof updated === 'string') return fail(updated);
    this.lastApplied.set(key, applied);
    const stored = this.api.update(updated);
    const result: ApplyResult = stored === existing ? 'unchanged' : 'configured';
    this.api.applyRecord({ t: this.api.now, kind: 'apply', step, ref: refOf(stored), result });
  }

  private create(kind: ObjectKind, obj: KubeObject, ns: string, name: string, applied: Applied, input: KubeObject): ClusterObject | string {
    const meta = (extra: Partial<ObjectMeta> = {}) => this.api.newMeta(kind, ns, name, { labels: { ...applied.labels }, annotations: { ...applied.annotations }, ...extra });
    switch (kind) {
      case 'Pod': {
        const p = obj as Pod;
        return this.api.create<ObjectOf<'Pod'>>({ kind: 'Pod', metadata: meta(), spec: { ...p.spec!, nodeName: NODE_NAME } });
      }
      case 'Deployment': {
        const d = obj as Deployment;
        return this.api.create<ObjectOf<'Deployment'>>({
          kind: 'Deployment',
          metadata: meta(),
          spec: d.spec!,
          status: { observedGeneration: 0, replicas: 0, updatedReplicas: 0, readyReplicas: 0, availableReplicas: 0, unavailableReplicas: 0, conditions: [] },
        });
      }
      case 'ReplicaSet': {
        const rs = obj as ReplicaSet;
        return this.api.create<ObjectOf<'ReplicaSet'>>({
          kind: 'ReplicaSet',
          metadata: meta(),
          spec: rs.spec!,
          status: { replicas: 0, fullyLabeledReplicas: 0, readyReplicas: 0, availableReplicas: 0, observedGeneration: 0 },
        });
      }
      case 'Job': {
        const j = obj as Job;
        const m = meta();
        const spec = this.jobSelector(j.spec!, name, m.uid);
        // SetDefaults_Job makes the template's labels the Job's when it has none, as the same map:
        // the labels the create strategy adds to the template then show on the Job too
        const inputLabels = input.metadata?.labels;
        if (!inputLabels || Object.keys(inputLabels).length === 0) m.labels = { ...(spec.template.metadata?.labels ?? {}) };
        return this.api.create<ObjectOf<'Job'>>({ kind: 'Job', metadata: m, spec, status: { active: 0, ready: 0, succeeded: 0, failed: 0, terminating: 0, conditions: [] } });
      }
      case 'Service': {
        const svc = obj as Service;
        const spec = { ...svc.spec! };
        const ip = spec.clusterIP;
        if (ip === 'None') {
          spec.clusterIPs = ['None'];
        } else if (ip) {
          if (!this.api.reserveServiceIP(ip)) return APPLY_ERROR.ipAllocated(name, ip);
          spec.clusterIPs = [ip];
        } else {
          const a = this.api.allocateServiceIP(ns, name);
          spec.clusterIP = a;
          spec.clusterIPs = [a];
        }
        if (spec.type !== 'ExternalName') {
          spec.ipFamilies = ['IPv4'];
          spec.ipFamilyPolicy = 'SingleStack';
        }
        if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') {
          spec.ports = (spec.ports ?? []).map((p) => (p.nodePort ? (this.nodePorts.add(p.nodePort), p) : { ...p, nodePort: this.allocateNodePort(ns, name, p.port) }));
        }
        return this.api.create<ObjectOf<'Service'>>({ kind: 'Service', metadata: meta({ generation: 1 }), spec });
      }
      default:
        return `kubedrill cannot apply a ${kind}`;
    }
  }

  private update(existing: ClusterObject, obj: KubeObject, meta: ObjectMeta): ClusterObject | string {
    const name = existing.metadata.name;
    switch (existing.kind) {
      case 'Pod': {
        const spec = { ...(obj as Pod).spec!, nodeName: existing.spec.nodeName };
        if (canonicalJson(spec) !== canonicalJson(existing.spec)) return APPLY_ERROR.podUpdate(name);
        return { ...existing, metadata: meta };
      }
      case 'Deployment': {
        const spec = (obj as Deployment).spec!;
        if (canonicalJson(spec.selector) !== canonicalJson(existing.spec.selector)) return APPLY_ERROR.immutable('Deployment', name, 'spec.selector', selectorValue(spec.selector));
        return { ...existing, metadata: meta, spec };
      }
      case 'ReplicaSet': {
        const spec = (obj as ReplicaSet).spec!;
        if (canonicalJson(spec.selector) !== canonicalJson(existing.spec.selector)) return APPLY_ERROR.immutable('ReplicaSet', name, 'spec.selector', selectorValue(spec.selector));
        return { ...existing, metadata: meta, spec };
      }
      case 'Job': {
        const spec = this.jobSelector((obj as Job).spec!, name, existing.metadata.uid);
        if (canonicalJson(spec.template) !== canonicalJson(existing.spec.template)) return APPLY_ERROR.immutable('Job', name, 'spec.template', 'core.PodTemplateSpec{…}');
        if ((spec.completions ?? null) !== (existing.spec.completions ?? null)) return APPLY_ERROR.immutable('Job', name, 'spec.completions', String(spec.completions ?? 'null'));
        return { ...existing, metadata: meta, spec };
      }
      case 'Service': {
        const spec = { ...(obj as Service).spec! };
        // the allocated addresses stay (an apply that does not set them keeps them)
        for (const k of ['clusterIP', 'clusterIPs', 'ipFamilies', 'ipFamilyPolicy'] as const) if (spec[k] === undefined && existing.spec[k] !== undefined) (spec as Record<string, unknown>)[k] = existing.spec[k];
        if (spec.clusterIP !== existing.spec.clusterIP) return APPLY_ERROR.immutable('Service', name, 'spec.clusterIPs[0]', JSON.stringify(spec.clusterIP ?? ''));
        if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') {
          spec.ports = (spec.ports ?? []).map((p) => {
            if (p.nodePort) return p;
            const old = (existing.spec.ports ?? []).find((o) => o.port === p.port && o.nodePort);
            return { ...p, nodePort: old?.nodePort ?? this.allocateNodePort(existing.metadata.namespace, name, p.port) };
          });
        }
        return { ...existing, metadata: meta, spec };
      }
      default:
        return `kubedrill cannot apply a ${existing.kind}`;
    }
  }

  /** generateSelector (batch/job strategy): the job-name and controller-uid labels, and the selector on the UID. */
  private jobSelector(spec: NonNullable<Job['spec']>, name: string, uid: string): NonNullable<Job['spec']> {
    const labels = { ...(spec.template.metadata?.labels ?? {}) };
    for (const k of [JOB_LABEL.legacyJobName, JOB_LABEL.jobName]) if (!(k in labels)) labels[k] = name;
    for (const k of [JOB_LABEL.legacyControllerUid, JOB_LABEL.controllerUid]) if (!(k in labels)) labels[k] = uid;
    const selector = spec.selector ? { ...spec.selector } : {};
    if (!spec.manualSelector) selector.matchLabels = { ...(selector.matchLabels ?? {}), [JOB_LABEL.controllerUid]: selector.matchLabels?.[JOB_LABEL.controllerUid] ?? uid };
    return { ...spec, selector, template: { ...spec.template, metadata: { ...(spec.template.metadata ?? {}), labels } } };
  }

  /** the NodePort allocator: a free port of 30000-32767 picked from the Service, the port and the seed */
  private allocateNodePort(ns: string, name: string, port: number): number {
    let p = 30000 + (fnv1a(`nodeport/${ns}/${name}/${port}#${this.api.seed}`) % 2768);
    while (this.nodePorts.has(p)) p = p === 32767 ? 30000 : p + 1;
    this.nodePorts.add(p);
    return p;
  }
}

/** Go's %v of a *metav1.LabelSelector, as the immutability error prints it (abridged to its matchLabels). */
function selectorValue(sel: { matchLabels?: Record<string, string> } | undefined): string {
  const ml = Object.keys(sel?.matchLabels ?? {})
    .sort()
    .map((k) => `"${k}":"${sel!.matchLabels![k]}"`)
    .join(', ');
  return `v1.LabelSelector{MatchLabels:map[string]string{${ml}}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}`;
}
