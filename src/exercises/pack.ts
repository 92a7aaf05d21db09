// Loads an exercise pack: finds NN-slug folders, validates exercise.yaml against the shipped schema
// (precompiled), checks that the starter and solution files exist inside the pack. Never throws and
// never executes anything from the pack: a broken pack is a list of findings naming the file.
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// yaml as one bundled file (generated/yaml.js): the package's CommonJS build costs ~40 ms to load
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from '../../generated/yaml.js';
import type { Finding } from '../manifest/types.js';
import { recursiveAlias } from '../manifest/locate.js';
import { MAX_ALIAS_COUNT, MSG } from '../manifest/messages.js';
import { parsePath } from '../grade/paths.js';
import { parseDurationMs } from './duration.js';
import type ExerciseValidator from './exercise-validator.js';
import { writeFileInside } from './workspace.js';
import { createRequire } from 'node:module';
import type {
  BehaviourCheck,
  CountRange,
  Exercise,
  ExerciseChecks,
  ExpectCheck,
  Lang,
  Localized,
  PreserveCheck,
  SimulationStep,
} from './types.js';

export interface Pack {
  /** the pack's exercises/ folder */
  dir: string;
  /** the pack's solutions/ folder */
  solutionsDir: string;
  exercises: Exercise[];
}

export type PackResult = { ok: true; pack: Pack } | { ok: false; findings: Finding[] };

export const EXERCISE_FILE = 'exercise.yaml';
const FOLDER_RE = /^([0-9]+)-([a-z0-9]+(?:-[a-z0-9]+)*)$/;
const DEFAULT_SIMULATE_MS = 180_000;

/** kubedrill's own folder (holding package.json and exercises/), found from this module in src/ or dist/. */
function installRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'exercises'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
    dir = up;
  }
}

/**
 * The precompiled exercise.yaml validator, loaded on first use: most commands find the exercise in
 * the workspace cache and never validate, and its ~250 KB of code would cost every start.
 */
let validatorFn: typeof ExerciseValidator | undefined;
function exerciseValidator(): typeof ExerciseValidator {
  validatorFn ??= (createRequire(import.meta.url)(path.join(installRoot(), 'src', 'exercises', 'exercise-validator.js')) as { default: typeof ExerciseValidator }).default;
  return validatorFn;
}

/** The built-in pack: `<repo>/exercises`, found by walking up from this module (src/ or dist/). */
export function defaultPackDir(): string {
  return path.join(installRoot(), 'exercises');
}

/** The shipped JSON Schema of exercise.yaml (for editors: `# yaml-language-server: $schema=...`). */
export function exerciseSchemaPath(): string {
  return path.join(installRoot(), 'src', 'exercises', 'exercise.schema.json');
}

