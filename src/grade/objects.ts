// The objects of a checked manifest file as the grader's cluster path uses them: each document's
// object as the API server would store it (defaults applied), with the findings that still count.
// This is the one place that knows how the manifest pipeline hands them over: `CheckedDocument.object`
// once the pipeline checks Deployments, Jobs and Services (branch manifest-workloads); until then a
// document refused only for its kind is taken as written after the few checks the cluster layer needs,
// and defaulted with applyObjectDefaults (as `kubedrill sim` does). Switch here, nowhere else.
import { applyObjectDefaults } from '../manifest/defaults.js';
import { API_VERSION, isKind, type Kind, type KubeObject } from '../manifest/kinds.js';
import type { CheckedDocument, Finding, ManifestResult } from '../manifest/types.js';

export interface FileObject {
  kind: Kind;
  name: string;
  /** the object as the API server would store it */
  object: KubeObject;
  /** its document (for positions) */
  doc: CheckedDocument;
}

export interface FileObjects {
  objects: FileObject[];
  /** the file's findings, without the "kind not supported yet" ones of the documents taken as written */
  findings: Finding[];
}

/** Why a document taken as written cannot run; kubectl-like field paths. */
const BRIDGE_TEXT = {
  noName: 'metadata.name: Required value: name or generateName is required',
  specMap: 'spec: Invalid value: must be a mapping',
  noContainers: 'spec.template.spec.containers: Required value',
  container: (i: number) => `spec.template.spec.containers[${i}]: Required value: each container needs a name and an image`,
  replicas: 'spec.replicas: Invalid value: must be a whole number from 0 to 1000',
} as const;

const KIND_UNSUPPORTED = 'kind/unsupported';
const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

const memo = new WeakMap<ManifestResult, FileObjects>();

export function fileObjects(mr: ManifestResult): FileObjects {
  const hit = memo.get(mr);
  if (hit) return hit;
  const objects: FileObject[] = [];
  const dropped = new Set<Finding>();
  const extra: Finding[] = [];
  for (const doc of mr.documents) {
    const own = mr.findings.filter((f) => f.severity === 'error' && (f.doc === undefined || f.doc === doc.index));
    const checked = (doc as CheckedDocument & { object?: KubeObject }).object ?? doc.pod;
    if (checked && own.length === 0) {
      if (isKind(checked.kind)) objects.push({ kind: checked.kind, name: checked.metadata?.name ?? '', object: checked, doc });
      continue;
    }
    if (own.length === 0 || !own.every((f) => f.code === KIND_UNSUPPORTED)) continue;
    const bridged = asWritten(doc);
    if (!bridged) continue;
    for (const f of own) dropped.add(f);
    if (typeof bridged === 'string') {
      const at = doc.locate([]) ?? undefined;
      extra.push({ code: 'schema/invalid', stage: 'schema', severity: 'error', message: bridged, file: mr.file, ...(mr.documents.length > 1 ? { doc: doc.index } : {}), ...(at ? { line: at.line, col: at.col } : {}) });
      continue;
    }
    objects.push({ kind: bridged.kind as Kind, name: bridged.metadata?.name ?? '', object: bridged, doc });
  }
  const findings = [...mr.findings.filter((f) => !dropped.has(f)), ...extra];
  const out = { objects, findings };
  memo.set(mr, out);
  return out;
}

/** A document of a kind the cluster runs, with the right apiVersion, defaulted; a string says why it cannot run. */
function asWritten(doc: CheckedDocument): KubeObject | string | undefined {
  const v = doc.value;
  if (!isObj(v) || !isKind(v.kind) || v.kind === 'Pod') return undefined;
  const kind = v.kind;
  if (v.apiVersion !== API_VERSION[kind]) return undefined;
  const meta = v.metadata;
  if (!isObj(meta) || typeof meta.name !== 'string' || meta.name === '') return BRIDGE_TEXT.noName;
  const spec = v.spec;
  if (spec !== undefined && !isObj(spec)) return BRIDGE_TEXT.specMap;
  if (kind !== 'Service') {
    const tmpl = isObj(spec) ? spec.template : undefined;
    const pspec = isObj(tmpl) ? tmpl.spec : undefined;
    const containers = isObj(pspec) ? pspec.containers : undefined;
    if (!Array.isArray(containers) || containers.length === 0) return BRIDGE_TEXT.noContainers;
    for (let i = 0; i < containers.length; i++) {
      const c = containers[i];
      if (!isObj(c) || typeof c.name !== 'string' || typeof c.image !== 'string') return BRIDGE_TEXT.container(i);
    }
    if (isObj(spec) && spec.replicas !== undefined && (typeof spec.replicas !== 'number' || !Number.isInteger(spec.replicas) || spec.replicas < 0 || spec.replicas > 1000))
      return BRIDGE_TEXT.replicas;
  }
  return applyObjectDefaults(structuredClone(v) as unknown as KubeObject);
}

/** `Deployment/web` → the object of that kind and name; undefined: the file's only object, or its only Pod. */
export function pickObject(objects: readonly FileObject[], ref: string | undefined): FileObject | undefined {
  if (ref !== undefined) {
    const slash = ref.indexOf('/');
    const kind = ref.slice(0, slash);
    const name = ref.slice(slash + 1);
    return objects.find((o) => o.kind === kind && o.name === name);
  }
  if (objects.length === 1) return objects[0];
  const pods = objects.filter((o) => o.kind === 'Pod');
  return pods.length === 1 ? pods[0] : undefined;
}
