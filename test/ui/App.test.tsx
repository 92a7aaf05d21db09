import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render } from 'ink-testing-library';
import { App } from '../../src/ui/App.js';
import { width } from '../../src/ui/text.js';
import { drawn, fakeServices, passResult, press, frameMatching } from './helpers.js';

const ARROW_DOWN = '\u001B[B';
const ARROW_UP = '\u001B[A';
const ESC = '\u001B';
const ENTER = '\r';


/** The first frame, and the grade an exercise screen starts with. */
async function start(inst: ReturnType<typeof render>) {
  await drawn(inst.frames, 0, 40);
}


const selectedLine = (frame: string) => frame.split('\n').find((l) => l.startsWith('› ')) ?? '';

test('the list shows every exercise with status, difficulty, time and a progress bar', async () => {
  const s = fakeServices({}, { 'liveness-exam': { status: 'done', hintsShown: 0, attempts: 1 }, 'nginx-liveness': { status: 'attempted', hintsShown: 0, attempts: 1 } });
  const inst = render(<App services={s} size={{ width: 100, height: 30 }} />);
  await start(inst);
  const f = inst.lastFrame()!;
  assert.match(f, /1\/3 done/);
  assert.match(f, /\[█+░+\]/);
  assert.match(f, /01 +✓ done +liveness-exam +Title of liveness-exam +easy +8 min/);
  assert.match(f, /02 +✗ attempted +nginx-liveness +Nginx liveness +medium +8 min/);
  assert.match(f, /03 +· new +startup-probe +Slow start +hard +12 min/);
  assert.match(f, /↑↓\/jk move +enter open +f filter +\/ search +q quit/);
  inst.unmount();
});

test('arrow keys and j/k move the selection; it stops at the ends', async () => {
  const inst = render(<App services={fakeServices()} size={{ width: 100, height: 30 }} />);
  await start(inst);
  assert.match(selectedLine(inst.lastFrame()!), /liveness-exam/);
  assert.match(selectedLine(await press(inst, 'j')), /nginx-liveness/);
  assert.match(selectedLine(await press(inst, ARROW_DOWN)), /startup-probe/);
  assert.match(selectedLine(await press(inst, ARROW_DOWN)), /startup-probe/);
  assert.match(selectedLine(await press(inst, 'k', ARROW_UP)), /liveness-exam/);
  inst.unmount();
});

test('f filters by status and / searches by name or tag', async () => {
  const s = fakeServices({}, { 'liveness-exam': { status: 'done', hintsShown: 0, attempts: 1 } });
  const inst = render(<App services={s} size={{ width: 100, height: 30 }} />);
  await start(inst);
  let f = await press(inst, 'f');
  assert.match(f, /filter: new/);
  assert.doesNotMatch(f, /liveness-exam/);
  f = await press(inst, 'f', 'f', 'f');
  assert.match(f, /filter: all/);
  f = await press(inst, '/', 's', 't', 'a', 'r');
  assert.match(f, /search: star/);
  assert.match(f, /startup-probe/);
  assert.doesNotMatch(f, /nginx-liveness/);
  assert.match(f, /enter done +esc clear/);
  f = await press(inst, ESC);
  assert.match(f, /nginx-liveness/);
  f = await press(inst, '/', 'h', 't', 't', 'p', ENTER);
  assert.match(f, /nginx-liveness/);
  assert.doesNotMatch(f, /startup-probe/);
  assert.match(f, /q quit/);
  f = await press(inst, '/', 'z', 'z', 'z', ENTER);
  assert.match(f, /No exercise matches the filter/);
  inst.unmount();
});

test('Korean titles line up: every exercise row has the same display width', async () => {
  const s = fakeServices({ lang: 'ko' });
  const inst = render(<App services={s} size={{ width: 100, height: 30 }} />);
  await start(inst);
  const rows = inst.lastFrame()!.split('\n').filter((l) => /^(› |  )\d\d /.test(l));
  assert.equal(rows.length, 3);
  assert.equal(new Set(rows.map((r) => width(r.trimEnd()))).size, 1, rows.join('\n'));
  assert.match(inst.lastFrame()!, /엔진엑스 라이브니스/);
  assert.match(inst.lastFrame()!, /q 종료/);
  inst.unmount();
});

