// Models the SimPy-style event queue: a binary heap ordered by (time, priority, insertion order).
// Integer virtual milliseconds only; the same pushes in the same order always pop in the same order.

export interface QueueEntry<T> {
  readonly time: number;
  readonly priority: number;
  readonly seq: number;
  readonly item: T;
}

function before<T>(a: QueueEntry<T>, b: QueueEntry<T>): boolean {
  if (a.time !== b.time) return a.time < b.time;
  if (a.priority !== b.priority) return a.priority < b.priority;
  return a.seq < b.seq;
}

export class EventQueue<T> {
  private heap: QueueEntry<T>[] = [];
  private nextSeq = 0;

  get size(): number {
    return this.heap.length;
  }

  push(time: number, priority: number, item: T): QueueEntry<T> {
    if (!Number.isInteger(time)) throw new Error(`event time must be an integer number of ms, got ${time}`);
    const entry: QueueEntry<T> = { time, priority, seq: this.nextSeq++, item };
    const h = this.heap;
    h.push(entry);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(h[i], h[parent])) break;
      [h[i], h[parent]] = [h[parent], h[i]];
      i = parent;
    }
    return entry;
  }

  peek(): QueueEntry<T> | undefined {
    return this.heap[0];
  }

  pop(): QueueEntry<T> | undefined {
    const h = this.heap;
    if (h.length === 0) return undefined;
    const top = h[0];
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && before(h[l], h[m])) m = l;
        if (r < h.length && before(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }
}
