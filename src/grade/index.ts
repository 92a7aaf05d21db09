// The grader: read -> YAML -> schema -> API rules -> field expectations -> preserved fields ->
// simulation (learner and reference, same seed) -> behaviour checks -> divergence, score and diffs.
// Pure and deterministic: it reads only the exercise's own starter and solution files (cached).
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Exercise, Lang } from '../exercises/types.js';
import type { CheckedDocument, Finding, ManifestResult, Pod } from '../manifest/types.js';
import { checkManifest, checkManifestBytes, MAX_MANIFEST_BYTES, readBounded } from '../manifest/index.js';
import { simulate } from '../sim/index.js';
import { createRuntime, type ImageSpec } from '../sim/runtime/index.js';
import type { Trace } from '../sim/trace.js';
import { evaluateBehaviour } from './behaviour.js';
import { gradeCluster, isClusterExercise, referenceObjects } from './cluster.js';

export { isClusterExercise } from './cluster.js';
import { semanticDiff, textDiff } from './diff.js';
import { describeDivergence } from './divergence.js';
import { jsonEqual, prepareFragments } from './fragment.js';
import { behaviourChecks, divergenceToleranceMs, expectOutcome, linesOf, locateNearest, scoreOf, stageCheck, stageOf, withValue } from './common.js';
import { loc, M } from './messages.js';
import { resolvePath } from './paths.js';
import { buildStampOf, readReference, referenceCacheFile, writeReference } from './reference-cache.js';
import type { CheckResult, GradeResult } from './types.js';

export interface GradeOptions {
  lang?: Lang;
  /** overrides the exercise's simulate.seed */
  seed?: number;
  /** gradeFile: how the file is named in messages (default: the path) */
  displayName?: string;
  /**
   * A folder for the on-disk reference cache (the bundled CLI passes the workspace's). Only a
   * bundled build uses it: from source, the simulator may change between runs.
   */
  cacheDir?: string;
}

const BUILD_STAMP = buildStampOf(fileURLToPath(import.meta.url));

const DEFAULT_FOR_MS = 180_000;

interface ParsedPod {
  text: string;
  pod?: Pod;
  doc?: CheckedDocument;
  findings: Finding[];
}

const starterCache = new Map<string, ParsedPod>();
const solutionCache = new Map<string, ParsedPod>();
const refTraceCache = new Map<string, Trace>();
/**
 * Traces of learners' Pods, keyed by exercise, seed and the defaulted Pod itself: a class hands in
 * many identical Pods (the same mistake, another layout), and the simulator is a pure function of
 * (Pod, images, duration, seed). Least recently used first; bounded so a batch's memory stays flat.
 */
const learnerTraceCache = new Map<string, Trace>();
const LEARNER_TRACES_KEPT = 256;

function parseFile(path: string, cache: Map<string, ParsedPod>): ParsedPod {
  const hit = cache.get(path);
  if (hit) return hit;
  let text = '';
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    // A loaded pack has checked that these files exist; a vanished file grades as empty.
  }
  const r = checkManifest(text, path);
  const doc = r.documents.find((d) => d.pod !== undefined);
  const parsed: ParsedPod = { text, findings: r.findings, ...(doc ? { doc, pod: doc.pod! } : {}) };
  cache.set(path, parsed);
  return parsed;
}

const starterOf = (ex: Exercise) => parseFile(ex.starterPath ?? `${ex.path}/${ex.file}`, starterCache);
const solutionOf = (ex: Exercise) => parseFile(ex.solutionPath, solutionCache);

function simFor(ex: Exercise, pod: Pod, seed?: number): Trace {
  const runtime = createRuntime({ images: (ex.images ?? []) as ImageSpec[] });
  return simulate(pod, { untilMs: ex.simulate?.forMs ?? DEFAULT_FOR_MS, seed: seed ?? ex.simulate?.seed ?? 1, runtime });
}

const refKey = (ex: Exercise, seed?: number) => `${ex.solutionPath}\0${seed ?? ex.simulate?.seed ?? 1}`;

/**
 * Identity of a Pod for the trace cache. Key order is left out, as jsonEqual leaves it out for the
 * reference (the simulator reads fields by name and lists in order, never an object's key order);
 * the numbers JSON cannot tell apart (-0, NaN, ±Infinity) are spelt out.
 */
