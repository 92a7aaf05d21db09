// The trace recorder: appends records in time order and keeps only status snapshots that changed.
import type { PodStatusSnapshot, TraceRecord } from '../trace.js';

export class TraceRecorder {
  readonly records: TraceRecord[] = [];
  private lastStatusJson = '';
  private lastT = 0;

  add(record: TraceRecord): void {
    if (record.t < this.lastT) throw new Error(`trace record at ${record.t} ms after one at ${this.lastT} ms`);
    this.lastT = record.t;
    this.records.push(record);
  }

  /** Records a status snapshot only when it differs from the previous one. Returns true if recorded. */
  status(t: number, status: PodStatusSnapshot): boolean {
    const json = JSON.stringify(status);
    if (json === this.lastStatusJson) return false;
    this.lastStatusJson = json;
    this.add({ t, kind: 'status', status });
    return true;
  }
}
