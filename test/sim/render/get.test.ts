import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from 'kubernetes-types/core/v1.d.ts';
import { getWatch, podColumns } from '../../../src/sim/render/get.js';
import type { ContainerStatus, PodStatusSnapshot } from '../../../src/sim/trace.js';
import { container, snapshot, trace } from './fixtures.js';

const pod: Pod = { metadata: { name: 'web' }, spec: { containers: [{ name: 'app', image: 'nginx:1.14' }] } };
const initPod: Pod = {
  metadata: { name: 'web' },
  spec: { initContainers: [{ name: 'init', image: 'busybox' }], containers: [{ name: 'app', image: 'nginx:1.14' }] },
};
const notInitialized = (s: Partial<PodStatusSnapshot>): PodStatusSnapshot =>
  snapshot({ phase: 'Pending', conditions: [{ type: 'Initialized', status: 'False', lastTransitionMs: 0 }], ...s });
const initC = (over: Partial<ContainerStatus>): ContainerStatus => container({ name: 'init', init: true, ready: false, ...over });

test('STATUS / READY / RESTARTS columns follow kubectl printPod (semantics §4.5)', () => {
  const cases: [string, Pod, PodStatusSnapshot, string, string, string][] = [
    ['pending, nothing reported yet', pod, { phase: 'Pending', conditions: [], initContainers: [], containers: [] }, '0/1', 'Pending', '0'],
    [
      'creating',
      pod,
      snapshot({ phase: 'Pending', containers: [container({ state: { kind: 'waiting', reason: 'ContainerCreating' }, ready: false, containerId: '' })] }),
      '0/1',
      'ContainerCreating',
      '0',
    ],
    ['running and ready', pod, snapshot(), '1/1', 'Running', '0'],
    ['running, not ready', pod, snapshot({ containers: [container({ ready: false })] }), '0/1', 'Running', '0'],
    [
      'restarted 2 min ago',
      pod,
      snapshot({
        containers: [
          container({ restartCount: 1, lastState: { kind: 'terminated', exitCode: 137, reason: 'Error', startedAtMs: 0, finishedAtMs: 75_000 } }),
        ],
      }),
      '1/1',
      'Running',
      '1 (2m ago)',
    ],
    [
      'crash loop',
      pod,
      snapshot({
        containers: [
          container({
            state: { kind: 'waiting', reason: 'CrashLoopBackOff', message: 'back-off 20s' },
            ready: false,
            restartCount: 3,
            lastState: { kind: 'terminated', exitCode: 1, reason: 'Error', startedAtMs: 150_000, finishedAtMs: 151_000 },
          }),
        ],
      }),
      '0/1',
      'CrashLoopBackOff',
      '3 (44s ago)',
    ],
    [
      'exited with an error',
      pod,
      snapshot({ phase: 'Failed', containers: [container({ state: { kind: 'terminated', exitCode: 1, reason: 'Error', startedAtMs: 1, finishedAtMs: 2 }, ready: false })] }),
      '0/1',
      'Error',
      '0',
    ],
    [
      'completed',
      pod,
      snapshot({ phase: 'Succeeded', containers: [container({ state: { kind: 'terminated', exitCode: 0, reason: 'Completed', startedAtMs: 1, finishedAtMs: 2 }, ready: false })] }),
      '0/1',
      'Completed',
      '0',
    ],
    [
      'terminated without a reason',
      pod,
      snapshot({ phase: 'Failed', containers: [container({ state: { kind: 'terminated', exitCode: 3, reason: '', startedAtMs: 1, finishedAtMs: 2 }, ready: false })] }),
      '0/1',
      'ExitCode:3',
      '0',
    ],
    [
      'init container running',
      initPod,
      notInitialized({ initContainers: [initC({})], containers: [container({ state: { kind: 'waiting', reason: 'PodInitializing' }, ready: false })] }),
      '0/1',
      'Init:0/1',
      '0',
    ],
    [
      'init container failed',
      initPod,
      notInitialized({
        initContainers: [initC({ state: { kind: 'terminated', exitCode: 1, reason: 'Error', startedAtMs: 1, finishedAtMs: 2 } })],
        containers: [container({ state: { kind: 'waiting', reason: 'PodInitializing' }, ready: false })],
      }),
      '0/1',
      'Init:Error',
      '0',
    ],
    [
      'init container in back-off',
      initPod,
      notInitialized({
        initContainers: [
          initC({
            state: { kind: 'waiting', reason: 'CrashLoopBackOff' },
            restartCount: 2,
            lastState: { kind: 'terminated', exitCode: 1, reason: 'Error', startedAtMs: 1, finishedAtMs: 170_000 },
          }),
        ],
        containers: [container({ state: { kind: 'waiting', reason: 'PodInitializing' }, ready: false })],
      }),
      '0/1',
      'Init:CrashLoopBackOff',
      '2 (25s ago)',
    ],
    [
      'init done, app running',
      initPod,
      snapshot({ initContainers: [initC({ state: { kind: 'terminated', exitCode: 0, reason: 'Completed', startedAtMs: 1, finishedAtMs: 2 } })] }),
      '1/1',
      'Running',
      '0',
    ],
  ];
  for (const [what, p, st, ready, status, restarts] of cases) {
    const cols = podColumns(p, st, 195_000);
    assert.deepEqual([cols.ready, cols.status, cols.restartsText], [ready, status, restarts], what);
  }
});

