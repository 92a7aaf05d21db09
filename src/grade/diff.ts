// Diffs of the learner's file: against the starter (what they changed, as written) and against the
// reference (semantic: both Pods defaulted, keys sorted, server-side noise dropped).
// diff's createTwoFilesPatch bundled into one file at build time (generated/diff.js)
import { createTwoFilesPatch } from '../../generated/diff.js';
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

/** A YAML scalar: plain when it reads back as the same string, JSON-quoted otherwise. */
function scalar(v: unknown): string {
  if (typeof v !== 'string') return JSON.stringify(v) ?? 'null';
  const plain =
    v !== '' &&
    !/^[\s\-?:,[\]{}#&*!|>'"%@`~]|[\s:]$|: | #|[\n\t]/.test(v) &&
    !/^(true|false|yes|no|on|off|null|~|[-+]?(\.?[0-9][0-9_.eE+-]*|0x[0-9a-fA-F]+|\.inf|\.nan))$/i.test(v);
  return plain ? v : JSON.stringify(v);
}

/** Block-style YAML of a JSON value (a small emitter: the diff needs stable text, not round-trips). */
function emit(v: unknown, indent: string, out: string[]): void {
  if (Array.isArray(v)) {
    for (const item of v) {
      if (item !== null && typeof item === 'object' && Object.keys(item).length > 0) {
        const sub: string[] = [];
        emit(item, indent + '  ', sub);
        out.push(`${indent}- ${sub[0]!.slice(indent.length + 2)}`, ...sub.slice(1));
      } else out.push(`${indent}- ${inline(item)}`);
    }
    return;
  }
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (x !== null && typeof x === 'object' && Object.keys(x).length > 0) {
      out.push(`${indent}${scalar(k)}:`);
      emit(x, Array.isArray(x) ? indent : indent + '  ', out);
    } else out.push(`${indent}${scalar(k)}: ${inline(x)}`);
  }
}

const inline = (v: unknown): string => (Array.isArray(v) ? '[]' : v !== null && typeof v === 'object' ? '{}' : scalar(v));

/** Canonical YAML of a defaulted Pod: sorted keys, no status or managed fields. */
export function canonicalPodYaml(pod: Pod): string {
  const out: string[] = [];
  emit(sortKeys(pod), '', out);
  return out.join('\n') + '\n';
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