/** `--exercises DIR` names either the pack folder (holding exercises/ and solutions/) or its exercises/ folder. */
export function packDirs(dir: string): { exercisesDir: string; solutionsDir: string } {
  const inner = path.join(dir, 'exercises');
  if (isDir(inner)) return { exercisesDir: inner, solutionsDir: path.join(dir, 'solutions') };
  return { exercisesDir: dir, solutionsDir: path.join(path.dirname(dir), 'solutions') };
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

function packFinding(code: string, stage: Finding['stage'], file: string, message: string, pos?: { line: number; col: number }): Finding {
  return { code, stage, severity: 'error', message, file, ...(pos ? { line: pos.line, col: pos.col } : {}) };
}

export function loadPack(dir?: string, opts: { cacheDir?: string } = {}): PackResult {
  const { exercisesDir, solutionsDir } = packDirs(dir ?? defaultPackDir());
  if (!isDir(exercisesDir)) {
    return { ok: false, findings: [packFinding('pack/missing', 'read', exercisesDir, 'exercise pack not found: no such folder')] };
  }
  const findings: Finding[] = [];
  const exercises: Exercise[] = [];
  const names = readdirSync(exercisesDir).filter((n) => !n.startsWith('.') && isDir(path.join(exercisesDir, n))).sort(byFolder);
  if (!names.some((n) => FOLDER_RE.test(n))) {
    // One clear line for a folder that is not a pack at all, not one finding per unrelated sub-folder.
    return {
      ok: false,
      findings: [packFinding('pack/empty', 'read', exercisesDir, 'not an exercise pack: no exercises/ folder and no NN-slug exercise folders (e.g. 01-liveness-exam) in it')],
    };
  }
  for (const name of names) {
    if (!FOLDER_RE.test(name)) {
      findings.push(packFinding('pack/folder-name', 'read', path.join(exercisesDir, name), `folder name "${name}" is not NN-slug (e.g. 01-liveness-exam)`));
      continue;
    }
    const cached = opts.cacheDir ? readCached(opts.cacheDir, exercisesDir, solutionsDir, name) : undefined;
    if (cached?.exercise) {
      exercises.push(cached.exercise);
      continue;
    }
    const r = loadExercise(exercisesDir, solutionsDir, name);
    findings.push(...r.findings);
    if (r.exercise) {
      exercises.push(r.exercise);
      if (cached) writeCached(cached.file, r.exercise);
    }
  }
  const byId = new Map<string, Exercise>();
  for (const ex of exercises) {
    const prev = byId.get(ex.id);
    if (prev) findings.push(packFinding('pack/duplicate-id', 'schema', path.join(ex.path, EXERCISE_FILE), `id "${ex.id}" is already used by ${prev.dir}`));
    else byId.set(ex.id, ex);
  }
  const numbers = new Map<string, string>();
  for (const ex of exercises) {
    const n = String(Number(FOLDER_RE.exec(ex.dir)![1]));
    const prev = numbers.get(n);
    if (prev) findings.push(packFinding('pack/duplicate-number', 'schema', ex.path, `folder number ${n} is already used by ${prev}`));
    else numbers.set(n, ex.dir);
  }
  if (names.length === 0) findings.push(packFinding('pack/empty', 'read', exercisesDir, 'the pack has no exercise folders (NN-slug)'));
  if (findings.length > 0) return { ok: false, findings };
  return { ok: true, pack: { dir: exercisesDir, solutionsDir, exercises } };
}

/** NN-slug folders in number order (so 9-x comes before 10-y), then by name. */
function byFolder(a: string, b: string): number {
  const na = Number(FOLDER_RE.exec(a)?.[1] ?? Infinity);
  const nb = Number(FOLDER_RE.exec(b)?.[1] ?? Infinity);
  return na !== nb ? (na < nb ? -1 : 1) : a < b ? -1 : a > b ? 1 : 0;
}

/** Position (1-based) of the key at a JSON pointer-like path in a parsed YAML document. */
function locateIn(doc: Document, lc: LineCounter, segs: readonly (string | number)[]): { line: number; col: number } | undefined {
  let node: unknown = doc.contents;
  let offset: number | undefined = (doc.contents as { range?: [number, number, number] } | null)?.range?.[0];
  for (const seg of segs) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(seg));
      if (!pair) break;
      offset = isScalar(pair.key) ? pair.key.range?.[0] : offset;
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(seg)];
      if (item === undefined) break;
      offset = (item as { range?: [number, number, number] }).range?.[0] ?? offset;
      node = item;
    } else break;
  }
  return offset === undefined ? undefined : lc.linePos(offset);
}

