// Models SimPy's event queue (no Kubernetes counterpart): a binary heap ordered by (time, priority, insertion order).
// Integer virtual milliseconds only; the same pushes in the same order always pop in the same order.

/**
 * The heap holds slot numbers; a slot's fields live in parallel arrays and slots are reused, so
 * pushing an event allocates nothing (a day of simulated pod life pushes tens of thousands).
 */
export class EventQueue<T> {
  private heap: number[] = [];
  /** time * 8 + priority: one number orders both (priorities are 0..7) */
  private keys: number[] = [];
  private seqs: number[] = [];
  private items: (T | undefined)[] = [];
  private args: number[] = [];
  private free: number[] = [];
  private nextSeq = 0;

  /** the fields of the entry the last `pop` removed */
  time = 0;
  priority = 0;
  item: T | undefined;
  arg = 0;

  get size(): number {
    return this.heap.length;
  }

  private before(a: number, b: number): boolean {
    const ka = this.keys[a]!;
    const kb = this.keys[b]!;
    return ka !== kb ? ka < kb : this.seqs[a]! < this.seqs[b]!;
  }

  push(time: number, priority: number, item: T, arg = 0): void {
    if (!Number.isInteger(time)) throw new Error(`event time must be an integer number of ms, got ${time}`);
    if (!(priority >= 0 && priority <= 7 && Number.isInteger(priority))) throw new Error(`event priority must be 0..7, got ${priority}`);
    const slot = this.free.length > 0 ? this.free.pop()! : this.keys.length;
    this.keys[slot] = time * 8 + priority;
    this.seqs[slot] = this.nextSeq++;
    this.items[slot] = item;
    this.args[slot] = arg;
    const h = this.heap;
    let i = h.length;
    h.push(slot);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(slot, h[parent]!)) break;
      h[i] = h[parent]!;
      i = parent;
    }
    h[i] = slot;
  }

  /** time of the earliest entry, Infinity when empty */
  peekTime(): number {
    return this.heap.length === 0 ? Infinity : Math.floor(this.keys[this.heap[0]!]! / 8);
  }

  /** Removes the earliest entry and exposes it as time/priority/item/arg; false when empty. */
  pop(): boolean {
    const h = this.heap;
    if (h.length === 0) return false;
    const top = h[0]!;
    const last = h.pop()!;
    const n = h.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const m = r < n && this.before(h[r]!, h[l]!) ? r : l;
        if (!this.before(h[m]!, last)) break;
        h[i] = h[m]!;
        i = m;
      }
      h[i] = last;
    }
    const key = this.keys[top]!;
    this.time = Math.floor(key / 8);
    this.priority = key - this.time * 8;
    this.item = this.items[top];
    this.arg = this.args[top]!;
    this.items[top] = undefined; // let the action go
    this.free.push(top);
    return true;
  }
}
