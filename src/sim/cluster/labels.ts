// Models k8s.io/apimachinery/pkg/labels (Selector.Matches, String) and metav1.LabelSelectorAsSelector /
// FormatLabelSelector (Kubernetes 1.33): how controllers pick their pods and how kubectl prints selectors.
import type { LabelSelector } from 'kubernetes-types/meta/v1.d.ts';

type Requirement = { key: string; op: 'in' | 'notin' | 'exists' | '!' | '='; values: string[] };

/** selectors are immutable data: each one is converted once */
const parsed = new WeakMap<LabelSelector, Requirement[]>();

/** LabelSelectorAsSelector: matchLabels become `=` requirements, sorted by key like labels.Selector keeps them. */
function requirements(sel: LabelSelector | undefined | null): Requirement[] {
  if (!sel) return [];
  let r = parsed.get(sel);
  if (!r) parsed.set(sel, (r = convert(sel)));
  return r;
}

function convert(sel: LabelSelector): Requirement[] {
  const out: Requirement[] = [];
  for (const [k, v] of Object.entries(sel?.matchLabels ?? {})) out.push({ key: k, op: '=', values: [v] });
  for (const e of sel?.matchExpressions ?? []) {
    const values = [...(e.values ?? [])].sort();
    switch (e.operator) {
      case 'In':
        out.push({ key: e.key, op: 'in', values });
        break;
      case 'NotIn':
        out.push({ key: e.key, op: 'notin', values });
        break;
      case 'Exists':
        out.push({ key: e.key, op: 'exists', values: [] });
        break;
      case 'DoesNotExist':
        out.push({ key: e.key, op: '!', values: [] });
        break;
      default:
        // validation rejects other operators; an unknown one selects nothing
        out.push({ key: e.key, op: 'in', values: [] });
    }
  }
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** A selector with no requirement selects everything (the Deployment controller refuses to act on one). */
export function isEmptySelector(sel: LabelSelector | undefined | null): boolean {
  return requirements(sel).length === 0;
}

export function selectorMatches(sel: LabelSelector | undefined | null, labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  for (const r of requirements(sel)) {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    switch (r.op) {
      case '=':
        if (!has || l[r.key] !== r.values[0]) return false;
        break;
      case 'in':
        if (!has || !r.values.includes(l[r.key]!)) return false;
        break;
      case 'notin':
        if (has && r.values.includes(l[r.key]!)) return false;
        break;
      case 'exists':
        if (!has) return false;
        break;
      case '!':
        if (has) return false;
        break;
    }
  }
  return true;
}

/** A Service's map selector (labels.SelectorFromSet): every pair must match. */
export function mapSelectorMatches(sel: Record<string, string>, labels: Record<string, string> | undefined): boolean {
  for (const [k, v] of Object.entries(sel)) if ((labels ?? {})[k] !== v) return false;
  return true;
}

/** labels.Selector.String(): `app=web,tier in (a,b)`; '' for no requirement. */
export function selectorString(sel: LabelSelector | undefined | null): string {
  return requirements(sel)
    .map((r) => {
      switch (r.op) {
        case '=':
          return `${r.key}=${r.values[0]}`;
        case 'in':
          return `${r.key} in (${r.values.join(',')})`;
        case 'notin':
          return `${r.key} notin (${r.values.join(',')})`;
        case 'exists':
          return r.key;
        case '!':
          return `!${r.key}`;
      }
    })
    .join(',');
}

/** metav1.FormatLabelSelector: the selector's string, `<none>` when empty. */
export function formatLabelSelector(sel: LabelSelector | undefined | null): string {
  return selectorString(sel) || '<none>';
}

/** labels.FormatLabels: `k=v` pairs sorted by key, `<none>` when empty. */
export function formatLabels(map: Record<string, string> | undefined | null): string {
  const keys = Object.keys(map ?? {}).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${map![k]}`).join(',');
}
