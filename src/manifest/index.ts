// The manifest pipeline every command reuses: file -> YAML documents -> kind (Pod, Deployment,
// ReplicaSet, Job, Service) -> strict schema -> API server rules -> defaults, for every document of
// a file. Kubernetes 1.30 schemas (kubernetes-types 1.30.0), validation rules and texts as of
// Kubernetes 1.33 (k/k pkg/apis/core, apps and batch validation, pkg/api/pod/warnings.go).
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { MAX_DOCUMENTS, MAX_MANIFEST_BYTES, MSG, describeDocument } from './messages.js';
import { parseText, type LocatedDocument } from './locate.js';
import { checkSchema, dropNulls, type SchemaProblem } from './schema.js';
import { validateObjectRules } from './object-rules.js';
import { applyObjectDefaults } from './defaults.js';
import { API_VERSION, KINDS, OTHER_BUILTIN_KINDS, isKind, type Kind, type KubeObject } from './kinds.js';
import { formatPath, type FieldPath } from './path.js';
import { closestMatch } from './did-you-mean.js';
import type { CheckedDocument, Finding, FindingStage, ManifestResult, Pod, Position } from './types.js';

export { applyObjectDefaults, applyPodDefaults, defaultPullPolicy } from './defaults.js';
export { validateObjectRules } from './object-rules.js';
export { API_VERSION, KINDS, isKind, type Kind, type KubeObject } from './kinds.js';
export { formatPath } from './path.js';
export { validatePodRules, type RuleViolation } from './rules.js';
export { MAX_DOCUMENTS, MAX_MANIFEST_BYTES } from './messages.js';

/** True when a file could not be read at all (missing, directory, permissions): exit code 2. */
export function isReadFailure(result: ManifestResult): boolean {
  return result.findings.some((f) => f.stage === 'read');
}

/** Reads and checks one file. Never throws for anything the user can cause. */
export function readManifestFile(path: string, displayName: string = path): ManifestResult {
  const fail = (code: string, stage: FindingStage, message: string): ManifestResult => ({
    file: displayName,
    text: '',
    findings: [{ code, stage, severity: 'error', message, file: displayName }],
    documents: [],
    ok: false,
  });
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) return fail('read/is-directory', 'read', MSG.isDirectory(displayName));
    size = st.size;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return fail('read/not-found', 'read', MSG.notFound(displayName));
    return fail('read/unreadable', 'read', MSG.unreadable(displayName, describeErrno(err)));
  }
  // Too large is a problem with the content, not with reading it: exit 1, and never read 10 MB.
  if (size > MAX_MANIFEST_BYTES) return fail('input/too-large', 'yaml', MSG.tooLarge(size));
  let bytes: Buffer;
  try {
    bytes = readBounded(path, MAX_MANIFEST_BYTES + 1);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') return fail('read/is-directory', 'read', MSG.isDirectory(displayName));
    return fail('read/unreadable', 'read', MSG.unreadable(displayName, describeErrno(err)));
  }
  return checkManifestBytes(bytes, displayName);
}

/** The pipeline on raw bytes (a file's or stdin's): size, binary and UTF-8 checks first. */
export function checkManifestBytes(bytes: Uint8Array, file: string): ManifestResult {
  const fail = (code: string, message: string): ManifestResult => ({
    file,
    text: '',
    findings: [{ code, stage: 'yaml', severity: 'error', message, file }],
    documents: [],
    ok: false,
  });
  if (bytes.length > MAX_MANIFEST_BYTES) return fail('input/too-large', MSG.tooLarge(bytes.length));
  if (bytes.includes(0)) return fail('input/binary', MSG.binary);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail('input/invalid-utf8', MSG.invalidUtf8);
  }
  return checkManifest(text, file);
}

/**
 * At most `limit` bytes: a device or pipe that never ends (/dev/zero, /dev/urandom) must not make
 * kubedrill hang or run out of memory; anything longer than the limit is refused as too large.
 */
export function readBounded(path: string | number, limit: number): Buffer {
  const fd = typeof path === 'number' ? path : openSync(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    while (total < limit) {
      const buf = Buffer.alloc(Math.min(64 * 1024, limit - total));
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      chunks.push(n === buf.length ? buf : buf.subarray(0, n));
      total += n;
    }
    return Buffer.concat(chunks, total);
  } finally {
    if (typeof path !== 'number') closeSync(fd);
  }
}

function describeErrno(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'EACCES' || e.code === 'EPERM') return MSG.permissionDenied;
  return e.code ?? (e instanceof Error ? e.message : String(e));
}