function pointerSegments(instancePath: string): string[] {
  return instancePath === '' ? [] : instancePath.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function schemaErrorText(e: { instancePath: string; keyword: string; params: Record<string, unknown>; message?: string }): string {
  const at = e.instancePath === '' ? '' : `${e.instancePath.slice(1).replace(/\//g, '.')}: `;
  switch (e.keyword) {
    case 'additionalProperties':
      return `${at}unknown field "${String(e.params.additionalProperty)}"`;
    case 'required':
      return `${at}missing required field "${String(e.params.missingProperty)}"`;
    case 'enum':
      return `${at}must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'pattern':
      if (/file|solution/.test(e.instancePath)) return `${at}must be a relative path inside the pack (no "..", not absolute)`;
      if (/\/(for|at|before|tolerance|within)/.test(e.instancePath)) return `${at}must be a duration such as 35s, 1m5s or 500ms`;
      return `${at}must match ${String(e.params.pattern)}`;
    default:
      return `${at}${e.message ?? e.keyword}`;
  }
}

type Raw = Record<string, unknown>;

function loadExercise(exercisesDir: string, solutionsDir: string, folder: string): { exercise?: Exercise; findings: Finding[] } {
  const exPath = path.join(exercisesDir, folder);
  const metaFile = path.join(exPath, EXERCISE_FILE);
  const findings: Finding[] = [];
  let text: string;
  try {
    text = readFileSync(metaFile, 'utf8');
  } catch {
    return { findings: [packFinding('pack/missing-metadata', 'read', metaFile, `missing ${EXERCISE_FILE}`)] };
  }
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const pos = lc.linePos(e.pos[0]);
      findings.push(packFinding(`pack/yaml`, 'yaml', metaFile, e.message.split('\n')[0]!, pos));
    }
    return { findings };
  }
  const cycle = doc.contents ? recursiveAlias(doc as Document.Parsed, doc.contents as YamlNode) : undefined;
  if (cycle) {
    findings.push(packFinding('pack/yaml', 'yaml', metaFile, MSG.aliasCycle(cycle.source), lc.linePos(cycle.range?.[0] ?? 0)));
    return { findings };
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    const msg = err instanceof Error && /Excessive alias count/.test(err.message) ? MSG.aliasBomb : String(err instanceof Error ? err.message : err);
    findings.push(packFinding('pack/yaml', 'yaml', metaFile, msg));
    return { findings };
  }
  const validateExercise = exerciseValidator();
  if (!validateExercise(raw)) {
    // Report the most specific errors: drop if/then wrappers, which only repeat an inner error.
    const errs = (validateExercise.errors ?? []).filter((e) => e.keyword !== 'if' && e.keyword !== 'oneOf' && e.keyword !== 'anyOf');
    const seen = new Set<string>();
    for (const e of errs.length > 0 ? errs : validateExercise.errors ?? []) {
      const msg = schemaErrorText(e);
      if (seen.has(msg)) continue;
      seen.add(msg);
      const segs = pointerSegments(e.instancePath);
      // Point at the offending key itself for an unknown field.
      if (e.keyword === 'additionalProperties') segs.push(String(e.params.additionalProperty));
      findings.push(packFinding(`pack/schema`, 'schema', metaFile, msg, locateIn(doc, lc, segs)));
    }
    return { findings };
  }
  const m = raw as Raw;
  const loc = (...segs: (string | number)[]) => locateIn(doc, lc, segs);
  const file = m.file as string;
  const starterPath = path.join(exPath, file);
  const solution = (m.solution as string | undefined) ?? file;
  const solutionPath = path.join(solutionsDir, folder, solution);
  if (!inside(exPath, starterPath)) findings.push(packFinding('pack/escape', 'schema', metaFile, `file "${file}" escapes the exercise folder`, loc('file')));
  else if (!isFile(starterPath)) findings.push(packFinding('pack/missing-starter', 'read', metaFile, `the starter file "${file}" does not exist (${starterPath})`, loc('file')));
  if (!inside(path.join(solutionsDir, folder), solutionPath)) {
    findings.push(packFinding('pack/escape', 'schema', metaFile, `solution "${solution}" escapes the pack's solutions/${folder}/ folder`, loc(m.solution ? 'solution' : 'file')));
  } else if (!isFile(solutionPath)) {
    findings.push(packFinding('pack/missing-solution', 'read', metaFile, `the solution file does not exist (${solutionPath})`, loc(m.solution ? 'solution' : 'file')));
  }

  const sim = (m.simulate ?? {}) as Raw;
  const forMs = sim.for === undefined ? DEFAULT_SIMULATE_MS : parseDurationMs(sim.for as string)!;
  const steps = sim.steps === undefined ? undefined : ((sim.steps as Raw[]).map((st) => ({ atMs: parseDurationMs(st.at as string)!, file: st.file as string })) as SimulationStep[]);
  if (steps) {
    const answers = steps.filter((st) => st.file === file).length;
    if (answers !== 1) findings.push(packFinding('pack/steps', 'schema', metaFile, `simulate.steps: exactly one step must apply the learner's answer "${file}" (found ${answers})`, loc('simulate', 'steps')));
    steps.forEach((st, i) => {
      if (i > 0 && st.atMs <= steps[i - 1]!.atMs) findings.push(packFinding('pack/steps', 'schema', metaFile, `simulate.steps[${i}]: steps must be in time order, each later than the one before`, loc('simulate', 'steps', i, 'at')));
      if (st.atMs > forMs) findings.push(packFinding('pack/steps', 'schema', metaFile, `simulate.steps[${i}]: applies after the end of the run (simulate.for)`, loc('simulate', 'steps', i, 'at')));
      if (st.file === file) return;
      const abs = path.join(exPath, st.file);
      if (!inside(exPath, abs)) findings.push(packFinding('pack/escape', 'schema', metaFile, `simulate.steps[${i}]: file "${st.file}" escapes the exercise folder`, loc('simulate', 'steps', i, 'file')));
      else if (!isFile(abs)) findings.push(packFinding('pack/missing-step-file', 'read', metaFile, `simulate.steps[${i}]: the file "${st.file}" does not exist (${abs})`, loc('simulate', 'steps', i, 'file')));
    });
  }
  const checksRaw = (m.checks ?? {}) as Raw;
  const ids = new Set<string>();
  const checkFindings = (kind: string, i: number, id: string) => {
    if (ids.has(id)) findings.push(packFinding('pack/duplicate-check', 'schema', metaFile, `checks.${kind}[${i}]: check id "${id}" is used twice`, loc('checks', kind, i, 'id')));
    ids.add(id);
  };
  const expect: ExpectCheck[] = ((checksRaw.expect ?? []) as Raw[]).map((c, i) => {
    checkFindings('expect', i, c.id as string);
    pathFinding(c.path as string, 'expect', i);
    return {
      id: c.id as string,
      points: (c.points as number | undefined) ?? 1,
      title: c.title as Localized,
      message: c.message as Localized,
      ...(c.object !== undefined ? { object: c.object as string } : {}),
      path: c.path as string,
      ...(c.schema !== undefined ? { schema: c.schema as Record<string, unknown> } : {}),
      ...(c.absent ? { absent: true } : {}),
      ...(c.optional ? { optional: true } : {}),
    };
  });
  const preserve: PreserveCheck[] = ((checksRaw.preserve ?? []) as Raw[]).map((c, i) => {
    checkFindings('preserve', i, c.id as string);
    pathFinding(c.path as string, 'preserve', i);
    const p = c.path as string;
    return {
      id: c.id as string,
      points: (c.points as number | undefined) ?? 1,
      title: (c.title as Localized | undefined) ?? { en: `${p} is unchanged from the starter`, ko: `${p} 필드가 시작 파일과 같음` },
      message: c.message as Localized,
      ...(c.object !== undefined ? { object: c.object as string } : {}),
      path: p,
    };
  });
  const behaviour: BehaviourCheck[] = [];
  ((checksRaw.behaviour ?? []) as Raw[]).forEach((c, i) => {
    checkFindings('behaviour', i, c.id as string);
    const b = toBehaviour(c, forMs);
    if (typeof b === 'string') findings.push(packFinding('pack/behaviour', 'schema', metaFile, `checks.behaviour[${i}]: ${b}`, loc('checks', 'behaviour', i)));
    else behaviour.push(b);
  });
  function pathFinding(p: string, kind: string, i: number) {
    if (!parsePath(p)) findings.push(packFinding('pack/path', 'schema', metaFile, `checks.${kind}[${i}].path "${p}" is not a field path`, loc('checks', kind, i, 'path')));
  }
  if (findings.length > 0) return { findings };
  const checks: ExerciseChecks = { expect, preserve, behaviour };
  const exercise: Exercise = {
    id: m.id as string,
    dir: folder,
    path: exPath,
    title: m.title as Localized,
    task: m.task as Localized,
    difficulty: m.difficulty as Exercise['difficulty'],
    domain: m.domain as string,
    tags: m.tags as string[],
    hints: m.hints as Localized[],
    points: m.points as number,
    timeBudget: m.timeBudget as number,
    file,
    solutionPath,
    starterPath,
    simulate: { forMs, seed: (sim.seed as number | undefined) ?? 1, ...(steps ? { steps } : {}) },
    images: (m.images as unknown[] | undefined) ?? [],
    checks,
  };
  return { exercise, findings };
}

/** true when `child` is `parent` or below it, also after resolving symlinks. */
function inside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return false;
  try {
    const realParent = realpathSync(parent);
    const realChild = realpathSync(child);
    const r2 = path.relative(realParent, realChild);
    return !(r2.startsWith('..') || path.isAbsolute(r2));
  } catch {
    return true; // does not exist yet: the missing-file finding says so
  }
}

