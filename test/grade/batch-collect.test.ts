// Finding submissions: folders searched for *.yaml / *.yml, files taken as given, everything else
// listed as skipped with its reason, files that must not be read turned into failed rows, and the
// result sorted by path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { collectSubmissions } from '../../src/grade/batch/collect.js';

function tree(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'kubedrill-collect-'));
  const w = (rel: string, text = 'x: 1\n') => {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  };
  w('class/b/pod.yaml');
  w('class/a/pod.yml');
  w('class/a/POD.YAML');
  w('class/a/notes.txt');
  w('class/.git/config.yaml');
  w('class/.hidden.yaml');
  w('class/deep/er/and/deeper/pod.yaml');
  w('class/node_modules/some-package/ci.yml');
  mkdirSync(path.join(root, 'class/folder.yaml/inside'), { recursive: true });
  w('class/folder.yaml/inside/lost.yaml');
  w('outside/secret.yaml');
  symlinkSync('../b/pod.yaml', path.join(root, 'class/a/link-in.yaml'));
  symlinkSync(path.join(root, 'outside/secret.yaml'), path.join(root, 'class/a/link-out.yaml'));
  symlinkSync('/etc/hostname', path.join(root, 'class/a/etc.yaml'));
  symlinkSync('nowhere.yaml', path.join(root, 'class/a/broken.yaml'));
  symlinkSync('../deep', path.join(root, 'class/a/folder-link'));
  execFileSync('mkfifo', [path.join(root, 'class/a/pipe.yaml')]);
  w('class/comma, "quote"\nnewline 학생.yaml');
  // a name that is not UTF-8 (a Latin-1 é): made with a Buffer path
  writeFileSync(Buffer.concat([Buffer.from(path.join(root, 'class/caf')), Buffer.from([0xe9]), Buffer.from('.yaml')]), 'x: 1\n');
  return root;
}

test('folders: yaml files found recursively and sorted by path; the rest skipped or rejected with reasons', () => {
  const root = tree();
  const r = collectSubmissions(['class'], root, 'en');
  assert.ok(r.ok);
  const rows = r.submissions.map((s) => [s.display, s.rejected ?? 'graded']);
  assert.deepEqual(rows, [
    ['class/a/POD.YAML', 'graded'],
    ['class/a/broken.yaml', 'it is a symbolic link to nowhere.yaml, which does not exist'],
    ['class/a/etc.yaml', `it is a symbolic link to /etc/hostname, outside ${path.join(root, 'class')}: not graded`],
    ['class/a/link-in.yaml', 'graded'],
    ['class/a/link-out.yaml', `it is a symbolic link to ${path.join(root, 'outside/secret.yaml')}, outside ${path.join(root, 'class')}: not graded`],
    ['class/a/pipe.yaml', 'it is not a regular file (a named pipe): not read'],
    ['class/a/pod.yml', 'graded'],
    ['class/b/pod.yaml', 'graded'],
    ['class/caf\ufffd.yaml', 'its file name is not valid UTF-8: rename the file to grade it'],
    ['class/comma, "quote"\nnewline 학생.yaml', 'graded'],
    ['class/deep/er/and/deeper/pod.yaml', 'graded'],
    // a folder named like a submission: the grader says it is a folder
    ['class/folder.yaml', 'graded'],
  ]);
  assert.deepEqual(r.submissions.map((s) => s.index), rows.map((_, i) => i));
  assert.equal(r.submissions[0]!.file, path.join(root, 'class/a/POD.YAML'));
  assert.deepEqual(r.skipped, [
    { path: 'class/.git', reason: 'hidden (the name starts with ".")' },
    { path: 'class/.hidden.yaml', reason: 'hidden (the name starts with ".")' },
    { path: 'class/a/folder-link', reason: 'a symbolic link to a folder (not followed)' },
    { path: 'class/a/notes.txt', reason: 'not a .yaml or .yml file' },
    { path: 'class/node_modules', reason: 'installed packages (not searched)' },
  ]);
});

test('files are taken as given (any name), each submission once, paths outside the current folder absolute', () => {
  const root = tree();
  const r = collectSubmissions(['a/notes.txt', 'b', 'b/pod.yaml', path.join(root, 'outside')], path.join(root, 'class'), 'en');
  assert.ok(r.ok);
  assert.deepEqual(
    r.submissions.map((s) => s.display),
    [path.join(root, 'outside/secret.yaml'), 'a/notes.txt', 'b/pod.yaml'].sort(),
  );
  const link = collectSubmissions(['class/a/link-out.yaml'], root, 'en');
  assert.ok(link.ok);
  assert.match(link.submissions[0]!.rejected!, /^it is a symbolic link to .*secret\.yaml, outside .*class\/a: not graded$/);
});

test('a PATH that does not exist is reported (the command exits 2); Korean reasons', () => {
  const root = tree();
  assert.deepEqual(collectSubmissions(['class', 'nope'], root, 'en'), { ok: false, missing: 'nope' });
  const ko = collectSubmissions(['class'], root, 'ko');
  assert.ok(ko.ok);
  assert.equal(ko.submissions.find((s) => s.display === 'class/a/pipe.yaml')!.rejected, '일반 파일이 아니라서(이름 있는 파이프) 읽지 않습니다');
  assert.equal(ko.skipped[0]!.reason, '숨김 항목(이름이 "."으로 시작)');
});
