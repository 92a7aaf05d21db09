import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { findExercise, loadPack } from '../../src/exercises/pack.js';
import { generateMutants } from '../../src/grade/mutants.js';

const loaded = loadPack('test/fixtures/packs/mini');
if (!loaded.ok) throw new Error('mini');
const ex = findExercise(loaded.pack, 'pass')!;
const solution = parse(readFileSync(ex.solutionPath, 'utf8')) as Record<string, unknown>;

test('mutants of a solution: numbers moved by one, probe removed or renamed, target changed, timing removed', () => {
  const d = generateMutants(ex, solution).map((m) => m.description);
  for (const want of [
    'spec.containers[0].livenessProbe.periodSeconds: 5 → 4',
    'spec.containers[0].livenessProbe.periodSeconds: 5 → 6',
    'spec.containers[0].livenessProbe.initialDelaySeconds removed',
    'spec.containers[0].livenessProbe removed',
    'app: livenessProbe renamed to readinessProbe',
    'app: livenessProbe.exec.command[1] "/tmp/alive" → "/tmp/alive-x"',
    'container app renamed to app-x',
  ]) assert.ok(d.includes(want), `${want} in\n${d.join('\n')}`);
  assert.equal(new Set(d).size, d.length, 'descriptions are unique');
  const keys = generateMutants(ex, solution).map((m) => JSON.stringify(m.value));
  assert.equal(new Set(keys).size, keys.length, 'each mutant differs from the others');
  assert.ok(!keys.includes(JSON.stringify(solution)), 'no mutant equals the solution');
});

test('mutants never modify the solution they start from', () => {
  const before = JSON.stringify(solution);
  generateMutants(ex, solution);
  assert.equal(JSON.stringify(solution), before);
});

test('a probe moves to the other container when there are several', () => {
  const two = structuredClone(solution) as { spec: { containers: Record<string, unknown>[] } };
  two.spec.containers.push({ name: 'side', image: 'busybox' });
  const m = generateMutants(ex, two as unknown as Record<string, unknown>).find((x) => x.description === 'livenessProbe moved from app to side');
  assert.ok(m);
  const cs = (m.value as typeof two).spec.containers;
  assert.equal(cs[0]!.livenessProbe, undefined);
  assert.ok(cs[1]!.livenessProbe);
});