function toBehaviour(c: Raw, forMs: number): BehaviourCheck | string {
  const base = {
    id: c.id as string,
    points: (c.points as number | undefined) ?? 1,
    title: c.title as Localized,
    message: c.message as Localized,
    ...(c.of !== undefined ? { of: c.of as string } : {}),
  };
  const d = (v: unknown) => parseDurationMs(v as string)!;
  const win = (v: unknown): [number, number] | string => {
    const [a, b] = (v as string[]).map((x) => parseDurationMs(x)!);
    return a! <= b! ? [a!, b!] : `window [${(v as string[]).join(', ')}] ends before it starts`;
  };
  const minMax = (): { min: number; max: number } | string => {
    const min = (c.min as number | undefined) ?? 0;
    const max = (c.max as number | undefined) ?? Number.MAX_SAFE_INTEGER;
    if (c.min === undefined && c.max === undefined) return 'give min and/or max';
    return min <= max ? { min, max } : `min ${min} is greater than max ${max}`;
  };
  const range = (r: Raw, what: string): CountRange | string => {
    const min = (r.min as number | undefined) ?? 0;
    const max = (r.max as number | undefined) ?? Number.MAX_SAFE_INTEGER;
    return min <= max ? { min, max } : `${what}: min ${min} is greater than max ${max}`;
  };
  switch (c.kind) {
    case 'restarts': {
      const mm = minMax();
      return typeof mm === 'string' ? mm : { ...base, kind: 'restarts', container: c.container as string, atMs: d(c.at), ...mm };
    }
    case 'killed': {
      const w = win(c.within);
      if (typeof w === 'string') return w;
      return { ...base, kind: 'killed', container: c.container as string, withinMs: w, ...(c.probe ? { probe: c.probe as 'liveness' | 'startup' } : {}) };
    }
    case 'notKilled':
      return { ...base, kind: 'notKilled', container: c.container as string, beforeMs: d(c.before), ...(c.probe ? { probe: c.probe as 'liveness' | 'startup' } : {}) };
    case 'ready': {
      const w = win(c.within);
      return typeof w === 'string' ? w : { ...base, kind: 'ready', container: c.container as string, withinMs: w };
    }
    case 'neverReady':
      return { ...base, kind: 'neverReady', container: c.container as string, beforeMs: d(c.before) };
    case 'event': {
      // Neither bound: the event must occur at least once. Only max: min is 0.
      const min = (c.min as number | undefined) ?? (c.max === undefined ? 1 : 0);
      const max = (c.max as number | undefined) ?? Number.MAX_SAFE_INTEGER;
      if (min > max) return `min ${min} is greater than max ${max}`;
      return {
        ...base,
        kind: 'event',
        reason: c.reason as string,
        min,
        max,
        atMs: c.at === undefined ? forMs : d(c.at),
        ...(c.type ? { type: c.type as 'Normal' | 'Warning' } : {}),
        ...(c.container ? { container: c.container as string } : {}),
        ...(c.messageIncludes !== undefined ? { messageIncludes: c.messageIncludes as string } : {}),
      };
    }
    case 'phase':
      return { ...base, kind: 'phase', atMs: d(c.at), phase: c.phase as 'Pending' };
    case 'state':
      return { ...base, kind: 'state', container: c.container as string, atMs: d(c.at), state: c.state as 'running', ...(c.reason ? { reason: c.reason as string } : {}) };
    case 'sameAsReference':
      return { ...base, kind: 'sameAsReference', toleranceMs: c.tolerance === undefined ? 2000 : d(c.tolerance), ...(c.container ? { container: c.container as string } : {}) };
    case 'rollout': {
      const w = c.within === undefined ? undefined : win(c.within);
      if (typeof w === 'string') return w;
      return { ...base, kind: 'rollout', deployment: c.deployment as string, outcome: c.outcome as 'complete', ...(w ? { withinMs: w } : {}) };
    }
    case 'podRange': {
      if (c.maxPods === undefined && c.minAvailable === undefined && c.minReady === undefined) return 'give maxPods, minAvailable and/or minReady';
      const fromMs = c.from === undefined ? undefined : d(c.from);
      const toMs = c.to === undefined ? undefined : d(c.to);
      if (fromMs !== undefined && toMs !== undefined && fromMs > toMs) return `from ${String(c.from)} is after to ${String(c.to)}`;
      return {
        ...base,
        kind: 'podRange',
        deployment: c.deployment as string,
        ...(fromMs !== undefined ? { fromMs } : {}),
        ...(toMs !== undefined ? { toMs } : {}),
        ...(c.maxPods !== undefined ? { maxPods: c.maxPods as number } : {}),
        ...(c.minAvailable !== undefined ? { minAvailable: c.minAvailable as number } : {}),
        ...(c.minReady !== undefined ? { minReady: c.minReady as number } : {}),
      };
    }
    case 'job': {
      const w = c.within === undefined ? undefined : win(c.within);
      if (typeof w === 'string') return w;
      if (c.reason !== undefined && c.outcome !== 'failed') return 'reason is the Failed condition\'s: give it with outcome: failed';
      return { ...base, kind: 'job', job: c.job as string, outcome: c.outcome as 'complete', ...(c.reason !== undefined ? { reason: c.reason as string } : {}), ...(w ? { withinMs: w } : {}) };
    }
    case 'jobPods': {
      if (c.succeeded === undefined && c.failed === undefined && c.maxActive === undefined) return 'give succeeded, failed and/or maxActive';
      const succeeded = c.succeeded === undefined ? undefined : range(c.succeeded as Raw, 'succeeded');
      const failed = c.failed === undefined ? undefined : range(c.failed as Raw, 'failed');
      if (typeof succeeded === 'string') return succeeded;
      if (typeof failed === 'string') return failed;
      return {
        ...base,
        kind: 'jobPods',
        job: c.job as string,
        ...(c.at !== undefined ? { atMs: d(c.at) } : {}),
        ...(succeeded ? { succeeded } : {}),
        ...(failed ? { failed } : {}),
        ...(c.maxActive !== undefined ? { maxActive: c.maxActive as number } : {}),
      };
    }
    case 'endpoints': {
      const ready = range(c.ready as Raw, 'ready');
      const notReady = c.notReady === undefined ? undefined : range(c.notReady as Raw, 'notReady');
      if (typeof ready === 'string') return ready;
      if (typeof notReady === 'string') return notReady;
      return { ...base, kind: 'endpoints', service: c.service as string, atMs: d(c.at), ready, ...(notReady ? { notReady } : {}) };
    }
    default:
      return `unknown kind "${String(c.kind)}"`;
  }
}

