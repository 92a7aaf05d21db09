// The worker side of the pool: grades the submissions it is sent, one row message per submission
// (so when the thread dies, the pool knows which submission it died on); the last one of a batch says its heap.
import type { MessagePort } from 'node:worker_threads';
import { createRowGrader } from './rows.js';
import type { FromWorker, GraderInit, Submission, ToWorker } from './types.js';

export interface ServeHooks {
  /** called before each submission is graded (tests use it to make a worker die on purpose) */
  before?: (s: Submission) => void;
}

export async function serveGrading(port: MessagePort, init: GraderInit, hooks: ServeHooks = {}): Promise<void> {
  const grade = await createRowGrader(init);
  const send = (m: FromWorker) => port.postMessage(m);
  port.on('message', (m: ToWorker) => {
    m.tasks.forEach((s, i) => {
      hooks.before?.(s);
      const row = grade(s);
      send(i === m.tasks.length - 1 ? { type: 'row', row, heapUsed: process.memoryUsage().heapUsed } : { type: 'row', row });
    });
  });
  send({ type: 'ready' });
}
