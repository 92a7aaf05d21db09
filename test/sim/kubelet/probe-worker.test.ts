// Table-driven: each row is one doProbe of pkg/kubelet/prober/worker.go (semantics §2.2).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  initialProbeState,
  probeStep,
  type ProbeObservation,
  type ProbeRunResult,
  type ProbeThresholds,
  type ProbeWorkerState,
} from '../../../src/sim/kubelet/probe-worker.js';
import type { ProbeType } from '../../../src/sim/trace.js';

const T: ProbeThresholds = { initialDelaySeconds: 0, successThreshold: 1, failureThreshold: 3 };
const running = (over: Partial<NonNullable<ProbeObservation['container']>> = {}): ProbeObservation => ({
  podPhase: 'Running',
  restartPolicy: 'Always',
  deleting: false,
  container: { containerId: 'c1', state: 'running', startedAtMs: 0, started: true, ...over },
});
const seen = (over: Partial<ProbeWorkerState> = {}): ProbeWorkerState => ({ ...initialProbeState(), containerId: 'c1', cached: 'success', ...over });

interface Row {
  name: string;
  type: ProbeType;
  spec?: Partial<ProbeThresholds>;
  state: ProbeWorkerState;
  obs: ProbeObservation;
  now?: number;
  result?: ProbeRunResult;
  want: { ran: boolean; exit?: boolean; skip?: string; published?: string; state?: Partial<ProbeWorkerState> };
}

const rows: Row[] = [
  { name: '1 no pod status: skip', type: 'liveness', state: initialProbeState(), obs: { podPhase: undefined, restartPolicy: 'Always', deleting: false }, want: { ran: false, skip: 'no-status' } },
  { name: '2 pod Succeeded: worker exits', type: 'readiness', state: seen(), obs: { ...running(), podPhase: 'Succeeded' }, want: { ran: false, exit: true } },
  { name: '2 pod Failed: worker exits', type: 'liveness', state: seen(), obs: { ...running(), podPhase: 'Failed' }, want: { ran: false, exit: true } },
  { name: '3 container without ID: skip', type: 'liveness', state: initialProbeState(), obs: running({ containerId: '' }), want: { ran: false, skip: 'no-container' } },
  {
    name: '4 new container ID: readiness initial Failure published, hold cleared, run carried over',
    type: 'readiness',
    state: { containerId: 'old', lastResult: 'success', resultRun: 2, onHold: true, cached: 'success' },
    obs: running({ containerId: 'c1' }),
    spec: { successThreshold: 3 },
    result: 'success',
    want: { ran: true, published: 'success', state: { containerId: 'c1', onHold: false, resultRun: 3, cached: 'success' } },
  },
  {
    name: '4 new container ID: liveness initial Success',
    type: 'liveness',
    state: initialProbeState(),
    obs: running({ containerId: 'c1', startedAtMs: 0 }),
    now: 500,
    spec: { initialDelaySeconds: 5 },
    want: { ran: false, skip: 'initial-delay', published: 'success', state: { cached: 'success' } },
  },
  {
    name: '4 new container ID: startup initial Unknown',
    type: 'startup',
    state: initialProbeState(),
    obs: running({ started: false }),
    now: 0,
    spec: { initialDelaySeconds: 1 },
    want: { ran: false, skip: 'initial-delay', published: 'unknown' },
  },
  { name: '5 on hold: skip', type: 'liveness', state: seen({ onHold: true }), obs: running(), want: { ran: false, skip: 'on-hold' } },
  {
    name: '6 waiting container: Failure, keep running',
    type: 'readiness',
    state: seen({ cached: 'success' }),
    obs: running({ state: 'waiting' }),
    want: { ran: false, skip: 'not-running', published: 'failure', exit: false },
  },
  {
    name: '6 terminated under Never: Failure and exit',
    type: 'liveness',
    state: seen(),
    obs: { ...running({ state: 'terminated' }), restartPolicy: 'Never' },
    want: { ran: false, exit: true, skip: 'not-running', published: 'failure' },
  },
  {
    name: '6 terminated under OnFailure: no exit',
    type: 'liveness',
    state: seen(),
    obs: { ...running({ state: 'terminated' }), restartPolicy: 'OnFailure' },
    want: { ran: false, exit: false, skip: 'not-running', published: 'failure' },
  },
  { name: '7 deleting: liveness Success and exit', type: 'liveness', state: seen({ cached: 'failure' }), obs: { ...running(), deleting: true }, want: { ran: false, exit: true, published: 'success' } },
  { name: '7 deleting: readiness keeps probing', type: 'readiness', state: seen({ cached: 'failure' }), obs: { ...running(), deleting: true }, result: 'success', want: { ran: true, published: 'success' } },
  { name: '8 4.9 s elapsed counts as 4 < 5: skip', type: 'liveness', spec: { initialDelaySeconds: 5 }, state: seen(), obs: running({ startedAtMs: 1000 }), now: 5900, want: { ran: false, skip: 'initial-delay' } },
  { name: '8 exactly 5 s: runs', type: 'liveness', spec: { initialDelaySeconds: 5 }, state: seen(), obs: running({ startedAtMs: 1000 }), now: 6000, result: 'success', want: { ran: true } },
  { name: '9 started: startup skips', type: 'startup', state: seen({ cached: 'success' }), obs: running({ started: true }), want: { ran: false, skip: 'already-started' } },
  { name: '9 not started: liveness skips', type: 'liveness', state: seen(), obs: running({ started: false }), want: { ran: false, skip: 'not-started' } },
  { name: '9 not started: readiness skips', type: 'readiness', state: seen({ cached: 'failure' }), obs: running({ started: false }), want: { ran: false, skip: 'not-started' } },
  { name: '10 prober error: result discarded, counters untouched', type: 'liveness', state: seen({ lastResult: 'failure', resultRun: 2 }), obs: running(), result: 'error', want: { ran: true, skip: 'errored', state: { lastResult: 'failure', resultRun: 2 } } },
  { name: '11-12 first failure: below threshold', type: 'liveness', state: seen(), obs: running(), result: 'failure', want: { ran: true, skip: 'below-threshold', state: { lastResult: 'failure', resultRun: 1, cached: 'success' } } },
  { name: '11-12 second failure: below threshold', type: 'liveness', state: seen({ lastResult: 'failure', resultRun: 1 }), obs: running(), result: 'failure', want: { ran: true, skip: 'below-threshold', state: { resultRun: 2 } } },
  {
    name: '13-14 third liveness failure: Failure published, on hold, run reset',
    type: 'liveness',
    state: seen({ lastResult: 'failure', resultRun: 2 }),
    obs: running(),
    result: 'failure',
    want: { ran: true, published: 'failure', state: { onHold: true, resultRun: 0, cached: 'failure' } },
  },
  {
    name: '11 a success between failures resets the run',
    type: 'liveness',
    state: seen({ lastResult: 'failure', resultRun: 2 }),
    obs: running(),
    result: 'success',
    want: { ran: true, state: { lastResult: 'success', resultRun: 1, onHold: false } },
  },
  {
    name: '12 readiness successThreshold 2: one success is not enough',
    type: 'readiness',
    spec: { successThreshold: 2 },
    state: seen({ cached: 'failure', lastResult: 'failure', resultRun: 4 }),
    obs: running(),
    result: 'success',
    want: { ran: true, skip: 'below-threshold', state: { cached: 'failure', resultRun: 1 } },
  },
  {
    name: '13 readiness failure at threshold: published, never on hold',
    type: 'readiness',
    state: seen({ cached: 'success', lastResult: 'failure', resultRun: 2 }),
    obs: running(),
    result: 'failure',
    want: { ran: true, published: 'failure', state: { onHold: false, resultRun: 3 } },
  },
  {
    name: '13 readiness unchanged value: nothing published',
    type: 'readiness',
    state: seen({ cached: 'success', lastResult: 'success', resultRun: 7 }),
    obs: running(),
    result: 'success',
    want: { ran: true, state: { resultRun: 8 } },
  },
  {
    name: '14 startup success: published, on hold',
    type: 'startup',
    state: seen({ cached: 'unknown' }),
    obs: running({ started: false }),
    result: 'success',
    want: { ran: true, published: 'success', state: { onHold: true, resultRun: 0 } },
  },
  {
    name: '14 startup failure at threshold 1: published, on hold',
    type: 'startup',
    spec: { failureThreshold: 1 },
    state: seen({ cached: 'unknown' }),
    obs: running({ started: false }),
    result: 'failure',
    want: { ran: true, published: 'failure', state: { onHold: true } },
  },
];

