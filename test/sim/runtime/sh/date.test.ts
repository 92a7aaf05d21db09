// strftime-style formatting of virtual time: every conversion, unknown ones and stray percent signs.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatDate } from '../../../../src/sim/runtime/sh/date.js';

const T = Date.UTC(2025, 0, 2, 3, 4, 5, 6);

describe('formatDate', () => {
  const table: [string, string][] = [
    ['%a %b %e %H:%M:%S %Z %Y', 'Thu Jan  2 03:04:05 UTC 2025'],
    ['%d/%m/%y %h', '02/01/25 Jan'],
    ['%s', String(Math.floor(T / 1000))],
    ['%N', '006000000'],
    ['%T %F %D %R %j %z', '03:04:05 2025-01-02 01/02/25 03:04 002 +0000'],
    ['a%nb%tc', 'a\nb\tc'],
    ['100%%', '100%'],
    ['%%a', '%a'],
    ['%%%', '%%'],
    ['%', '%'],
    ['x%', 'x%'],
    ['%q and %5 and %-%a', '%q and %5 and %-Thu'],
    ['plain', 'plain'],
    ['', ''],
  ];
  for (const [fmt, want] of table) it(JSON.stringify(fmt), () => assert.equal(formatDate(T, fmt), want));
});
