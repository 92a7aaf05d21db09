import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VIRTUAL_EPOCH_MS, ageAt, clock, goDuration, humanDuration, parseDuration, rfc1123z } from '../../../src/sim/render/format.js';
import { VIRTUAL_EPOCH_MS as RUNTIME_EPOCH_MS } from '../../../src/sim/runtime/process.js';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

test('humanDuration follows apimachinery HumanDuration (semantics §7.4, §9 I)', () => {
  const cases: [number, string][] = [
    [-3 * S, '<invalid>'],
    [-2 * S, '<invalid>'],
    [-1500, '0s'],
    [-1 * S, '0s'],
    [-999, '0s'],
    [0, '0s'],
    [999, '0s'],
    [57 * S, '57s'],
    [57_999, '57s'],
    [119 * S, '119s'],
    [120 * S, '2m'],
    [121 * S, '2m1s'],
    [347 * S, '5m47s'],
    [366 * S, '6m6s'],
    [599 * S, '9m59s'],
    [600 * S, '10m'],
    [659 * S, '10m'],
    [179 * M + 59 * S, '179m'],
    [3 * H, '3h'],
    [3 * H + 5 * M, '3h5m'],
    [7 * H + 59 * M, '7h59m'],
    [8 * H, '8h'],
    [9 * H, '9h'],
    [47 * H + 59 * M, '47h'],
    [48 * H, '2d'],
    [50 * H, '2d2h'],
    [7 * D + 23 * H, '7d23h'],
    [8 * D, '8d'],
    [364 * D, '364d'],
    [729 * D, '729d'],
    [730 * D, '2y'],
    [731 * D, '2y1d'],
    [8 * 365 * D, '8y'],
    [9 * 365 * D + 100 * D, '9y'],
  ];
  for (const [ms, want] of cases) assert.equal(humanDuration(ms), want, `humanDuration(${ms})`);
});

test('event ages use second-truncated timestamps against an untruncated now', () => {
  // An event recorded at 2.9 s is stored as :02; at 59.5 s kubectl shows 57s.
  assert.equal(ageAt(59_500, 2_900), '57s');
  assert.equal(ageAt(57_000, 0), '57s');
  assert.equal(ageAt(10_000, undefined), '<unknown>');
});

test('goDuration renders Go time.Duration.String()', () => {
  const cases: [number, string][] = [
    [0, '0s'],
    [308, '308ms'],
    [1, '1ms'],
    [1000, '1s'],
    [1500, '1.5s'],
    [3513, '3.513s'],
    [18_400, '18.4s'],
    [10_000, '10s'],
    [20_000, '20s'],
    [40_000, '40s'],
    [80_000, '1m20s'],
    [160_000, '2m40s'],
    [300_000, '5m0s'],
    [3_600_000, '1h0m0s'],
    [86_400_000, '24h0m0s'],
    [-1500, '-1.5s'],
  ];
  for (const [ms, want] of cases) assert.equal(goDuration(ms), want, `goDuration(${ms})`);
});

test('parseDuration accepts Go durations, days and bare seconds', () => {
  const ok: [string, number][] = [
    ['90s', 90 * S],
    ['6m6s', 366 * S],
    ['1h30m', 90 * M],
    ['24h', 24 * H],
    ['2d', 2 * D],
    ['1d12h', 36 * H],
    ['1.5h', 90 * M],
    ['500ms', 500],
    ['90', 90 * S],
    ['0', 0],
    ['0s', 0],
    [' 5m ', 5 * M],
  ];
  for (const [text, ms] of ok) assert.deepEqual(parseDuration(text), { ok: true, ms }, text);
  for (const text of ['', 'abc', '5x', '5 m', 'm5', '1h-5m', '-5s', '3651d', 's']) {
    const r = parseDuration(text);
    assert.equal(r.ok, false, text);
    if (!r.ok) assert.match(r.error, new RegExp(`invalid duration "${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`));
  }
});

test('rfc1123z prints the virtual clock from the documented epoch', () => {
  assert.equal(rfc1123z(0), 'Wed, 01 Jan 2025 00:00:00 +0000');
  assert.equal(rfc1123z(57_999), 'Wed, 01 Jan 2025 00:00:57 +0000');
  assert.equal(rfc1123z(24 * H + 61 * S), 'Thu, 02 Jan 2025 00:01:01 +0000');
  assert.equal(rfc1123z(59 * D), 'Sat, 01 Mar 2025 00:00:00 +0000');
});

test("describe's clock starts where the container runtime's clock starts", () => {
  assert.equal(VIRTUAL_EPOCH_MS, RUNTIME_EPOCH_MS);
});

test('clock is a short m:ss / h:mm:ss / NdHH:MM:SS stamp', () => {
  assert.equal(clock(0), '0:00');
  assert.equal(clock(35_400), '0:35');
  assert.equal(clock(65 * S), '1:05');
  assert.equal(clock(H + 2 * M + 3 * S), '1:02:03');
  assert.equal(clock(2 * D + 3 * H), '2d03:00:00');
});
