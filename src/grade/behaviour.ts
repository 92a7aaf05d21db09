// Behaviour checks: assertions about the simulated pod, evaluated on its trace (and the reference's).
import type { BehaviourCheck, Lang } from '../exercises/types.js';
import type { Trace } from '../sim/trace.js';
import { describeDivergence } from './divergence.js';
import { loc, MC, SEEN } from './messages.js';
import { containerAt, eventCount, killsOf, readyChanges, restartCountAt, statusAt } from './trace-facts.js';

export type BehaviourOutcome = { pass: true } | { pass: false; seen?: string };

const fail = (seen?: string): BehaviourOutcome => (seen === undefined ? { pass: false } : { pass: false, seen });
const PASS: BehaviourOutcome = { pass: true };

export function evaluateBehaviour(c: BehaviourCheck, mine: Trace, ref: Trace, lang: Lang): BehaviourOutcome {
  const has = (name: string) => mine.containers.some((x) => x.name === name);
  if ('container' in c && c.container !== undefined && !has(c.container)) return fail(loc(SEEN.noContainer(c.container), lang));
  switch (c.kind) {
    case 'restarts': {
      const n = restartCountAt(mine, c.container, c.atMs);
      return n >= c.min && n <= c.max ? PASS : fail(loc(SEEN.restarts(n, c.atMs), lang));
    }
    case 'killed': {
      const k = killsOf(mine, c.container, c.probe)[0];
      if (!k) return fail(loc(SEEN.neverKilled(mine.untilMs), lang));
      return k.t >= c.withinMs[0] && k.t <= c.withinMs[1] ? PASS : fail(loc(SEEN.firstKill(k.t), lang));
    }
    case 'notKilled': {
      const k = killsOf(mine, c.container, c.probe)[0];
      return !k || k.t >= c.beforeMs ? PASS : fail(loc(SEEN.firstKill(k.t), lang));
    }
    case 'ready': {
      const r = readyChanges(mine, c.container).find((x) => x.ready);
      if (!r) return fail(loc(SEEN.neverReady(mine.untilMs), lang));
      return r.t >= c.withinMs[0] && r.t <= c.withinMs[1] ? PASS : fail(loc(SEEN.firstReady(r.t), lang));
    }
    case 'neverReady': {
      const r = readyChanges(mine, c.container).find((x) => x.ready);
      return !r || r.t >= c.beforeMs ? PASS : fail(loc(SEEN.firstReady(r.t), lang));
    }
    case 'event': {
      const n = eventCount(mine, c);
      return n >= c.min && n <= c.max ? PASS : fail(loc(SEEN.events(n, c.reason, c.atMs), lang));
    }
    case 'phase': {
      const p = statusAt(mine, c.atMs)?.phase ?? 'Pending';
      return p === c.phase ? PASS : fail(loc(SEEN.phase(p, c.atMs), lang));
    }
    case 'state': {
      const st = containerAt(mine, c.container, c.atMs)?.state;
      const kind = st?.kind ?? 'waiting';
      const reason = st && st.kind !== 'running' ? st.reason : undefined;
      const ok = kind === c.state && (c.reason === undefined || reason === c.reason);
      return ok ? PASS : fail(loc(SEEN.state(reason ? `${kind} (${reason})` : kind, c.atMs), lang));
    }
    case 'sameAsReference': {
      const d = describeDivergence(mine, ref, lang, { toleranceMs: c.toleranceMs, ...(c.container ? { container: c.container } : {}) });
      return d ? fail(d.message) : PASS;
    }
    case 'rollout':
    case 'podRange':
    case 'job':
    case 'jobPods':
    case 'endpoints':
      // The grader runs these on a cluster (cluster-behaviour.ts); on one Pod there is nothing to look at.
      return fail(loc(MC.clusterKindOnPod(c.kind), lang));
  }
}
