// Small hand-made exercises, grade results, traces and an in-memory Services for the UI tests.
import type { Exercise, ExerciseProgress, Localized } from '../../src/exercises/types.js';
import type { GradeResult } from '../../src/grade/types.js';
import type { PodStatusSnapshot, Trace, TraceRecord } from '../../src/sim/trace.js';
import { ageAt, humanDuration } from '../../src/sim/render/format.js';
import { formatEventTable } from '../../src/sim/render/events.js';
import { eventObjectsAt } from '../../src/sim/query.js';
import { renderTranscript } from '../../src/sim/render/transcript.js';
import type { EditOutcome, ProgressSnapshot, Services, SimQueries } from '../../src/ui/services.js';

export const L = (en: string, ko = en): Localized => ({ en, ko });

export function exercise(n: number, id: string, over: Partial<Exercise> = {}): Exercise {
  const dir = `${String(n).padStart(2, '0')}-${id}`;
  return {
    id,
    dir,
    path: `/pack/exercises/${dir}`,
    title: L(`Title of ${id}`, `${id} 제목`),
    task: L('## Do it\nAdd a **probe** to `pod.yaml`:\n- every 5 s\n- threshold 2\n```yaml\nlivenessProbe:\n  exec: {}\n```', '## 하세요\n- 5초마다'),
    difficulty: 'easy',
    domain: 'Application Observability and Maintenance',
    tags: ['liveness', 'exec'],
    hints: [L('First hint: look at the container.', '첫 힌트'), L('Second hint: use exec.', '둘째 힌트')],
    points: 10,
    timeBudget: 8,
    file: `${id}.yaml`,
    solutionPath: `/pack/solutions/${dir}/${id}.yaml`,
    ...over,
  };
}

export const EXERCISES: Exercise[] = [
  exercise(1, 'liveness-exam'),
  exercise(2, 'nginx-liveness', { difficulty: 'medium', tags: ['http'], title: L('Nginx liveness', '엔진엑스 라이브니스') }),
  exercise(3, 'startup-probe', { difficulty: 'hard', tags: ['startup'], timeBudget: 12, title: L('Slow start', '느린 시작') }),
];

const running = (t: number, restarts: number, ready: boolean, last?: { finishedAtMs: number; startedAtMs: number }): PodStatusSnapshot => ({
  phase: 'Running',
  conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionMs: t }],
  initContainers: [],
  containers: [
    {
      name: 'app',
      image: 'busybox',
      init: false,
      state: { kind: 'running', startedAtMs: t },
      ...(last ? { lastState: { kind: 'terminated' as const, exitCode: 137, reason: 'Error', ...last } } : {}),
      ready,
      started: true,
      restartCount: restarts,
      containerId: 'containerd://abc',
    },
  ],
});

