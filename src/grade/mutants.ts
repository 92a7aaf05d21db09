// Near-miss mutants of a reference answer for `dev check`: each should fail at least one named check.
// A mutant that passes everything is a "grader hole" — unless its defaulted Pod equals the reference's.
import type { Exercise, ExpectCheck } from '../exercises/types.js';
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

  // Every number an expect check looks at, moved by one; every field it requires, removed.
  for (const e of ex.checks?.expect ?? []) expectMutants(e, solution, add);
  podMutants(solution, add);
  return out;
}

/** Every number an expect check reads, moved by one; the field it requires, removed. */
function expectMutants(e: ExpectCheck, target: Obj, add: (description: string, value: Obj) => void): void {
  const r = resolvePath(target, e.path);
  if (!r.found) return;
  const where = concreteText(r.concrete);
  if (typeof r.value === 'number') {
    for (const d of [-1, 1]) {
      const v = r.value + d;
      if (v < 0) continue;
      add(`${where}: ${r.value} → ${v}`, mutate(target, undefined, (copy) => setAt(copy, r.concrete, v)));
    }
  }
  if (!e.optional && typeof r.concrete[r.concrete.length - 1] === 'string') {
    add(`${where} removed`, mutate(target, undefined, (copy) => setAt(copy, r.concrete, undefined)));
  }
}

/** The probe, timing, handler and container mutants of a Pod (or of a workload's pod template). */
function podMutants(solution: Obj, add: (description: string, value: Obj) => void): void {
  const slots = containersOf(solution);
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
}

// ---- Files of workloads (Deployments, ReplicaSets, Jobs, Services) or of several objects ----

/** A near-miss of a whole file: every document, one of them changed (or one left out). */
export interface FileMutant {
  /** what was changed, e.g. "Deployment/web: spec.replicas 3 → 2" */
  description: string;
  /** the file's documents (as parsed from YAML, not defaulted) */
  docs: Obj[];
}

const WORKLOAD_KINDS = new Set(['Deployment', 'ReplicaSet', 'Job']);
const kindOf = (d: Obj) => (typeof d.kind === 'string' ? d.kind : '');
const nameOf = (d: Obj) => (isObj(d.metadata) && typeof d.metadata.name === 'string' ? d.metadata.name : '');

/** The document an `object: Kind/name` names; without one the file's only document, or its only Pod (as the grader picks). */
function targetDoc(docs: Obj[], ref: string | undefined): number {
  if (ref !== undefined) {
    const slash = ref.indexOf('/');
    return docs.findIndex((d) => kindOf(d) === ref.slice(0, slash) && nameOf(d) === ref.slice(slash + 1));
  }
  if (docs.length === 1) return 0;
  const pods = docs.flatMap((d, i) => (kindOf(d) === 'Pod' ? [i] : []));
  return pods.length === 1 ? pods[0]! : -1;
}

/** An integer field of a workload's spec that the mistakes are made of: moved by one, and removed (its default applies). */
const COUNTS: Record<string, readonly string[]> = {
  Deployment: ['replicas', 'minReadySeconds', 'progressDeadlineSeconds'],
  ReplicaSet: ['replicas', 'minReadySeconds'],
  Job: ['backoffLimit', 'completions', 'parallelism', 'activeDeadlineSeconds'],
};
/** Of those, the ones a mistake by one is worth grading even when no expect check names them. */
const BY_ONE = new Set(['replicas', 'backoffLimit', 'completions', 'parallelism']);

/**
 * Mutants of a file that does not hold exactly one Pod: the expect-check mutants on the object each
 * check names, the Pod mutants on each Pod and on each workload's pod template, and per kind: replicas,
 * the Deployment strategy (type, maxSurge, maxUnavailable; when a later step rolls out), minReadySeconds, progressDeadlineSeconds, a
 * Job's backoffLimit, completions, parallelism, activeDeadlineSeconds and restartPolicy, a workload's
 * selector together with its pod labels, a Service's selector and targetPort; and each document left out.
 */