for (const r of rows) {
  test(`probe worker step ${r.name}`, () => {
    let calls = 0;
    const prev = structuredClone(r.state);
    const step = probeStep(r.type, { ...T, ...r.spec }, r.state, r.obs, r.now ?? 60_000, () => {
      calls++;
      return r.result ?? 'success';
    });
    assert.equal(step.ran, r.want.ran, 'ran');
    assert.equal(calls, r.want.ran ? 1 : 0, 'handler calls');
    assert.equal(step.exit, r.want.exit ?? false, 'exit');
    assert.equal(step.skip, r.want.skip, 'skip');
    assert.equal(step.published, r.want.published, 'published');
    for (const [k, v] of Object.entries(r.want.state ?? {})) assert.equal(step.state[k as keyof ProbeWorkerState], v, `state.${k}`);
    assert.deepEqual(r.state, prev, 'the previous state is not mutated');
  });
}

test('exactly failureThreshold consecutive failures, then on hold until a new container', () => {
  let s = seen();
  const results: (string | undefined)[] = [];
  for (let i = 0; i < 6; i++) {
    const step = probeStep('liveness', T, s, running(), 60_000 + i * 10_000, () => 'failure');
    results.push(step.published ?? step.skip);
    s = step.state;
  }
  assert.deepEqual(results, ['below-threshold', 'below-threshold', 'failure', 'on-hold', 'on-hold', 'on-hold']);
  const next = probeStep('liveness', T, s, running({ containerId: 'c2' }), 200_000, () => 'success');
  assert.equal(next.published, 'success');
  assert.equal(next.state.onHold, false);
});