/** The whole pipeline on text. */
export function checkManifest(text: string, file: string): ManifestResult {
  const result = (findings: Finding[], documents: CheckedDocument[] = []): ManifestResult => ({
    file,
    text,
    findings,
    documents,
    ok: !findings.some((f) => f.severity === 'error'),
  });
  const whole = (code: string, message: string): ManifestResult =>
    result([{ code, stage: 'yaml', severity: 'error', message, file }]);

  if (text.length > MAX_MANIFEST_BYTES) return whole('input/too-large', MSG.tooLarge(Buffer.byteLength(text)));
  if (text.includes('\0')) return whole('input/binary', MSG.binary);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  const separators = text.match(/^---(?=[ \t\r\n]|$)/gm)?.length ?? 0;
  if (separators > MAX_DOCUMENTS) return whole('input/too-many-documents', MSG.tooManyDocuments(separators));

  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  let parsed;
  try {
    parsed = parseText(text);
  } catch (err) {
    if (err instanceof RangeError) return whole('yaml/too-deep', MSG.nestingTooDeep);
    throw err;
  }
  const nonEmpty = parsed.documents.filter((d) => !d.empty || d.issues.length > 0);
  if (nonEmpty.length === 0) return whole('yaml/empty', MSG.empty);

  const findings: Finding[] = [];
  const documents: CheckedDocument[] = [];
  const multi = nonEmpty.length > 1;
  const objectsSeen = new Map<string, number>();
  for (const doc of nonEmpty) {
    // with its kind, a path knows map keys the field name alone does not (a Service's spec.selector[app])
    const written = doc.value !== null && typeof doc.value === 'object' ? (doc.value as { kind?: unknown }).kind : undefined;
    const root = isKind(written) ? written : undefined;
    const make = (code: string, stage: FindingStage, severity: Finding['severity'], message: string, at?: Position, path?: FieldPath, suggestion?: string): Finding => {
      const f: Finding = { code, stage, severity, message, file };
      if (path && path.length > 0) f.path = formatPath(path, root);
      if (at) {
        f.line = at.line;
        f.col = at.col;
        f.excerpt = lines[at.line - 1] ?? '';
      }
      if (multi) f.doc = doc.index;
      if (suggestion) f.suggestion = suggestion;
      return f;
    };
    try {
      const checked = checkDocument(doc, make, parsed.lineCounter.linePos.bind(parsed.lineCounter));
      findings.push(...checked.findings);
      documents.push(checked.document);
      const again = duplicateOf(checked.document, objectsSeen);
      if (again) findings.push(make('kind/duplicate-object', 'kind', 'warning', again.message, again.at, ['metadata', 'name']));
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
      findings.push(make('yaml/too-deep', 'yaml', 'error', MSG.nestingTooDeep, doc.start));
      documents.push({ index: doc.index, value: undefined, locate: doc.locate });
    }
  }
  return result(findings, documents);
}

type Make = (
  code: string,
  stage: FindingStage,
  severity: Finding['severity'],
  message: string,
  at?: Position,
  path?: FieldPath,
  suggestion?: string,
) => Finding;

function checkDocument(
  doc: LocatedDocument,
  make: Make,
  linePos: (offset: number) => { line: number; col: number },
): { findings: Finding[]; document: CheckedDocument } {
  const document: CheckedDocument = { index: doc.index, value: doc.value, locate: doc.locate };
  if (doc.issues.length > 0) {
    const findings = doc.issues.map((i) => {
      const p = linePos(i.offset);
      return make(i.code, 'yaml', 'error', i.message, { line: p.line, col: p.col }, i.path);
    });
    return { findings, document };
  }

  const value = dropNulls(doc.value);
  document.value = value;
  const checkedKind = checkKind(value);
  if ('problem' in checkedKind) {
    const kindProblem = checkedKind.problem;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const k = (value as Record<string, unknown>).kind;
      if (typeof k === 'string') document.kind = k;
    }
    const at = kindProblem.path ? doc.locate(kindProblem.path) ?? doc.start : doc.start;
    return { findings: [make(kindProblem.code, 'kind', 'error', kindProblem.message, at, kindProblem.path, kindProblem.suggestion)], document };
  }
  const kind = checkedKind.kind;
  document.kind = kind;

  const schemaProblems = checkSchema(value, kind);
  const schemaFinding = (p: SchemaProblem) => {
    const at = p.code === 'schema/required' ? doc.locateNearest(p.path.slice(0, -1)) : doc.locate(p.path) ?? doc.locateNearest(p.path);
    return make(p.code, 'schema', 'error', p.message, at, p.path, p.suggestion);
  };
  // Unknown fields, wrong types and bad quantities stop here, as the API server's decoder does.
  // A missing required field does not: the API server's own rule says it in kubectl's words
  // (`spec.containers[1].name: Required value`), so the schema finding is kept only where no rule speaks.
  if (schemaProblems.some((p) => p.code !== 'schema/required')) {
    const findings = schemaProblems.map(schemaFinding).sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0));
    return { findings, document };
  }

  const object = applyObjectDefaults(value as KubeObject);
  const violations = validateObjectRules(kind, value);
  const findings = violations.map((v) => make(v.code, 'api', v.severity, v.message, doc.locateNearest(whereWritten(v.path)), v.path));
  const covered = (p: SchemaProblem) => {
    const missing = formatPath(p.path);
    const parent = formatPath(p.path.slice(0, -1));
    return violations.some((v) => {
      const vp = formatPath(v.path);
      return v.severity === 'error' && (vp === missing || vp.startsWith(missing + '.') || vp.startsWith(missing + '[') || vp === parent);
    });
  };
  for (const p of schemaProblems) if (!covered(p)) findings.push(schemaFinding(p));
  if (!findings.some((f) => f.severity === 'error')) {
    document.object = object;
    if (object.kind === 'Pod') document.pod = object as Pod;
  }
  return { findings, document };
}