test('q quits from the list', async () => {
  let quit = 0;
  const inst = render(<App services={fakeServices()} size={{ width: 100, height: 30 }} onQuit={() => quit++} />);
  await start(inst);
  await press(inst, 'q');
  assert.equal(quit, 1);
  inst.unmount();
});

test('enter opens the exercise: task, the file and where it lives, the first grade (not counted), keys', async () => {
  const s = fakeServices();
  const inst = render(<App services={s} size={{ width: 100, height: 40 }} />);
  await start(inst);
  const f = await press(inst, ENTER);
  assert.match(f, /kubedrill › 01 liveness-exam — Title of liveness-exam/);
  assert.match(f, /Your file: \/ws\/01-liveness-exam\/liveness-exam\.yaml +\(watching for saves\)/);
  assert.match(f, /Result: ✗ NOT YET +score 4\/10/);
  assert.match(f, /── Task/);
  assert.match(f, /Do it/);
  assert.match(f, /• every 5 s/);
  assert.match(f, /livenessProbe:/);
  assert.match(f, /e edit +r re-check +h hint +p playback +d diff +n next +x reset/);
  assert.deepEqual(s.calls, ['grade liveness-exam']);
  assert.equal(s.progressState['liveness-exam'], undefined);
  const back = await press(inst, ESC);
  assert.match(back, /↑↓\/jk move/);
  inst.unmount();
});

test('h reveals the hints one at a time', async () => {
  const s = fakeServices();
  const inst = render(<App services={s} size={{ width: 100, height: 60 }} initialExercise="liveness-exam" />);
  await start(inst);
  assert.match(inst.lastFrame()!, /2 hints left/);
  let f = await press(inst, 'h');
  assert.match(f, /Hint 1\/2\n  First hint: look at the container\./);
  assert.doesNotMatch(f, /Second hint/);
  f = await press(inst, 'h');
  assert.match(f, /Hint 2\/2\n  Second hint: use exec\./);
  f = await press(inst, 'h');
  assert.match(f, /No more hints\./);
  assert.equal(s.progressState['liveness-exam']!.hintsShown, 2);
  inst.unmount();
});

test('saving the file re-grades and records the attempt; the verdict turns to passed', async () => {
  const s = fakeServices();
  const inst = render(<App services={s} size={{ width: 100, height: 40 }} initialExercise="liveness-exam" />);
  await start(inst);
  s.nextResult = passResult();
  const before = inst.frames.length;
  s.save('/ws/01-liveness-exam/liveness-exam.yaml');
  await drawn(inst.frames, before);
  const f = inst.lastFrame()!;
  assert.match(f, /Result: ✓ PASSED +score 10\/10/);
  assert.match(f, /✓ The probe runs every 5 s/);
  assert.match(f, /s solution/);
  assert.match(f, /Passed! s shows the reference answer, p plays your pod back, n goes to the next exercise\./);
  assert.equal(s.progressState['liveness-exam']!.status, 'done');
  assert.deepEqual(s.calls, ['grade liveness-exam', 'grade liveness-exam', 'record liveness-exam passed']);
  inst.unmount();
});

test('a failing result lists each check with its message and location', async () => {
  const s = fakeServices();
  const inst = render(<App services={s} size={{ width: 100, height: 60 }} initialExercise="liveness-exam" />);
  await start(inst);
  const f = await press(inst, 'r');
  assert.match(f, /✗ The probe runs every 5 s\n +the liveness probe runs every 10 s; the task asks for every 5 s\n +liveness-exam\.yaml:14:7\n +14 │       periodSeconds: 10\n +│       \^/);
  assert.equal(s.progressState['liveness-exam']!.status, 'attempted');
  inst.unmount();
});

test('e opens the editor and re-grades afterwards', async () => {
  const s = fakeServices();
  const inst = render(<App services={s} size={{ width: 100, height: 40 }} initialExercise="liveness-exam" />);
  await start(inst);
  s.nextResult = passResult();
  await press(inst, 'e');
  const f = await frameMatching(inst, /PASSED/);
  assert.ok(inst.frames.some((x) => x.includes('Editing in your editor; save and quit it to come back.')));
  assert.deepEqual(s.calls.slice(1), ['edit /ws/01-liveness-exam/liveness-exam.yaml', 'grade liveness-exam', 'record liveness-exam passed']);
  assert.match(f, /PASSED/);
  inst.unmount();
});

