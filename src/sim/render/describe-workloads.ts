// `kubectl describe deployment|replicaset|job|service|pod` for a cluster run (k/kubectl pkg/describe/describe.go:
// describeDeployment, describeReplicaSet, describeJob, describeService with formatEndpointSlices,
// DescribePodTemplate, getPodStatusForController; kubectl 1.33 layout).
import type { Pod, PodTemplateSpec } from 'kubernetes-types/core/v1.d.ts';
import type { ClusterTrace, ObjectOf } from '../cluster/types.js';
import { eventsOf, objectAt, objectsAt, podRun, podsAt } from '../cluster/query.js';
import { formatLabelSelector, formatLabels, selectorString } from '../cluster/labels.js';
import { statusAt } from '../query.js';
import { byCreation } from '../cluster/deployment-util.js';
import { templateKey } from '../cluster/deployment.js';
import { describePodFrom, writeAnnotations, writeContainers, writeMultiline, writeTolerations, writeVolume, type PodContext } from './describe.js';
import { writeEvents, type KubectlVersion } from './events.js';
import { humanDuration, rfc1123z, storedSeconds } from './format.js';
import { DESCRIBE_TABS, PrefixWriter, Tabwriter } from './tabwriter.js';

export interface WorkloadDescribeOptions {
  kubectl?: KubectlVersion;
  namespace?: string;
}

