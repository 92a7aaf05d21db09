// The interpreter's finite resources (src/sim/runtime/sh/limits.ts): every recursion of the shell, its
// parser and its arithmetic ends the way a real busybox ash does on a node (SIGSEGV, the OOM killer,
// fork failing), never as a JavaScript stack overflow; and a pod whose container does so restarts.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runScript } from '../../../../src/sim/runtime/sh/run-script.js';
import { simulate, statusAt } from '../../../../src/sim/index.js';
import { SH_PARSE_DEPTH } from '../../../../src/sim/runtime/sh/limits.js';

interface Case {
  name: string;
  script: string;
  status: number | 'running';
  stdout?: string;
  stderr?: string | RegExp;
}

const deep = (open: string, inner: string, close: string, n: number) => open.repeat(n) + inner + close.repeat(n);

const CASES: Case[] = [
  // SIGSEGV: ash recurses on its C stack; PID 1 dies of it silently (nobody is left to print it)
  { name: 'a function that calls itself', script: 'f() { f; }; f', status: 139, stderr: '' },
  { name: 'nothing after the crash runs, not even the EXIT trap', script: "trap 'echo bye' EXIT; f() { f; }; f; echo after", status: 139, stdout: '' },
  { name: 'mutual recursion', script: 'a() { b; }; b() { a; }; a', status: 139 },
  { name: 'recursion through eval', script: 'e="eval \\$e"; eval "$e"', status: 139 },
  { name: 'recursion through . (source)', script: 'echo ". /tmp/s" > /tmp/s; . /tmp/s', status: 139 },
  { name: 'deeply nested subshells in the program: the parser crashes before anything runs', script: 'echo start; ' + deep('(', 'true', ')', SH_PARSE_DEPTH + 50), status: 139, stdout: '' },
  { name: 'deeply nested $( )', script: 'x=' + deep('$(', 'echo hi', ')', SH_PARSE_DEPTH + 50), status: 139 },
  { name: 'deeply nested { }', script: deep('{ ', 'true', '; }', SH_PARSE_DEPTH + 50), status: 139 },
  { name: 'deeply nested arithmetic', script: 'echo $((' + deep('(', '1', ')', 600) + '))', status: 139 },
  // a subshell is a forked child: the child dies, and the parent shell reports it like ash (strsignal)
  { name: 'a recursive subshell: the child dies, the parent says so and goes on', script: 'f() { (f); }; (f); echo "after $?"', status: 0, stdout: 'after 139\n', stderr: 'Segmentation fault\n' },
  // nesting that is deep but within the limits still works
  { name: 'nesting within the limits works', script: 'n=0; f() { n=$((n+1)); [ $n -lt 500 ] && f; }; f; echo $n; echo ' + deep('$(echo ', 'ok', ')', 40), status: 0, stdout: '500\nok\n' },
  { name: 'a name that refers to itself in $(( )) is ash\'s own error', script: 'a=a; echo $((a))', status: 2, stderr: 'sh: expression recursion loop detected\n' },
  // memory: a value that doubles for ever is killed by the OOM killer (SIGKILL)
  { name: 'a value that doubles for ever', script: 'x=x; while :; do x=$x$x; done', status: 137 },
  // a busy loop never finishes, and costs no host time: it is still running at the horizon
  { name: 'a busy loop', script: 'while :; do :; done', status: 'running' },
  // processes: past the pid limit, fork fails and ash says so
  // each $( ) is a forked child: recursion through them runs out of processes before stack
  { name: 'recursion through a command substitution', script: 'f() { echo $(f); }; f', status: 0, stdout: '\n', stderr: "sh: can't fork: Resource temporarily unavailable\n" },
  { name: 'a fork bomb meets the pid limit', script: 'f() { f | f; }; f', status: 'running', stderr: /^sh: can't fork: Resource temporarily unavailable\n/ },
];

describe('shell limits', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const r = runScript(c.script, { untilMs: 30_000 });
      if (c.status === 'running') assert.equal(r.exit, undefined, `still running at the horizon, got ${JSON.stringify(r.exit)}`);
      else assert.equal(r.exit?.exitCode, c.status, `exit status; stderr: ${r.stderr.slice(0, 200)}`);
      if (c.stdout !== undefined) assert.equal(r.stdout, c.stdout);
      if (typeof c.stderr === 'string') assert.equal(r.stderr, c.stderr);
      else if (c.stderr) assert.match(r.stderr, c.stderr);
    });
  }
});

describe('a container that crashes at a limit is restarted like any failed container', () => {
  for (const [name, script, code, want] of [
    ['SIGSEGV from recursion', 'f() { f; }; f', 139, 'Error'],
    ['the OOM killer (containerd says OOMKilled)', 'x=x; while :; do x=$x$x; done', 137, 'OOMKilled'],
    ['the OOM killer in a child process: PID 1 goes on, and its later exit is still OOMKilled', '(x=x; while :; do x=$x$x; done); echo "child $?"; exit 1', 1, 'OOMKilled'],
  ] as const) {
    it(name, () => {
      const reason: string = want;
      const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'rec' }, spec: { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', script] }] } } as const;
      const trace = simulate(structuredClone(pod) as never, { untilMs: 120_000, seed: 1 });
      const exits = trace.records.filter((r) => r.kind === 'container-exit');
      assert.ok(exits.length >= 3, `the container exits and is started again (${exits.length} exits)`);
      const c = statusAt(trace, trace.untilMs).containers[0]!;
      assert.ok(c.restartCount >= 3, `restarts: ${c.restartCount}`);
      const last = c.state.kind === 'terminated' ? c.state : c.lastState;
      assert.equal(last?.kind, 'terminated');
      assert.equal(last?.kind === 'terminated' && last.exitCode, code);
      assert.equal(last?.kind === 'terminated' && last.reason, reason);
      // same input and seed, same trace
      assert.equal(JSON.stringify(simulate(structuredClone(pod) as never, { untilMs: 120_000, seed: 1 })), JSON.stringify(trace));
    });
  }
});