/**
 * Where a rule's path is written in the file. ValidatePodTemplateSpec names a template's labels
 * and annotations `spec.template.labels` (upstream's fldPath.Child("labels")); they are written
 * under `spec.template.metadata`.
 */
function whereWritten(path: FieldPath): FieldPath {
  const i = path.indexOf('template');
  const next = path[i + 1];
  if (i > 0 && path[i - 1] === 'spec' && (next === 'labels' || next === 'annotations')) return [...path.slice(0, i + 1), 'metadata', ...path.slice(i + 1)];
  return path;
}

type KindProblem = { code: string; message: string; path?: (string | number)[]; suggestion?: string };

/** The kind an unset `kind` most likely was, from its apiVersion (for the example in the message). */
function exampleKind(apiVersion: unknown): Kind {
  if (apiVersion === 'apps/v1') return 'Deployment';
  if (apiVersion === 'batch/v1') return 'Job';
  return 'Pod';
}

/**
 * The kind stage: a mapping with one of the five kinds under its own apiVersion. A wrong
 * apiVersion or an unknown kind is what kubectl's REST mapper says (`no matches for kind "X" in
 * version "Y"`), with a did-you-mean over the kinds kubedrill checks; a real kind kubedrill does
 * not check says so.
 */
function checkKind(value: unknown): { kind: Kind } | { problem: KindProblem } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { problem: { code: 'kind/not-a-mapping', message: MSG.notAMapping(describeDocument(value)) } };
  }
  const v = value as Record<string, unknown>;
  const version = typeof v.apiVersion === 'string' ? v.apiVersion : undefined;
  if (v.kind === undefined) return { problem: { code: 'kind/missing', message: MSG.kindNotSet(exampleKind(v.apiVersion)) } };
  if (typeof v.kind !== 'string') return { problem: { code: 'kind/invalid', message: MSG.kindNotString, path: ['kind'] } };
  const kind = v.kind;
  if (!isKind(kind)) {
    if (OTHER_BUILTIN_KINDS.includes(kind)) return { problem: { code: 'kind/unsupported', message: MSG.kindUnsupported(kind), path: ['kind'] } };
    const suggestion = closestMatch(kind, KINDS) as Kind | undefined;
    if (suggestion) {
      const caseOnly = suggestion.toLowerCase() === kind.toLowerCase();
      return { problem: { code: 'kind/misspelt', message: MSG.kindMisspelt(kind, version, suggestion, caseOnly), path: ['kind'], suggestion } };
    }
    const other = closestMatch(kind, OTHER_BUILTIN_KINDS);
    if (other) {
      const caseOnly = other.toLowerCase() === kind.toLowerCase();
      return { problem: { code: 'kind/misspelt', message: MSG.kindOtherMisspelt(kind, version, other, caseOnly), path: ['kind'] } };
    }
    return { problem: { code: 'kind/unknown', message: MSG.kindUnknown(kind, version), path: ['kind'] } };
  }
  if (v.apiVersion === undefined) return { problem: { code: 'kind/missing-api-version', message: MSG.apiVersionNotSet(kind) } };
  if (v.apiVersion !== API_VERSION[kind]) {
    return { problem: { code: 'kind/api-version', message: MSG.wrongApiVersion(kind, String(v.apiVersion)), path: ['apiVersion'] } };
  }
  return { kind };
}

/**
 * The same object (kind, namespace, name) twice in one file: kubectl apply creates it from the
 * first document and then applies the second over it ("configured"), so only the last one is what
 * the cluster keeps; kubectl create fails on the second. A warning on every later copy. `seen`
 * maps each object to the line of its first name.
 */
function duplicateOf(d: CheckedDocument, seen: Map<string, number>): { message: string; at?: Position } | undefined {
  if (!isKind(d.kind) || d.value === null || typeof d.value !== 'object' || Array.isArray(d.value)) return undefined;
  const meta = (d.value as Record<string, unknown>).metadata;
  if (meta === null || typeof meta !== 'object' || Array.isArray(meta)) return undefined;
  const { name, namespace } = meta as Record<string, unknown>;
  if (typeof name !== 'string' || name === '') return undefined;
  const key = `${d.kind}\0${typeof namespace === 'string' && namespace !== '' ? namespace : 'default'}\0${name}`;
  const at = d.locate(['metadata', 'name']);
  const firstLine = seen.get(key);
  if (firstLine === undefined) {
    seen.set(key, at?.line ?? 0);
    return undefined;
  }
  return { message: MSG.duplicateObject(d.kind, name, firstLine), at };
}
