// Models k8s.io/client-go/util/workqueue (a rate-limited delaying queue of keys) for the simulated
// controllers (Kubernetes 1.33): a key added several times before it is processed is processed once;
// AddAfter keeps the earliest time it was asked for. The controller-manager reacts with no latency.
import { PRIORITY, type Simulation } from '../engine/simulation.js';

/** A controller syncing the same key this often at one instant is looping: a bug, not a learner's mistake. */
const MAX_SYNCS_PER_INSTANT = 200;

export class WorkQueue {
  private readonly dirty = new Set<string>();
  /** the earliest pending AddAfter per key */
  private readonly waiting = new Map<string, number>();
  private readonly syncsAt = new Map<string, number>();
  private syncsAtTime = -1;

  constructor(
    private readonly sim: Simulation,
    private readonly name: string,
    private readonly handler: (key: string, now: number) => void,
  ) {}

  add(key: string): void {
    if (this.dirty.has(key)) return;
    this.dirty.add(key);
    this.sim.at(this.sim.now, PRIORITY.controller, () => this.process(key));
  }

  addAfter(key: string, delayMs: number): void {
    if (delayMs <= 0) {
      this.add(key);
      return;
    }
    const at = this.sim.now + Math.ceil(delayMs);
    const pending = this.waiting.get(key);
    if (pending !== undefined && pending <= at) return;
    this.waiting.set(key, at);
    this.sim.at(at, PRIORITY.controller, () => {
      if (this.waiting.get(key) !== at) return;
      this.waiting.delete(key);
      this.add(key);
    });
  }

  private process(key: string): void {
    this.dirty.delete(key);
    const now = this.sim.now;
    if (now !== this.syncsAtTime) {
      this.syncsAtTime = now;
      this.syncsAt.clear();
    }
    const n = (this.syncsAt.get(key) ?? 0) + 1;
    this.syncsAt.set(key, n);
    if (n > MAX_SYNCS_PER_INSTANT) throw new Error(`${this.name} synced ${key} ${n} times at ${now} ms: a controller loop`);
    this.handler(key, now);
  }
}
