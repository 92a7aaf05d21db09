// Diffs of the learner's file: against the starter (what they changed, as written) and against the
// reference (semantic: both Pods defaulted, keys sorted, server-side noise dropped).
import { createTwoFilesPatch } from 'diff/lib/patch/create.js';
import { stringify } from 'yaml';
import type { Pod } from '../manifest/types.js';

export function textDiff(oldName: string, newName: string, oldText: string, newText: string): string {
  if (oldText === newText) return '';
  return createTwoFilesPatch(oldName, newName, oldText, newText, '', '', { context: 3 });
}

const NOISE = new Set(['status', 'managedFields', 'creationTimestamp', 'resourceVersion', 'uid', 'generation', 'selfLink']);

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (typeof v !== 'object' || v === null) return v;
  const o = v as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o).sort()) if (!NOISE.has(k) && o[k] !== undefined) out[k] = sortKeys(o[k]);
  return out;
}

/** Canonical YAML of a defaulted Pod: sorted keys, no status or managed fields. */
export function canonicalPodYaml(pod: Pod): string {
  return stringify(sortKeys(pod), { lineWidth: 0 });
}

export function semanticDiff(learner: Pod, reference: Pod, learnerName: string): string {
  return textDiff('reference (defaulted)', `${learnerName} (defaulted)`, canonicalPodYaml(reference), canonicalPodYaml(learner));
}

/** "+3 −1 lines" summary of a unified diff. */
export function diffStat(patch: string): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const line of patch.split('\n')) {
    if (line.startsWith('+++') || line.startsWith('---')) continue;
    if (line.startsWith('+')) added++;
    else if (line.startsWith('-')) removed++;
  }
  return { added, removed };
}