export function generateFileMutants(ex: Exercise, docs: readonly Obj[]): FileMutant[] {
  const out: FileMutant[] = [];
  const seen = new Set<string>([JSON.stringify(docs)]);
  const replace = (i: number, description: string, value: Obj) => {
    const next = docs.map((d, j) => (j === i ? value : d));
    const key = JSON.stringify(next);
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ description: `${kindOf(docs[i]!)}/${nameOf(docs[i]!)}: ${description}`, docs: next });
  };

  for (const e of ex.checks?.expect ?? []) {
    const i = targetDoc([...docs], e.object);
    if (i >= 0) expectMutants(e, docs[i]!, (description, value) => replace(i, description, value));
  }
  docs.forEach((doc, i) => {
    const kind = kindOf(doc);
    const edit = (description: string, change: (copy: Obj) => boolean | void) => {
      const copy = structuredClone(doc);
      if (change(copy) === false) return;
      replace(i, description, copy);
    };
    if (kind === 'Pod') podMutants(doc, (description, value) => replace(i, description, value));
    if (WORKLOAD_KINDS.has(kind)) {
      const spec = isObj(doc.spec) ? doc.spec : {};
      const template = isObj(spec.template) ? spec.template : undefined;
      if (template) podMutants(template, (description, value) => edit(description, (copy) => void ((copy.spec as Obj).template = value)));
      for (const field of COUNTS[kind] ?? []) {
        const v = spec[field];
        if (typeof v !== 'number') continue;
        if (BY_ONE.has(field)) {
          for (const d of [-1, 1]) if (v + d >= 0) edit(`spec.${field} ${v} → ${v + d}`, (copy) => void ((copy.spec as Obj)[field] = v + d));
        }
        edit(`spec.${field} removed (default)`, (copy) => void delete (copy.spec as Obj)[field]);
      }
      relabel(doc, edit);
      // The strategy only acts when a later apply changes the template: a run of one apply never uses it.
      if (kind === 'Deployment' && (ex.simulate?.steps?.length ?? 1) > 1) strategyMutants(spec, edit);
      if (kind === 'Job' && template && isObj(template.spec)) {
        const policy = template.spec.restartPolicy;
        const other = policy === 'OnFailure' ? 'Never' : 'OnFailure';
        edit(`restartPolicy ${String(policy ?? 'missing')} → ${other}`, (copy) => {
          (((copy.spec as Obj).template as Obj).spec as Obj).restartPolicy = other;
        });
      }
    }
    if (kind === 'Service') serviceMutants(doc, edit);
  });
  if (docs.length > 1) {
    docs.forEach((doc, i) => {
      const next = docs.filter((_, j) => j !== i);
      const key = JSON.stringify(next);
      if (seen.has(key)) return;
      seen.add(key);
      out.push({ description: `${kindOf(doc)}/${nameOf(doc)} left out of the file`, docs: next });
    });
  }
  return out;
}

type Edit = (description: string, change: (copy: Obj) => boolean | void) => void;

/** A workload that selects other pods: its selector's first label and the template's label changed together (a selector alone would be refused by the API server). */
function relabel(doc: Obj, edit: Edit): void {
  const spec = isObj(doc.spec) ? doc.spec : {};
  const match = isObj(spec.selector) && isObj(spec.selector.matchLabels) ? spec.selector.matchLabels : undefined;
  const key = match ? Object.keys(match)[0] : undefined;
  if (!match || key === undefined || typeof match[key] !== 'string') return;
  const v = `${match[key] as string}-x`;
  edit(`selector and pod labels ${key}=${String(match[key])} → ${key}=${v}`, (copy) => {
    const s = copy.spec as Obj;
    ((s.selector as Obj).matchLabels as Obj)[key] = v;
    const labels = isObj(s.template) && isObj((s.template as Obj).metadata) ? ((s.template as Obj).metadata as Obj).labels : undefined;
    if (!isObj(labels)) return false;
    labels[key] = v;
  });
}

/** RollingUpdate ↔ Recreate; maxSurge and maxUnavailable moved by one (whole numbers) or removed (their 25% default applies). */
function strategyMutants(spec: Obj, edit: Edit): void {
  const strategy = isObj(spec.strategy) ? spec.strategy : {};
  if (strategy.type === 'Recreate') edit('strategy Recreate → RollingUpdate', (copy) => void ((copy.spec as Obj).strategy = { type: 'RollingUpdate' }));
  else edit(`strategy ${strategy.type === undefined ? 'RollingUpdate (default)' : String(strategy.type)} → Recreate`, (copy) => void ((copy.spec as Obj).strategy = { type: 'Recreate' }));
  const ru = isObj(strategy.rollingUpdate) ? strategy.rollingUpdate : undefined;
  if (!ru) return;
  for (const f of ['maxSurge', 'maxUnavailable']) {
    const v = ru[f];
    const at = (copy: Obj) => ((copy.spec as Obj).strategy as Obj).rollingUpdate as Obj;
    if (typeof v === 'number') for (const d of [-1, 1]) if (v + d >= 0) edit(`strategy.rollingUpdate.${f} ${v} → ${v + d}`, (copy) => void (at(copy)[f] = v + d));
    if (v !== undefined) edit(`strategy.rollingUpdate.${f} removed (default 25%)`, (copy) => void delete at(copy)[f]);
  }
}

/** A Service that selects other pods (each selector label's value changed), and that forwards to another port. */
function serviceMutants(doc: Obj, edit: Edit): void {
  const spec = isObj(doc.spec) ? doc.spec : {};
  const selector = isObj(spec.selector) ? spec.selector : {};
  for (const [k, v] of Object.entries(selector)) {
    if (typeof v !== 'string') continue;
    edit(`selector ${k}=${v} → ${k}=${v}-x`, (copy) => void (((copy.spec as Obj).selector as Obj)[k] = `${v}-x`));
  }
  const ports = Array.isArray(spec.ports) ? spec.ports : [];
  ports.forEach((p, i) => {
    if (!isObj(p)) return;
    const at = (copy: Obj) => ((copy.spec as Obj).ports as Obj[])[i]!;
    const t = p.targetPort;
    if (typeof t === 'number') edit(`ports[${i}].targetPort ${t} → ${t + 1}`, (copy) => void (at(copy).targetPort = t + 1));
    else if (typeof t === 'string') edit(`ports[${i}].targetPort "${t}" → "wrong-port"`, (copy) => void (at(copy).targetPort = 'wrong-port'));
    if (t !== undefined) edit(`ports[${i}].targetPort removed (default: the port, ${String(p.port)})`, (copy) => void delete at(copy).targetPort);
  });
}
