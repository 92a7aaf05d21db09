// Models SimPy's run loop (no Kubernetes counterpart): integer virtual time, one heap, no wall clock, no I/O.
// Rule for the horizon: `run(untilMs)` processes every event with time <= untilMs (inclusive),
// so what happens at exactly untilMs is in the trace; nothing later is.
import { EventQueue } from './queue.js';

/** An action gets the time and the number it was scheduled with (e.g. a generation, to drop stale events). */
export type Action = (now: number, arg: number) => void;

/** Same-instant ordering: lower runs first. Processes act before the kubelet observes them. */
export const PRIORITY = {
  process: 0,
  resume: 1,
  pleg: 2,
  sync: 3,
  probe: 4,
  /** a probe result reaching the sync loop through its channel: after every probe tick of that instant */
  probeResult: 5,
  /** the control plane's controllers (cluster runs): they act on what the kubelets did at that instant */
  controller: 6,
  /** `kubectl apply` of a scenario step: first of all at its instant, since the cluster reacts to it */
  apply: 0,
} as const;

export class Simulation {
  private readonly queue = new EventQueue<Action>();
  private current = 0;
  private currentPriority = 0;
  private stopped = false;

  get now(): number {
    return this.current;
  }

  /** the priority of the event being processed (what runs at this instant before or after it) */
  get priority(): number {
    return this.currentPriority;
  }

  at(time: number, priority: number, action: Action, arg = 0): void {
    if (time < this.current) throw new Error(`cannot schedule at ${time} ms, now is ${this.current} ms`);
    this.queue.push(time, priority, action, arg);
  }

  stop(): void {
    this.stopped = true;
  }

  run(untilMs: number): void {
    const q = this.queue;
    while (!this.stopped && q.peekTime() <= untilMs) {
      q.pop();
      this.current = q.time;
      this.currentPriority = q.priority;
      q.item!(q.time, q.arg);
    }
    this.current = Math.max(this.current, untilMs);
  }
}
