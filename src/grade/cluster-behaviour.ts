// Behaviour checks over a cluster run (rollouts, a Deployment's pods, Jobs, a Service's endpoints, and
// the pod checks scoped to a workload's pod), evaluated with the queries of src/sim/cluster/query.ts.
// A failed check says why in kubectl's words: rollout status, the pod's last warning, the Job's condition.
import type { BehaviourCheck, CountRange, Lang } from '../exercises/types.js';
import type { ClusterTrace, PodRun } from '../sim/cluster/types.js';
import {
  deploymentPodRange,
  deploymentPodsAt,
  eventsOf,
  jobOutcome,
  objectAt,
  objectHistory,
  podsAt,
  rolloutOutcome,
  rolloutState,
  serviceEndpointsAt,
} from '../sim/cluster/query.js';
import { formatLabels, selectorMatches, selectorString } from '../sim/cluster/labels.js';
import { evaluateBehaviour, type BehaviourOutcome } from './behaviour.js';
import { describeClusterDivergence } from './cluster-divergence.js';
import { loc, SEEN_CLUSTER as S } from './messages.js';

const PASS: BehaviourOutcome = { pass: true };
const fail = (seen?: string): BehaviourOutcome => (seen === undefined ? { pass: false } : { pass: false, seen });
const inRange = (n: number, r: CountRange) => n >= r.min && n <= r.max;
const within = (t: number, w: [number, number] | undefined) => w === undefined || (t >= w[0] && t <= w[1]);

export interface ClusterContext {
  lang: Lang;
  /** when the learner's answer was applied (ms since the first apply) */
  answerAtMs: number;
}

/** The pod a scoped pod check looks at: the workload's first pod created at or after the answer was applied. */
export function scopedPod(trace: ClusterTrace, of: string | undefined, fromMs: number): PodRun | undefined {
  if (of === undefined) {
    // An unscoped pod check in a cluster run: the run's own (unowned) Pod.
    return trace.pods.find((p) => !ownerOf(trace, p));
  }
  const slash = of.indexOf('/');
  const kind = of.slice(0, slash);
  const name = of.slice(slash + 1);
  for (const p of trace.pods) {
    const o = ownerOf(trace, p);
    if (!o) continue;
    const created = objectAt(trace, 'Pod', p.ref.name, trace.untilMs)?.metadata.creationMs ?? creationOf(trace, p);
    if (created < fromMs) continue;
    if (kind === 'Job' && o.kind === 'Job' && o.name === name) return p;
    if ((kind === 'ReplicaSet' || kind === 'Deployment') && o.kind === 'ReplicaSet') {
      if (kind === 'ReplicaSet' && o.name === name) return p;
      const rs = objectHistory(trace, 'ReplicaSet', o.name).find((h) => h.object)?.object;
      if (kind === 'Deployment' && rs?.metadata.ownerReferences?.some((x) => x.kind === 'Deployment' && x.name === name)) return p;
    }
  }
  return undefined;
}

function podObject(trace: ClusterTrace, p: PodRun) {
  return objectHistory(trace, 'Pod', p.ref.name).find((h) => h.object?.metadata.uid === p.ref.uid)?.object;
}
function ownerOf(trace: ClusterTrace, p: PodRun) {
  return podObject(trace, p)?.metadata.ownerReferences?.find((x) => x.controller);
}
function creationOf(trace: ClusterTrace, p: PodRun): number {
  return podObject(trace, p)?.metadata.creationMs ?? 0;
}

/** The newest Warning event of a pod up to t, as kubectl describe shows its message. */
function lastWarning(trace: ClusterTrace, p: { ref: { uid: string } }, tMs: number): string | undefined {
  const evs = eventsOf(trace, { uid: p.ref.uid, kind: 'Pod' }, tMs).filter((e) => e.type === 'Warning');
  evs.sort((a, b) => a.lastMs - b.lastMs);
  return evs.length > 0 ? evs[evs.length - 1]!.message : undefined;
}

