// The grader's cluster path, for exercises whose answer holds a Deployment, Job, Service or several
// objects (or whose run applies more than the answer): field checks on the named object, then the
// exercise's apply steps run on the cluster layer (learner and reference, same seed), then the
// behaviour checks over both cluster traces. A file holding exactly one Pod never comes here.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Exercise, Lang } from '../exercises/types.js';
import type { Finding, ManifestResult } from '../manifest/types.js';
import { checkManifest } from '../manifest/index.js';
import type { KubeObject } from '../manifest/kinds.js';
import { simulateCluster } from '../sim/cluster/index.js';
import type { ClusterTrace } from '../sim/cluster/types.js';
import { createRuntime, type ImageSpec } from '../sim/runtime/index.js';
import { evaluateClusterBehaviour } from './cluster-behaviour.js';
import { describeClusterDivergence } from './cluster-divergence.js';
import { behaviourChecks, divergenceToleranceMs, expectOutcome, linesOf, locateNearest, scoreOf, stageCheck, stageOf, withValue } from './common.js';
import { canonicalPodYaml, textDiff } from './diff.js';
import { jsonEqual } from './fragment.js';
import { loc, M, MC, STAGE_TITLE_OBJECTS } from './messages.js';
import { fileObjects, pickObject, type FileObject } from './objects.js';
import { resolvePath } from './paths.js';
import type { CheckResult, GradeResult } from './types.js';

const DEFAULT_FOR_MS = 180_000;

interface ParsedFile {
  text: string;
  findings: Finding[];
  objects: FileObject[];
  /** how many YAML documents the file has (a file of one Pod alone takes the Pod path) */
  documents: number;
}

const parsedFiles = new Map<string, ParsedFile>();
const refTraces = new Map<string, ClusterTrace>();
/** Traces of learners' answers, keyed by exercise, seed and the defaulted objects (as the Pod path keys Pods). */
const learnerTraces = new Map<string, ClusterTrace>();
const LEARNER_TRACES_KEPT = 64;

function parseFile(file: string): ParsedFile {
  const hit = parsedFiles.get(file);
  if (hit) return hit;
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    // A loaded pack has checked that these files exist; a vanished file grades as empty.
  }
  const mr = checkManifest(text, file);
  const fo = fileObjects(mr);
  const parsed: ParsedFile = { text, findings: fo.findings, objects: fo.objects, documents: mr.documents.length };
  parsedFiles.set(file, parsed);
  return parsed;
}

const starterPathOf = (ex: Exercise) => ex.starterPath ?? path.join(ex.path, ex.file);

/**
 * True when the exercise runs on the cluster layer: its run applies more than the answer, or its
 * reference answer is not exactly one Pod. Every Pod exercise keeps the Pod path, unchanged.
 */
export function isClusterExercise(ex: Exercise): boolean {
  if (ex.simulate?.steps !== undefined) return true;
  const sol = parseFile(ex.solutionPath);
  return !(sol.documents === 1 && sol.objects.length === 1 && sol.objects[0]!.kind === 'Pod');
}

/** The reference answer's objects (defaulted); empty when it has errors. */
export function referenceObjects(ex: Exercise): FileObject[] {
  const sol = parseFile(ex.solutionPath);
  return sol.findings.some((f) => f.severity === 'error') ? [] : sol.objects;
}

export function starterObjects(ex: Exercise): FileObject[] {
  const st = parseFile(starterPathOf(ex));
  return st.findings.some((f) => f.severity === 'error') ? [] : st.objects;
}

/** When the learner's answer is applied (ms since the first apply). */
export function answerAtMs(ex: Exercise): number {
  return ex.simulate?.steps?.find((s) => s.file === ex.file)?.atMs ?? 0;
}

/** The file each apply step names, as a transcript shows it (`kubectl apply -f FILE`). */
export function stepFiles(ex: Exercise, answerName: string): string[] {
  const steps = ex.simulate?.steps ?? [{ atMs: 0, file: ex.file }];
  return steps.map((s) => (s.file === ex.file ? answerName : s.file));
}