test('the first container with a waiting reason decides STATUS', () => {
  const two: Pod = { spec: { containers: [{ name: 'a' }, { name: 'b' }] } };
  const st = snapshot({
    containers: [
      container({ name: 'a', state: { kind: 'waiting', reason: 'CrashLoopBackOff' }, ready: false }),
      container({ name: 'b', state: { kind: 'terminated', exitCode: 1, reason: 'Error', startedAtMs: 1, finishedAtMs: 2 }, ready: false }),
    ],
  });
  assert.equal(podColumns(two, st, 10_000).status, 'CrashLoopBackOff');
  assert.equal(podColumns(two, snapshot({ containers: [container({ name: 'a' }), container({ name: 'b', ready: false })] }), 1).ready, '1/2');
});

test('get -w prints the header once and a row when READY, STATUS or RESTARTS changes', () => {
  const creating = snapshot({ phase: 'Pending', podIP: undefined, containers: [container({ state: { kind: 'waiting', reason: 'ContainerCreating' }, ready: false, containerId: '' })] });
  const running = (restarts: number, finished?: number): PodStatusSnapshot =>
    snapshot({
      containers: [
        container({
          restartCount: restarts,
          lastState: finished === undefined ? undefined : { kind: 'terminated', exitCode: 137, reason: 'Error', startedAtMs: 0, finishedAtMs: finished },
        }),
      ],
    });
  const tr = trace([
    { t: 0, kind: 'status', status: { phase: 'Pending', conditions: [], initContainers: [], containers: [] } },
    { t: 500, kind: 'status', status: creating },
    { t: 3_000, kind: 'status', status: running(0) },
    { t: 65_000, kind: 'status', status: running(0) },
    { t: 77_000, kind: 'status', status: running(1, 76_000) },
    { t: 150_000, kind: 'status', status: running(1, 76_000) },
    { t: 400_000, kind: 'status', status: running(2, 390_000) },
  ]);
  assert.equal(
    getWatch(pod, tr, 300_000),
    [
      'NAME   READY   STATUS    RESTARTS   AGE',
      'web    0/1     Pending   0          0s',
      'web    0/1     ContainerCreating   0          0s',
      'web    1/1     Running             0          3s',
      'web    1/1     Running             1 (1s ago)   77s',
      '',
    ].join('\n'),
  );
});