/** DescribePodTemplate */
function writePodTemplate(pw: PrefixWriter, template: PodTemplateSpec | undefined, kubectl: KubectlVersion): void {
  pw.write(0, 'Pod Template:\n');
  if (!template) {
    pw.write(1, '<unset>');
    return;
  }
  writeMultiline(pw, '  Labels', template.metadata?.labels);
  if (Object.keys(template.metadata?.annotations ?? {}).length > 0) writeAnnotations(pw, '  Annotations', template.metadata?.annotations);
  const spec = template.spec;
  if (spec?.serviceAccountName) pw.write(1, `Service Account:\t${spec.serviceAccountName}\n`);
  const ctx: PodContext = { pod: { spec } as Pod, status: { phase: 'Pending', conditions: [], initContainers: [], containers: [] }, podIP: '', kubectl, template: true };
  if ((spec?.initContainers ?? []).length > 0) writeContainers(pw, ctx, 'Init Containers', spec!.initContainers!, [], '  ');
  writeContainers(pw, ctx, 'Containers', spec?.containers ?? [], [], '  ');
  const volumes = spec?.volumes ?? [];
  if (volumes.length === 0) pw.write(0, '  Volumes:\t<none>\n');
  else {
    pw.write(0, '  Volumes:\n');
    for (const v of volumes) writeVolume(pw, v, '  ');
  }
  if (spec?.priorityClassName) pw.write(1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  writeMultiline(pw, '  Node-Selectors', spec?.nodeSelector);
  writeTolerations(pw, [...(spec?.tolerations ?? [])].sort((a, b) => ((a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0)), '  Tolerations');
}

function writeConditions(pw: PrefixWriter, conditions: { type: string; status: string; reason?: string }[]): void {
  if (conditions.length === 0) return;
  pw.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
  pw.write(1, '----\t------\t------\n');
  for (const c of conditions) pw.write(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
}

const controllerOf = (o: { metadata: { ownerReferences?: { kind: string; name: string; controller: true }[] } }): string | undefined => {
  const r = o.metadata.ownerReferences?.find((x) => x.controller);
  return r ? `${r.kind}/${r.name}` : undefined;
};

/** getPodStatusForController: the controller's pods by phase */
function podPhases(trace: ClusterTrace, owner: { kind: string; name: string }, atMs: number, namespace: string): string {
  let running = 0;
  let waiting = 0;
  let succeeded = 0;
  let failed = 0;
  for (const p of podsAt(trace, atMs, { owner, namespace })) {
    if (p.status.phase === 'Running') running++;
    else if (p.status.phase === 'Pending') waiting++;
    else if (p.status.phase === 'Succeeded') succeeded++;
    else if (p.status.phase === 'Failed') failed++;
  }
  return `${running} Running / ${waiting} Waiting / ${succeeded} Succeeded / ${failed} Failed`;
}

/** IntOrString.String() */
const intOrString = (v: number | string | undefined): string => (v === undefined ? '0' : String(v));

export function describeDeployment(trace: ClusterTrace, name: string, atMs: number, opts: WorkloadDescribeOptions = {}): string | undefined {
  const ns = opts.namespace ?? 'default';
  const kubectl = opts.kubectl ?? '1.33';
  const d = objectAt(trace, 'Deployment', name, atMs, ns);
  if (!d) return undefined;
  const tw = new Tabwriter(DESCRIBE_TABS);
  const pw = new PrefixWriter(tw);
  pw.write(0, `Name:\t${d.metadata.name}\n`);
  pw.write(0, `Namespace:\t${d.metadata.namespace}\n`);
  pw.write(0, `CreationTimestamp:\t${rfc1123z(d.metadata.creationMs)}\n`);
  writeMultiline(pw, 'Labels', d.metadata.labels);
  writeAnnotations(pw, 'Annotations', d.metadata.annotations);
  pw.write(0, `Selector:\t${selectorString(d.spec.selector)}\n`);
  const s = d.status;
  pw.write(0, `Replicas:\t${d.spec.replicas ?? 1} desired | ${s.updatedReplicas} updated | ${s.replicas} total | ${s.availableReplicas} available | ${s.unavailableReplicas} unavailable\n`);
  pw.write(0, `StrategyType:\t${d.spec.strategy?.type ?? 'RollingUpdate'}\n`);
  pw.write(0, `MinReadySeconds:\t${d.spec.minReadySeconds ?? 0}\n`);
  const ru = d.spec.strategy?.rollingUpdate;
  if (ru) pw.write(0, `RollingUpdateStrategy:\t${intOrString(ru.maxUnavailable)} max unavailable, ${intOrString(ru.maxSurge)} max surge\n`);
  writePodTemplate(pw, d.spec.template, kubectl);
  writeConditions(pw, s.conditions);
  const rss = objectsAt(trace, 'ReplicaSet', atMs, ns)
    .filter((rs) => rs.metadata.ownerReferences?.some((o) => o.controller && o.uid === d.metadata.uid))
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
  // FindNewReplicaSet: the oldest one whose template (pod-template-hash aside) is the Deployment's
  const want = templateKey(d.spec.template);
  const newRS = [...rss].sort(byCreation).find((rs) => templateKey(rs.spec.template) === want);
  const old = rss.filter((rs) => rs !== newRS);
  const list = (xs: ObjectOf<'ReplicaSet'>[]) => xs.map((rs) => `${rs.metadata.name} (${rs.status.replicas}/${rs.spec.replicas ?? 1} replicas created)`).join(', ') || '<none>';
  if (old.length > 0 || newRS) {
    pw.write(0, `OldReplicaSets:\t${list(old)}\n`);
    pw.write(0, `NewReplicaSet:\t${list(newRS ? [newRS] : [])}\n`);
  }
  writeEvents(pw, eventsOf(trace, { kind: 'Deployment', uid: d.metadata.uid }, atMs), atMs, { kubectl });
  return tw.text();
}

export function describeReplicaSet(trace: ClusterTrace, name: string, atMs: number, opts: WorkloadDescribeOptions = {}): string | undefined {
  const ns = opts.namespace ?? 'default';
  const kubectl = opts.kubectl ?? '1.33';
  const rs = objectAt(trace, 'ReplicaSet', name, atMs, ns);
  if (!rs) return undefined;
  const tw = new Tabwriter(DESCRIBE_TABS);
  const pw = new PrefixWriter(tw);
  pw.write(0, `Name:\t${rs.metadata.name}\n`);
  pw.write(0, `Namespace:\t${rs.metadata.namespace}\n`);
  pw.write(0, `Selector:\t${formatLabelSelector(rs.spec.selector)}\n`);
  writeMultiline(pw, 'Labels', rs.metadata.labels);
  writeAnnotations(pw, 'Annotations', rs.metadata.annotations);
  const by = controllerOf(rs);
  if (by) pw.write(0, `Controlled By:\t${by}\n`);
  pw.write(0, `Replicas:\t${rs.status.replicas} current / ${rs.spec.replicas ?? 1} desired\n`);
  pw.write(0, `Pods Status:\t${podPhases(trace, { kind: 'ReplicaSet', name }, atMs, ns)}\n`);
  writePodTemplate(pw, rs.spec.template, kubectl);
  writeConditions(pw, rs.status.conditions ?? []);
  writeEvents(pw, eventsOf(trace, { kind: 'ReplicaSet', uid: rs.metadata.uid }, atMs), atMs, { kubectl });
  return tw.text();
}

export function describeJob(trace: ClusterTrace, name: string, atMs: number, opts: WorkloadDescribeOptions = {}): string | undefined {
  const ns = opts.namespace ?? 'default';
  const kubectl = opts.kubectl ?? '1.33';
  const j = objectAt(trace, 'Job', name, atMs, ns);
  if (!j) return undefined;
  const tw = new Tabwriter(DESCRIBE_TABS);
  const pw = new PrefixWriter(tw);
  const sp = j.spec;
  const st = j.status;
  pw.write(0, `Name:\t${j.metadata.name}\n`);
  pw.write(0, `Namespace:\t${j.metadata.namespace}\n`);
  pw.write(0, `Selector:\t${selectorString(sp.selector)}\n`);
  writeMultiline(pw, 'Labels', j.metadata.labels);
  writeAnnotations(pw, 'Annotations', j.metadata.annotations);
  const by = controllerOf(j);
  if (by) pw.write(0, `Controlled By:\t${by}\n`);
  if (sp.parallelism !== undefined) pw.write(0, `Parallelism:\t${sp.parallelism}\n`);
  pw.write(0, sp.completions !== undefined && sp.completions !== null ? `Completions:\t${sp.completions}\n` : 'Completions:\t<unset>\n');
  if (sp.completionMode) pw.write(0, `Completion Mode:\t${sp.completionMode}\n`);
  if (sp.suspend !== undefined) pw.write(0, `Suspend:\t${sp.suspend}\n`);
  if (sp.backoffLimit !== undefined) pw.write(0, `Backoff Limit:\t${sp.backoffLimit}\n`);
  if (sp.ttlSecondsAfterFinished !== undefined) pw.write(0, `TTL Seconds After Finished:\t${sp.ttlSecondsAfterFinished}\n`);
  if (st.startMs !== undefined) pw.write(0, `Start Time:\t${rfc1123z(st.startMs)}\n`);
  if (st.completionMs !== undefined) pw.write(0, `Completed At:\t${rfc1123z(st.completionMs)}\n`);
  if (st.startMs !== undefined && st.completionMs !== undefined) pw.write(0, `Duration:\t${humanDuration(storedSeconds(st.completionMs) - storedSeconds(st.startMs))}\n`);
  if (sp.activeDeadlineSeconds !== undefined) pw.write(0, `Active Deadline Seconds:\t${sp.activeDeadlineSeconds}s\n`);
  pw.write(0, `Pods Statuses:\t${st.active} Active (${st.ready} Ready) / ${st.succeeded} Succeeded / ${st.failed} Failed\n`);
  writePodTemplate(pw, sp.template, kubectl);
  writeEvents(pw, eventsOf(trace, { kind: 'Job', uid: j.metadata.uid }, atMs), atMs, { kubectl });
  return tw.text();
}

/** formatEndpointSlices (describe.go): ready endpoints of the slices for the port of that name, at most three. */
function formatEndpointSlices(slices: ObjectOf<'EndpointSlice'>[], portName: string): string {
  if (slices.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const s of slices) {
    if (s.ports.length === 0) {
      for (const e of s.endpoints) {
        if (list.length === max) more = true;
        if (!e.conditions.ready) continue;
        if (!more) list.push(e.addresses[0]!);
        count++;
      }
      continue;
    }
    for (const port of s.ports) {
      if (port.name !== portName) continue;
      for (const e of s.endpoints) {
        if (list.length === max) more = true;
        if (!e.conditions.ready) continue;
        if (!more) list.push(`${e.addresses[0]}:${port.port}`);
        count++;
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

export function describeService(trace: ClusterTrace, name: string, atMs: number, opts: WorkloadDescribeOptions = {}): string | undefined {
  const ns = opts.namespace ?? 'default';
  const kubectl = opts.kubectl ?? '1.33';
  const svc = objectAt(trace, 'Service', name, atMs, ns);
  if (!svc) return undefined;
  const slices = objectsAt(trace, 'EndpointSlice', atMs, ns).filter((s) => s.metadata.labels['kubernetes.io/service-name'] === name);
  const sp = svc.spec;
  const tw = new Tabwriter(DESCRIBE_TABS);
  const pw = new PrefixWriter(tw);
  pw.write(0, `Name:\t${svc.metadata.name}\n`);
  pw.write(0, `Namespace:\t${svc.metadata.namespace}\n`);
  writeMultiline(pw, 'Labels', svc.metadata.labels);
  writeAnnotations(pw, 'Annotations', svc.metadata.annotations);
  pw.write(0, `Selector:\t${formatLabels(sp.selector)}\n`);
  pw.write(0, `Type:\t${sp.type ?? 'ClusterIP'}\n`);
  if (sp.ipFamilyPolicy) pw.write(0, `IP Family Policy:\t${sp.ipFamilyPolicy}\n`);
  pw.write(0, `IP Families:\t${(sp.ipFamilies ?? []).length > 0 ? sp.ipFamilies!.join(',') : '<none>'}\n`);
  pw.write(0, `IP:\t${sp.clusterIP ?? ''}\n`);
  pw.write(0, `IPs:\t${(sp.clusterIPs ?? []).length > 0 ? sp.clusterIPs!.join(',') : '<none>'}\n`);
  if ((sp.externalIPs ?? []).length > 0) pw.write(0, `External IPs:\t${sp.externalIPs!.join(',')}\n`);
  if (sp.externalName) pw.write(0, `External Name:\t${sp.externalName}\n`);
  for (const p of sp.ports ?? []) {
    const pname = p.name || '<unset>';
    const proto = p.protocol ?? 'TCP';
    pw.write(0, `Port:\t${pname}\t${p.port}/${proto}\n`);
    pw.write(0, `TargetPort:\t${p.targetPort ?? p.port}/${proto}\n`);
    if (p.nodePort) pw.write(0, `NodePort:\t${pname}\t${p.nodePort}/${proto}\n`);
    pw.write(0, `Endpoints:\t${formatEndpointSlices(slices, p.name ?? '')}\n`);
  }
  pw.write(0, `Session Affinity:\t${sp.sessionAffinity ?? 'None'}\n`);
  if (sp.externalTrafficPolicy) pw.write(0, `External Traffic Policy:\t${sp.externalTrafficPolicy}\n`);
  if (sp.internalTrafficPolicy) pw.write(0, `Internal Traffic Policy:\t${sp.internalTrafficPolicy}\n`);
  writeEvents(pw, eventsOf(trace, { kind: 'Service', uid: svc.metadata.uid }, atMs), atMs, { kubectl });
  return tw.text();
}

/** `kubectl describe pod NAME` for a pod of the cluster (its kubelet trace, its object, its controller). */
export function describeClusterPod(trace: ClusterTrace, name: string, atMs: number, opts: WorkloadDescribeOptions = {}): string | undefined {
  const ns = opts.namespace ?? 'default';
  const pod = objectAt(trace, 'Pod', name, atMs, ns);
  if (!pod) return undefined;
  const run = podRun(trace, pod.metadata.uid);
  if (!run) return undefined;
  const manifest: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns, labels: pod.metadata.labels, annotations: pod.metadata.annotations }, spec: pod.spec };
  const o: Parameters<typeof describePodFrom>[5] = { kubectl: opts.kubectl ?? '1.33' };
  const by = controllerOf(pod);
  if (by) o.controlledBy = by;
  if (pod.metadata.deletionMs !== undefined) o.deletion = { deletionMs: pod.metadata.deletionMs, gracePeriodSeconds: pod.metadata.deletionGracePeriodSeconds ?? 30 };
  return describePodFrom(manifest, run.trace, statusAt(run.trace, atMs), eventsOf(trace, { kind: 'Pod', uid: pod.metadata.uid }, atMs), atMs, o);
}
