// The Job controller: completions and parallelism, the pod failure back-off, backoffLimit for Never and
// OnFailure, activeDeadlineSeconds, and the 1.31+ interim conditions (FailureTarget, SuccessCriteriaMet).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { POD_FAILURE_BACKOFF, remainingBackoffMs } from '../../../src/sim/cluster/job.js';
import { jobOutcome, jobStateAt, objectAt, objectHistory, podsAt } from '../../../src/sim/cluster/query.js';
import { M, S, events, job, run, shell } from './helpers.js';

const conditionsOver = (t: ReturnType<typeof run>, name: string) =>
  objectHistory(t, 'Job', name)
    .map((h) => h.object?.status.conditions.map((c) => `${c.type}:${c.reason}`).join(',') ?? '')
    .filter((c, i, all) => c !== '' && c !== all[i - 1]);

test('the pod failure back-off: 10 s doubling per failure since the last success, capped at 10 minutes (upstream; the docs say six)', () => {
  assert.equal(remainingBackoffMs({ failuresAfterLastSuccess: 0 }, 0), 0);
  assert.equal(remainingBackoffMs({ failuresAfterLastSuccess: 1, lastFailureMs: 0 }, 4 * S), 6 * S);
  assert.equal(remainingBackoffMs({ failuresAfterLastSuccess: 3, lastFailureMs: 0 }, 0), 40 * S);
  assert.equal(remainingBackoffMs({ failuresAfterLastSuccess: 12, lastFailureMs: 0 }, 0), POD_FAILURE_BACKOFF.maxMs);
  assert.equal(POD_FAILURE_BACKOFF.maxMs, 10 * M);
  assert.equal(remainingBackoffMs({ failuresAfterLastSuccess: 2, lastFailureMs: 0 }, 25 * S), 0);
});

test('completions 5, parallelism 2: at most 2 pods at once, SuccessCriteriaMet then Complete (CompletionsReached), a Completed event', () => {
  const t = run([[0, [job('pi', [shell('sleep 3; exit 0')], { completions: 5, parallelism: 2 })]]], 3 * M);
  const out = jobOutcome(t, 'pi');
  assert.equal(out.kind, 'complete');
  for (let ms = 0; ms <= 3 * M; ms += 500) assert.ok(podsAt(t, ms).filter((p) => p.status.phase === 'Running' || p.status.phase === 'Pending').length <= 2);
  assert.deepEqual(conditionsOver(t, 'pi'), ['SuccessCriteriaMet:CompletionsReached', 'SuccessCriteriaMet:CompletionsReached,Complete:CompletionsReached']);
  const j = objectAt(t, 'Job', 'pi', 3 * M)!;
  assert.equal(j.status.succeeded, 5);
  assert.equal(j.status.active, 0);
  assert.ok(j.status.completionMs !== undefined && j.status.startMs === 0);
  assert.deepEqual(events(t, 'Job', 'pi').slice(-1).map((e) => [e.type, e.reason, e.message]), [['Normal', 'Completed', 'Job completed']]);
  assert.equal(j.status.conditions.find((c) => c.type === 'Complete')!.message, 'Reached expected number of succeeded pods');
});

test('restartPolicy Never: a new pod after each failure, 10 s then 20 s later; failed > backoffLimit → FailureTarget, Failed, BackoffLimitExceeded', () => {
  const t = run([[0, [job('pi', [shell('sleep 3; exit 1')], { backoffLimit: 2 })]]], 5 * M);
  const created = events(t, 'Job', 'pi').filter((e) => e.reason === 'SuccessfulCreate').map((e) => e.t);
  assert.equal(created.length, 3);
  const finished = t.pods.map((p) => {
    const st = [...p.trace.records].reverse().find((r) => r.kind === 'status');
    return st && st.kind === 'status' && st.status.containers[0]!.state.kind === 'terminated' ? st.status.containers[0]!.state.finishedAtMs : NaN;
  });
  // the next pod comes once the back-off since the previous failure has passed (the failure's time as the API keeps it: whole seconds)
  assert.ok(created[1]! - finished[0]! >= 9 * S && created[1]! - finished[0]! <= 12 * S, `${created[1]} after ${finished[0]}`);
  assert.ok(created[2]! - finished[1]! >= 19 * S && created[2]! - finished[1]! <= 22 * S, `${created[2]} after ${finished[1]}`);
  const out = jobOutcome(t, 'pi');
  assert.deepEqual(out.kind === 'failed' && [out.reason, out.message], ['BackoffLimitExceeded', 'Job has reached the specified backoff limit']);
  assert.deepEqual(conditionsOver(t, 'pi'), ['FailureTarget:BackoffLimitExceeded', 'FailureTarget:BackoffLimitExceeded,Failed:BackoffLimitExceeded']);
  assert.deepEqual(events(t, 'Job', 'pi').slice(-1).map((e) => [e.type, e.reason, e.message]), [['Warning', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit']]);
  assert.equal(objectAt(t, 'Job', 'pi', 5 * M)!.status.failed, 3);
  // failed pods stay (kubectl get pods shows them Error)
  assert.equal(podsAt(t, 5 * M).length, 3);
});

test('restartPolicy OnFailure: the kubelet restarts the container; restarts reaching backoffLimit fail the Job and its pod is deleted', () => {
  const t = run([[0, [job('pi', [shell('sleep 2; exit 1')], { backoffLimit: 3 }, 'OnFailure')]]], 10 * M);
  assert.equal(t.pods.length, 1, 'one pod, restarted in place');
  const out = jobOutcome(t, 'pi');
  assert.equal(out.kind === 'failed' && out.reason, 'BackoffLimitExceeded');
  const j = objectAt(t, 'Job', 'pi', 10 * M)!;
  assert.equal(j.status.failed, 1, 'the deleted pod counts as failed');
  assert.ok(events(t, 'Job', 'pi').some((e) => e.reason === 'SuccessfulDelete'));
  assert.ok(t.pods[0]!.trace.deletion !== undefined);
});

test('activeDeadlineSeconds: at the deadline the running pod is deleted (failed, terminating), then Failed with DeadlineExceeded', () => {
  const t = run([[0, [job('pi', [shell('sleep 9999')], { activeDeadlineSeconds: 30 })]]], 3 * M);
  const out = jobOutcome(t, 'pi');
  assert.equal(out.kind === 'failed' && out.reason, 'DeadlineExceeded');
  assert.equal(out.kind === 'failed' && out.message, 'Job was active longer than specified deadline');
  const del = events(t, 'Job', 'pi').find((e) => e.reason === 'SuccessfulDelete')!;
  assert.equal(del.t, 30 * S);
  // FailureTarget while the pod terminates (its shell ignores SIGTERM: 30 s grace)
  const mid = jobStateAt(t, 'pi', 45 * S)!;
  assert.equal(mid.state, 'FailureTarget');
  assert.equal(mid.status.terminating, 1);
  assert.equal(mid.status.failed, 1);
  assert.ok(out.kind === 'failed' && out.atMs >= 60 * S);
  assert.equal(jobStateAt(t, 'pi', 3 * M)!.state, 'Failed');
});

test('no completions: the first success completes the Job once no pod is active', () => {
  const t = run([[0, [job('once', [shell('sleep 1; exit 0')], { parallelism: 1 })]]], M);
  assert.equal(jobOutcome(t, 'once').kind, 'complete');
});
