// Models pkg/controller/job/job_controller.go (syncJob, manageJob, pastBackoffLimitOnFailure,
// pastActiveDeadline, the delayed terminal conditions of JobPodReplacementPolicy / JobSuccessPolicy,
// recordJobFinished) and backoff_utils.go (the pod failure back-off) (Kubernetes 1.33).
// NonIndexed completion only. Simplified: pods are counted once when they finish (no tracking
// finalizers / uncountedTerminatedPods), podFailurePolicy, successPolicy and suspend are not modelled.
import { storedSeconds } from '../render/format.js';
import type { Simulation } from '../engine/simulation.js';
import type { ApiServer } from './api-server.js';
import { refOf } from './api-server.js';
import {
  SLOW_START_INITIAL_BATCH_SIZE,
  claimPods,
  controllerOf,
  createPodFromTemplate,
  deletePod,
  isPodActive,
  isPodReady,
  isTerminal,
  listPods,
  podReadyCondition,
  podsToDelete,
  slowStartBatch,
  type PodView,
} from './controller-utils.js';
import { CONTROLLER, CONTROLLER_EVENTS } from './events.js';
import type { Condition, JobStatus, ObjectOf } from './types.js';
import { WorkQueue } from './workqueue.js';

type Job = ObjectOf<'Job'>;

/** syncJobBatchPeriod: pod events reach a Job's sync batched by a second */
export const SYNC_JOB_BATCH_PERIOD_MS = 1_000;
/** DefaultJobPodFailureBackOff / MaxJobPodFailureBackOff (the docs say six minutes; the code says ten) */
export const POD_FAILURE_BACKOFF = { initialMs: 10_000, maxMs: 600_000 } as const;
/** MaxPodCreateDeletePerSync */
const MAX_POD_CREATE_DELETE_PER_SYNC = 500;

export const JOB_REASON = {
  backoffLimitExceeded: 'BackoffLimitExceeded',
  deadlineExceeded: 'DeadlineExceeded',
  completionsReached: 'CompletionsReached',
} as const;

export const JOB_MESSAGE = {
  backoffLimitExceeded: 'Job has reached the specified backoff limit',
  deadlineExceeded: 'Job was active longer than specified deadline',
  completionsReached: 'Reached expected number of succeeded pods',
} as const;

interface BackoffRecord {
  failuresAfterLastSuccess: number;
  lastFailureMs?: number;
}

const keyOf = (namespace: string, name: string) => `${namespace}/${name}`;

function condition(type: string, reason: string, message: string, nowMs: number): Condition {
  const t = storedSeconds(nowMs);
  return { type, status: 'True', reason, message, lastProbeMs: t, lastTransitionMs: t };
}

const hasCondition = (job: Job, type: string): Condition | undefined => job.status.conditions.find((c) => c.type === type && c.status === 'True');

/** IsJobFinished: Complete or Failed is True */
export function jobFinished(job: Job): boolean {
  return hasCondition(job, 'Complete') !== undefined || hasCondition(job, 'Failed') !== undefined;
}

/** isPodFailed with the default podReplacementPolicy (TerminatingOrFailed): a deleted pod counts as failed at once. */
function isPodFailed(p: PodView): boolean {
  if (p.status.phase === 'Failed') return true;
  return p.obj.metadata.deletionMs !== undefined && p.status.phase !== 'Succeeded';
}

/** getFinishedTime: the Ready=False transition of a terminal pod, else its containers' last finish, else deletion, else creation. */
function finishedAt(p: PodView): number {
  const ready = podReadyCondition(p.status);
  if (isTerminal(p.status) && ready?.status === 'False') return storedSeconds(ready.lastTransitionMs);
  let last: number | undefined;
  for (const c of p.status.containers) if (c.state.kind === 'terminated' && !c.state.zeroTimes) last = Math.max(last ?? 0, storedSeconds(c.state.finishedAtMs));
  if (last !== undefined) return last;
  if (p.obj.metadata.deletionMs !== undefined) return storedSeconds(p.obj.metadata.deletionMs);
  return storedSeconds(p.obj.metadata.creationMs);
}

/** backoffStore.newBackoffRecord: failures since the last success and the last failure's time. */
function nextBackoff(old: BackoffRecord, succeeded: PodView[], failed: PodView[]): BackoffRecord {
  const s = [...succeeded].sort((a, b) => finishedAt(a) - finishedAt(b));
  const f = [...failed].sort((a, b) => finishedAt(a) - finishedAt(b));
  if (s.length === 0) {
    if (f.length === 0) return old;
    return { failuresAfterLastSuccess: old.failuresAfterLastSuccess + f.length, lastFailureMs: finishedAt(f[f.length - 1]!) };
  }
  const rec: BackoffRecord = { failuresAfterLastSuccess: 0 };
  const lastSuccess = finishedAt(s[s.length - 1]!);
  for (let i = f.length - 1; i >= 0; i--) {
    const t = finishedAt(f[i]!);
    if (t <= lastSuccess) break;
    if (rec.lastFailureMs === undefined) rec.lastFailureMs = t;
    rec.failuresAfterLastSuccess++;
  }
  return rec;
}

