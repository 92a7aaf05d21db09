// Models k8s.io/client-go/util/flowcontrol/backoff.go as the kubelet configures it in pkg/kubelet/kubelet.go (Kubernetes 1.33).
// Crash-loop back-off per container key: 10 s doubling to 300 s, expired after 600 s without update.
// Housekeeping's GC (every 2 s) is not simulated as events: an entry is gone once a housekeeping
// instant strictly more than 600 s after its last update has passed, which is computed on demand.

export interface BackoffConfig {
  initialMs: number;
  maxMs: number;
  /** kubelet's HasExpiredFunc and GC threshold: eventTime - lastUpdate > resetMs */
  resetMs: number;
  housekeepingPeriodMs: number;
  /** offset of the housekeeping grid (the kubelet's own start phase) */
  housekeepingPhaseMs: number;
}

export const DEFAULT_BACKOFF: BackoffConfig = {
  initialMs: 10_000,
  maxMs: 300_000,
  resetMs: 600_000,
  housekeepingPeriodMs: 2_000,
  housekeepingPhaseMs: 0,
};

/** `ReduceDefaultCrashLoopBackOffDecay` feature gate values (semantics §4.2). */
export const REDUCED_BACKOFF: BackoffConfig = { ...DEFAULT_BACKOFF, initialMs: 1_000, maxMs: 60_000 };

export interface BackoffEntry {
  backoffMs: number;
  lastUpdateMs: number;
}

export class CrashLoopBackoff {
  private readonly entries = new Map<string, BackoffEntry>();
  constructor(readonly config: BackoffConfig = DEFAULT_BACKOFF) {}

  /** First housekeeping instant at which GC deletes an entry last updated at `lastUpdateMs`. */
  gcAt(lastUpdateMs: number): number {
    const { housekeepingPeriodMs: p, housekeepingPhaseMs: phase, resetMs } = this.config;
    const threshold = lastUpdateMs + resetMs; // deleted at the first instant h with h > threshold
    const k = Math.floor((threshold - phase) / p) + 1;
    return phase + k * p;
  }

  private live(key: string, nowMs: number): BackoffEntry | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (nowMs >= this.gcAt(e.lastUpdateMs)) {
      this.entries.delete(key);
      return undefined;
    }
    return e;
  }

  private expired(eventTimeMs: number, e: BackoffEntry): boolean {
    return eventTimeMs - e.lastUpdateMs > this.config.resetMs;
  }

  /** IsInBackOffSince(key, eventTime): now - eventTime < backoff, unless no entry or expired. */
  isInBackOffSince(key: string, eventTimeMs: number, nowMs: number): boolean {
    const e = this.live(key, nowMs);
    if (!e || this.expired(eventTimeMs, e)) return false;
    return nowMs - eventTimeMs < e.backoffMs;
  }

  /** Next(key, eventTime): start at initial, else double up to max; lastUpdate = now. */
  next(key: string, eventTimeMs: number, nowMs: number): number {
    const e = this.live(key, nowMs);
    const backoffMs = !e || this.expired(eventTimeMs, e) ? this.config.initialMs : Math.min(e.backoffMs * 2, this.config.maxMs);
    this.entries.set(key, { backoffMs, lastUpdateMs: nowMs });
    return backoffMs;
  }

  /** Get(key): the current back-off, 0 when there is no entry. */
  get(key: string, nowMs: number): number {
    return this.live(key, nowMs)?.backoffMs ?? 0;
  }

  entry(key: string, nowMs: number): BackoffEntry | undefined {
    const e = this.live(key, nowMs);
    return e && { ...e };
  }
}