function podKey(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  if (v === null || typeof v !== 'object') return String(v);
  if (Array.isArray(v)) {
    let s = '[';
    for (let i = 0; i < v.length; i++) s += (i > 0 ? ',' : '') + podKey(v[i]);
    return s + ']';
  }
  const o = v as Record<string, unknown>;
  let s = '{';
  for (const k of Object.keys(o).sort()) if (o[k] !== undefined) s += (s.length > 1 ? ',' : '') + JSON.stringify(k) + ':' + podKey(o[k]);
  return s + '}';
}

const exerciseKeys = new WeakMap<Exercise, string>();

/** The learner's trace: from the cache when this exact Pod was simulated before for this exercise. */
function learnerTrace(ex: Exercise, pod: Pod, seed?: number): Trace {
  let exKey = exerciseKeys.get(ex);
  if (exKey === undefined) {
    exKey = `${ex.path}\0${ex.simulate?.forMs ?? DEFAULT_FOR_MS}\0${podKey(ex.images ?? [])}`;
    exerciseKeys.set(ex, exKey);
  }
  const key = `${exKey}\0${seed ?? ex.simulate?.seed ?? 1}\0${podKey(pod)}`;
  const hit = learnerTraceCache.get(key);
  if (hit) {
    learnerTraceCache.delete(key);
    learnerTraceCache.set(key, hit);
    return hit;
  }
  const t = simFor(ex, pod, seed);
  learnerTraceCache.set(key, t);
  if (learnerTraceCache.size > LEARNER_TRACES_KEPT) learnerTraceCache.delete(learnerTraceCache.keys().next().value!);
  return t;
}

/** The reference answer's trace (cached per exercise and seed). */
export function referenceTrace(ex: Exercise, seed?: number): Trace {
  const key = refKey(ex, seed);
  const hit = refTraceCache.get(key);
  if (hit) return hit;
  const sol = solutionOf(ex);
  if (!sol.pod) throw new Error(`the reference answer of ${ex.id} is not a valid Pod (${sol.findings[0]?.message ?? 'no Pod'})`);
  const t = simFor(ex, sol.pod, seed);
  refTraceCache.set(key, t);
  return t;
}

/** True when the reference answer grades: its Pod, or a cluster exercise's objects, are valid. */
export function referenceIsValid(ex: Exercise): boolean {
  return isClusterExercise(ex) ? referenceObjects(ex).length > 0 : solutionOf(ex).pod !== undefined;
}

/** The reference answer's defaulted Pod. */
export function referencePod(ex: Exercise): Pod | undefined {
  return solutionOf(ex).pod;
}

/** The starter's defaulted Pod (undefined when the starter is not a valid Pod on purpose). */
export function starterPod(ex: Exercise): Pod | undefined {
  return starterOf(ex).pod;
}

/** Grades the learner's text. `file` is how the learner's file is named in messages. */
export function gradeText(ex: Exercise, text: string, file: string, opts: GradeOptions = {}): GradeResult {
  return gradeManifest(ex, checkManifest(text, file), opts);
}

/** Grades a file the manifest pipeline has already checked (its text is `mr.text`). */
function gradeManifest(ex: Exercise, mr: ManifestResult, opts: GradeOptions): GradeResult {
  // Cluster exercises keep their traces in memory only (the disk record holds one Pod's).
  if (isClusterExercise(ex)) return gradeCluster(ex, mr, opts);
  const cache = opts.cacheDir && BUILD_STAMP ? referenceCacheFile(opts.cacheDir, BUILD_STAMP, ex, opts.seed ?? ex.simulate?.seed ?? 1) : undefined;
  const primed = cache ? prime(ex, cache, opts.seed) : 'none';
  const result = gradeWith(ex, mr.text, mr.file, mr, opts);
  // Write a new record, or complete one made while the learner's file could not be simulated.
  if (cache && (primed === 'none' || (primed === 'no-trace' && refTraceCache.has(refKey(ex, opts.seed))))) {
    const starter = starterOf(ex);
    const solution = solutionOf(ex);
    const trace = refTraceCache.get(refKey(ex, opts.seed));
    const plain = (p: ParsedPod) => ({ text: p.text, findings: p.findings, ...(p.pod ? { pod: p.pod } : {}) });
    writeReference(cache, { starter: plain(starter), solution: plain(solution), ...(trace ? { trace } : {}) });
  }
  return result;
}