/** Why a rollout is not done, in kubectl's words: rollout status, then a new pod that is not Ready and its last warning. */
function whyRollout(trace: ClusterTrace, name: string, fromMs: number, lang: Lang, deadlineAtMs?: number): string {
  const end = trace.untilMs;
  const d = objectAt(trace, 'Deployment', name, end);
  if (!d) return loc(S.noDeployment(name), lang);
  const status = rolloutState(d).message.trim();
  const head = deadlineAtMs !== undefined ? loc(S.rolloutError(deadlineAtMs, status), lang) : loc(S.rolloutWaiting(end, status), lang);
  const fresh = deploymentPodsAt(trace, name, end).filter((p) => p.object.metadata.creationMs >= fromMs && !p.terminating && !p.ready);
  if (fresh.length === 0) return head;
  const p = fresh[0]!;
  const w = lastWarning(trace, p.run, end);
  return `${head}, ${w ? loc(S.becausePod(p.object.metadata.name, w), lang) : loc(S.becausePodNoEvent(p.object.metadata.name), lang)}`;
}

/** Pods of a Job at each moment anything changed: the most that were active at once. */
function jobMaxActive(trace: ClusterTrace, job: string): number {
  const times = new Set<number>();
  for (const r of trace.records) times.add(r.t);
  for (const p of trace.pods) for (const r of p.trace.records) if (r.kind === 'status') times.add(r.t);
  let max = 0;
  for (const t of times) {
    const n = podsAt(trace, t, { owner: { kind: 'Job', name: job } }).filter((p) => !p.terminating && p.status.phase !== 'Succeeded' && p.status.phase !== 'Failed').length;
    if (n > max) max = n;
  }
  return max;
}

const ipOf = (addr: string) => addr.slice(0, addr.lastIndexOf(':') < 0 ? addr.length : addr.lastIndexOf(':'));
const distinct = (addrs: string[]) => new Set(addrs.map(ipOf)).size;

/** Why a Service has fewer ready endpoints than asked: its selector, a named targetPort, readiness. */
function whyEndpoints(trace: ClusterTrace, service: string, tMs: number, lang: Lang): string | undefined {
  const svc = objectAt(trace, 'Service', service, tMs);
  if (!svc) return undefined;
  const sel = svc.spec.selector ?? {};
  const pods = podsAt(trace, tMs).filter((p) => !p.terminating);
  const selected = pods.filter((p) => selectorMatches({ matchLabels: sel }, p.object.metadata.labels));
  if (selected.length === 0) {
    const labels = [...new Set(pods.map((p) => formatLabels(withoutHash(p.object.metadata.labels))))].join('; ');
    return loc(S.selectsNothing(selectorString({ matchLabels: sel }), labels), lang);
  }
  for (const port of svc.spec.ports ?? []) {
    if (typeof port.targetPort !== 'string') continue;
    const p = selected.find((x) => !x.object.spec.containers.some((c) => (c.ports ?? []).some((cp) => cp.name === port.targetPort)));
    if (p) return loc(S.noPortName(port.targetPort, p.object.metadata.name), lang);
  }
  const notReady = selected.find((p) => !p.ready);
  if (notReady) {
    const w = lastWarning(trace, notReady.run, tMs);
    if (w) return loc(S.podWhy(notReady.object.metadata.name, w), lang);
  }
  return undefined;
}

/** Labels a learner wrote, without the ones controllers add (pod-template-hash, the Job's). */
function withoutHash(labels: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels)) if (k !== 'pod-template-hash' && !k.includes('job-name') && !k.includes('controller-uid')) out[k] = v;
  return out;
}