test('an editor that cannot run is reported, not thrown', async () => {
  const s = fakeServices({ edit: async () => ({ ok: false, command: 'nope', message: 'command not found' }) });
  const inst = render(<App services={s} size={{ width: 100, height: 40 }} initialExercise="liveness-exam" />);
  await start(inst);
  await press(inst, 'e');
  assert.match(await frameMatching(inst, /Could not run/), /Could not run the editor "nope": command not found/);
  inst.unmount();
});

test('d shows the coloured diff; tab switches to the reference, locked until passed', async () => {
  const s = fakeServices();
  const inst = render(<App services={s} size={{ width: 100, height: 40 }} initialExercise="liveness-exam" />);
  await start(inst);
  let f = await press(inst, 'd');
  assert.match(f, /Your changes \(starter → your file\)/);
  assert.match(f, /-a: 1\n\+a: 2/);
  f = await press(inst, '\t');
  assert.match(f, /Learner vs reference opens once this exercise is passed\./);
  s.nextResult = { ...passResult(), diffReference: '--- mine\n+++ reference\n@@ -1 +1 @@\n-command: [cat]\n+command: [ls]\n' };
  f = await press(inst, 'r');
  assert.match(f, /Your file → reference answer/);
  assert.match(f, /\+command: \[ls\]/);
  f = await press(inst, ESC);
  assert.match(f, /── Task/);
  inst.unmount();
});

test('s shows the solution only after passing', async () => {
  const s = fakeServices();
  const inst = render(<App services={s} size={{ width: 100, height: 40 }} initialExercise="liveness-exam" />);
  await start(inst);
  let f = await press(inst, 's');
  assert.match(f, /The reference answer opens once this exercise is passed\./);
  assert.doesNotMatch(f, /kind: Pod/);
  s.nextResult = passResult();
  await press(inst, ESC, 'r');
  f = await press(inst, 's');
  assert.match(f, /Reference answer/);
  assert.match(f, /2 │ kind: Pod/);
  inst.unmount();
});

test('x asks before resetting; n keeps the file, y resets it', async () => {
  const s = fakeServices();
  const inst = render(<App services={s} size={{ width: 100, height: 40 }} initialExercise="liveness-exam" />);
  await start(inst);
  let f = await press(inst, 'x');
  assert.match(f, /Reset liveness-exam\.yaml to the starter\? Your file is backed up first\. \(y\/n\)/);
  f = await press(inst, 'n');
  assert.doesNotMatch(f, /\(y\/n\)/);
  assert.ok(!s.calls.includes('reset liveness-exam'));
  f = await press(inst, 'x', 'y');
  assert.ok(s.calls.includes('reset liveness-exam'));
  assert.match(f, /your old file is in \/ws\/01-liveness-exam\/liveness-exam\.yaml\.bak-1/);
  inst.unmount();
});

test('n goes to the next exercise', async () => {
  const inst = render(<App services={fakeServices()} size={{ width: 100, height: 40 }} initialExercise="liveness-exam" />);
  await start(inst);
  assert.match(await press(inst, 'n'), /02 nginx-liveness — Nginx liveness/);
  inst.unmount();
});

test('p plays the pod back: 4 jumps to the end, the restart, probe strip and events show', async () => {
  const s = fakeServices();
  s.nextResult = passResult();
  const inst = render(<App services={s} size={{ width: 120, height: 40 }} initialExercise="liveness-exam" />);
  await start(inst);
  let f = await press(inst, 'p');
  assert.match(f, /Playback · your pod/);
  assert.match(f, /space pause +1-4 speed +←→ seek +t learner\/reference/);
  f = await press(inst, '4');
  assert.match(f, /t = 2m \/ 2m/);
  assert.match(f, /liveness-exam +1\/1 +Running +1 \(1s ago\) +78s/);
  assert.match(f, /liveness +[ ·✓]+✗[·✗]*K~+·+/);
  assert.match(f, /Warning +Unhealthy +\d+s \(x3 over \d+s\) +kubelet +Liveness probe failed/);
  assert.match(f, /Normal +Killing/);
  f = await press(inst, '0');
  assert.match(f, /t = 0s \/ 2m/);
  f = await press(inst, ' ');
  assert.match(f, /paused/);
  f = await press(inst, '\u001B[C');
  assert.match(f, /t = 2s \/ 2m/);
  assert.match(f, /liveness-exam +1\/1 +Running +0 +2s/);
  f = await press(inst, 't');
  assert.match(f, /Playback · reference/);
  f = await press(inst, ESC);
  assert.match(f, /── Task/);
  inst.unmount();
});

