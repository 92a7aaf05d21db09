// Bad input never throws or hangs: each class gets one finding with a one-line reason.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkManifest, isReadFailure, readManifestFile } from '../../src/manifest/index.js';

let dir = '';
before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kubedrill-bad-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

function only(r: ReturnType<typeof checkManifest>) {
  assert.equal(r.findings.length, 1, JSON.stringify(r.findings));
  const f = r.findings[0]!;
  assert.ok(!f.message.includes('\n'), 'one line');
  return f;
}

test('a 10 MB file is refused unread with a one-line reason (exit 1, not a read failure)', () => {
  const p = path.join(dir, 'big.yaml');
  writeFileSync(p, 'a: ' + 'x'.repeat(10 * 1024 * 1024 - 4) + '\n'); // exactly 10 MiB
  const r = readManifestFile(p, 'big.yaml');
  const f = only(r);
  assert.equal(f.code, 'input/too-large');
  assert.equal(f.stage, 'yaml');
  assert.equal(f.message, 'file is too large (10 MiB; the limit is 256 KiB): a Kubernetes manifest is a few KiB');
  assert.equal(isReadFailure(r), false);
  assert.equal(r.ok, false);
});

test('checkManifest refuses text over the limit too', () => {
  const f = only(checkManifest('#'.repeat(256 * 1024 + 1), 'x.yaml'));
  assert.equal(f.code, 'input/too-large');
  assert.equal(f.message, 'file is too large (more than 256 KiB): a Kubernetes manifest is a few KiB');
  assert.equal(only(checkManifest('#'.repeat(300 * 1024), 'x.yaml')).message, 'file is too large (300 KiB; the limit is 256 KiB): a Kubernetes manifest is a few KiB');
});

test('an endless device is read only up to the limit, never hangs', () => {
  const r = readManifestFile('/dev/zero', '/dev/zero');
  assert.equal(only(r).code, 'input/too-large');
  assert.equal(r.findings[0]?.message, 'file is too large (more than 256 KiB): a Kubernetes manifest is a few KiB');
  assert.equal(only(readManifestFile('/dev/null', '/dev/null')).code, 'yaml/empty');
});

test('thousands of documents are refused before parsing', () => {
  const f = only(checkManifest('---\na: 1\n'.repeat(5000), 'many.yaml'));
  assert.equal(f.code, 'input/too-many-documents');
  assert.equal(f.message, 'too many YAML documents (5000 "---" separators; the limit is 100): expected a few Kubernetes manifests');
  // "---" inside a value or indented is not a separator
  assert.equal(checkManifest('a: |\n  ---\n'.repeat(1) + 'b: "---"\n', 'x').findings[0]?.code, 'kind/missing');
});