/** The run: the exercise's steps with the learner's objects in the answer's place. */
function runCluster(ex: Exercise, answer: KubeObject[], seed: number | undefined): ClusterTrace {
  const steps = (ex.simulate?.steps ?? [{ atMs: 0, file: ex.file }]).map((s) => {
    if (s.file === ex.file) return { atMs: s.atMs, objects: answer };
    const p = parseFile(path.join(ex.path, s.file));
    const errs = p.findings.filter((f) => f.severity === 'error');
    if (errs.length > 0) throw new Error(MC.packFile(s.file, errs[0]!.message));
    return { atMs: s.atMs, objects: p.objects.map((o) => o.object) };
  });
  const runtime = createRuntime({ images: (ex.images ?? []) as ImageSpec[] });
  return simulateCluster({ steps }, { untilMs: ex.simulate?.forMs ?? DEFAULT_FOR_MS, seed: seed ?? ex.simulate?.seed ?? 1, runtime });
}

const refKey = (ex: Exercise, seed?: number) => `${ex.solutionPath}\0${seed ?? ex.simulate?.seed ?? 1}`;

export function referenceClusterTrace(ex: Exercise, seed?: number): ClusterTrace {
  const key = refKey(ex, seed);
  const hit = refTraces.get(key);
  if (hit) return hit;
  const objs = referenceObjects(ex);
  if (objs.length === 0) throw new Error(`the reference answer of ${ex.id} has no valid objects (${parseFile(ex.solutionPath).findings[0]?.message ?? 'empty'})`);
  const t = runCluster(ex, objs.map((o) => o.object), seed);
  refTraces.set(key, t);
  return t;
}

function learnerClusterTrace(ex: Exercise, answer: KubeObject[], seed?: number): ClusterTrace {
  const ref = referenceObjects(ex).map((o) => o.object);
  if (ref.length === answer.length && jsonEqual(ref, answer)) return referenceClusterTrace(ex, seed);
  const key = `${ex.path}\0${seed ?? ex.simulate?.seed ?? 1}\0${JSON.stringify(answer)}`;
  const hit = learnerTraces.get(key);
  if (hit) {
    learnerTraces.delete(key);
    learnerTraces.set(key, hit);
    return hit;
  }
  const t = runCluster(ex, answer, seed);
  learnerTraces.set(key, t);
  if (learnerTraces.size > LEARNER_TRACES_KEPT) learnerTraces.delete(learnerTraces.keys().next().value!);
  return t;
}

/** Learner vs reference objects, each defaulted with sorted keys, in the files' order. */
function objectsDiff(mine: FileObject[], ref: FileObject[], file: string): string {
  const yaml = (os: FileObject[]) => os.map((o) => canonicalPodYaml(o.object as Parameters<typeof canonicalPodYaml>[0])).join('---\n');
  return textDiff('reference (defaulted)', `${file} (defaulted)`, yaml(ref), yaml(mine));
}

export interface ClusterGradeOptions {
  lang?: Lang;
  seed?: number;
}

