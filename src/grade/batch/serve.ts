// The worker side of the pool: grades the submissions it is sent and answers with their rows, one
// message per batch (a message per row cost more than grading it). Which submission it is grading
// is kept in memory the pool shares, so when the thread dies the pool knows whose fault it was.
import { getHeapStatistics } from 'node:v8';
import type { MessagePort } from 'node:worker_threads';
import { createRowGrader } from './rows.js';
import type { BatchRow, FromWorker, GraderInit, Submission, ToWorker } from './types.js';

export interface ServeHooks {
  /** called before each submission is graded (tests use it to make a worker die on purpose) */
  before?: (s: Submission) => void;
}

/** `current[0]`: the index of the submission being graded, -1 between batches. */
export async function serveGrading(port: MessagePort, init: GraderInit & { current: Int32Array }, hooks: ServeHooks = {}): Promise<void> {
  const grade = await createRowGrader(init);
  const { current } = init;
  const send = (m: FromWorker) => port.postMessage(m);
  port.on('message', (m: ToWorker) => {
    const rows: BatchRow[] = [];
    for (const s of m.tasks) {
      Atomics.store(current, 0, s.index);
      hooks.before?.(s);
      rows.push(grade(s));
    }
    send({ type: 'rows', rows, heapUsed: getHeapStatistics().used_heap_size });
    Atomics.store(current, 0, -1);
  });
  send({ type: 'ready' });
}
