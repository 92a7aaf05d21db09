// `kubedrill dev check`: the pack's metadata is valid, every starter FAILS, every solution PASSES,
// and no near-miss mutant of a solution passes (a "grader hole").
import { readFileSync } from 'node:fs';
import { stringify } from '../../generated/yaml.js';
import { loadPack } from '../exercises/pack.js';
import type { Exercise } from '../exercises/types.js';
import { applyPodDefaults, checkManifest } from '../manifest/index.js';
import { applyObjectDefaults } from '../manifest/defaults.js';
import type { KubeObject } from '../manifest/kinds.js';
import type { Finding, Pod } from '../manifest/types.js';
import { isClusterExercise, referenceObjects } from './cluster.js';
import { jsonEqual } from './fragment.js';
import { gradeText } from './index.js';
import { generateFileMutants, generateMutants } from './mutants.js';
import type { GradeResult } from './types.js';

export interface MutantOutcome {
  description: string;
  /** 'caught': some check failed; 'hole': every check passed; 'same': defaulted Pod equals the reference's */
  outcome: 'caught' | 'hole' | 'same';
  /** ids of the checks that failed (for caught mutants) */
  failedChecks: string[];
}

export interface ExerciseReport {
  id: string;
  dir: string;
  /** the starter fails, as it must */
  starterFails: boolean;
  /** the reference answer passes, as it must */
  solutionPasses: boolean;
  /** the reference answer's failing checks and findings, when it does not pass */
  solutionProblems: string[];
  mutants: MutantOutcome[];
  ok: boolean;
}

export interface DevCheckReport {
  packDir: string;
  ok: boolean;
  /** broken metadata: the pack could not be loaded */
  findings: Finding[];
  exercises: ExerciseReport[];
  holes: number;
}

const failedIds = (r: GradeResult) => r.checks.filter((c) => c.status !== 'pass').map((c) => c.id);

export function checkExercise(ex: Exercise): ExerciseReport {
  const starterText = safeRead(ex.starterPath ?? `${ex.path}/${ex.file}`);
  const solutionText = safeRead(ex.solutionPath);
  const starter = gradeText(ex, starterText, `starter ${ex.dir}/${ex.file}`);
  const solution = gradeText(ex, solutionText, `solution ${ex.dir}/${ex.file}`);
  const solutionProblems = solution.passed
    ? []
    : [
        ...solution.findings.filter((f) => f.severity === 'error').map((f) => `${f.line ? `${f.line}:${f.col} ` : ''}${f.message}`),
        ...solution.checks.filter((c) => c.status === 'fail').map((c) => `${c.id}: ${c.message}`),
      ];
  const mutants: MutantOutcome[] = [];
  if (solution.passed && isClusterExercise(ex)) mutants.push(...fileMutantOutcomes(ex, solutionText));
  else if (solution.passed) {
    const doc = checkManifest(solutionText, ex.solutionPath).documents.find((d) => d.pod);
    const raw = doc?.value as Record<string, unknown> | undefined;
    const refPod = doc?.pod;
    if (raw && refPod) {
      for (const m of generateMutants(ex, raw)) {
        if (jsonEqual(applyPodDefaults(m.value as Pod), refPod)) {
          mutants.push({ description: m.description, outcome: 'same', failedChecks: [] });
          continue;
        }
        const r = gradeText(ex, stringify(m.value), `mutant ${ex.dir}/${ex.file}`);
        const failed = failedIds(r);
        mutants.push({ description: m.description, outcome: r.passed ? 'hole' : 'caught', failedChecks: failed });
      }
    }
  }
  const starterFails = !starter.passed;
  return {
    id: ex.id,
    dir: ex.dir,
    starterFails,
    solutionPasses: solution.passed,
    solutionProblems,
    mutants,
    ok: starterFails && solution.passed && mutants.every((m) => m.outcome !== 'hole'),
  };
}

/**
 * The mutants of a workload (or several-object) reference answer, graded as whole files. A mutant whose
 * defaulted objects all equal the reference's is the same answer.
 */
function fileMutantOutcomes(ex: Exercise, solutionText: string): MutantOutcome[] {
  const docs = checkManifest(solutionText, ex.solutionPath).documents.map((d) => d.value);
  if (!docs.every((d): d is Record<string, unknown> => d !== null && typeof d === 'object' && !Array.isArray(d))) return [];
  const reference = referenceObjects(ex).map((o) => o.object);
  const defaulted = (ds: Record<string, unknown>[]) => ds.map((d) => applyObjectDefaults(structuredClone(d) as unknown as KubeObject));
  return generateFileMutants(ex, docs).map((m) => {
    if (jsonEqual(defaulted(m.docs), reference)) return { description: m.description, outcome: 'same', failedChecks: [] };
    const r = gradeText(ex, m.docs.map((d) => stringify(d)).join('---\n'), `mutant ${ex.dir}/${ex.file}`);
    return { description: m.description, outcome: r.passed ? 'hole' : 'caught', failedChecks: failedIds(r) };
  });
}

function safeRead(p: string): string {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return '';
  }
}

export function devCheck(dir?: string): DevCheckReport {
  const loaded = loadPack(dir);
  if (!loaded.ok) return { packDir: dir ?? '', ok: false, findings: loaded.findings, exercises: [], holes: 0 };
  const exercises = loaded.pack.exercises.map(checkExercise);
  const holes = exercises.reduce((n, e) => n + e.mutants.filter((m) => m.outcome === 'hole').length, 0);
  return { packDir: loaded.pack.dir, ok: exercises.every((e) => e.ok), findings: [], exercises, holes };
}