/**
 * Loads only what one command needs: when a folder matches `idOrPrefix` (its name, its slug or its
 * number) only that exercise is read and validated; otherwise the whole pack (so an unknown id can
 * list the others). Parsing every exercise.yaml would cost a command more than grading does.
 */
export function loadPackFor(dir: string | undefined, idOrPrefix: string, opts: { cacheDir?: string } = {}): PackResult {
  const { exercisesDir, solutionsDir } = packDirs(dir ?? defaultPackDir());
  const q = idOrPrefix.trim();
  let names: string[] = [];
  try {
    names = readdirSync(exercisesDir).filter((n) => FOLDER_RE.test(n)).sort();
  } catch {
    return loadPack(dir, opts);
  }
  const hits = names.filter((n) => {
    const m = FOLDER_RE.exec(n)!;
    return n === q || m[2] === q || (/^[0-9]+$/.test(q) && Number(m[1]) === Number(q));
  });
  if (hits.length !== 1 || !isDir(path.join(exercisesDir, hits[0]!))) return loadPack(dir, opts);
  const cached = opts.cacheDir ? readCached(opts.cacheDir, exercisesDir, solutionsDir, hits[0]!) : undefined;
  let exercise = cached?.exercise;
  if (!exercise) {
    const r = loadExercise(exercisesDir, solutionsDir, hits[0]!);
    if (r.findings.length > 0 || !r.exercise) return { ok: false, findings: r.findings };
    exercise = r.exercise;
    if (cached) writeCached(cached.file, exercise);
  }
  // The folder's slug is normally the id; if this one's id differs, the query may name another exercise.
  if (exercise.id !== q && exercise.dir !== q && !/^[0-9]+$/.test(q)) return loadPack(dir, opts);
  return { ok: true, pack: { dir: exercisesDir, solutionsDir, exercises: [exercise] } };
}