/** liveness-exec-like: started at 2 s, probes every 5 s, fails from 37 s, killed at 47 s, exits at 77 s, restarts at 78 s. */
export function livenessTrace(name = 'liveness-exam', killAt = 47_000): Trace {
  const rec: TraceRecord[] = [
    { t: 0, kind: 'event', event: { type: 'Normal', reason: 'Scheduled', from: 'default-scheduler', message: `Successfully assigned default/${name} to node01` } },
    {
      t: 0,
      kind: 'status',
      status: {
        phase: 'Pending',
        conditions: [],
        initContainers: [],
        containers: [{ name: 'app', image: 'busybox', init: false, state: { kind: 'waiting', reason: 'ContainerCreating' }, ready: false, started: false, restartCount: 0, containerId: '' }],
      },
    },
    { t: 2000, kind: 'container-start', container: 'app', restartCount: 0, containerId: 'containerd://abc' },
    { t: 2000, kind: 'event', event: { type: 'Normal', reason: 'Started', from: 'kubelet', message: 'Started container app', container: 'app' } },
    { t: 2000, kind: 'status', status: running(2000, 0, true) },
  ];
  for (let t = 7000; t <= killAt; t += 5000) {
    const ok = t < killAt - 10_000;
    rec.push({ t, kind: 'probe', container: 'app', probe: 'liveness', result: ok ? 'success' : 'failure', output: ok ? '' : "cat: can't open '/tmp/healthy'", durationMs: 1 });
    if (!ok) rec.push({ t, kind: 'event', event: { type: 'Warning', reason: 'Unhealthy', from: 'kubelet', message: "Liveness probe failed: cat: can't open '/tmp/healthy'", container: 'app' } });
  }
  rec.push({ t: killAt, kind: 'kill', container: 'app', reason: 'LivenessProbe', graceMs: 30_000, message: 'Container app failed liveness probe, will be restarted' });
  rec.push({ t: killAt, kind: 'event', event: { type: 'Normal', reason: 'Killing', from: 'kubelet', message: 'Container app failed liveness probe, will be restarted', container: 'app' } });
  const exit = killAt + 30_000;
  rec.push({ t: exit, kind: 'container-exit', container: 'app', exitCode: 137, reason: 'Error', signal: 'SIGKILL' });
  rec.push({ t: exit + 1000, kind: 'container-start', container: 'app', restartCount: 1, containerId: 'containerd://def' });
  rec.push({ t: exit + 1000, kind: 'event', event: { type: 'Normal', reason: 'Started', from: 'kubelet', message: 'Started container app', container: 'app' } });
  rec.push({ t: exit + 1000, kind: 'status', status: running(exit + 1000, 1, true, { startedAtMs: 2000, finishedAtMs: exit }) });
  return {
    format: 'kubedrill-trace/v1',
    seed: 1,
    untilMs: 120_000,
    pod: { name, namespace: 'default', uid: 'uid-1', nodeName: 'node01' },
    containers: [{ name: 'app', image: 'busybox', init: false, behaviour: 'busybox sh', known: true }],
    records: rec.sort((a, b) => a.t - b.t),
  };
}

export const QUERIES: SimQueries = { eventObjectsAt, humanDuration, ageAt, formatEventTable: (e, t) => formatEventTable(e, t), transcript: (trace, opts) => renderTranscript(trace, opts) };

export function passResult(id = 'liveness-exam'): GradeResult {
  return {
    exerciseId: id,
    file: `/ws/01-${id}/${id}.yaml`,
    passed: true,
    score: 10,
    maxScore: 10,
    findings: [],
    checks: [
      { id: 'period', stage: 'expect', title: 'The probe runs every 5 s', status: 'pass', message: 'ok', points: 5 },
      { id: 'restarts', stage: 'behaviour', title: 'The container is restarted after the file is gone', status: 'pass', message: 'ok', points: 5 },
    ],
    diffStarter: `--- starter\n+++ ${id}.yaml\n@@ -1,2 +1,4 @@\n   args: []\n+  livenessProbe:\n+    exec: {}\n`,
    diffReference: '',
    trace: livenessTrace(),
    referenceTrace: livenessTrace(),
  };
}

export function failResult(id = 'liveness-exam'): GradeResult {
  return {
    exerciseId: id,
    file: `/ws/01-${id}/${id}.yaml`,
    passed: false,
    score: 4,
    maxScore: 10,
    findings: [],
    checks: [
      {
        id: 'period',
        stage: 'expect',
        title: 'The probe runs every 5 s',
        status: 'fail',
        message: 'the liveness probe runs every 10 s; the task asks for every 5 s',
        file: `${id}.yaml`,
        line: 14,
        col: 7,
        excerpt: '      periodSeconds: 10',
        points: 5,
      },
      { id: 'name', stage: 'preserve', title: 'The pod keeps its name', status: 'pass', message: 'ok', points: 4 },
      { id: 'restarts', stage: 'behaviour', title: 'The container is restarted', status: 'skip', message: 'skipped: fix the fields first', points: 1 },
    ],
    diffStarter: '--- starter\n+++ mine\n@@ -1 +1 @@\n-a: 1\n+a: 2\n',
    diffReference: '--- mine\n+++ reference\n@@ -1 +1 @@\n-periodSeconds: 10\n+periodSeconds: 5\n',
    trace: livenessTrace('liveness-exam', 62_000),
    referenceTrace: livenessTrace(),
    divergence: { atMs: 47_000, message: 'the reference container is killed at 47 s; yours at 1m2s' },
  };
}

export interface FakeServices extends Services {
  calls: string[];
  /** what grade() returns next */
  nextResult: GradeResult;
  saves: Map<string, () => void>;
  save(path: string): void;
  progressState: Record<string, ExerciseProgress>;
}

