// A cluster run told as a terminal session: `$ kubectl apply -f FILE` and what it answered, then the
// `kubectl get -w`, `describe`, `rollout status` or `events` a learner would have typed, in kubectl's words.
import type { ClusterTrace, ObjectKind } from '../cluster/types.js';
import { applyResults, objectsAt } from '../cluster/query.js';
import { APPLY_NAME } from '../cluster/apply.js';
import { describeClusterPod, describeDeployment, describeJob, describeReplicaSet, describeService } from './describe-workloads.js';
import type { KubectlVersion } from './events.js';
import { goDuration } from './format.js';
import { rolloutStatus } from './rollout.js';
import { ENDPOINTS_DEPRECATION_WARNING, getPodsWatch, getWatchKind, renderClusterEvents } from './workloads.js';

export type TranscriptOutput = 'get' | 'describe' | 'rollout' | 'events';

export interface TranscriptOptions {
  output: TranscriptOutput;
  /** the file each step applied, as the learner named it */
  files: readonly string[];
  kubectl?: KubectlVersion;
}

/** kubectl's plural resource names for `kubectl get` */
const RESOURCE: Record<Exclude<ObjectKind, 'Pod'>, string> = {
  Deployment: 'deployments',
  ReplicaSet: 'replicasets',
  Job: 'jobs',
  Service: 'services',
  Endpoints: 'endpoints',
  EndpointSlice: 'endpointslices',
};

export const TRANSCRIPT_TEXT = {
  prompt: (cmd: string) => `$ ${cmd}\n`,
  at: (ms: number) => `# at ${goDuration(ms)}\n`,
  rolloutExit: (code: 0 | 1) => `# kubectl exits ${code}\n`,
  stillWaiting: (ms: number) => `# still waiting at ${goDuration(ms)}: kubectl rollout status has not returned\n`,
  nothing: (what: string) => `No resources found in ${what} namespace.\n`,
} as const;

const ns = (namespace: string) => (namespace === 'default' ? '' : ` -n ${namespace}`);

/** The namespaces the run had objects in, `default` first. */
function namespaces(trace: ClusterTrace): string[] {
  const set = new Set<string>();
  for (const r of trace.records) if (r.kind === 'added') set.add(r.object.metadata.namespace);
  return [...set].sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1 : a < b ? -1 : 1));
}

function applyTranscript(trace: ClusterTrace, files: readonly string[]): string {
  const results = applyResults(trace);
  let out = '';
  files.forEach((file, step) => {
    const rs = results.filter((r) => r.step === step);
    const t = rs[0]?.t ?? 0;
    if (step > 0) out += TRANSCRIPT_TEXT.at(t);
    out += TRANSCRIPT_TEXT.prompt(`kubectl apply -f ${file}`);
    for (const r of rs) {
      if (r.kind === 'apply') out += `${APPLY_NAME[r.ref.kind as keyof typeof APPLY_NAME]}/${r.ref.name} ${r.result}\n`;
      else out += `${r.message}\n`;
    }
  });
  return out;
}

/** The run's last apply time (where `rollout status` and friends start watching). */
function lastApplyMs(trace: ClusterTrace): number {
  const rs = applyResults(trace);
  return rs.length > 0 ? rs[rs.length - 1]!.t : 0;
}

export function renderTranscript(trace: ClusterTrace, opts: TranscriptOptions): string {
  const end = trace.untilMs;
  const kubectl = opts.kubectl ?? '1.33';
  let out = applyTranscript(trace, opts.files);
  const section = (cmd: string, body: string) => {
    out += `\n${TRANSCRIPT_TEXT.prompt(cmd)}${body}`;
  };
  for (const n of namespaces(trace)) {
    switch (opts.output) {
      case 'get': {
        for (const kind of ['Deployment', 'ReplicaSet', 'Job'] as const) {
          const body = getWatchKind(trace, kind, end, 0, n);
          if (body) section(`kubectl get ${RESOURCE[kind]} -w${ns(n)}`, body);
        }
        const pods = getPodsWatch(trace, end, 0, n);
        if (pods) section(`kubectl get pods -w${ns(n)}`, pods);
        for (const kind of ['Service', 'Endpoints', 'EndpointSlice'] as const) {
          const body = getWatchKind(trace, kind, end, 0, n);
          if (body) section(`kubectl get ${RESOURCE[kind]} -w${ns(n)}`, (kind === 'Endpoints' ? `${ENDPOINTS_DEPRECATION_WARNING}\n` : '') + body);
        }
        break;
      }
      case 'describe': {
        const o = { kubectl, namespace: n };
        for (const d of objectsAt(trace, 'Deployment', end, n)) section(`kubectl describe deployment ${d.metadata.name}${ns(n)}`, describeDeployment(trace, d.metadata.name, end, o)!);
        for (const rs of objectsAt(trace, 'ReplicaSet', end, n)) section(`kubectl describe replicaset ${rs.metadata.name}${ns(n)}`, describeReplicaSet(trace, rs.metadata.name, end, o)!);
        for (const j of objectsAt(trace, 'Job', end, n)) section(`kubectl describe job ${j.metadata.name}${ns(n)}`, describeJob(trace, j.metadata.name, end, o)!);
        for (const s of objectsAt(trace, 'Service', end, n)) section(`kubectl describe service ${s.metadata.name}${ns(n)}`, describeService(trace, s.metadata.name, end, o)!);
        for (const p of objectsAt(trace, 'Pod', end, n)) section(`kubectl describe pod ${p.metadata.name}${ns(n)}`, describeClusterPod(trace, p.metadata.name, end, o)!);
        break;
      }
      case 'rollout': {
        const from = lastApplyMs(trace);
        const deployments = objectsAt(trace, 'Deployment', end, n);
        for (const d of deployments) {
          const r = rolloutStatus(trace, d.metadata.name, from, end, n);
          let body = r.stdout + r.stderr;
          body += r.exitCode === undefined ? TRANSCRIPT_TEXT.stillWaiting(end) : TRANSCRIPT_TEXT.rolloutExit(r.exitCode);
          section(`kubectl rollout status deployment/${d.metadata.name}${ns(n)}`, body);
        }
        break;
      }
      case 'events': {
        const body = renderClusterEvents(trace, end, n);
        section(`kubectl events${ns(n)}`, body || TRANSCRIPT_TEXT.nothing(n));
        break;
      }
      default: {
        const never: never = opts.output;
        throw new Error(`unknown transcript output ${String(never)}`);
      }
    }
  }
  return out;
}
