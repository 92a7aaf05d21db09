// Drives the real program in tmux: list → open liveness-exam → save the reference answer → passed →
// the editor round trip → playback shows the restart → quit, with the terminal restored.
// KUBEDRILL_SCREENS=1 also writes the captures to docs/screens/*.txt for the README.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { width } from '../../src/ui/text.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SOCKET = `kubedrill-e2e-${process.pid}`;
const SESSION = 'kd';

const tmuxMissing = spawnSync('tmux', ['-V'], { encoding: 'utf8' }).error !== undefined;

function tmux(...args: string[]): string {
  const r = spawnSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tmux ${args[0]} failed: ${r.stderr}`);
  return r.stdout;
}

const capture = (session = SESSION) => tmux('capture-pane', '-p', '-t', session);
const keys = (...k: string[]) => tmux('send-keys', '-t', SESSION, ...k);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls the pane until `pred` holds; fails with the last screen after `ms`. */
async function waitFor(what: string, pred: (screen: string) => boolean, ms = 20_000, session = SESSION): Promise<string> {
  let screen = '';
  for (let waited = 0; waited <= ms; waited += 100) {
    screen = capture(session);
    if (pred(screen)) return screen;
    await sleep(100);
  }
  assert.fail(`timed out waiting for ${what}; the screen was:\n${screen}`);
}

const screens: Record<string, string> = {};

function writeScreens(tmp: string) {
  if (process.env.KUBEDRILL_SCREENS !== '1') return;
  const dir = path.join(ROOT, 'docs/screens');
  mkdirSync(dir, { recursive: true });
  // The grader names files by absolute path; the temporary folder means nothing to a reader.
  for (const [name, s] of Object.entries(screens)) writeFileSync(path.join(dir, `${name}.txt`), s.split(tmp + '/').join(''));
}
const keep = (name: string, screen: string) => {
  screens[name] = screen.replace(/[ \t]+$/gm, '').replace(/\n+$/, '') + '\n';
};

test('the TUI end to end in tmux: open, pass by saving, edit, play back the restart, quit', { skip: tmuxMissing ? 'tmux is not installed: the end-to-end TUI test needs it (CI installs it)' : false, timeout: 90_000 }, async () => {
  if (!existsSync(path.join(ROOT, 'dist/cli.js'))) {
    const b = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(b.status, 0, `build failed:\n${b.stdout}${b.stderr}`);
  }
  const tmp = mkdtempSync(path.join(tmpdir(), 'kubedrill-e2e-'));
  const ws = path.join(tmp, 'kubedrill-workspace');
  const solution = path.join(ROOT, 'solutions/01-liveness-exam/liveness-exam.yaml');
  const learner = path.join(ws, '01-liveness-exam/liveness-exam.yaml');
  // The "editor": appends a comment to the file it is given, as a learner's save would.
  const editor = path.join(tmp, 'editor.sh');
  writeFileSync(editor, '#!/bin/sh\nprintf "# edited in the editor\\n" >> "$1"\n');
  chmodSync(editor, 0o755);
  const cmd =
    `cd '${tmp}' && env -u CI -u VISUAL NO_COLOR=1 EDITOR='${editor}' KUBEDRILL_LANG=en ` +
    `'${process.execPath}' '${ROOT}/bin/kubedrill.js' tui --workspace kubedrill-workspace; ` +
    `echo KUBEDRILL-EXIT=$?; stty -a | tr ' ' '\\n' | grep -x -e icanon -e -icanon; sleep 60`;
  try {
    tmux('new-session', '-d', '-s', SESSION, '-x', '120', '-y', '40', cmd);

    const list = await waitFor('the exercise list', (s) => s.includes('liveness-exam') && s.includes('q quit'));
    assert.match(list, /kubedrill · Exercises/);
    assert.match(list, /01 +· new +liveness-exam/);
    keep('list', list);

    keys('/');
    await waitFor('the search prompt', (s) => s.includes('search: '));
    for (const ch of 'liveness-exam') keys(ch);
    await waitFor('the search', (s) => s.includes('search: liveness-exam'));
    keys('Enter');
    keys('Enter');
    const opened = await waitFor('the first grade', (s) => /Result: ✗ NOT YET/.test(s));
    assert.match(opened, /Your file: kubedrill-workspace\/01-liveness-exam\/liveness-exam\.yaml +\(watching for saves\)/);
    assert.ok(existsSync(learner), 'the starter was copied into the workspace');
    keep('exercise', opened);

    // The starter never restarts; the reference does: the playback starts side by side.
    keys('p');
    await waitFor('the playback', (s) => s.includes('Playback'));
    keys('4');
    const diverged = await waitFor('the side-by-side playback', (s) => s.includes('first difference') && /t = (\S+) \/ \1/.test(s));
    assert.match(diverged, /your pod │ reference/);
    keep('playback-side-by-side', diverged);
    keys('Escape');
    await waitFor('the task again', (s) => s.includes('── Task'));

    keys('h');
    keep('hint', await waitFor('the first hint', (s) => s.includes('Hint 1/')));

    // Save the reference answer as the learner would from another window: the watcher re-grades.
    copyFileSync(solution, learner);
    const passed = await waitFor('the verdict to turn to passed', (s) => /Result: ✓ PASSED/.test(s));
    assert.match(passed, /score (\d+)\/\1/);
    keep('passed', passed);

    keys('e');
    await waitFor('the editor to have saved', () => readFileSync(learner, 'utf8').includes('# edited in the editor'));
    const back = await waitFor('the screen to come back after the editor', (s) => /Result: ✓ PASSED/.test(s) && s.includes('q quit'));
    assert.match(back, /kubedrill › 01 liveness-exam/);

    keys('d');
    keep('diff', await waitFor('the diff', (s) => s.includes('starter → your file')));
    keys('Escape');
    await waitFor('the task again', (s) => s.includes('── Task'));
    keys('s');
    keep('solution', await waitFor('the solution', (s) => s.includes('Reference answer') && /\d+ │ apiVersion: v1/.test(s)));
    keys('Escape');
    await waitFor('the task again', (s) => s.includes('── Task'));

    keys('p');
    await waitFor('the playback', (s) => s.includes('Playback'));
    keys('4');
    const played = await waitFor('the restart in the playback', (s) => /liveness-exam +1\/1 +Running +1 \(\d+s ago\)/.test(s));
    assert.match(played, /K~/);
    assert.match(played, /Killing/);
    keep('playback', played);

    keys('q');
    const after = await waitFor('the program to exit', (s) => /KUBEDRILL-EXIT=\d+/.test(s) && /^-?icanon$/m.test(s));
    assert.match(after, /KUBEDRILL-EXIT=0/);
    assert.match(after, /^icanon$/m, 'the terminal is back in canonical mode');
    assert.doesNotMatch(after, /Playback/, 'nothing of the UI is left on the screen');

    writeScreens(tmp);
  } finally {
    spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('in Korean the list lines up in a real terminal (wide characters)', { skip: tmuxMissing ? 'tmux is not installed: the end-to-end TUI test needs it (CI installs it)' : false, timeout: 60_000 }, async () => {
  if (!existsSync(path.join(ROOT, 'dist/cli.js'))) {
    const b = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(b.status, 0, `build failed:\n${b.stdout}${b.stderr}`);
  }
  const tmp = mkdtempSync(path.join(tmpdir(), 'kubedrill-e2e-'));
  const session = 'kdko';
  const cmd = `cd '${tmp}' && env -u CI NO_COLOR=1 '${process.execPath}' '${ROOT}/bin/kubedrill.js' tui --lang ko --workspace ws; echo KUBEDRILL-EXIT=$?; sleep 60`;
  try {
    tmux('new-session', '-d', '-s', session, '-x', '120', '-y', '40', cmd);
    const list = await waitFor('the Korean list', (s) => s.includes('q 종료'), 20_000, session);
    const rows = list.split('\n').filter((l) => /^(› |  )\d\d /.test(l));
    assert.ok(rows.length >= 9, list);
    // Every row's difficulty column starts at the same terminal column.
    const at = rows.map((r) => {
      const m = /(easy|medium|hard) /.exec(r);
      return m ? width(r.slice(0, m.index)) : -1;
    });
    assert.equal(new Set(at).size, 1, list);
    assert.match(list, /라이브니스/);
    keep('list-ko', list);
    tmux('send-keys', '-t', session, 'q');
    await waitFor('the program to exit', (s) => s.includes('KUBEDRILL-EXIT=0'), 20_000, session);
    writeScreens(tmp);
  } finally {
    spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('without a terminal kubedrill says so, points to `kubedrill check` and draws nothing', { skip: !existsSync(path.join(ROOT, 'dist/cli.js')) && 'not built' }, () => {
  const r = spawnSync(process.execPath, ['bin/kubedrill.js'], { cwd: ROOT, encoding: 'utf8', input: '', env: { ...process.env, KUBEDRILL_LANG: 'en' } });
  assert.equal(r.status, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /needs a terminal/);
  assert.match(r.stderr, /kubedrill check ID/);
  assert.doesNotMatch(r.stderr, /\u001B\[/);
});
