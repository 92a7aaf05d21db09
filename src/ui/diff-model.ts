// Unified diffs and the reference answer as coloured rows.
import type { Row } from './row-model.js';

export function diffRows(diff: string): Row[] {
  const lines = diff.replace(/\n$/, '').split('\n');
  return lines.map((l): Row => {
    if (l.startsWith('+++') || l.startsWith('---')) return { spans: [{ text: l, bold: true }] };
    if (l.startsWith('@@')) return { spans: [{ text: l, tone: 'hunk' }] };
    if (l.startsWith('+')) return { spans: [{ text: l, tone: 'add' }] };
    if (l.startsWith('-')) return { spans: [{ text: l, tone: 'del' }] };
    if (l.startsWith('\\')) return { spans: [{ text: l, tone: 'muted' }] };
    return { spans: [{ text: l }] };
  });
}

export function sourceRows(text: string): Row[] {
  const lines = text.replace(/\n$/, '').split('\n');
  const w = String(lines.length).length;
  return lines.map((l, i) => ({
    spans: [
      { text: `${String(i + 1).padStart(w)} │ `, tone: 'muted' },
      { text: l.replace(/\t/g, '  '), tone: 'code' },
    ],
  }));
}
