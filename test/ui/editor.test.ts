import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { editorCommand, runEditor } from '../../src/ui/editor.js';

test('$VISUAL wins over $EDITOR; without either the first of nano/vim/vi on PATH is used', () => {
  assert.equal(editorCommand({ VISUAL: 'code --wait', EDITOR: 'vim', PATH: '' }), 'code --wait');
  assert.equal(editorCommand({ VISUAL: ' ', EDITOR: 'vim', PATH: '' }), 'vim');
  const dir = mkdtempSync(path.join(tmpdir(), 'kd-ed-'));
  try {
    writeFileSync(path.join(dir, 'vi'), '');
    assert.equal(editorCommand({ PATH: dir }), 'vi');
    assert.equal(editorCommand({ PATH: '' }), undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the editor gets the file (spaces and all) with the terminal handed over and taken back', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kd-ed-'));
  try {
    const script = path.join(dir, 'ed.sh');
    writeFileSync(script, '#!/bin/sh\nprintf "edited %s\\n" "$1" >> "$1"\n');
    chmodSync(script, 0o755);
    const file = path.join(dir, 'my pod.yaml');
    writeFileSync(file, '');
    const calls: string[] = [];
    const out = runEditor(file, { EDITOR: script, PATH: process.env.PATH }, { suspend: () => calls.push('suspend'), resume: () => calls.push('resume') });
    assert.deepEqual(out, { ok: true });
    assert.deepEqual(calls, ['suspend', 'resume']);
    assert.equal(readFileSync(file, 'utf8'), `edited ${file}\n`);
    const missing = runEditor(file, { EDITOR: path.join(dir, 'no-such-editor'), PATH: process.env.PATH }, { suspend() {}, resume() {} });
    assert.equal(missing.ok, false);
    assert.equal(!missing.ok && missing.message, 'command not found');
    assert.deepEqual(runEditor(file, { PATH: '' }, { suspend() {}, resume() {} }).ok, false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
