// `kubedrill dev check [DIR]` and `kubedrill dev new ID`: tools for instructors who write exercise packs.
import { badLang, packDirFrom, parseOptions } from '../exercises/context.js';
import { devCheck, type DevCheckReport } from '../grade/dev-check.js';
import { scaffoldExercise } from '../grade/scaffold.js';
import { formatFindings, findingsToJson } from '../report/findings.js';
import path from 'node:path';
import { EXIT, type Io } from './io.js';

export const HELP = `Usage:
  kubedrill dev check [DIR] [--json]      check an exercise pack (default: the built-in pack)
  kubedrill dev new ID [--exercises DIR]  scaffold exercise NN-ID with a starter and a solution

dev check verifies that every exercise.yaml is valid, every starter FAILS, every solution
PASSES, and that near-miss mutants of each solution (a field moved by one, a probe removed,
renamed or moved, the probe's target changed) each fail at least one check. A mutant that
passes is a "grader hole": add or tighten a check. Exit 0 only when all of that holds.
See docs/exercise-format.md.
`;

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
  exercises: { type: 'string' },
  lang: { type: 'string' },
  verbose: { type: 'boolean', short: 'v' },
} as const;

export async function run(args: string[], io: Io): Promise<number> {
  const p = parseOptions(args, OPTIONS);
  const usage = (msg: string) => {
    io.stderr.write(`kubedrill dev: ${msg}\n\n${HELP}`);
    return EXIT.usage;
  };
  if (typeof p === 'string') return usage(p);
  if (p.values.help) {
    io.stdout.write(HELP);
    return EXIT.ok;
  }
  if (badLang(p.values.lang)) return usage(`unknown language "${p.values.lang}" (en or ko)`);
  const [sub, ...rest] = p.positionals;
  if (sub === 'check') {
    if (rest.length > 1) return usage(`unexpected argument "${rest[1]}"`);
    const dir = packDirFrom(rest[0] ?? p.values.exercises, io);
    const report = devCheck(dir);
    if (report.findings.length > 0) {
      if (p.values.json) io.stdout.write(JSON.stringify({ ok: false, packDir: dir, findings: JSON.parse(findingsToJson(report.findings)) }, null, 2) + '\n');
      else io.stderr.write(formatFindings(report.findings, { color: false }));
      return EXIT.usage;
    }
    if (p.values.json) io.stdout.write(JSON.stringify(report, null, 2) + '\n');
    else io.stdout.write(formatDevCheck(report, p.values.verbose === true));
    return report.ok ? EXIT.ok : EXIT.failed;
  }
  if (sub === 'new') {
    if (rest.length !== 1) return usage(rest.length === 0 ? 'give the new exercise an ID (e.g. dev new readiness-gate)' : `unexpected argument "${rest[1]}"`);
    const dir = packDirFrom(p.values.exercises, io);
    const r = scaffoldExercise(dir, rest[0]!);
    if (!r.ok) {
      io.stderr.write(`kubedrill dev new: ${r.message}\n`);
      return EXIT.usage;
    }
    const rel = (f: string) => {
      const x = path.relative(io.cwd, f);
      return x.startsWith('..') ? f : x;
    };
    if (p.values.json) io.stdout.write(JSON.stringify({ folder: r.folder, files: r.files }, null, 2) + '\n');
    else {
      io.stdout.write(`Created exercise ${r.folder}:\n${r.files.map((f) => `  ${rel(f)}\n`).join('')}`);
      io.stdout.write(`Edit the task, checks and files, then run: kubedrill dev check ${rel(dir)}\n`);
    }
    return EXIT.ok;
  }
  return usage(sub === undefined ? 'which tool? check or new' : `unknown tool "${sub}" (check or new)`);
}

export function formatDevCheck(report: DevCheckReport, verbose = false): string {
  const out: string[] = [`Checking ${report.packDir}`, ''];
  for (const e of report.exercises) {
    const caught = e.mutants.filter((m) => m.outcome === 'caught').length;
    const same = e.mutants.filter((m) => m.outcome === 'same').length;
    const holes = e.mutants.filter((m) => m.outcome === 'hole');
    out.push(`${e.ok ? '✓' : '✗'} ${e.dir}`);
    out.push(`    starter ${e.starterFails ? 'fails (as it must)' : 'PASSES — it must fail: the checks accept the unchanged starter'}`);
    if (e.solutionPasses) out.push('    solution passes');
    else {
      out.push('    solution FAILS — it must pass:');
      for (const s of e.solutionProblems) out.push(`      ${s}`);
    }
    if (e.solutionPasses) {
      out.push(`    mutants: ${e.mutants.length} (${caught} caught, ${same} same as the reference, ${holes.length} grader holes)`);
      for (const h of holes) out.push(`      grader hole: ${h.description} — passes every check`);
      if (verbose) for (const m of e.mutants.filter((x) => x.outcome === 'caught')) out.push(`      caught: ${m.description} — fails ${m.failedChecks.join(', ')}`);
    }
  }
  const bad = report.exercises.filter((e) => !e.ok).length;
  out.push('');
  out.push(
    report.ok
      ? `OK: ${report.exercises.length} exercises, every starter fails, every solution passes, 0 grader holes`
      : `FAILED: ${bad} of ${report.exercises.length} exercises have problems (${report.holes} grader holes)`,
  );
  return out.join('\n') + '\n';
}