// ---- The loaded-exercise cache: parsing and validating exercise.yaml costs a command more than
// grading does. Entries are keyed by the metadata file's location, inode, size and mtime and the
// loader version, and
// hold only data (the Exercise as loadExercise built it); the files it names are checked again.

/** Bump when loadExercise builds a different Exercise from the same metadata. */
const LOADER_VERSION = 'exercise-loader/2';

function readCached(cacheDir: string, exercisesDir: string, solutionsDir: string, folder: string): { file: string; exercise?: Exercise } | undefined {
  let stamp: string;
  try {
    // The file's identity and modification stamp: cheaper than reading and hashing it.
    const st = statSync(path.join(exercisesDir, folder, EXERCISE_FILE));
    stamp = `${st.ino}:${st.size}:${st.mtimeMs}`;
  } catch {
    return undefined;
  }
  const key = `${LOADER_VERSION}\0${path.resolve(exercisesDir)}\0${path.resolve(solutionsDir)}\0${folder}\0${stamp}`;
  const file = path.join(cacheDir, `exercise-${folder}-${shortHash(key)}.json`);
  try {
    const ex = JSON.parse(readFileSync(file, 'utf8')) as Exercise;
    if (ex.dir === folder && isFile(ex.solutionPath) && isFile(ex.starterPath ?? '')) return { file, exercise: ex };
  } catch {
    // no entry yet (or a damaged one): load and rewrite it
  }
  return { file };
}

