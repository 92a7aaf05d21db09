// Drives `kubedrill exam` in tmux: the task list with the countdown → flag → open a task → the
// editor round trip (the task becomes answered) → submit (asked first) → the review and a task's
// details → the solution → quit with the terminal restored; then quit mid-exam, come back, and
// the resume prompt. KUBEDRILL_SCREENS=1 also writes the captures to docs/screens/exam-*.txt.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SOCKET = `kubedrill-e2e-exam-${process.pid}`;
const tmuxMissing = spawnSync('tmux', ['-V'], { encoding: 'utf8' }).error !== undefined;

function tmux(...args: string[]): string {
  const r = spawnSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tmux ${args[0]} failed: ${r.stderr}`);
  return r.stdout;
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(session: string, what: string, pred: (screen: string) => boolean, ms = 20_000): Promise<string> {
  let screen = '';
  for (let waited = 0; waited <= ms; waited += 100) {
    screen = tmux('capture-pane', '-p', '-t', session);
    if (pred(screen)) return screen;
    await sleep(100);
  }
  assert.fail(`timed out waiting for ${what}; the screen was:\n${screen}`);
}

const screens: Record<string, string> = {};
const keep = (name: string, screen: string) => {
  screens[name] = screen.replace(/[ \t]+$/gm, '').replace(/\n+$/, '') + '\n';
};

test('kubedrill exam end to end in tmux: countdown, flag, edit, submit, review, solution; quit and resume', { skip: tmuxMissing ? 'tmux is not installed: the end-to-end TUI test needs it (CI installs it)' : false, timeout: 90_000 }, async () => {
  if (!existsSync(path.join(ROOT, 'dist/cli.js'))) {
    const b = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(b.status, 0, `build failed:\n${b.stdout}${b.stderr}`);
  }
  const tmp = mkdtempSync(path.join(tmpdir(), 'kubedrill-e2e-exam-'));
  const editor = path.join(tmp, 'editor.sh');
  writeFileSync(editor, '#!/bin/sh\nprintf "# edited in the editor\\n" >> "$1"\n');
  chmodSync(editor, 0o755);
  const kd = `env -u CI -u VISUAL NO_COLOR=1 EDITOR='${editor}' KUBEDRILL_LANG=en '${process.execPath}' '${ROOT}/bin/kubedrill.js' exam --workspace ws`;
  const done = `echo KUBEDRILL-EXIT=$?; stty -a | tr ' ' '\\n' | grep -x -e icanon -e -icanon; sleep 60`;
  try {
    tmux('new-session', '-d', '-s', 'ex', '-x', '120', '-y', '40', `cd '${tmp}' && ${kd} --tasks 3 --seed 7 --minutes 30; ${done}`);
    let s = await waitFor('ex', 'the task list', (x) => x.includes('Task 3 ·') && x.includes('q quit'));
    assert.match(s, /kubedrill · Exam \d{8}-\d{6}   ⏱ (30:00|29:5\d) left   0\/3 answered/);
    tmux('send-keys', '-t', 'ex', 'f');
    s = await waitFor('ex', 'the flag', (x) => x.includes('1 flagged'));
    tmux('send-keys', '-t', 'ex', 'Enter');
    s = await waitFor('ex', 'the task', (x) => x.includes('e edit  f flag  n next'));
    assert.match(s, /visited · ⚑ flagged/);
    const file = /file: (\S+)/.exec(s)![1]!;
    tmux('send-keys', '-t', 'ex', 'e');
    await waitFor('ex', 'the editor to have saved', () => readFileSync(path.join(tmp, file), 'utf8').includes('# edited in the editor'));
    s = await waitFor('ex', 'the task screen after the editor', (x) => /answered · ⚑ flagged/.test(x) && x.includes('q quit'));
    keep('exam-task', s);
    tmux('send-keys', '-t', 'ex', 'Escape');
    s = await waitFor('ex', 'the list again', (x) => x.includes('› Task 1') && x.includes('enter open'));
    assert.match(s, /› Task 1 · \d+ %  answered +⚑/);
    assert.match(s, /1\/3 answered · 1 flagged/);
    keep('exam', s);
    tmux('send-keys', '-t', 'ex', 'S');
    s = await waitFor('ex', 'the confirmation', (x) => x.includes('Submit the exam?'));
    tmux('send-keys', '-t', 'ex', 'y');
    s = await waitFor('ex', 'the review', (x) => /Score: [\d.]+ % \(pass mark 66 %\) — FAILED/.test(x) && x.includes('By domain'));
    assert.match(s, /  Task 2 · \d+ %  ✗ 0\/\d+/, 'an unanswered task scores 0');
    keep('exam-review', s);
    tmux('send-keys', '-t', 'ex', 'Enter');
    s = await waitFor('ex', 'the task review', (x) => x.includes('Reference answer:'));
    assert.match(s, /  ✗ .* — /);
    assert.match(s, /\(ws\/exam\/\d{8}-\d{6}\/1-[\w.-]+\.yaml:\d+:\d+\)/);
    keep('exam-review-task', s);
    tmux('send-keys', '-t', 'ex', 's');
    await waitFor('ex', 'the solution', (x) => /\d+ │ apiVersion: \S+/.test(x) && x.includes('Reference answer'));
    tmux('send-keys', '-t', 'ex', 'q');
    s = await waitFor('ex', 'the program to exit', (x) => /KUBEDRILL-EXIT=\d+/.test(x) && /^-?icanon$/m.test(x));
    assert.match(s, /KUBEDRILL-EXIT=0/);
    assert.match(s, /^icanon$/m, 'the terminal is back in canonical mode');
    assert.doesNotMatch(s, /still running/, 'a submitted exam is not running');
    const history = spawnSync(process.execPath, [path.join(ROOT, 'bin/kubedrill.js'), 'exam', '--history', '--workspace', 'ws'], { cwd: tmp, encoding: 'utf8' });
    assert.match(history.stdout, /^Exam history\n  \d{4}-\d\d-\d\d \d\d:\d\d +[\d.]+ %  FAILED  3 tasks, 30 min\n/);

    // Quit mid-exam: the clock keeps running; the next `kubedrill exam` asks to resume.
    tmux('new-session', '-d', '-s', 'ex2', '-x', '120', '-y', '40', `cd '${tmp}' && ${kd} --tasks 2; ${kd}; ${done}`);
    await waitFor('ex2', 'the new exam', (x) => x.includes('Task 2 ·') && x.includes('q quit'));
    tmux('send-keys', '-t', 'ex2', 'q');
    s = await waitFor('ex2', 'the resume prompt', (x) => x.includes('An exam is in progress'));
    assert.match(s, /An exam is in progress \(\d{8}-\d{6}(-\d+)?, \d\d:\d\d left\)\./);
    assert.match(s, /r resume  n new exam  q quit/);
    tmux('send-keys', '-t', 'ex2', 'r');
    await waitFor('ex2', 'the resumed list', (x) => x.includes('enter open'));
    tmux('send-keys', '-t', 'ex2', 'q');
    s = await waitFor('ex2', 'the program to exit', (x) => x.includes('KUBEDRILL-EXIT=0'));
    assert.match(s, /The exam \d{8}-\d{6}(-\d+)? is still running: \d\d:\d\d left \(its clock runs while kubedrill is closed\)\. `kubedrill exam` resum/);
    assert.equal(readdirSync(path.join(tmp, 'ws/exam')).filter((n) => /^\d{8}-/.test(n)).length, 2, 'each exam has its own folder');

    if (process.env.KUBEDRILL_SCREENS === '1') {
      const dir = path.join(ROOT, 'docs/screens');
      mkdirSync(dir, { recursive: true });
      // The reference answers are named by absolute path; the checkout's location means nothing to a reader.
      for (const [name, screen] of Object.entries(screens)) writeFileSync(path.join(dir, `${name}.txt`), screen.split(ROOT + '/').join(''));
    }
  } finally {
    spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
    rmSync(tmp, { recursive: true, force: true });
  }
});
