// Near-miss mutants of a reference answer for `dev check`: each should fail at least one named check.
// A mutant that passes everything is a "grader hole" — unless its defaulted Pod equals the reference's.
import type { Exercise } from '../exercises/types.js';
import { resolvePath, concreteText } from './paths.js';

export interface Mutant {
  /** what was changed, e.g. "busybox-container: livenessProbe.periodSeconds 5 → 6" */
  description: string;
  /** the mutated manifest (as parsed from YAML, not defaulted) */
  value: Record<string, unknown>;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const TIMING = ['initialDelaySeconds', 'periodSeconds', 'timeoutSeconds', 'successThreshold', 'failureThreshold', 'terminationGracePeriodSeconds'] as const;

interface Slot {
  list: 'containers' | 'initContainers';
  index: number;
  container: Obj;
}

function containersOf(pod: Obj): Slot[] {
  const spec = isObj(pod.spec) ? pod.spec : {};
  const out: Slot[] = [];
  for (const list of ['initContainers', 'containers'] as const) {
    const cs = spec[list];
    if (Array.isArray(cs)) cs.forEach((c, index) => isObj(c) && out.push({ list, index, container: c }));
  }
  return out;
}

/** Applies `edit` to a deep copy of `pod` at the same container slot. */
function mutate(pod: Obj, slot: Slot | undefined, edit: (copy: Obj, c: Obj) => void): Obj {
  const copy = structuredClone(pod);
  const c = slot ? (((copy.spec as Obj)[slot.list] as Obj[])[slot.index] as Obj) : {};
  edit(copy, c);
  return copy;
}

function setAt(root: Obj, path: (string | number)[], value: unknown): boolean {
  let cur: unknown = root;
  for (let i = 0; i < path.length - 1; i++) {
    const k = path[i]!;
    const next = (cur as Record<string | number, unknown>)[k];
    if (next === undefined || next === null || typeof next !== 'object') return false;
    cur = next;
  }
  const last = path[path.length - 1]!;
  if (value === undefined) {
    if (Array.isArray(cur)) return false;
    delete (cur as Obj)[last as string];
  } else (cur as Record<string | number, unknown>)[last] = value;
  return true;
}

/** A different file path with the same shape: /tmp/healthy -> /tmp/healthy-x. */
function otherPath(arg: string): string | undefined {
  const m = /\/[A-Za-z0-9_.-]+/g;
  let last: RegExpExecArray | null = null;
  for (let r = m.exec(arg); r; r = m.exec(arg)) last = r;
  if (!last) return undefined;
  const end = last.index + last[0].length;
  return `${arg.slice(0, end)}-x${arg.slice(end)}`;
}

export function generateMutants(ex: Exercise, solution: Obj): Mutant[] {
  const out: Mutant[] = [];
  const seen = new Set<string>([JSON.stringify(solution)]);
  // The same edit reached two ways (a required probe removed, the probe removed) is graded once.
  const add = (description: string, value: Obj) => {
    const key = JSON.stringify(value);
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ description, value });
  };
  const slots = containersOf(solution);

  // Every number an expect check looks at, moved by one; every field it requires, removed.
  for (const e of ex.checks?.expect ?? []) {
    const r = resolvePath(solution, e.path);
    if (!r.found) continue;
    const where = concreteText(r.concrete);
    if (typeof r.value === 'number') {
      for (const d of [-1, 1]) {
        const v = r.value + d;
        if (v < 0) continue;
        add(`${where}: ${r.value} → ${v}`, mutate(solution, undefined, (copy) => setAt(copy, r.concrete, v)));
      }
    }
    if (!e.optional && typeof r.concrete[r.concrete.length - 1] === 'string') {
      add(`${where} removed`, mutate(solution, undefined, (copy) => setAt(copy, r.concrete, undefined)));
    }
  }

  for (const slot of slots) {
    const name = String(slot.container.name);
    for (const probe of PROBES) {
      const p = slot.container[probe];
      if (!isObj(p)) continue;
      add(`${name}: ${probe} removed`, mutate(solution, slot, (_, c) => delete c[probe]));
      for (const other of PROBES) {
        if (other === probe || other === 'startupProbe' || (probe === 'startupProbe' && other !== 'livenessProbe')) continue;
        add(`${name}: ${probe} renamed to ${other}`, mutate(solution, slot, (_, c) => {
          c[other] = c[probe];
          delete c[probe];
        }));
      }
      for (const t of TIMING) {
        if (p[t] !== undefined) add(`${name}: ${probe}.${t} removed (default)`, mutate(solution, slot, (_, c) => delete (c[probe] as Obj)[t]));
      }
      // The handler's target changed.
      const exec = isObj(p.exec) ? p.exec : undefined;
      if (exec && Array.isArray(exec.command)) {
        const cmd = exec.command as unknown[];
        let changed = false;
        cmd.forEach((a, i) => {
          const o = typeof a === 'string' ? otherPath(a) : undefined;
          if (o === undefined) return;
          changed = true;
          add(`${name}: ${probe}.exec.command[${i}] "${String(a)}" → "${o}"`, mutate(solution, slot, (_, c) => (((c[probe] as Obj).exec as Obj).command as unknown[])[i] = o));
        });
        if (!changed && cmd.length > 0) {
          const i = cmd.length - 1;
          add(`${name}: ${probe}.exec.command[${i}] changed`, mutate(solution, slot, (_, c) => (((c[probe] as Obj).exec as Obj).command as unknown[])[i] = `${String(cmd[i])}-x`));
        }
      }
      for (const h of ['httpGet', 'tcpSocket', 'grpc'] as const) {
        const hp = isObj(p[h]) ? (p[h] as Obj) : undefined;
        if (!hp) continue;
        if (typeof hp.port === 'number') {
          const v = hp.port + 1;
          add(`${name}: ${probe}.${h}.port ${hp.port} → ${v}`, mutate(solution, slot, (_, c) => ((c[probe] as Obj)[h] as Obj).port = v));
        } else if (typeof hp.port === 'string') {
          add(`${name}: ${probe}.${h}.port "${hp.port}" → "wrong-port"`, mutate(solution, slot, (_, c) => ((c[probe] as Obj)[h] as Obj).port = 'wrong-port'));
        }
        if (h === 'httpGet' && typeof hp.path === 'string') {
          const v = hp.path === '/' ? '/x' : `${hp.path}x`;
          add(`${name}: ${probe}.httpGet.path "${hp.path}" → "${v}"`, mutate(solution, slot, (_, c) => ((c[probe] as Obj).httpGet as Obj).path = v));
        }
      }
      // The probe on the wrong container.
      for (const target of slots) {
        if (target === slot || target.list !== slot.list) continue;
        add(`${probe} moved from ${name} to ${String(target.container.name)}`, mutate(solution, undefined, (copy) => {
          const list = (copy.spec as Obj)[slot.list] as Obj[];
          list[target.index]![probe] = list[slot.index]![probe];
          delete list[slot.index]![probe];
        }));
      }
    }
    add(`container ${name} renamed to ${name}-x`, mutate(solution, slot, (_, c) => (c.name = `${name}-x`)));
  }
  return out;
}