/** Grades a cluster exercise's answer (the manifest pipeline has checked it; `readFinding`: it could not be read). */
export function gradeCluster(ex: Exercise, mr: ManifestResult, opts: ClusterGradeOptions, readFinding?: Finding): GradeResult {
  const lang = opts.lang ?? 'en';
  const { text, file } = mr;
  const fo = readFinding ? { objects: [] as FileObject[], findings: [readFinding] } : fileObjects(mr);
  const findings = fo.findings;
  const checks: CheckResult[] = [];
  let blocked = false;
  for (const stage of ['yaml', 'schema', 'api'] as const) {
    const c = stageCheck(stage, findings.filter((f) => stageOf(f) === stage), blocked, lang, STAGE_TITLE_OBJECTS);
    checks.push(c);
    if (c.status === 'fail') blocked = true;
  }
  const hasErrors = findings.some((f) => f.severity === 'error');
  const objects = hasErrors ? [] : fo.objects;
  const defs = ex.checks ?? { expect: [], preserve: [], behaviour: [] };
  const skipMsg = loc(hasErrors ? M.fixYamlFirst : MC.noObjects, lang);
  const skipped = (id: string, stage: CheckResult['stage'], title: string, points: number): CheckResult => ({ id, stage, title, status: 'skip', message: skipMsg, points });
  const excerptOf = linesOf(text);
  const at = (o: FileObject | undefined, concrete: (string | number)[]) => {
    const p = o ? locateNearest(o.doc, concrete) : undefined;
    if (!p) return { file };
    const excerpt = excerptOf(p.line);
    return { file, line: p.line, col: p.col, ...(excerpt !== undefined ? { excerpt } : {}) };
  };
  const refText = (o: FileObject) => `${o.kind}/${o.name}`;
  /** the object a field check looks at, or the failed check saying why there is none */
  const target = (ref: string | undefined): FileObject | string => {
    const o = pickObject(objects, ref);
    if (o) return o;
    return ref !== undefined ? loc(MC.noObject(ref), lang) : loc(MC.whichObject(objects.map(refText)), lang);
  };

  const notApplicable = new Set<string>();
  for (const e of defs.expect) {
    const title = loc(e.title, lang);
    if (objects.length === 0) {
      checks.push(skipped(e.id, 'expect', title, e.points));
      continue;
    }
    const o = target(e.object);
    if (typeof o === 'string') {
      checks.push({ id: e.id, stage: 'expect', title, status: 'fail', message: e.object ? `${withValue(loc(e.message, lang), { found: false }, lang)} (${o})` : o, file, points: e.points });
      continue;
    }
    const r = resolvePath(o.object, e.path);
    if (!r.found && e.optional === true && e.absent !== true) {
      notApplicable.add(e.id);
      checks.push({ id: e.id, stage: 'expect', title, status: 'skip', message: loc(MC.notApplicable(refText(o), e.path), lang), ...at(o, r.concrete), points: e.points });
      continue;
    }
    const { ok, message } = expectOutcome(e, r, lang);
    checks.push({ id: e.id, stage: 'expect', title, status: ok ? 'pass' : 'fail', message: ok ? loc(M.ok, lang) : message, ...at(o, r.concrete), points: e.points });
  }

  for (const p of defs.preserve) {
    const title = loc(p.title, lang);
    if (objects.length === 0) {
      checks.push(skipped(p.id, 'preserve', title, p.points));
      continue;
    }
    const o = target(p.object);
    if (typeof o === 'string') {
      checks.push({ id: p.id, stage: 'preserve', title, status: 'fail', message: `${loc(p.message, lang)} (${o})`, file, points: p.points });
      continue;
    }
    const mine = resolvePath(o.object, p.path);
    // A starter that is broken on purpose has no objects: the reference answer's stand in.
    const baseObjects = starterObjects(ex).length > 0 ? starterObjects(ex) : referenceObjects(ex);
    const base = pickObject(baseObjects, p.object ?? refText(o));
    const theirs = base ? resolvePath(base.object, p.path) : { found: false as const, concrete: [] };
    const ok = mine.found === theirs.found && (!mine.found || (theirs.found && jsonEqual(mine.value, theirs.value)));
    checks.push({ id: p.id, stage: 'preserve', title, status: ok ? 'pass' : 'fail', message: ok ? loc(M.ok, lang) : loc(p.message, lang), ...at(o, mine.concrete), points: p.points });
  }

  let trace: ClusterTrace | undefined;
  let refTrace: ClusterTrace | undefined;
  let simError: string | undefined;
  if (objects.length > 0) {
    try {
      refTrace = referenceClusterTrace(ex, opts.seed);
      trace = learnerClusterTrace(ex, objects.map((o) => o.object), opts.seed);
    } catch (err) {
      // The cluster layer refuses nothing the checks above accept; if it does, that is a bug worth showing.
      simError = err instanceof Error ? err.message : String(err);
      trace = undefined;
    }
  }
  const ctx = { lang, answerAtMs: answerAtMs(ex) };
  const traces = trace && refTrace ? { trace, refTrace } : undefined;
  checks.push(
    ...behaviourChecks(defs.behaviour, lang, {
      ...(traces ? { evaluate: (b) => evaluateClusterBehaviour(b, traces.trace, traces.refTrace, ctx) } : {}),
      ...(simError ? { simFailed: MC.simFailed(simError) } : {}),
      skip: (id, title, points) => skipped(id, 'behaviour', title, points),
    }),
  );

  const { passed, score } = scoreOf(checks, notApplicable, hasErrors, ex.points);

  const toleranceMs = divergenceToleranceMs(defs.behaviour);
  const divergence = trace && refTrace ? describeClusterDivergence(trace, refTrace, lang, { toleranceMs }) : undefined;
  const starter = parseFile(starterPathOf(ex));
  const ref = referenceObjects(ex);
  let diffStarter: string | undefined;
  let diffReference: string | undefined;
  const files = stepFiles(ex, file);
  return {
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
      return (diffReference ??= objects.length > 0 && ref.length > 0 ? objectsDiff(objects, ref, file) : '');
    },
    ...(trace || refTrace ? { cluster: { ...(trace ? { trace } : {}), ...(refTrace ? { referenceTrace: refTrace } : {}), files, answerAtMs: ctx.answerAtMs } } : {}),
    ...(divergence ? { divergence } : {}),
  };
}