/** getRemainingTimeForFailuresCount: 10 s doubling per failure since the last success, capped; minus the time since the last one. */
export function remainingBackoffMs(rec: BackoffRecord, nowMs: number): number {
  if (rec.failuresAfterLastSuccess === 0 || rec.lastFailureMs === undefined) return 0;
  let d: number = POD_FAILURE_BACKOFF.initialMs;
  for (let i = 1; i < rec.failuresAfterLastSuccess; i++) {
    d *= 2;
    if (d >= POD_FAILURE_BACKOFF.maxMs) {
      d = POD_FAILURE_BACKOFF.maxMs;
      break;
    }
  }
  const elapsed = nowMs - rec.lastFailureMs;
  return d < elapsed ? 0 : d - elapsed;
}

/** pastBackoffLimitOnFailure: restartPolicy OnFailure counts the container restarts of running and pending pods. */
function pastBackoffLimitOnFailure(job: Job, pods: PodView[]): boolean {
  if (job.spec.template?.spec?.restartPolicy !== 'OnFailure') return false;
  let restarts = 0;
  for (const p of pods) {
    if (p.status.phase !== 'Running' && p.status.phase !== 'Pending') continue;
    for (const c of p.status.initContainers) restarts += c.restartCount;
    for (const c of p.status.containers) restarts += c.restartCount;
  }
  const limit = job.spec.backoffLimit ?? 6;
  return limit === 0 ? restarts > 0 : restarts >= limit;
}

export class JobController {
  private readonly queue: WorkQueue;
  private readonly backoff = new Map<string, BackoffRecord>();
  /** pods already counted in status.succeeded / status.failed (upstream: their tracking finalizer is removed) */
  private readonly counted = new Set<string>();
  /** pods removed before they were counted */
  private readonly gone = new Map<string, PodView[]>();

  constructor(
    private readonly api: ApiServer,
    sim: Simulation,
  ) {
    this.queue = new WorkQueue(sim, 'job-controller', (k, now) => this.syncJob(k, now));
    api.watch((ev, obj, old) => {
      if (obj.kind === 'Job') {
        if (ev === 'deleted') return;
        const k = keyOf(obj.metadata.namespace, obj.metadata.name);
        // addJob / a spec change: at once; a status update: batched
        if (ev === 'added' || !old || old.metadata.generation !== obj.metadata.generation) this.queue.add(k);
        else this.queue.addAfter(k, SYNC_JOB_BATCH_PERIOD_MS);
        return;
      }
      if (obj.kind !== 'Pod') return;
      const ref = controllerOf(obj);
      if (ref?.kind !== 'Job') return;
      const k = keyOf(obj.metadata.namespace, ref.name);
      // the pod's tracking finalizer keeps it until the Job counted it: a pod gone uncounted is counted at the next sync
      if (ev === 'deleted' && !this.counted.has(obj.metadata.uid)) {
        const gone = this.gone.get(k) ?? [];
        gone.push({ obj, status: api.podStatus(obj.metadata.uid) });
        this.gone.set(k, gone);
      }
      this.queue.addAfter(k, SYNC_JOB_BATCH_PERIOD_MS);
    });
    api.watchPodStatus((pod) => {
      const ref = controllerOf(pod);
      if (ref?.kind === 'Job') this.queue.addAfter(keyOf(pod.metadata.namespace, ref.name), SYNC_JOB_BATCH_PERIOD_MS);
    });
  }