/** FNV-1a of a short key: names a cache file, not a security boundary. */
function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

function writeCached(file: string, exercise: Exercise): void {
  try {
    // The cache folder sits in the workspace: never written through a link out of it.
    writeFileInside(path.dirname(path.dirname(file)), file, JSON.stringify(exercise));
  } catch {
    // a read-only workspace (or a cache folder that links elsewhere) just means no cache
  }
}

/** Finds an exercise by id, folder name (`01-liveness-exam`) or number (`1`, `01`). */
export function findExercise(pack: Pack, idOrPrefix: string): Exercise | undefined {
  const q = idOrPrefix.trim();
  const exact = pack.exercises.find((e) => e.id === q || e.dir === q);
  if (exact) return exact;
  if (/^[0-9]+$/.test(q)) return pack.exercises.find((e) => Number(FOLDER_RE.exec(e.dir)![1]) === Number(q));
  return undefined;
}

export function localize(text: Localized, lang: Lang): string {
  return text[lang] || text.en;
}

/** `--lang`, then KUBEDRILL_LANG, then LC_ALL / LC_MESSAGES / LANG starting with "ko" -> 'ko', else 'en'. */
export function resolveLang(flag: string | undefined, env: Readonly<Record<string, string | undefined>>): Lang {
  const pick = (v: string | undefined): Lang | undefined => (v === undefined || v === '' ? undefined : v.toLowerCase().startsWith('ko') ? 'ko' : 'en');
  return pick(flag) ?? pick(env.KUBEDRILL_LANG) ?? pick(env.LC_ALL || env.LC_MESSAGES || env.LANG) ?? 'en';
}
