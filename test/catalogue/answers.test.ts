// Other right answers to the catalogue's exercises pass, and the usual wrong ones fail on the check
// that names their mistake: the checks grade what the task asks, not the reference's exact text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { findExercise, loadPack } from '../../src/exercises/pack.js';
import { gradeText } from '../../src/grade/index.js';
import type { Exercise } from '../../src/exercises/types.js';

const loaded = loadPack();
if (!loaded.ok) throw new Error(`built-in pack does not load: ${JSON.stringify(loaded.findings.slice(0, 2))}`);
const pack = loaded.pack;

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface Case {
  exercise: string;
  name: string;
  /** edits a copy of the reference answer */
  edit: (pod: Obj) => void;
  /** undefined: must pass; otherwise the id of a check that must fail */
  fails?: string;
}

const c0 = (pod: Obj): Obj => pod.spec.containers[0];

const CASES: Case[] = [
  // 02 — the defaults spelt out are the same probe.
  {
    exercise: 'nginx-liveness',
    name: 'defaults written out',
    edit: (p) => Object.assign(c0(p).livenessProbe, { initialDelaySeconds: 0, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 }),
  },
  { exercise: 'nginx-liveness', name: 'readiness instead of liveness', edit: (p) => ((c0(p).readinessProbe = c0(p).livenessProbe), delete c0(p).livenessProbe), fails: 'has-liveness' },
  { exercise: 'nginx-liveness', name: 'a tuned period', edit: (p) => (c0(p).livenessProbe.periodSeconds = 5), fails: 'default-period' },
  { exercise: 'nginx-liveness', name: 'a path nginx does not serve', edit: (p) => (c0(p).livenessProbe.httpGet.path = '/healthz'), fails: 'never-restarted' },
  // 03
  { exercise: 'nginx-liveness-tuned', name: 'the timeout left at its default', edit: (p) => delete c0(p).livenessProbe.timeoutSeconds, fails: 'timeout' },
  { exercise: 'nginx-liveness-tuned', name: 'scheme HTTP spelt out', edit: (p) => (c0(p).livenessProbe.httpGet.scheme = 'HTTP') },
  // 04
  { exercise: 'tcp-probes', name: 'liveness written before readiness', edit: (p) => { const { readinessProbe, ...rest } = c0(p); p.spec.containers[0] = { ...rest, readinessProbe }; } },
  { exercise: 'tcp-probes', name: 'liveness on the wrong port', edit: (p) => (c0(p).livenessProbe.tcpSocket.port = 80), fails: 'never-killed' },
  // 05
  { exercise: 'grpc-probe', name: 'the default service spelt out', edit: (p) => (c0(p).livenessProbe.grpc.service = '') },
  { exercise: 'grpc-probe', name: 'an httpGet probe instead of gRPC', edit: (p) => (c0(p).livenessProbe = { httpGet: { path: '/health', port: 2379 }, initialDelaySeconds: 10, periodSeconds: 5 }), fails: 'grpc-handler' },
  // 06
  { exercise: 'unhealthy-restarts', name: 'a named port', edit: (p) => ((c0(p).ports[0].name = 'http'), (c0(p).livenessProbe.httpGet.port = 'http')) },
  { exercise: 'unhealthy-restarts', name: 'protocol left to its default', edit: (p) => delete c0(p).ports[0].protocol },
  { exercise: 'unhealthy-restarts', name: 'a named port that does not exist', edit: (p) => (c0(p).livenessProbe.httpGet.port = 'web'), fails: 'restarts-at-6m6s' },
  { exercise: 'unhealthy-restarts', name: 'failureThreshold 1', edit: (p) => (c0(p).livenessProbe.failureThreshold = 1), fails: 'first-kill' },
  // 07
  { exercise: 'readiness-exec', name: 'test -e', edit: (p) => (c0(p).readinessProbe.exec.command = ['test', '-e', '/tmp/ready']) },
  { exercise: 'readiness-exec', name: 'sh -c', edit: (p) => (c0(p).readinessProbe.exec.command = ['sh', '-c', 'ls /tmp/ready']) },
  { exercise: 'readiness-exec', name: 'liveness instead of readiness', edit: (p) => ((c0(p).livenessProbe = c0(p).readinessProbe), delete c0(p).readinessProbe), fails: 'not-ready-while-warming-up' },
  // 08
  { exercise: 'readiness-http', name: 'path left to its default', edit: (p) => delete c0(p).readinessProbe.httpGet.path },
  { exercise: 'readiness-http', name: 'the port list changed instead of the probe', edit: (p) => ((c0(p).readinessProbe.httpGet.port = 8080), (c0(p).ports[0].containerPort = 8080)), fails: 'ports-kept' },
  // 09
  { exercise: 'startup-probe', name: 'the docs\' 30 × 10 s', edit: (p) => (c0(p).startupProbe.failureThreshold = 30), fails: 'startup-failure-threshold' },
  { exercise: 'startup-probe', name: 'a longer liveness delay instead of a startup probe', edit: (p) => (delete c0(p).startupProbe, (c0(p).livenessProbe.initialDelaySeconds = 90)), fails: 'liveness-kept' },
  { exercise: 'startup-probe', name: 'a startup probe too short for the app', edit: (p) => (c0(p).startupProbe.failureThreshold = 3), fails: 'never-killed' },
  // 10
  { exercise: 'restart-policy', name: 'Never', edit: (p) => (p.spec.restartPolicy = 'Never'), fails: 'on-failure' },
  // 11
  { exercise: 'crashloop-fix', name: 'the echo dropped', edit: (p) => (c0(p).args[2] = 'sleep 3600'), fails: 'still-echoes' },
  { exercise: 'crashloop-fix', name: 'a command instead of args', edit: (p) => ((c0(p).command = ['sleep', '3600']), delete c0(p).args), fails: 'no-command' },
  { exercise: 'crashloop-fix', name: '&& instead of ;', edit: (p) => (c0(p).args[2] = 'echo app starting && sleep 3600') },
  // 12
  { exercise: 'named-port', name: 'name written before containerPort', edit: (p) => (c0(p).ports = [{ name: 'http', containerPort: 80 }]) },
  { exercise: 'named-port', name: 'probes switched to the number', edit: (p) => { delete c0(p).ports[0].name; c0(p).readinessProbe.httpGet.port = 80; c0(p).livenessProbe.httpGet.port = 80; }, fails: 'readiness-kept' },
  // 13
  { exercise: 'probe-timeout', name: 'a timeout still shorter than the check', edit: (p) => (c0(p).livenessProbe.timeoutSeconds = 2), fails: 'never-killed' },
  // 14
  { exercise: 'probe-grace-period', name: 'the Pod grace period shortened instead', edit: (p) => (delete c0(p).livenessProbe.terminationGracePeriodSeconds, (p.spec.terminationGracePeriodSeconds = 10)), fails: 'pod-grace-kept' },
  // 16
  { exercise: 'probe-on-the-right-container', name: 'the probe copied instead of moved', edit: (p) => (p.spec.containers[1].livenessProbe = structuredClone(c0(p).livenessProbe)), fails: 'agent-has-no-liveness' },
  { exercise: 'probe-on-the-right-container', name: 'test -f instead of cat', edit: (p) => (c0(p).livenessProbe.exec.command = ['test', '-f', '/tmp/healthy']) },
  // 15
  { exercise: 'init-container', name: 'migrate as a sidecar (restartPolicy Always)', edit: (p) => (p.spec.initContainers[0].restartPolicy = 'Always'), fails: 'migrate-not-sidecar' },
];

function solutionOf(ex: Exercise): Obj {
  return parse(readFileSync(ex.solutionPath, 'utf8')) as Obj;
}

for (const c of CASES) {
  test(`${c.exercise}: ${c.name} ${c.fails ? `fails ${c.fails}` : 'passes'}`, () => {
    const ex = findExercise(pack, c.exercise);
    assert.ok(ex, `no exercise ${c.exercise}`);
    const pod = solutionOf(ex);
    c.edit(pod);
    const r = gradeText(ex, stringify(pod), `${c.exercise}.yaml`);
    const failed = r.checks.filter((k) => k.status !== 'pass').map((k) => `${k.id}: ${k.message}`);
    const errors = r.findings.filter((f) => f.severity === 'error').map((f) => f.message);
    if (c.fails === undefined) {
      assert.deepEqual([...errors, ...failed], [], 'a right answer must pass');
      assert.equal(r.passed, true);
    } else {
      assert.equal(r.passed, false, 'a wrong answer must fail');
      assert.ok(
        r.checks.some((k) => k.id === c.fails && k.status === 'fail'),
        `expected ${c.fails} to fail; failed: ${failed.join(' | ') || errors.join(' | ')}`,
      );
    }
  });
}