  private syncJob(key: string, now: number): void {
    const [namespace, name] = key.split('/') as [string, string];
    const job = this.api.get('Job', namespace, name);
    if (!job || jobFinished(job)) return;
    const pods = claimPods(this.api, job, job.spec.selector, listPods(this.api, namespace));
    const activePods = pods.filter(isPodActive);
    const finishedPods = [...pods, ...(this.gone.get(key) ?? [])];
    this.gone.delete(key);
    let active = activePods.length;
    const newSucceeded = finishedPods.filter((p) => p.status.phase === 'Succeeded' && !this.counted.has(p.obj.metadata.uid));
    const newFailed = finishedPods.filter((p) => isPodFailed(p) && !this.counted.has(p.obj.metadata.uid));
    const succeeded = job.status.succeeded + newSucceeded.length;
    const failed = job.status.failed + newFailed.length;
    let ready = activePods.filter((p) => isPodReady(p.status)).length;
    let terminating = pods.filter((p) => p.obj.metadata.deletionMs !== undefined && !isTerminal(p.status)).length;
    const backoff = nextBackoff(this.backoff.get(key) ?? { failuresAfterLastSuccess: 0 }, newSucceeded, newFailed);
    const conditions = [...job.status.conditions];
    let startMs = job.status.startMs;
    const deadline = job.spec.activeDeadlineSeconds;
    if (startMs === undefined && !job.spec.suspend) {
      startMs = storedSeconds(now);
      if (deadline !== undefined && deadline !== null) this.queue.addAfter(key, deadline * 1000);
    }

    // the condition the Job finishes with; FailureTarget / SuccessCriteriaMet come first (1.31+), then Failed / Complete
    let finished: Condition | undefined;
    const target = hasCondition(job, 'FailureTarget');
    const criteria = hasCondition(job, 'SuccessCriteriaMet');
    if (target) finished = condition('Failed', target.reason!, target.message!, now);
    else if (criteria) finished = condition('Complete', criteria.reason!, criteria.message!, now);
    if (!finished) {
      if (failed > (job.spec.backoffLimit ?? 6) || pastBackoffLimitOnFailure(job, pods)) {
        finished = condition('FailureTarget', JOB_REASON.backoffLimitExceeded, JOB_MESSAGE.backoffLimitExceeded, now);
      } else if (deadline !== undefined && deadline !== null && startMs !== undefined && now - startMs >= deadline * 1000) {
        finished = condition('FailureTarget', JOB_REASON.deadlineExceeded, JOB_MESSAGE.deadlineExceeded, now);
      } else if (deadline !== undefined && deadline !== null && startMs !== undefined && !job.spec.suspend) {
        this.queue.addAfter(key, deadline * 1000 - (now - startMs));
      }
    }

    if (finished && finished.type !== 'Complete') {
      // a failing Job deletes its active pods
      for (const p of activePods) {
        deletePod(this.api, p.obj, refOf(job), CONTROLLER.job);
        if (isPodReady(p.status)) ready--;
      }
      terminating += active;
      active = 0;
    } else if (!finished) {
      active = this.manageJob(job, activePods, succeeded, backoff, key, now);
      const completions = job.spec.completions;
      const complete = completions === undefined || completions === null ? succeeded > 0 && active === 0 : succeeded >= completions && active === 0;
      if (complete) finished = condition('SuccessCriteriaMet', JOB_REASON.completionsReached, JOB_MESSAGE.completionsReached, now);
    }

    let completionMs = job.status.completionMs;
    const write = () => {
      const status: JobStatus = { active, ready, succeeded, failed, terminating, conditions: [...conditions] };
      if (startMs !== undefined) status.startMs = startMs;
      if (completionMs !== undefined) status.completionMs = completionMs;
      this.api.update({ ...this.api.get('Job', namespace, name)!, status });
    };
    // the interim condition is written first (before the pods' finalizers go), the terminal one after
    let interim = false;
    if (finished?.type === 'FailureTarget') {
      conditions.push(finished);
      interim = true;
      finished = condition('Failed', finished.reason!, finished.message!, now);
    } else if (finished?.type === 'SuccessCriteriaMet') {
      if (!criteria) {
        conditions.push(finished);
        interim = true;
      }
      finished = condition('Complete', finished.reason!, finished.message!, now);
    }
    if (interim) write();
    // enactJobFinished: the terminal condition waits for the terminating pods
    let done = false;
    if (finished && terminating === 0) {
      conditions.push(finished);
      if (finished.type === 'Complete') completionMs = storedSeconds(now);
      done = true;
    }
    write();
    for (const p of [...newSucceeded, ...newFailed]) this.counted.add(p.obj.metadata.uid);
    this.backoff.set(key, backoff);
    if (done) {
      // recordJobFinished
      if (finished!.type === 'Complete') {
        const c = job.spec.completions;
        if (c !== undefined && c !== null && succeeded > c) this.api.event(refOf(job), CONTROLLER_EVENTS.tooManySucceeded());
        this.api.event(refOf(job), CONTROLLER_EVENTS.jobCompleted());
      } else this.api.event(refOf(job), CONTROLLER_EVENTS.jobFailed(finished!.reason!, finished!.message!));
    }
  }

  /** manageJob (NonIndexed): as many active pods as parallelism and the remaining completions allow, after the failure back-off. */
  private manageJob(job: Job, activePods: PodView[], succeeded: number, backoff: BackoffRecord, key: string, now: number): number {
    let active = activePods.length;
    const parallelism = job.spec.parallelism ?? 1;
    let want: number;
    const completions = job.spec.completions;
    if (job.spec.suspend) want = 0;
    else if (completions === undefined || completions === null) want = succeeded > 0 ? active : parallelism;
    else want = Math.max(0, Math.min(completions - succeeded, parallelism));
    const rm = Math.max(0, active - want);
    if (rm > 0) {
      for (const p of podsToDelete(activePods, Math.min(rm, MAX_POD_CREATE_DELETE_PER_SYNC), now)) {
        deletePod(this.api, p.obj, refOf(job), CONTROLLER.job);
        active--;
      }
      return active;
    }
    let diff = want - active;
    if (diff <= 0) return active;
    const remaining = remainingBackoffMs(backoff, now);
    if (remaining > 0) {
      this.queue.addAfter(key, remaining);
      return active;
    }
    diff = Math.min(diff, MAX_POD_CREATE_DELETE_PER_SYNC);
    active += diff;
    slowStartBatch(diff, SLOW_START_INITIAL_BATCH_SIZE, () => {
      createPodFromTemplate(this.api, job.spec.template, job, CONTROLLER.job);
      return true;
    });
    return active;
  }
}