test('a binary file (NUL bytes) is refused', () => {
  const p = path.join(dir, 'pic.yaml');
  writeFileSync(p, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
  const r = readManifestFile(p, 'pic.yaml');
  const f = only(r);
  assert.equal(f.code, 'input/binary');
  assert.equal(f.message, 'file is binary, not YAML text (it contains NUL bytes)');
  assert.equal(isReadFailure(r), false);
});

test('invalid UTF-8 is refused', () => {
  const p = path.join(dir, 'latin1.yaml');
  writeFileSync(p, Buffer.from('apiVersion: v1\nkind: Pod\nmetadata:\n  name: caf\xe9\n', 'latin1'));
  const f = only(readManifestFile(p, 'latin1.yaml'));
  assert.equal(f.code, 'input/invalid-utf8');
  assert.equal(f.message, 'file is not valid UTF-8 text: save it as UTF-8');
});

test('a missing file and a directory are read failures (exit 2)', () => {
  const missing = readManifestFile(path.join(dir, 'nope.yaml'), 'nope.yaml');
  assert.equal(only(missing).code, 'read/not-found');
  assert.equal(missing.findings[0]?.message, 'cannot read nope.yaml: no such file');
  assert.equal(missing.findings[0]?.stage, 'read');
  assert.equal(isReadFailure(missing), true);
  const sub = path.join(dir, 'sub');
  mkdirSync(sub);
  const d = readManifestFile(sub, 'sub');
  assert.equal(only(d).code, 'read/is-directory');
  assert.equal(d.findings[0]?.message, 'cannot read sub: it is a directory, not a file');
  assert.equal(isReadFailure(d), true);
});

test('thousands of nesting levels (flow) give one "nesting too deep" finding', () => {
  const f = only(checkManifest('['.repeat(20000) + ']'.repeat(20000), 'deep.yaml'));
  assert.equal(f.code, 'yaml/too-deep');
  assert.equal(f.message, 'nesting too deep (more than 64 levels): a Kubernetes manifest never nests this far');
  assert.equal(f.line, 1);
});

test('deep block mappings and lists are stopped as well', () => {
  const block = Array.from({ length: 700 }, (_, i) => ' '.repeat(i) + 'a:').join('\n') + ' 1\n';
  assert.equal(only(checkManifest(block, 'block.yaml')).code, 'yaml/too-deep');
  const seq = Array.from({ length: 450 }, (_, i) => ' '.repeat(i * 2) + '- ').join('\n') + '1\n';
  assert.equal(only(checkManifest(seq, 'seq.yaml')).code, 'yaml/too-deep');
  // 65 levels inside an otherwise plausible Pod: stopped at the 65th
  const f = only(checkManifest('apiVersion: v1\nkind: Pod\nmetadata:\n  annotations: ' + '['.repeat(70) + ']'.repeat(70) + '\n', 'p.yaml'));
  assert.equal(f.code, 'yaml/too-deep');
  assert.equal(f.line, 4);
});

test('an alias bomb built in memory is stopped, not expanded', () => {
  let text = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
  for (let i = 1; i < 12; i++) text += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
  const f = only(checkManifest(text, 'bomb.yaml'));
  assert.equal(f.code, 'yaml/alias-bomb');
  assert.equal(f.message, 'too many YAML aliases (possible alias bomb): expanding this document was stopped');
  assert.equal(f.line, 2);
});

test('a recursive alias (a value that contains itself) is one error at the alias, not a hang', () => {
  const seq = only(checkManifest('apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: &a\n  - name: c\n    image: busybox\n    args: *a\n', 'c.yaml'));
  assert.equal(seq.code, 'yaml/alias-cycle');
  assert.equal(seq.message, "anchor 'a' value contains itself: the alias *a is inside the node &a names, so the value would never end");
  assert.deepEqual([seq.line, seq.col], [9, 11]);
  const merge = only(checkManifest('apiVersion: v1\nkind: Pod\nmetadata: &m\n  name: p\n  labels:\n    <<: *m\n', 'm.yaml'));
  assert.equal(merge.code, 'yaml/alias-cycle');
  assert.deepEqual([merge.line, merge.col], [6, 9]);
  // an alias after its anchor's node, or beside it, is fine
  const ok = checkManifest('apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: &l {app: web}\n  annotations: *l\nspec:\n  containers:\n  - name: c\n    image: busybox\n', 'ok.yaml');
  assert.equal(ok.findings.filter((f) => f.severity === 'error').length, 0, JSON.stringify(ok.findings));
});

test('documents that are not mappings say what they are', () => {
  assert.equal(only(checkManifest('"just text"\n', 'a')).message, 'the document is a string ("just text"), not a mapping: expected a Kubernetes manifest (apiVersion: …, kind: …, metadata: …)');
  assert.equal(only(checkManifest('[1, 2]\n', 'a')).message, 'the document is a list, not a mapping: expected a Kubernetes manifest (apiVersion: …, kind: …, metadata: …)');
  assert.equal(only(checkManifest('3.5\n', 'a')).message, 'the document is a number (3.5), not a mapping: expected a Kubernetes manifest (apiVersion: …, kind: …, metadata: …)');
  assert.equal(only(checkManifest('true\n', 'a')).message, 'the document is a boolean (true), not a mapping: expected a Kubernetes manifest (apiVersion: …, kind: …, metadata: …)');
});

test('empty documents between real ones are ignored; all-empty is "file is empty"', () => {
  assert.equal(only(checkManifest('', 'e')).message, 'file is empty: expected a Kubernetes manifest');
  assert.equal(only(checkManifest('---\n---\n', 'e')).code, 'yaml/empty');
  const r = checkManifest('---\n---\nkind: ConfigMap\napiVersion: v1\n---\n', 'e');
  assert.equal(only(r).message, 'kind ConfigMap is not supported yet: kubedrill checks Pod, Deployment, ReplicaSet, Job and Service');
  assert.equal(r.findings[0]?.line, 3);
});

test('random garbage never throws', () => {
  // deterministic pseudo-random bytes (no Math.random in tests either)
  let s = 12345;
  const next = () => (s = (s * 1103515245 + 12345) & 0x7fffffff);
  for (let n = 0; n < 200; n++) {
    let text = '';
    const len = next() % 200;
    const alphabet = 'ab: -[]{}&*!|>"\'\n\t#%@`,?0123456789';
    for (let i = 0; i < len; i++) text += alphabet[next() % alphabet.length];
    const r = checkManifest(text, 'fuzz.yaml');
    for (const f of r.findings) {
      assert.equal(typeof f.message, 'string');
      assert.ok(!f.message.includes('\n'), `multi-line message for ${JSON.stringify(text)}: ${f.message}`);
    }
  }
});

test('document-level findings point at the content, past "---" and comments', () => {
  const r = checkManifest('apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {containers: [{name: a, image: b}]}\n---\n# the second one\n- x\n', 'two.yaml');
  const f = only(r);
  assert.deepEqual([f.line, f.col, f.excerpt, f.doc], [7, 1, '- x', 1]);
});
