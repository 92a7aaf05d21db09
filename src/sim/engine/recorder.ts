// The trace recorder: appends records in time order and keeps only status snapshots that changed.
import type { PodStatusSnapshot, TraceRecord } from '../trace.js';

/**
 * true when JSON.stringify(a) === JSON.stringify(b) for plain data (objects compared key by key in
 * order, undefined-valued keys skipped), without building the strings.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const oa = a as Record<string, unknown>;
  const ob = b as Record<string, unknown>;
  const ka = Object.keys(oa);
  const kb = Object.keys(ob);
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < ka.length && oa[ka[i]!] === undefined) i++;
    while (j < kb.length && ob[kb[j]!] === undefined) j++;
    if (i === ka.length || j === kb.length) return i === ka.length && j === kb.length;
    if (ka[i] !== kb[j] || !sameJson(oa[ka[i]!], ob[kb[j]!])) return false;
    i++;
    j++;
  }
}

export class TraceRecorder {
  readonly records: TraceRecord[] = [];
  private lastStatus: PodStatusSnapshot | undefined;
  private lastT = 0;

  add(record: TraceRecord): void {
    if (record.t < this.lastT) throw new Error(`trace record at ${record.t} ms after one at ${this.lastT} ms`);
    this.lastT = record.t;
    this.records.push(record);
  }

  /** Records a status snapshot only when it differs (as JSON) from the previous one. Returns true if recorded. */
  status(t: number, status: PodStatusSnapshot): boolean {
    if (this.lastStatus !== undefined && sameJson(this.lastStatus, status)) return false;
    this.lastStatus = status;
    this.add({ t, kind: 'status', status });
    return true;
  }
}
