import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventAge, eventMessage, formatEventTable, sortEvents } from '../../../src/sim/render/events.js';
import type { KubeEventObject } from '../../../src/sim/trace.js';

const ev = (over: Partial<KubeEventObject>): KubeEventObject => ({
  type: 'Normal',
  reason: 'Started',
  from: 'kubelet',
  message: 'Started container liveness',
  count: 1,
  firstMs: 0,
  lastMs: 0,
  container: 'liveness',
  ...over,
});

test('the Age column: single events show their age, repeated ones `LAST (xN over FIRST)` (semantics §7.3, §9 I)', () => {
  const cases: [Partial<KubeEventObject>, number, string][] = [
    [{ firstMs: 0, lastMs: 0 }, 57_000, '57s'],
    [{ firstMs: 2_400, lastMs: 2_400 }, 57_000, '55s'],
    [{ count: 3, firstMs: 37_000, lastMs: 47_000 }, 57_000, '10s (x3 over 20s)'],
    [{ count: 3, firstMs: 10_000, lastMs: 347_000 }, 357_000, '10s (x3 over 5m47s)'],
    [{ count: 9, firstMs: 60_000, lastMs: 340_000 }, 366_000, '26s (x9 over 5m6s)'],
    [{ count: 165, firstMs: 0, lastMs: 2_280_000 }, 2_300_000, '20s (x165 over 38m)'],
    [{ count: 2, firstMs: 0, lastMs: 86_000_000 }, 86_400_000, '6m40s (x2 over 24h)'],
  ];
  for (const [over, at, want] of cases) assert.equal(eventAge(ev(over), at), want);
});

test('messages are trimmed; kubectl >= 1.35 prefixes the fieldPath of container events', () => {
  const e = ev({ message: 'Liveness probe failed: ', reason: 'Unhealthy' });
  assert.equal(eventMessage(e), 'Liveness probe failed:');
  assert.equal(eventMessage(e, { kubectl: '1.35' }), 'spec.containers{liveness}: Liveness probe failed:');
  assert.equal(eventMessage(e, { kubectl: '1.37', initContainers: new Set(['liveness']) }), 'spec.initContainers{liveness}: Liveness probe failed:');
  const sched = ev({ container: undefined, reason: 'Scheduled', message: 'Successfully assigned default/x to kubedrill-node' });
  assert.equal(eventMessage(sched, { kubectl: '1.35' }), 'Successfully assigned default/x to kubedrill-node');
});

test('rows are sorted by last timestamp (whole seconds), ties in creation order', () => {
  const a = ev({ reason: 'A', firstMs: 0, lastMs: 50_200 });
  const b = ev({ reason: 'B', firstMs: 10_000, lastMs: 20_000 });
  const c = ev({ reason: 'C', firstMs: 30_000, lastMs: 50_900 });
  const d = ev({ reason: 'D', firstMs: 40_000, lastMs: 50_000 });
  assert.deepEqual(sortEvents([a, b, c, d]).map((e) => e.reason), ['B', 'A', 'C', 'D']);
});

test('the table is tab-aligned like kubectl describe, `Events: <none>` when empty', () => {
  assert.equal(formatEventTable([], 10_000), 'Events:  <none>\n');
  const text = formatEventTable(
    [
      ev({ reason: 'Scheduled', from: 'default-scheduler', message: 'Successfully assigned default/liveness-exec to kubedrill-node', container: undefined }),
      ev({ type: 'Warning', reason: 'Unhealthy', count: 3, firstMs: 37_000, lastMs: 47_000, message: "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory" }),
      ev({ reason: 'Killing', firstMs: 47_000, lastMs: 47_000, message: 'Container liveness failed liveness probe, will be restarted' }),
    ],
    57_000,
  );
  assert.equal(
    text,
    [
      'Events:',
      '  Type     Reason     Age                From               Message',
      '  ----     ------     ----               ----               -------',
      '  Normal   Scheduled  57s                default-scheduler  Successfully assigned default/liveness-exec to kubedrill-node',
      "  Warning  Unhealthy  10s (x3 over 20s)  kubelet            Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory",
      '  Normal   Killing    10s                kubelet            Container liveness failed liveness probe, will be restarted',
      '',
    ].join('\n'),
  );
});