/** Fills the in-memory caches from a disk record: what the record held. */
function prime(ex: Exercise, file: string, seed?: number): 'none' | 'no-trace' | 'full' {
  const rec = readReference(file);
  if (!rec) return 'none';
  starterCache.set(ex.starterPath ?? `${ex.path}/${ex.file}`, rec.starter);
  solutionCache.set(ex.solutionPath, rec.solution);
  if (!rec.trace) return 'no-trace';
  refTraceCache.set(refKey(ex, seed), rec.trace);
  return 'full';
}

function gradeWith(ex: Exercise, text: string, file: string, mr: ManifestResult, opts: GradeOptions, readFinding?: Finding): GradeResult {
  if (isClusterExercise(ex)) return gradeCluster(ex, mr, opts, readFinding);
  const lang = opts.lang ?? 'en';
  const findings = readFinding ? [readFinding] : mr.findings;
  const checks: CheckResult[] = [];
  const doc = readFinding ? undefined : mr.documents.find((d) => d.pod !== undefined);
  let blocked = false;
  for (const stage of ['yaml', 'schema', 'api'] as const) {
    const c = stageCheck(stage, findings.filter((f) => stageOf(f) === stage), blocked, lang);
    checks.push(c);
    if (c.status === 'fail') blocked = true;
  }
  const hasErrors = findings.some((f) => f.severity === 'error');
  const pod = !hasErrors ? doc?.pod : undefined;
  const defs = ex.checks ?? { expect: [], preserve: [], behaviour: [] };
  const starter = starterOf(ex);
  const skipMsg = loc(hasErrors ? M.fixYamlFirst : M.noPod, lang);
  const skipped = (id: string, stage: CheckResult['stage'], title: string, points: number): CheckResult => ({ id, stage, title, status: 'skip', message: skipMsg, points });
  const excerptOf = linesOf(text);
  const at = (concrete: (string | number)[]) => {
    const p = doc ? locateNearest(doc, concrete) : undefined;
    if (!p) return { file };
    const excerpt = excerptOf(p.line);
    return { file, line: p.line, col: p.col, ...(excerpt !== undefined ? { excerpt } : {}) };
  };

  const notApplicable = new Set<string>();
  for (const e of defs.expect) {
    const title = loc(e.title, lang);
    if (!pod || !doc) {
      checks.push(skipped(e.id, 'expect', title, e.points));
      continue;
    }
    const r = resolvePath(pod, e.path);
    if (!r.found && e.optional === true && e.absent !== true) {
      // Nothing to check here (e.g. no exec command because the probe is missing): say so, not ✓.
      notApplicable.add(e.id);
      checks.push({ id: e.id, stage: 'expect', title, status: 'skip', message: loc(M.notApplicable(e.path), lang), ...at(r.concrete), points: e.points });
      continue;
    }
    const { ok, message } = expectOutcome(e, r, lang);
    checks.push({ id: e.id, stage: 'expect', title, status: ok ? 'pass' : 'fail', message: ok ? loc(M.ok, lang) : message, ...at(r.concrete), points: e.points });
  }

  for (const p of defs.preserve) {
    const title = loc(p.title, lang);
    if (!pod || !doc) {
      checks.push(skipped(p.id, 'preserve', title, p.points));
      continue;
    }
    const mine = resolvePath(pod, p.path);
    // A starter that is broken on purpose (a YAML exercise) has no Pod: the reference answer's stands in.
    const base = starter.pod ?? solutionOf(ex).pod;
    const theirs = base ? resolvePath(base, p.path) : { found: false as const, concrete: [] };
    const ok = mine.found === theirs.found && (!mine.found || (theirs.found && jsonEqual(mine.value, theirs.value)));
    checks.push({ id: p.id, stage: 'preserve', title, status: ok ? 'pass' : 'fail', message: ok ? loc(M.ok, lang) : loc(p.message, lang), ...at(mine.concrete), points: p.points });
  }

  let trace: Trace | undefined;
  let refTrace: Trace | undefined;
  let simError: string | undefined;
  if (pod) {
    try {
      refTrace = referenceTrace(ex, opts.seed);
      // The simulator is a pure function of (Pod, images, duration, seed): the reference answer's
      // own Pod (a learner who wrote exactly it, in any layout) has exactly the reference trace.
      const sol = solutionOf(ex).pod;
      trace = sol && jsonEqual(pod, sol) ? refTrace : learnerTrace(ex, pod, opts.seed);
    } catch (err) {
      // The simulator rejects nothing the API rules accept; if it does, that is a bug worth showing.
      simError = err instanceof Error ? err.message : String(err);
      trace = undefined;
    }
  }
  const traces = trace && refTrace ? { trace, refTrace } : undefined;
  checks.push(
    ...behaviourChecks(defs.behaviour, lang, {
      ...(traces ? { evaluate: (b) => evaluateBehaviour(b, traces.trace, traces.refTrace, lang) } : {}),
      ...(simError ? { simFailed: M.simFailed(simError) } : {}),
      skip: (id, title, points) => skipped(id, 'behaviour', title, points),
    }),
  );

  const { passed, score } = scoreOf(checks, notApplicable, hasErrors, ex.points);

  const toleranceMs = divergenceToleranceMs(defs.behaviour);
  const divergence = trace && refTrace ? describeDivergence(trace, refTrace, lang, { toleranceMs }) : undefined;
  const sol = solutionOf(ex);
  // The diffs are made when first read: a batch grade never reads them.
  let diffStarter: string | undefined;
  let diffReference: string | undefined;
  const result: GradeResult = {
    exerciseId: ex.id,
    file,
    passed,
    score: Math.max(0, score),
    maxScore: ex.points,
    findings,
    checks,
    get diffStarter() {
      return (diffStarter ??= textDiff(`starter/${ex.file}`, file, starter.text, text));
    },
    get diffReference() {
      return (diffReference ??= pod && sol.pod ? semanticDiff(pod, sol.pod, file) : '');
    },
    ...(trace ? { trace } : {}),
    ...(refTrace ? { referenceTrace: refTrace } : {}),
    ...(divergence ? { divergence } : {}),
  };
  return result;
}

