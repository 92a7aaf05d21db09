// `kubectl describe pod` text (kubectl 1.33/1.34 layout, k/kubectl pkg/describe/describe.go describePod).
import type { Container, EnvVar, Pod, Probe, Toleration, Volume } from 'kubernetes-types/core/v1.d.ts';
import type { ContainerState, ContainerStatus, KubeEventObject, PodStatusSnapshot, Trace } from '../trace.js';
import { eventObjectsAt, statusAt } from '../query.js';
import { writeEvents, type KubectlVersion } from './events.js';
import { ageAt, rfc1123z } from './format.js';
import { HOST_IP, apiAccessVolumeName, imageId } from './identity.js';
import { podQos } from './quantity.js';
import { DESCRIBE_TABS, PrefixWriter, Tabwriter } from './tabwriter.js';

export interface DescribeOptions {
  kubectl?: KubectlVersion;
  /** a cluster pod's controller: the `Controlled By:` line (printController), e.g. `ReplicaSet/web-7d4b9c8f5` */
  controlledBy?: string;
  /** a cluster pod being deleted: its deletionTimestamp and deletionGracePeriodSeconds */
  deletion?: { deletionMs: number; gracePeriodSeconds: number };
}

/** Go's zero time.Time in time.RFC1123Z (a terminated state the runtime never reported times for) */
const GO_ZERO_TIME = 'Mon, 01 Jan 0001 00:00:00 +0000';

const SERVICE_ACCOUNT_MOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';

/** Go's %v of a []string: `[cat /tmp/healthy]`. */
const goList = (xs: readonly string[] | undefined): string => `[${(xs ?? []).join(' ')}]`;

