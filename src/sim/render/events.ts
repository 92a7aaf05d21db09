// The Events table exactly as `kubectl describe` prints it (k/kubectl pkg/describe DescribeEvents).
import type { KubeEventObject, Trace } from '../trace.js';
import { eventObjectsAt } from '../query.js';
import { ageAt, storedSeconds } from './format.js';
import { DESCRIBE_TABS, PrefixWriter, Tabwriter } from './tabwriter.js';

/** kubectl minor versions whose describe texts differ (semantics §0). */
export type KubectlVersion = '1.33' | '1.35' | '1.37';
export const KUBECTL_VERSIONS: readonly KubectlVersion[] = ['1.33', '1.35', '1.37'];

export interface EventRenderOptions {
  kubectl?: KubectlVersion;
  /** names of init containers (their events' fieldPath is spec.initContainers{NAME}) */
  initContainers?: ReadonlySet<string>;
}

/** The Age cell: `57s`, or `10s (x3 over 20s)` for an event seen more than once. */
export function eventAge(ev: KubeEventObject, atMs: number): string {
  const first = ageAt(atMs, ev.firstMs);
  if (ev.count > 1) return `${ageAt(atMs, ev.lastMs)} (x${ev.count} over ${first})`;
  return first;
}

/** The Message cell: trimmed; kubectl ≥ 1.35 prefixes the container's fieldPath. */
export function eventMessage(ev: KubeEventObject, opts: EventRenderOptions = {}): string {
  const msg = ev.message.trim();
  const v = opts.kubectl ?? '1.33';
  if (v === '1.33' || ev.container === undefined) return msg;
  const field = opts.initContainers?.has(ev.container) ? 'spec.initContainers' : 'spec.containers';
  return `${field}{${ev.container}}: ${msg}`;
}

/** kubectl sorts by lastTimestamp (seconds); ties keep the API's order (creation order). */
export function sortEvents(events: readonly KubeEventObject[]): KubeEventObject[] {
  return events
    .map((ev, i) => ({ ev, i }))
    .sort(
      (a, b) =>
        storedSeconds(a.ev.lastMs) - storedSeconds(b.ev.lastMs) || a.ev.firstMs - b.ev.firstMs || a.i - b.i,
    )
    .map((x) => x.ev);
}

/** Writes describe's Events section into a PrefixWriter (flushes first, as kubectl does). */
export function writeEvents(
  pw: PrefixWriter,
  events: readonly KubeEventObject[],
  atMs: number,
  opts: EventRenderOptions = {},
): void {
  if (events.length === 0) {
    pw.write(0, 'Events:\t<none>\n');
    return;
  }
  pw.flush();
  pw.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  pw.write(1, '----\t------\t----\t----\t-------\n');
  for (const ev of sortEvents(events)) {
    pw.write(1, `${ev.type}\t${ev.reason}\t${eventAge(ev, atMs)}\t${ev.from}\t${eventMessage(ev, opts)}\n`);
  }
}

/** The Events table alone for a set of event objects, as it appears at the end of describe. */
export function formatEventTable(events: readonly KubeEventObject[], atMs: number, opts: EventRenderOptions = {}): string {
  const tw = new Tabwriter(DESCRIBE_TABS);
  writeEvents(new PrefixWriter(tw), events, atMs, opts);
  return tw.text();
}

/** The Events table of a simulated pod as `kubectl describe` would show it `atMs` after creation. */
export function renderEvents(trace: Trace, atMs: number, opts: EventRenderOptions = {}): string {
  const initContainers = opts.initContainers ?? new Set(trace.containers.filter((c) => c.init).map((c) => c.name));
  return formatEventTable(eventObjectsAt(trace, atMs), atMs, { ...opts, initContainers });
}