/**
 * Compiles the exercise's `expect` fragments that the build did not precompile (ajv is imported
 * only then). Grading works without it, but then loads ajv synchronously when it meets one.
 */
export function prepareExercise(ex: Exercise): Promise<void> {
  return prepareFragments((ex.checks?.expect ?? []).map((e) => e.schema));
}

/** Reads and grades the learner's file; a missing, unreadable or binary file is a failing result. */
export function gradeFile(ex: Exercise, path: string, opts: GradeOptions = {}): GradeResult {
  const lang = opts.lang ?? 'en';
  const name = opts.displayName ?? path;
  let bytes: Buffer;
  try {
    const st = statSync(path);
    if (st.isDirectory()) return readFailure(ex, name, loc(M.readDir(name), lang), opts);
    // A regular file of a known small size is read in one go (a batch reads thousands); anything
    // else (a device, a pipe, a file over the limit) only up to the limit.
    bytes = st.isFile() && st.size <= MAX_MANIFEST_BYTES ? readFileSync(path) : readBounded(path, MAX_MANIFEST_BYTES + 1);
    if (bytes.length > MAX_MANIFEST_BYTES + 1) bytes = bytes.subarray(0, MAX_MANIFEST_BYTES + 1); // it grew meanwhile
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return readFailure(ex, name, code === 'ENOENT' ? loc(M.readMissing(name), lang) : loc(M.readFailed(name, code ?? String(err)), lang), opts);
  }
  // Too large, binary or not UTF-8 is a problem with the answer (the YAML check fails), as in `validate`.
  return gradeManifest(ex, checkManifestBytes(bytes, name), opts);
}

function readFailure(ex: Exercise, path: string, message: string, opts: GradeOptions): GradeResult {
  const f: Finding = { code: 'read/unreadable', stage: 'read', severity: 'error', message, file: path };
  return gradeWith(ex, '', path, { file: path, text: '', findings: [f], documents: [], ok: false }, opts, f);
}