/** Go's net.JoinHostPort. */
const joinHostPort = (host: string, port: string): string => (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`);

/** k/kubectl DescribeProbe: the text after `Liveness:` / `Readiness:` / `Startup:` (API defaults assumed for unset fields). */
export function describeProbe(probe: Probe, kubectl: KubectlVersion = '1.33'): string {
  const delay = probe.initialDelaySeconds ?? 0;
  const timeout = probe.timeoutSeconds || 1;
  const period = probe.periodSeconds || 10;
  const success = probe.successThreshold || 1;
  const failure = probe.failureThreshold || 3;
  const thresholds =
    kubectl === '1.37'
      ? `successThreshold=${success} failureThreshold=${failure}`
      : `#success=${success} #failure=${failure}`;
  const attrs = `delay=${delay}s timeout=${timeout}s period=${period}s ${thresholds}`;
  if (probe.exec) return `exec ${goList(probe.exec.command)} ${attrs}`;
  if (probe.httpGet) {
    const g = probe.httpGet;
    const scheme = (g.scheme || 'HTTP').toLowerCase();
    const host = joinHostPort(g.host ?? '', String(g.port));
    let path = g.path || '/';
    if (!path.startsWith('/')) path = '/' + path;
    return `http-get ${scheme}://${host}${encodeURI(path)} ${attrs}`;
  }
  if (probe.tcpSocket) return `tcp-socket ${probe.tcpSocket.host ?? ''}:${String(probe.tcpSocket.port)} ${attrs}`;
  if (probe.grpc) return `grpc <pod>:${probe.grpc.port} ${probe.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

/** describe's container state block (describeStatus): `State:` or `Last State:` and its details. */
function writeState(pw: PrefixWriter, name: string, state: ContainerState | undefined): void {
  if (state === undefined) {
    pw.write(2, `${name}:\tWaiting\n`);
    return;
  }
  switch (state.kind) {
    case 'running':
      pw.write(2, `${name}:\tRunning\n`);
      pw.write(3, `Started:\t${rfc1123z(state.startedAtMs)}\n`);
      return;
    case 'waiting':
      pw.write(2, `${name}:\tWaiting\n`);
      if (state.reason !== '') pw.write(3, `Reason:\t${state.reason}\n`);
      return;
    case 'terminated':
      // The kubelet never fills ContainerStateTerminated.signal, so no `Signal:` line (the exit code says it).
      pw.write(2, `${name}:\tTerminated\n`);
      if (state.reason !== '') pw.write(3, `Reason:\t${state.reason}\n`);
      if (state.message) pw.write(3, `Message:\t${state.message}\n`);
      pw.write(3, `Exit Code:\t${state.exitCode}\n`);
      pw.write(3, `Started:\t${state.zeroTimes ? GO_ZERO_TIME : rfc1123z(state.startedAtMs)}\n`);
      pw.write(3, `Finished:\t${state.zeroTimes ? GO_ZERO_TIME : rfc1123z(state.finishedAtMs)}\n`);
      return;
    default: {
      const never: never = state;
      throw new Error(`unknown container state ${JSON.stringify(never)}`);
    }
  }
}

const bool = (b: boolean): string => (b ? 'True' : 'False');

function portsText(c: Container, host: boolean): string {
  return (c.ports ?? []).map((p) => `${host ? p.hostPort ?? 0 : p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ');
}

export interface PodContext {
  pod: Pod;
  status: PodStatusSnapshot;
  podIP: string;
  kubectl: KubectlVersion;
  /** the service-account token volume the API server would add, if any */
  tokenVolume?: string;
  /** a pod template (DescribePodTemplate): field references have no value to resolve */
  template?: boolean;
}

function envValue(ctx: PodContext, e: EnvVar): string {
  const vf = e.valueFrom;
  if (!vf) return `${e.name}:\t${(e.value ?? '').split('\n')[0]}`;
  if (vf.fieldRef) {
    const fp = vf.fieldRef.fieldPath;
    const values: Record<string, string> = {
      'metadata.name': ctx.pod.metadata?.name ?? '',
      'metadata.namespace': ctx.pod.metadata?.namespace ?? 'default',
      'spec.nodeName': 'kubedrill-node',
      'spec.serviceAccountName': ctx.pod.spec?.serviceAccountName ?? 'default',
      'status.podIP': ctx.podIP,
      'status.hostIP': HOST_IP,
    };
    return `${e.name}:\t${ctx.template ? '' : values[fp] ?? ''} (${vf.fieldRef.apiVersion ?? 'v1'}:${fp})`;
  }
  if (vf.resourceFieldRef) return `${e.name}:\t (${vf.resourceFieldRef.resource})`;
  if (vf.secretKeyRef)
    return `${e.name}:\t<set to the key '${vf.secretKeyRef.key}' in secret '${vf.secretKeyRef.name ?? ''}'>\tOptional: ${vf.secretKeyRef.optional === true}`;
  if (vf.configMapKeyRef)
    return `${e.name}:\t<set to the key '${vf.configMapKeyRef.key}' of config map '${vf.configMapKeyRef.name ?? ''}'>\tOptional: ${vf.configMapKeyRef.optional === true}`;
  return `${e.name}:\t`;
}

/** describeContainers: a pod's (with statuses) or a pod template's (`space` "  ", no statuses). */
export function writeContainers(
  pw: PrefixWriter,
  ctx: PodContext,
  label: string,
  containers: readonly Container[],
  statuses: readonly ContainerStatus[],
  space = '',
): void {
  pw.write(0, `${space}${label}:${containers.length === 0 ? ' <none>' : ''}\n`);
  for (const c of containers) {
    const st = statuses.find((s) => s.name === c.name);
    pw.write(1, `${space ? ' ' : ''}${c.name}:\n`);
    if (st) pw.write(2, `Container ID:\t${st.containerId}\n`);
    pw.write(2, `Image:\t${c.image ?? ''}\n`);
    // The image ID is known once the runtime has created the container.
    if (st) pw.write(2, `Image ID:\t${st.containerId !== '' ? imageId(c.image ?? '') : ''}\n`);
    const ports = portsText(c, false);
    pw.write(2, ports.includes(',') ? `Ports:\t${ports}\n` : `Port:\t${ports || '<none>'}\n`);
    const hostPorts = portsText(c, true);
    pw.write(2, hostPorts.includes(',') ? `Host Ports:\t${hostPorts}\n` : `Host Port:\t${hostPorts || '<none>'}\n`);
    if (c.command && c.command.length > 0) {
      pw.write(2, 'Command:\n');
      for (const arg of c.command) for (const line of arg.split('\n')) pw.write(3, `${line}\n`);
    }
    if (c.args && c.args.length > 0) {
      pw.write(2, 'Args:\n');
      for (const arg of c.args) for (const line of arg.split('\n')) pw.write(3, `${line}\n`);
    }
    if (st) {
      writeState(pw, 'State', st.state);
      if (st.lastState) writeState(pw, 'Last State', st.lastState);
      pw.write(2, `Ready:\t${bool(st.ready)}\n`);
      pw.write(2, `Restart Count:\t${st.restartCount}\n`);
    }
    for (const kind of ['limits', 'requests'] as const) {
      const res = (c.resources?.[kind] ?? {}) as Record<string, string | number>;
      const names = Object.keys(res).sort();
      if (names.length === 0) continue;
      pw.write(2, `${kind === 'limits' ? 'Limits' : 'Requests'}:\n`);
      for (const n of names) pw.write(3, `${n}:\t${String(res[n])}\n`);
    }
    if (c.livenessProbe) pw.write(2, `Liveness:\t${describeProbe(c.livenessProbe, ctx.kubectl)}\n`);
    if (c.readinessProbe) pw.write(2, `Readiness:\t${describeProbe(c.readinessProbe, ctx.kubectl)}\n`);
    if (c.startupProbe) pw.write(2, `Startup:\t${describeProbe(c.startupProbe, ctx.kubectl)}\n`);
    if (c.envFrom && c.envFrom.length > 0) {
      pw.write(2, 'Environment Variables from:\n');
      for (const e of c.envFrom) {
        const from = e.configMapRef ? 'ConfigMap' : 'Secret';
        const ref = e.configMapRef ?? e.secretRef;
        const prefix = e.prefix ? ` with prefix '${e.prefix}'` : '';
        pw.write(3, `${ref?.name ?? ''}\t${from}${prefix}\tOptional: ${ref?.optional === true}\n`);
      }
    }
    const env = c.env ?? [];
    pw.write(2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`);
    for (const e of env) {
      pw.write(3, `${envValue(ctx, e)}\n`);
      if (!e.valueFrom) for (const more of (e.value ?? '').split('\n').slice(1)) pw.write(3, `\t${more}\n`);
    }
    const mounts = (c.volumeMounts ?? []).map((m) => ({
      path: m.mountPath,
      name: m.name,
      flags: [m.readOnly ? 'ro' : 'rw', ...(m.subPath ? [`path=${JSON.stringify(m.subPath)}`] : [])].join(','),
    }));
    if (ctx.tokenVolume && !mounts.some((m) => m.path === SERVICE_ACCOUNT_MOUNT))
      mounts.push({ path: SERVICE_ACCOUNT_MOUNT, name: ctx.tokenVolume, flags: 'ro' });
    mounts.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    pw.write(2, `Mounts:${mounts.length === 0 ? '\t<none>' : ''}\n`);
    for (const m of mounts) pw.write(3, `${m.path} from ${m.name} (${m.flags})\n`);
  }
}

/** printLabelsMultiline: `Labels:\tk=v` then `\tk2=v2`, sorted; `<none>` when empty. */
export function writeMultiline(pw: PrefixWriter, title: string, map: Record<string, string> | undefined): void {
  const keys = Object.keys(map ?? {}).sort();
  pw.write(0, `${title}:\t`);
  if (keys.length === 0) {
    pw.write(0, '<none>\n');
    return;
  }
  keys.forEach((k, i) => {
    if (i > 0) pw.write(0, '\t');
    pw.write(0, `${k}=${map![k]}\n`);
  });
}

/** maxAnnotationLen in describe.go */
const MAX_ANNOTATION_LEN = 140;

/**
 * printAnnotationsMultiline: `key: value` sorted, without kubectl's last-applied-configuration; a long or
 * multi-line value goes below its key, each line cut at 138 characters.
 */
export function writeAnnotations(pw: PrefixWriter, title: string, map: Record<string, string> | undefined): void {
  const keys = Object.keys(map ?? {})
    .filter((k) => k !== 'kubectl.kubernetes.io/last-applied-configuration')
    .sort();
  pw.write(0, `${title}:\t`);
  if (keys.length === 0) {
    pw.write(0, '<none>\n');
    return;
  }
  keys.forEach((k, i) => {
    if (i > 0) pw.write(0, '\t');
    const value = map![k]!.replace(/\n$/, '');
    if (value.length + k.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      pw.write(0, `${k}:\n`);
      for (const line of value.split('\n')) {
        const cut = line.length > MAX_ANNOTATION_LEN - 2 ? `${line.slice(0, MAX_ANNOTATION_LEN - 2)}...` : line;
        pw.write(0, `\t  ${cut}\n`);
      }
    } else pw.write(0, `${k}: ${value}\n`);
  });
}

/** The two tolerations the DefaultTolerationSeconds admission plugin adds to every pod. */
function effectiveTolerations(pod: Pod): Toleration[] {
  const own = [...(pod.spec?.tolerations ?? [])];
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    const has = own.some(
      (t) => (t.key === key || (!t.key && t.operator === 'Exists')) && (!t.effect || t.effect === 'NoExecute'),
    );
    if (!has) own.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  }
  return own.sort((a, b) => ((a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0));
}

export function writeTolerations(pw: PrefixWriter, tolerations: readonly Toleration[], title = 'Tolerations'): void {
  pw.write(0, `${title}:\t`);
  if (tolerations.length === 0) {
    pw.write(0, '<none>\n');
    return;
  }
  tolerations.forEach((t, i) => {
    let s = i > 0 ? '\t' : '';
    s += t.key ?? '';
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined) s += ` for ${t.tolerationSeconds}s`;
    pw.write(0, `${s}\n`);
  });
}

export function writeVolume(pw: PrefixWriter, v: Volume, space = ''): void {
  pw.write(1, `${space ? ' ' : ''}${v.name}:\n`);
  if (v.emptyDir) {
    pw.write(2, `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n`);
    pw.write(2, `Medium:\t${v.emptyDir.medium ?? ''}\n`);
    pw.write(2, `SizeLimit:\t${v.emptyDir.sizeLimit ?? '<unset>'}\n`);
  } else if (v.configMap) {
    pw.write(2, `Type:\tConfigMap (a volume populated by a ConfigMap)\n`);
    pw.write(2, `Name:\t${v.configMap.name ?? ''}\n`);
    pw.write(2, `Optional:\t${v.configMap.optional === true}\n`);
  } else if (v.secret) {
    pw.write(2, `Type:\tSecret (a volume populated by a Secret)\n`);
    pw.write(2, `SecretName:\t${v.secret.secretName ?? ''}\n`);
    pw.write(2, `Optional:\t${v.secret.optional === true}\n`);
  } else if (v.hostPath) {
    pw.write(2, `Type:\tHostPath (bare host directory volume)\n`);
    pw.write(2, `Path:\t${v.hostPath.path}\n`);
    pw.write(2, `HostPathType:\t${v.hostPath.type || '<none>'}\n`);
  } else if (v.persistentVolumeClaim) {
    pw.write(2, `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n`);
    pw.write(2, `ClaimName:\t${v.persistentVolumeClaim.claimName}\n`);
    pw.write(2, `ReadOnly:\t${v.persistentVolumeClaim.readOnly === true}\n`);
  } else {
    pw.write(1, '<unknown>\n');
  }
}

function writeTokenVolume(pw: PrefixWriter, name: string): void {
  pw.write(1, `${name}:\n`);
  pw.write(2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
  pw.write(2, 'TokenExpirationSeconds:\t3607\n');
  pw.write(2, 'ConfigMapName:\tkube-root-ca.crt\n');
  pw.write(2, 'Optional:\tfalse\n');
  pw.write(2, 'DownwardAPI:\ttrue\n');
}

/**
 * The describe text for a pod, given its status snapshot and event objects at `atMs`.
 * Split from describePod so it can be driven with hand-made statuses.
 */
export function describePodFrom(
  pod: Pod,
  trace: Trace,
  status: PodStatusSnapshot,
  events: readonly KubeEventObject[],
  atMs: number,
  opts: DescribeOptions = {},
): string {
  const kubectl = opts.kubectl ?? '1.33';
  const spec = pod.spec;
  const name = pod.metadata?.name ?? trace.pod.name;
  const namespace = pod.metadata?.namespace || trace.pod.namespace || 'default';
  const automount = spec?.automountServiceAccountToken !== false;
  const ctx: PodContext = {
    pod,
    status,
    podIP: status.podIP ?? '',
    kubectl,
    tokenVolume: automount ? apiAccessVolumeName(trace.pod.uid) : undefined,
  };
  const scheduled = status.conditions.find((c) => c.type === 'PodScheduled' && c.status === 'True');
  const tw = new Tabwriter(DESCRIBE_TABS);
  const pw = new PrefixWriter(tw);
  pw.write(0, `Name:\t${name}\n`);
  pw.write(0, `Namespace:\t${namespace}\n`);
  pw.write(0, `Priority:\t${spec?.priority ?? 0}\n`);
  if (spec?.priorityClassName) pw.write(0, `Priority Class Name:\t${spec.priorityClassName}\n`);
  if (spec?.runtimeClassName) pw.write(0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
  pw.write(0, `Service Account:\t${spec?.serviceAccountName || 'default'}\n`);
  pw.write(0, scheduled ? `Node:\t${trace.pod.nodeName}/${HOST_IP}\n` : 'Node:\t<none>\n');
  // status.startTime is set by the kubelet when it first accepts the pod (the Scheduled moment here).
  if (scheduled) pw.write(0, `Start Time:\t${rfc1123z(scheduled.lastTransitionMs)}\n`);
  writeMultiline(pw, 'Labels', pod.metadata?.labels);
  writeAnnotations(pw, 'Annotations', pod.metadata?.annotations);
  const del = opts.deletion;
  if (del && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
    // translateTimestampSince of a deletionTimestamp still ahead: HumanDuration of a negative age
    pw.write(0, `Status:\tTerminating (lasts ${ageAt(atMs, del.deletionMs)})\n`);
    pw.write(0, `Termination Grace Period:\t${del.gracePeriodSeconds}s\n`);
  } else pw.write(0, `Status:\t${status.phase}\n`);
  pw.write(0, `IP:\t${ctx.podIP}\n`);
  if (ctx.podIP === '') pw.write(0, 'IPs:\t<none>\n');
  else {
    pw.write(0, 'IPs:\n');
    pw.write(1, `IP:\t${ctx.podIP}\n`);
  }
  if (opts.controlledBy) pw.write(0, `Controlled By:\t${opts.controlledBy}\n`);
  if (spec?.initContainers && spec.initContainers.length > 0)
    writeContainers(pw, ctx, 'Init Containers', spec.initContainers, status.initContainers);
  writeContainers(pw, ctx, 'Containers', spec?.containers ?? [], status.containers);
  if (status.conditions.length > 0) {
    pw.write(0, 'Conditions:\n  Type\tStatus\n');
    for (const c of status.conditions) pw.write(1, `${c.type} \t${c.status} \n`);
  }
  const volumes = spec?.volumes ?? [];
  if (volumes.length === 0 && !ctx.tokenVolume) pw.write(0, 'Volumes:\t<none>\n');
  else {
    pw.write(0, 'Volumes:\n');
    for (const v of volumes) writeVolume(pw, v);
    if (ctx.tokenVolume) writeTokenVolume(pw, ctx.tokenVolume);
  }
  pw.write(0, `QoS Class:\t${podQos(pod)}\n`);
  writeMultiline(pw, 'Node-Selectors', spec?.nodeSelector);
  writeTolerations(pw, effectiveTolerations(pod));
  const initNames = new Set((spec?.initContainers ?? []).map((c) => c.name));
  writeEvents(pw, events, atMs, { kubectl, initContainers: initNames });
  return tw.text();
}

/** The whole `kubectl describe pod` output for the simulated pod `atMs` after it was created. */
export function describePod(pod: Pod, trace: Trace, atMs: number, opts: DescribeOptions = {}): string {
  return describePodFrom(pod, trace, statusAt(trace, atMs), eventObjectsAt(trace, atMs), atMs, opts);
}