export function fakeServices(over: Partial<Services> = {}, initial: Record<string, ExerciseProgress> = {}): FakeServices {
  const progressState: Record<string, ExerciseProgress> = { ...initial };
  const saves = new Map<string, () => void>();
  const snap = (): ProgressSnapshot => ({ ...progressState });
  const s: FakeServices = {
    calls: [],
    nextResult: failResult(),
    saves,
    progressState,
    save(path) {
      saves.get(path)?.();
    },
    lang: 'en',
    color: false,
    workspaceDir: '/ws',
    exercises: EXERCISES,
    progress: snap,
    recordAttempt(ex, result) {
      const p = progressState[ex.id] ?? { status: 'new', hintsShown: 0, attempts: 0 };
      progressState[ex.id] = {
        ...p,
        attempts: p.attempts + 1,
        status: result.passed ? 'done' : p.status === 'done' ? 'done' : 'attempted',
        lastScore: result.score,
      };
      s.calls.push(`record ${ex.id} ${result.passed ? 'passed' : 'failed'}`);
      return snap();
    },
    revealNextHint(ex) {
      const p = progressState[ex.id] ?? { status: 'new', hintsShown: 0, attempts: 0 };
      if (p.hintsShown >= ex.hints.length) return { snapshot: snap(), index: 0, total: ex.hints.length };
      progressState[ex.id] = { ...p, hintsShown: p.hintsShown + 1 };
      return { snapshot: snap(), hint: ex.hints[p.hintsShown]!, index: p.hintsShown + 1, total: ex.hints.length };
    },
    learnerPath: (ex) => `/ws/${ex.dir}/${ex.file}`,
    ensureLearnerFile: (ex) => ({ path: `/ws/${ex.dir}/${ex.file}`, created: false }),
    resetLearnerFile(ex) {
      s.calls.push(`reset ${ex.id}`);
      return { path: `/ws/${ex.dir}/${ex.file}`, backup: `/ws/${ex.dir}/${ex.file}.bak-1` };
    },
    solutionText: () => 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: liveness-exam\n',
    async grade(ex) {
      s.calls.push(`grade ${ex.id}`);
      return s.nextResult;
    },
    sim: async () => QUERIES,
    async edit(path): Promise<EditOutcome> {
      s.calls.push(`edit ${path}`);
      return { ok: true };
    },
    watch(path, onChange) {
      saves.set(path, onChange);
      return () => saves.delete(path);
    },
    ...over,
  };
  return s;
}

/** Lets Ink handle the input and React re-render before the frame is read. */
export const settle = (ms = 30) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits until Ink has drawn after an input: at least one new frame, then quiet for `quietMs`.
 * Bounded, so a key that changes nothing costs at most `maxMs`. Ink holds a lone ESC back for a
 * moment (it may start an escape sequence), and the machine may be busy: fixed sleeps would flake.
 */
export async function drawn(frames: readonly string[], before: number, quietMs = 25, maxMs = 2000): Promise<void> {
  const step = 5;
  let waited = 0;
  let lastCount = frames.length;
  let quiet = 0;
  while (waited < maxMs) {
    await settle(step);
    waited += step;
    if (frames.length !== lastCount) {
      lastCount = frames.length;
      quiet = 0;
    } else quiet += step;
    if (lastCount > before && quiet >= quietMs) return;
  }
}

/** What the key helpers need of an ink-testing-library instance. */
interface Drawn {
  readonly frames: readonly string[];
  readonly stdin: { write(data: string): void };
  lastFrame(): string | undefined;
}

/** Types each key and waits for the frame it draws; returns the last frame. */
export async function press(inst: Drawn, ...keys: string[]): Promise<string> {
  for (const k of keys) {
    const before = inst.frames.length;
    inst.stdin.write(k);
    await drawn(inst.frames, before);
  }
  return inst.lastFrame() ?? '';
}

/** The frame once it matches `re` (bounded): for screens that settle after a pause, like the editor. */
export async function frameMatching(inst: Drawn, re: RegExp, ms = 3000): Promise<string> {
  for (let waited = 0; waited < ms && !re.test(inst.lastFrame() ?? ''); waited += 10) await new Promise((r) => setTimeout(r, 10));
  return inst.lastFrame() ?? '';
}