test('when the pods diverge the playback starts side by side with the first difference marked', async () => {
  const s = fakeServices();
  const inst = render(<App services={s} size={{ width: 140, height: 44 }} initialExercise="liveness-exam" />);
  await start(inst);
  let f = await press(inst, 'p', '4');
  assert.match(f, /your pod │ reference/);
  assert.match(f, /▼ first difference @ 47s: the reference container is killed at 47 s; yours at 1m2s/);
  const strip = f.split('\n').filter((l) => l.includes('liveness ') && l.includes('│'));
  assert.equal(strip.length, 1, f);
  assert.ok(f.split('\n').some((l) => /^\s+▼/.test(l)), f);
  inst.unmount();
});

test('without colour (NO_COLOR) no escape sequences are drawn', async () => {
  const inst = render(<App services={fakeServices({ color: false })} size={{ width: 100, height: 30 }} />);
  await start(inst);
  assert.doesNotMatch(inst.lastFrame()!, /\u001B\[/);
  inst.unmount();
});

test('the file is shown relative to the folder kubedrill started in', async () => {
  const inst = render(<App services={fakeServices({ cwd: '/ws' })} size={{ width: 100, height: 40 }} initialExercise="liveness-exam" />);
  await start(inst);
  assert.match(inst.lastFrame()!, /Your file: 01-liveness-exam\/liveness-exam\.yaml /);
  inst.unmount();
});

test('a workspace that cannot be written is reported on screen, not thrown', async () => {
  const s = fakeServices({
    ensureLearnerFile: () => {
      throw new Error('EACCES: permission denied');
    },
    resetLearnerFile: () => {
      throw new Error('EROFS: read-only file system');
    },
  });
  const inst = render(<App services={s} size={{ width: 100, height: 40 }} initialExercise="liveness-exam" />);
  await start(inst);
  assert.match(inst.lastFrame()!, /Could not write \/ws\/01-liveness-exam\/liveness-exam\.yaml: EACCES: permission denied/);
  assert.match(await press(inst, 'x', 'y'), /Could not write .*EROFS: read-only file system/);
  inst.unmount();
});

test('keys that arrive together in one chunk are all handled', async () => {
  const inst = render(<App services={fakeServices()} size={{ width: 100, height: 40 }} />);
  await start(inst);
  assert.match(await press(inst, 'jj\r'), /03 startup-probe — Slow start/);
  inst.unmount();
});

test('a grader or simulator that fails to load is a message on screen, not a crash', async () => {
  const s = fakeServices({
    sim: async () => {
      throw new Error('Cannot find module query.js');
    },
  });
  const inst = render(<App services={s} size={{ width: 100, height: 40 }} initialExercise="liveness-exam" />);
  await start(inst);
  assert.match(await press(inst, 'p'), /kubedrill failed \(a bug or a broken installation\): Cannot find module query\.js/);
  s.grade = async () => {
    throw new Error('boom');
  };
  assert.match(await press(inst, 'r'), /kubedrill failed \(a bug or a broken installation\): boom/);
  inst.unmount();
});

test('the list names the last mock exam of the progress history, when there is one', async () => {
  const without = render(<App services={fakeServices()} size={{ width: 120, height: 30 }} />);
  await start(without);
  assert.doesNotMatch(without.lastFrame()!, /mock exam/);
  const s = fakeServices({ lastExam: { score: 71.5, passed: true, taken: 3 } });
  const inst = render(<App services={s} size={{ width: 120, height: 30 }} />);
  await start(inst);
  assert.match(inst.lastFrame()!, /^filter: all {3}last mock exam 71\.5 % passed \(3 taken\) · kubedrill exam --history$/m);
  const ko = render(<App services={fakeServices({ lang: 'ko', lastExam: { score: 40, passed: false, taken: 1 } })} size={{ width: 120, height: 30 }} />);
  await start(ko);
  assert.match(ko.lastFrame()!, /최근 모의시험 40% 불합격 · kubedrill exam --history/);
});
