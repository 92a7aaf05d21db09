import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DESCRIBE_TABS, GET_TABS, Tabwriter } from '../../../src/sim/render/tabwriter.js';

test('describe tabwriter aligns contiguous cell blocks and lines without tabs end a block', () => {
  const tw = new Tabwriter(DESCRIBE_TABS);
  tw.write('Name:\tnginx\nService Account:\tdefault\nIPs:\n  IP:\t10.244.0.5\nContainers:\nQoS Class:\tBestEffort\n  IP:\tx\n');
  assert.equal(
    tw.text(),
    'Name:             nginx\nService Account:  default\nIPs:\n  IP:  10.244.0.5\nContainers:\nQoS Class:  BestEffort\n  IP:       x\n',
  );
});

test('nested columns are sized per block, like Go text/tabwriter', () => {
  const tw = new Tabwriter(DESCRIBE_TABS);
  tw.write('a\tbb\tc\naaa\tb\tc\nx\ty\n');
  assert.equal(tw.text(), 'a    bb  c\naaa  b   c\nx    y\n');
});

test('empty cells still get padded (trailing spaces, as kubectl prints "IP:" with no address)', () => {
  const tw = new Tabwriter(DESCRIBE_TABS);
  tw.write('Status:\tPending\nIP:\t\n');
  assert.equal(tw.text(), 'Status:  Pending\nIP:      \n');
});

test('get tabwriter remembers widths across flushes and has a minimum width of 6', () => {
  const tw = new Tabwriter(GET_TABS);
  tw.write('NAME\tREADY\tSTATUS\tRESTARTS\tAGE\npod\t0/1\tPending\t0\t0s\n');
  tw.flush();
  tw.write('pod\t1/1\tRunning\t1 (2s ago)\t77s\n');
  tw.flush();
  tw.write('pod\t1/1\tRunning\t0\t78s\n');
  assert.equal(
    tw.text(),
    [
      'NAME   READY   STATUS    RESTARTS   AGE',
      'pod    0/1     Pending   0          0s',
      'pod    1/1     Running   1 (2s ago)   77s',
      'pod    1/1     Running   0            78s',
      '',
    ].join('\n'),
  );
});