export function evaluateClusterBehaviour(c: BehaviourCheck, mine: ClusterTrace, ref: ClusterTrace, ctx: ClusterContext): BehaviourOutcome {
  const { lang, answerAtMs } = ctx;
  const end = mine.untilMs;
  switch (c.kind) {
    case 'rollout': {
      const o = rolloutOutcome(mine, c.deployment, { fromMs: answerAtMs });
      switch (o.kind) {
        case 'not-found':
          return fail(loc(S.noDeployment(c.deployment), lang));
        case 'in-progress':
          return fail(whyRollout(mine, c.deployment, answerAtMs, lang));
        case 'complete':
          if (c.outcome === 'complete' && within(o.atMs, c.withinMs)) return PASS;
          return fail(loc(S.rolloutDone(o.atMs), lang));
        case 'deadline-exceeded':
          if (c.outcome === 'deadline-exceeded') return within(o.atMs, c.withinMs) ? PASS : fail(loc(S.rolloutDeadline(o.atMs), lang));
          return fail(whyRollout(mine, c.deployment, answerAtMs, lang, o.atMs));
      }
      break;
    }
    case 'podRange': {
      if (!objectAt(mine, 'Deployment', c.deployment, end)) return fail(loc(S.noDeployment(c.deployment), lang));
      const from = c.fromMs ?? answerAtMs;
      const to = c.toMs ?? end;
      const r = deploymentPodRange(mine, c.deployment, from, to);
      const seen: string[] = [];
      if (c.maxPods !== undefined && r.maxActivePods > c.maxPods) seen.push(loc(S.maxPods(r.maxActivePods, from, to), lang));
      if (c.minAvailable !== undefined && r.minAvailable < c.minAvailable) seen.push(loc(S.minAvailable(r.minAvailable, from, to), lang));
      if (c.minReady !== undefined && r.minReadyPods < c.minReady) seen.push(loc(S.minReady(r.minReadyPods, from, to), lang));
      return seen.length === 0 ? PASS : fail(seen.join('; '));
    }
    case 'job': {
      const o = jobOutcome(mine, c.job);
      switch (o.kind) {
        case 'not-found':
          return fail(loc(S.noJob(c.job), lang));
        case 'running': {
          const s = objectAt(mine, 'Job', c.job, end)!.status;
          return fail(loc(S.jobRunning(end, s.active, s.succeeded, s.failed), lang));
        }
        case 'complete':
          return c.outcome === 'complete' && within(o.atMs, c.withinMs) ? PASS : fail(loc(S.jobComplete(o.atMs), lang));
        case 'failed':
          return c.outcome === 'failed' && within(o.atMs, c.withinMs) && (c.reason === undefined || c.reason === o.reason) ? PASS : fail(loc(S.jobFailed(o.atMs, o.reason, o.message), lang));
      }
      break;
    }
    case 'jobPods': {
      const at = c.atMs ?? end;
      const j = objectAt(mine, 'Job', c.job, at);
      if (!j) return fail(loc(S.noJob(c.job), lang));
      const seen: string[] = [];
      if ((c.succeeded && !inRange(j.status.succeeded, c.succeeded)) || (c.failed && !inRange(j.status.failed, c.failed))) seen.push(loc(S.jobPods(at, j.status.succeeded, j.status.failed), lang));
      if (c.maxActive !== undefined) {
        const n = jobMaxActive(mine, c.job);
        if (n > c.maxActive) seen.push(loc(S.jobMaxActive(n), lang));
      }
      return seen.length === 0 ? PASS : fail(seen.join('; '));
    }
    case 'endpoints': {
      if (!objectAt(mine, 'Service', c.service, c.atMs)) return fail(loc(S.noService(c.service), lang));
      const e = serviceEndpointsAt(mine, c.service, c.atMs);
      // A pod whose named targetPort it lacks sits in a slice without ports: for a Service with ports it
      // takes no traffic (and kubectl get endpoints leaves it out), so only ip:port pairs count.
      const hasPorts = (objectAt(mine, 'Service', c.service, c.atMs)!.spec.ports ?? []).length > 0;
      const served = (addrs: string[]) => (hasPorts ? addrs.filter((a) => a.includes(':')) : addrs);
      const ready = distinct(served(e.ready));
      const notReady = distinct(served(e.notReady));
      if (inRange(ready, c.ready) && (c.notReady === undefined || inRange(notReady, c.notReady))) return PASS;
      const seen = loc(S.endpoints(c.service, c.atMs, ready, notReady), lang);
      const why = ready < c.ready.min ? whyEndpoints(mine, c.service, c.atMs, lang) : undefined;
      return fail(why ? `${seen}: ${why}` : seen);
    }
    case 'sameAsReference': {
      const d = describeClusterDivergence(mine, ref, lang, { toleranceMs: c.toleranceMs });
      return d ? fail(d.message) : PASS;
    }
    default: {
      // A pod check: on the workload's pod (or the run's own Pod), with the pod checks' own rules.
      const p = scopedPod(mine, c.of, answerAtMs);
      if (!p) return fail(c.of ? loc(S.noWorkloadPod(c.of, answerAtMs), lang) : loc(S.noBarePod, lang));
      const r = scopedPod(ref, c.of, answerAtMs) ?? p;
      return evaluateBehaviour(c, p.trace, r.trace, lang);
    }
  }
}
