// getPhase, container status conversion and conditions (semantics §4.4, §4.5, §2.5).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildPodStatus, containerStatus, podPhase, shouldRestart, type ContainerView, type RestartPolicy } from '../../../src/sim/kubelet/status.js';
import type { ContainerStatus } from '../../../src/sim/trace.js';

const view = (over: Partial<ContainerView> = {}): ContainerView => ({
  name: 'c',
  image: 'img',
  init: false,
  instances: [],
  pendingReason: 'ContainerCreating',
  started: false,
  ready: false,
  ...over,
});
const running = { containerId: 'id1', restartCount: 0, startedAtMs: 1000 };
const exited = (code: number, n = 0) => ({ containerId: `id${n}`, restartCount: n, startedAtMs: 1000, exit: { exitCode: code, reason: code === 0 ? 'Completed' : 'Error', finishedAtMs: 5000 } });

test('container status: no instance -> waiting with the pending reason', () => {
  const s = containerStatus(view(), 'Always');
  assert.deepEqual(s.state, { kind: 'waiting', reason: 'ContainerCreating' });
  assert.equal(s.restartCount, 0);
  assert.equal(s.containerId, '');
});

test('container status: running with the previous instance as lastState', () => {
  const s = containerStatus(view({ instances: [exited(137, 0), { ...running, containerId: 'id1', restartCount: 1 }], started: true, ready: true }), 'Always');
  assert.equal(s.state.kind, 'running');
  assert.equal(s.restartCount, 1);
  assert.equal(s.lastState?.exitCode, 137);
  assert.equal(s.ready, true);
});

test('container status: a cached CrashLoopBackOff start error shows waiting, the exited instance moves to lastState', () => {
  const s = containerStatus(view({ instances: [exited(1, 0)], startError: { reason: 'CrashLoopBackOff', message: 'back-off 10s …' } }), 'Always');
  assert.deepEqual(s.state, { kind: 'waiting', reason: 'CrashLoopBackOff', message: 'back-off 10s …' });
  assert.equal(s.lastState?.exitCode, 1);
  assert.equal(s.ready, false);
});

test('container status: without a start error the exited container shows terminated', () => {
  const s = containerStatus(view({ instances: [exited(0, 0)] }), 'OnFailure');
  assert.equal(s.state.kind === 'terminated' && s.state.reason, 'Completed');
  assert.equal(s.lastState, undefined);
});

const st = (state: ContainerStatus['state'], lastState?: ContainerStatus['lastState']): ContainerStatus => ({
  name: 'c',
  image: 'i',
  init: false,
  state,
  ...(lastState ? { lastState } : {}),
  ready: false,
  started: false,
  restartCount: 0,
  containerId: 'x',
});
const term = (code: number) => ({ kind: 'terminated' as const, exitCode: code, reason: code ? 'Error' : 'Completed', startedAtMs: 0, finishedAtMs: 1 });
const wait = { kind: 'waiting' as const, reason: 'ContainerCreating' };
const backoff = { kind: 'waiting' as const, reason: 'CrashLoopBackOff' };

const phases: [string, RestartPolicy, ContainerStatus[], ContainerStatus[], string][] = [
  ['waiting container', 'Always', [], [st(wait)], 'Pending'],
  ['running container', 'Always', [], [st({ kind: 'running', startedAtMs: 0 })], 'Running'],
  ['crash loop under Always', 'Always', [], [st(backoff, term(1))], 'Running'],
  ['exit 0 under Always', 'Always', [], [st(term(0))], 'Running'],
  ['exit 0 under OnFailure', 'OnFailure', [], [st(term(0))], 'Succeeded'],
  ['exit 1 under OnFailure', 'OnFailure', [], [st(term(1))], 'Running'],
  ['exit 1 under Never', 'Never', [], [st(term(1))], 'Failed'],
  ['exit 137 under Never', 'Never', [], [st(term(137))], 'Failed'],
  ['exit 0 under Never', 'Never', [], [st(term(0))], 'Succeeded'],
  ['one running one done', 'Never', [], [st({ kind: 'running', startedAtMs: 0 }), st(term(0))], 'Running'],
  ['init running', 'Always', [st({ kind: 'running', startedAtMs: 0 })], [st({ kind: 'waiting', reason: 'PodInitializing' })], 'Pending'],
  ['init failed under Never', 'Never', [st(term(1))], [st({ kind: 'waiting', reason: 'PodInitializing' })], 'Failed'],
  ['init failed under Always', 'Always', [st(term(1))], [st({ kind: 'waiting', reason: 'PodInitializing' })], 'Pending'],
  ['init done, app running', 'Always', [st(term(0))], [st({ kind: 'running', startedAtMs: 0 })], 'Running'],
];
for (const [name, policy, init, app, want] of phases) {
  test(`phase: ${name} -> ${want}`, () => assert.equal(podPhase(policy, init, app), want));
}

test('ShouldContainerBeRestarted', () => {
  assert.equal(shouldRestart('Always', 0), true);
  assert.equal(shouldRestart('OnFailure', 0), false);
  assert.equal(shouldRestart('OnFailure', 2), true);
  assert.equal(shouldRestart('Never', 1), false);
  assert.equal(shouldRestart('Never', undefined), true);
});

test('conditions: unready containers listed Go-style; transitions keep their time', () => {
  const input = {
    policy: 'Always' as const,
    initContainers: [],
    containers: [view({ name: 'a', instances: [running], started: true, ready: false }), view({ name: 'b', instances: [running], started: true, ready: false })],
    sandboxReady: true,
    podIP: '10.244.0.9',
    scheduledAtMs: 0,
  };
  const s1 = buildPodStatus(input, undefined, 1000);
  assert.deepEqual(
    s1.conditions.map((c) => c.type),
    ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'],
  );
  const ready = s1.conditions.find((c) => c.type === 'Ready')!;
  assert.deepEqual([ready.status, ready.reason, ready.message], ['False', 'ContainersNotReady', 'containers with unready status: [a b]']);
  assert.equal(s1.podIP, '10.244.0.9');
  const s2 = buildPodStatus(input, s1, 5000);
  assert.equal(s2.conditions.find((c) => c.type === 'Ready')!.lastTransitionMs, 1000);
  const s3 = buildPodStatus({ ...input, containers: input.containers.map((c) => ({ ...c, ready: true })) }, s2, 9000);
  const r3 = s3.conditions.find((c) => c.type === 'Ready')!;
  assert.deepEqual([r3.status, r3.lastTransitionMs, r3.reason], ['True', 9000, undefined]);
});
