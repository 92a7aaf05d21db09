// The container process model: PID-1 signal semantics, exec probes against the container filesystem, logs, networking.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRuntime } from '../../../src/sim/runtime/index.js';
import type { ContainerLaunch, Process } from '../../../src/sim/runtime/types.js';
import { runScript } from '../../../src/sim/runtime/sh/run-script.js';
import { ContainerProcess } from '../../../src/sim/runtime/process.js';
import { DEFAULT_PATH, imageFs } from '../../../src/sim/runtime/image-fs.js';
import type { VirtualFs } from '../../../src/sim/runtime/vfs.js';

const rt = createRuntime();

function start(image: string, over: Partial<ContainerLaunch> = {}, now = 0): Process {
  return rt.start({ name: 'c', image, env: {}, ports: [], ...over }, now);
}

const shell = (script: string, now = 0) => start('busybox:1.36', { command: ['sh', '-c', script] }, now);

describe('PID-1 signals for a shell', () => {
  it('a shell without a trap ignores SIGTERM; SIGKILL kills with 137', () => {
    const p = shell('touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600');
    assert.equal(p.signal('SIGTERM', 40_000), 'ignored');
    assert.equal(p.exited(), undefined);
    assert.equal(p.signal('SIGKILL', 70_000), 'exited');
    assert.deepEqual(p.exited(), { atMs: 70_000, exitCode: 137, reason: 'Error', signal: 'SIGKILL' });
  });

  const table: { name: string; script: string; outcome: string; exit?: { atMs: number; exitCode: number }; logs?: string[] }[] = [
    {
      name: "trap 'exit 0' with a foreground sleep waits for the sleep (busybox runs traps between commands)",
      script: "trap 'exit 0' TERM; sleep 600",
      outcome: 'handled',
      exit: { atMs: 600_000, exitCode: 0 },
    },
    {
      name: 'sleep & wait is interrupted by the trapped signal',
      script: "trap 'echo bye; exit 0' TERM; sleep 600 & wait",
      outcome: 'exited',
      exit: { atMs: 5_000, exitCode: 0 },
      logs: ['bye'],
    },
    {
      name: 'a handler that does not exit: wait returns 128+15 and the script goes on',
      script: "trap 'echo caught' TERM; sleep 600 & wait; echo \"after $?\"",
      outcome: 'exited',
      exit: { atMs: 5_000, exitCode: 0 },
      logs: ['caught', 'after 143'],
    },
    { name: 'SIGTERM spelled SIGTERM', script: "trap 'exit 3' SIGTERM; sleep 600 & wait", outcome: 'exited', exit: { atMs: 5_000, exitCode: 3 } },
    { name: 'signal number 15', script: "trap 'exit 4' 15; sleep 600 & wait", outcome: 'exited', exit: { atMs: 5_000, exitCode: 4 } },
    { name: 'trap - TERM resets to the default (ignored by PID 1)', script: "trap 'exit 0' TERM; trap - TERM; sleep 600 & wait", outcome: 'ignored', exit: { atMs: 600_000, exitCode: 0 } },
    { name: "trap '' TERM ignores", script: "trap '' TERM; sleep 600 & wait", outcome: 'ignored', exit: { atMs: 600_000, exitCode: 0 } },
    { name: 'an INT trap does not catch TERM', script: "trap 'exit 0' INT; sleep 600 & wait", outcome: 'ignored', exit: { atMs: 600_000, exitCode: 0 } },
    {
      name: 'the EXIT trap runs when the TERM handler exits',
      script: "trap 'echo cleanup' EXIT; trap 'exit 1' TERM; sleep 600 & wait",
      outcome: 'exited',
      exit: { atMs: 5_000, exitCode: 1 },
      logs: ['cleanup'],
    },
    { name: 'exec replaces the shell and its traps', script: "trap 'exit 0' TERM; exec sleep 600", outcome: 'ignored', exit: { atMs: 600_000, exitCode: 0 } },
  ];
  for (const c of table) {
    it(c.name, () => {
      const p = shell(c.script);
      p.advance(5_000);
      assert.equal(p.signal('SIGTERM', 5_000), c.outcome);
      if (c.exit) {
        const e = p.advance(700_000);
        assert.ok(e);
        assert.equal(e.atMs, c.exit.atMs);
        assert.equal(e.exitCode, c.exit.exitCode);
        assert.equal(e.signal, undefined);
      } else assert.equal(p.advance(700_000), undefined);
      if (c.logs) assert.deepEqual(p.logs().map((l) => l.text), c.logs);
    });
  }

  it('a trap in a sleep loop runs when the current sleep ends', () => {
    const p = shell("trap 'echo stopping; exit 0' TERM; while true; do sleep 1; done");
    p.advance(5_500);
    assert.equal(p.signal('SIGTERM', 5_500), 'handled');
    assert.deepEqual(p.advance(10_000), { atMs: 6_000, exitCode: 0, reason: 'Completed' });
    assert.deepEqual(p.logs(), [{ t: 6_000, text: 'stopping' }]);
  });

  it('$RANDOM is the same for the same pod', () => {
    const a = runScript('echo $RANDOM $RANDOM', { hostname: 'p1' }).stdout;
    assert.equal(runScript('echo $RANDOM $RANDOM', { hostname: 'p1' }).stdout, a);
    assert.notEqual(runScript('echo $RANDOM $RANDOM', { hostname: 'p2' }).stdout, a);
  });

  it('kill of its own PID delivers the signal to the trap', () => {
    const r = runScript("trap 'echo got TERM; exit 7' TERM; kill -TERM $$; sleep 1");
    assert.equal(r.stdout, 'got TERM\n');
    assert.equal(r.exit?.exitCode, 7);
    assert.equal(r.exit?.atMs, 0);
  });

  it('kill -9 1 ends the container at once, mid-script', () => {
    const r = runScript('echo before; kill -9 1; echo after; sleep 5');
    assert.equal(r.stdout, 'before\n');
    assert.deepEqual(r.exit, { atMs: 0, exitCode: 137, reason: 'Error', signal: 'SIGKILL' });
  });

  it('the EXIT trap runs at the normal end of the script', () => {
    const r = runScript("trap 'echo cleanup' EXIT; echo main");
    assert.equal(r.stdout, 'main\ncleanup\n');
  });

  it('an applet as PID 1 ignores SIGTERM', () => {
    const p = start('busybox', { command: ['sleep', '3600'] });
    assert.equal(p.signal('SIGTERM', 1_000), 'ignored');
    assert.equal(p.advance(3_600_000)?.exitCode, 0);
  });
});

describe('exec probes', () => {
  const docs = () => start('registry.k8s.io/busybox:1.27.2', { args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'] });
  const OCI_NOT_FOUND = (n: string) => `OCI runtime exec failed: exec failed: unable to start container process: exec: "${n}": executable file not found in $PATH: unknown`;

  const table: { name: string; argv: string[]; at: number; exitCode: number; output: string }[] = [
    { name: 'cat while the file exists', argv: ['cat', '/tmp/healthy'], at: 10_000, exitCode: 0, output: '' },
    { name: 'cat after it was removed', argv: ['cat', '/tmp/healthy'], at: 35_000, exitCode: 1, output: "cat: can't open '/tmp/healthy': No such file or directory\n" },
    { name: 'ls after it was removed', argv: ['ls', '/tmp/healthy'], at: 35_000, exitCode: 1, output: 'ls: /tmp/healthy: No such file or directory\n' },
    { name: 'test -e before', argv: ['test', '-e', '/tmp/healthy'], at: 10_000, exitCode: 0, output: '' },
    { name: 'test -e after', argv: ['test', '-e', '/tmp/healthy'], at: 35_000, exitCode: 1, output: '' },
    { name: "sh -c 'test -e ...'", argv: ['sh', '-c', 'test -e /tmp/healthy'], at: 35_000, exitCode: 1, output: '' },
    { name: '/bin/sh -c with output', argv: ['/bin/sh', '-c', 'cat /tmp/healthy && echo ok'], at: 10_000, exitCode: 0, output: 'ok\n' },
    { name: '/bin/false gives empty output', argv: ['/bin/false'], at: 10_000, exitCode: 1, output: '' },
    { name: 'an unknown command inside sh -c', argv: ['sh', '-c', 'curl localhost'], at: 10_000, exitCode: 127, output: 'sh: curl: not found\n' },
  ];
  for (const c of table) {
    it(c.name, () => {
      const p = docs();
      p.advance(c.at);
      const r = p.exec(c.argv, c.at, 1_000);
      assert.equal(r.kind, 'exited');
      if (r.kind !== 'exited') return;
      assert.equal(r.exitCode, c.exitCode);
      assert.equal(r.output, c.output);
    });
  }

  it('a command that sleeps past the timeout times out; a short one takes its time', () => {
    const p = docs();
    assert.deepEqual(p.exec(['sh', '-c', 'sleep 10'], 1_000, 1_000), { kind: 'timeout', durationMs: 1_000 });
    const r = p.exec(['sleep', '0.5'], 1_000, 1_000);
    assert.equal(r.kind, 'exited');
    if (r.kind === 'exited') assert.ok(r.durationMs >= 500 && r.durationMs < 1_000, `duration ${r.durationMs}`);
  });

  it('finishing exactly at the deadline is a timeout', () => {
    assert.equal(docs().exec(['sleep', '1'], 0, 1_000).kind, 'timeout');
  });

  it('an exec writing to /proc/1/fd/1 lands in the container log', () => {
    const p = docs();
    p.exec(['sh', '-c', 'echo from-exec > /proc/1/fd/1'], 2_000, 1_000);
    assert.deepEqual(p.logs(), [{ t: 2_000, text: 'from-exec' }]);
  });

  it('busybox APPLET runs the applet', () => {
    const r = docs().exec(['busybox', 'sh', '-c', 'busybox echo hi'], 0, 1_000);
    assert.equal(r.kind === 'exited' && r.output, 'hi\n');
  });

  it('exec changes the same filesystem the main process sees', () => {
    const p = shell('until [ -f /tmp/ready ]; do sleep 1; done; echo ready; sleep 3600');
    p.advance(10_000);
    assert.deepEqual(p.logs(), []);
    const r = p.exec(['touch', '/tmp/ready'], 10_000, 1_000);
    assert.equal(r.kind, 'exited');
    p.advance(11_000);
    assert.deepEqual(p.logs(), [{ t: 11_000, text: 'ready' }]);
  });

  it('Debian-based images answer with GNU coreutils texts', () => {
    const p = start('nginx:1.25');
    const r = p.exec(['cat', '/tmp/x'], 0, 1_000);
    assert.deepEqual(r, { kind: 'exited', exitCode: 1, output: 'cat: /tmp/x: No such file or directory\n', durationMs: 3 });
  });

  const missing: { name: string; argv: string[]; cause: string }[] = [
    {
      name: 'one string is one executable name (not shell-split)',
      argv: ['cat /tmp/healthy'],
      cause: 'OCI runtime exec failed: exec failed: unable to start container process: exec: "cat /tmp/healthy": stat cat /tmp/healthy: no such file or directory: unknown',
    },
    { name: 'a binary busybox does not have', argv: ['curl', '-f', 'http://localhost:8080/'], cause: OCI_NOT_FOUND('curl') },
  ];
  for (const c of missing) {
    it(`${c.name}: the exec call itself fails (an rpc error, so the probe errors)`, () => {
      const p = docs();
      const a = p.exec(c.argv, 10_000, 1_000);
      const b = docs().exec(c.argv, 10_000, 1_000);
      assert.equal(a.kind, 'error');
      const msg = a.kind === 'error' ? a.message : '';
      assert.match(msg, /^rpc error: code = Unknown desc = failed to exec in container: failed to start exec "[0-9a-f]{64}": /);
      assert.ok(msg.endsWith(c.cause), msg);
      assert.deepEqual(a, b, 'the exec id is deterministic');
    });
  }

  it('a distroless image has no shell', () => {
    const p = start('registry.k8s.io/etcd:3.5.1-0');
    const r = p.exec(['sh', '-c', 'true'], 0, 1_000);
    assert.equal(r.kind, 'error');
    assert.match(r.kind === 'error' ? r.message : '', /^rpc error: code = Unknown desc = failed to exec in container: failed to start exec "[0-9a-f]{64}": /);
    assert.ok(r.kind === 'error' && r.message.endsWith(OCI_NOT_FOUND('sh')));
  });

  it('kill -TERM 1 from an exec reaches the PID-1 trap', () => {
    const p = shell("trap 'echo stop; exit 0' TERM; sleep 600 & wait");
    const r = p.exec(['kill', '-TERM', '1'], 3_000, 1_000);
    assert.equal(r.kind === 'exited' && r.exitCode, 0);
    assert.deepEqual(p.advance(3_000), { atMs: 3_000, exitCode: 0, reason: 'Completed' });
    assert.deepEqual(p.logs(), [{ t: 3_000, text: 'stop' }]);
  });

  it('exec into an exited container is an error', () => {
    const p = shell('exit 1');
    assert.equal(p.advance(0)?.exitCode, 1);
    assert.equal(p.exec(['true'], 10, 1_000).kind, 'error');
  });

  it('wget from an exec probe reaches the container listeners', () => {
    const p = start('registry.k8s.io/e2e-test-images/agnhost:2.40', { args: ['liveness'] });
    const ok = p.exec(['wget', '-q', '-O-', 'http://localhost:8080/healthz'], 5_000, 1_000);
    assert.equal(ok.kind === 'exited' && ok.output, 'ok');
    const bad = p.exec(['wget', '-q', '-O-', 'http://localhost:8080/healthz'], 12_000, 1_000);
    assert.deepEqual(bad.kind === 'exited' && [bad.exitCode, bad.output], [1, 'wget: server returned error: HTTP/1.1 500 Internal Server Error\n']);
    const refused = p.exec(['wget', '-q', '-O-', 'http://127.0.0.1:9999/'], 12_000, 1_000);
    assert.deepEqual(refused.kind === 'exited' && refused.output, "wget: can't connect to remote host (127.0.0.1): Connection refused\n");
  });
});

describe('servers started from a script', () => {
  it('httpd serves files from the virtual fs and daemonises', () => {
    const p = shell('mkdir /www; echo hello > /www/index.html; httpd -p 8080 -h /www; echo started; sleep 3600');
    p.advance(0);
    assert.deepEqual(p.logs().map((l) => l.text), ['started']);
    const r = p.http({ port: 8080, path: '/', scheme: 'http', headers: {} }, 1_000, 1_000);
    assert.equal(r.kind === 'response' && `${r.status} ${r.body}`, '200 hello\n');
    const nf = p.http({ port: 8080, path: '/missing', scheme: 'http', headers: {} }, 1_000, 1_000);
    assert.equal(nf.kind === 'response' && nf.status, 404);
    assert.deepEqual(p.tcp(8080, 1_000, 1_000), { kind: 'connected' });
    assert.deepEqual(p.tcp(8081, 1_000, 1_000), { kind: 'refused' });
    assert.deepEqual(p.http({ port: 9000, path: '/', scheme: 'http', headers: {} }, 1_000, 1_000), { kind: 'refused' });
  });

  it('httpd -f in the background runs next to the foreground sleep', () => {
    const p = shell('mkdir -p /www && echo hi > /www/index.html && httpd -f -p 8080 -h /www & sleep 3600');
    p.advance(10);
    assert.equal(p.http({ port: 8080, path: '/', scheme: 'http', headers: {} }, 10, 1_000).kind, 'response');
    assert.equal(p.advance(3_600_000)?.exitCode, 0);
  });

  it('nc -l accepts one connection and exits', () => {
    const p = shell('nc -l -p 8080; echo accepted; sleep 3600');
    p.advance(1_000);
    assert.deepEqual(p.tcp(8080, 1_000, 1_000), { kind: 'connected' });
    p.advance(1_000);
    assert.deepEqual(p.logs().map((l) => l.text), ['accepted']);
    assert.deepEqual(p.tcp(8080, 2_000, 1_000), { kind: 'refused' });
  });

  it('a background job can serve while the shell waits', () => {
    const r = runScript('mkdir /www; echo page > /www/index.html; httpd -p 80 -h /www; wget -q -O- http://localhost/; wget -q -O- http://localhost:81/; echo $?');
    assert.equal(r.stdout, 'page\n1\n');
    assert.equal(r.stderr, "wget: can't connect to remote host (127.0.0.1): Connection refused\n");
  });
});

describe('pod identity', () => {
  it('hostname, hostname -i and /etc/hosts use the pod name and IP', () => {
    const p = rt.start({ name: 'c', image: 'busybox', command: ['sh', '-c', 'hostname; hostname -i; tail -n 1 /etc/hosts'], env: { HOSTNAME: 'web-0' }, ports: [], podIP: '10.244.0.9' }, 0);
    p.advance(0);
    assert.deepEqual(p.logs().map((l) => l.text), ['web-0', '10.244.0.9', '10.244.0.9\tweb-0']);
  });
});

describe('logs', () => {
  it('carry the virtual time of each line, stdout and stderr together', () => {
    const p = shell('echo one; sleep 2; echo two >&2; sleep 1; echo -n partial');
    p.advance(10_000);
    assert.deepEqual(p.logs(), [
      { t: 0, text: 'one' },
      { t: 2_000, text: 'two' },
      { t: 3_000, text: 'partial' },
    ]);
  });

  it('are deterministic for the same launch', () => {
    const run = () => {
      const p = start('nginx:1.14.2');
      p.http({ port: 80, path: '/', scheme: 'http', headers: { 'User-Agent': 'kube-probe/1.33' } }, 5_000, 1_000);
      p.advance(60_000);
      return JSON.stringify(p.logs());
    };
    assert.equal(run(), run());
  });
});

describe('remembered exec runs', () => {
  // Twin containers from the same launch: one remembers pure exec runs, the other always runs afresh.
  // Every call must give the same result, log and filesystem in both; `hit` says whether the first
  // answers from memory (impure commands never may).
  function twin(script: string): { p: ContainerProcess; fs: VirtualFs }[] {
    return [true, false].map((execMemo) => {
      const fs = imageFs('busybox', undefined);
      const p = new ContainerProcess(
        { fs, toolset: 'busybox', hostname: 'memo', podIP: '10.244.0.5', env: { PATH: DEFAULT_PATH, HOSTNAME: 'memo', HOME: '/root' }, cwd: '/', argv: ['sh', '-c', script], programs: {}, behaviour: 'test', execMemo },
        0,
      );
      return { p, fs };
    });
  }
  function tree(fs: VirtualFs, dir = '/tmp'): string[] {
    const l = fs.list(dir);
    if (!l.ok) return [];
    return l.value.flatMap((n) => {
      const p = `${dir}/${n}`;
      const s = fs.stat(p)!;
      return s.kind === 'dir' ? [`${p}/ ${s.mode}`, ...tree(fs, p)] : [`${p} ${s.mode} ${JSON.stringify(s.data)}`];
    });
  }
  type Step = { argv: string[]; hit: boolean; timeoutMs?: number };
  const pure = (argv: string[]): Step[] => [{ argv, hit: false }, { argv, hit: true }, { argv, hit: true }];
  const impure = (argv: string[], timeoutMs?: number): Step[] => [0, 1, 2].map(() => ({ argv, hit: false, ...(timeoutMs ? { timeoutMs } : {}) }));
  const table: { name: string; script: string; steps: Step[] }[] = [
    { name: 'cat of an existing and a missing file', script: 'touch /tmp/ok; sleep 999999', steps: [...pure(['cat', '/tmp/ok']), ...pure(['cat', '/tmp/missing'])] },
    { name: 'ls, test, a shell loop and $$ before any task runs', script: 'echo data > /tmp/f; sleep 999999', steps: [...pure(['ls', '-l', '/tmp']), ...pure(['sh', '-c', 'test -f /tmp/f && echo yes']), ...pure(['sh', '-c', 'i=0; while [ $i -lt 3 ]; do i=$((i+1)); done; echo $i $$']), ...pure(['sh', '-c', 'exit 3'])] },
    { name: 'touch creates once, then finds the file', script: 'sleep 999999', steps: [{ argv: ['touch', '/tmp/new'], hit: false }, { argv: ['touch', '/tmp/new'], hit: false }, { argv: ['touch', '/tmp/new'], hit: true }, { argv: ['rm', '/tmp/new'], hit: false }, { argv: ['touch', '/tmp/new'], hit: false }, { argv: ['cat', '/tmp/new'], hit: false }] },
    { name: 'rm changes what a remembered cat sees', script: 'touch /tmp/ok; sleep 999999', steps: [...pure(['cat', '/tmp/ok']), { argv: ['rm', '/tmp/ok'], hit: false }, { argv: ['cat', '/tmp/ok'], hit: false }, { argv: ['rm', '/tmp/ok'], hit: false }, { argv: ['rm', '/tmp/ok'], hit: true }] },
    {
      name: 'two commands in turn, and a change between them',
      script: 'touch /tmp/ok; sleep 999999',
      steps: [
        { argv: ['cat', '/tmp/ok'], hit: false },
        { argv: ['ls', '/tmp'], hit: false },
        { argv: ['cat', '/tmp/ok'], hit: true },
        { argv: ['ls', '/tmp'], hit: true },
        { argv: ['touch', '/tmp/x'], hit: false },
        { argv: ['ls', '/tmp'], hit: false },
        { argv: ['cat', '/tmp/ok'], hit: false },
        { argv: ['ls', '/tmp'], hit: true },
        { argv: ['cat', '/tmp/ok'], hit: true },
      ],
    },
    { name: 'date reads the clock', script: 'sleep 999999', steps: impure(['date']) },
    { name: 'echo > file writes every time', script: 'sleep 999999', steps: [...impure(['sh', '-c', 'echo hi >> /tmp/f; cat /tmp/f'])] },
    { name: '$RANDOM', script: 'sleep 999999', steps: impure(['sh', '-c', 'echo $RANDOM']) },
    { name: 'sleep within and past the timeout', script: 'sleep 999999', steps: [...impure(['sh', '-c', 'sleep 2'], 5_000), ...impure(['sh', '-c', 'sleep 2'], 1_000)] },
    { name: 'a zero timeout', script: 'sleep 999999', steps: impure(['true'], -1) },
    { name: 'writes to the container log', script: 'sleep 999999', steps: impure(['sh', '-c', 'echo probe > /proc/1/fd/1']) },
    { name: 'background jobs and $!', script: 'sleep 999999', steps: impure(['sh', '-c', 'sleep 1 & echo $!']) },
    { name: 'the network', script: 'echo page > /tmp/index.html; httpd -p 8080 -h /tmp; sleep 999999', steps: impure(['wget', '-q', '-O-', 'http://localhost:8080/']) },
    { name: 'kill 1', script: "trap 'echo got' USR1; while true; do sleep 1; done", steps: impure(['kill', '-USR1', '1']) },
    { name: 'a missing binary (its exec id depends on the time)', script: 'sleep 999999', steps: impure(['no-such-tool']) },
    { name: 'chmod changes a remembered test -x', script: 'touch /tmp/s; sleep 999999', steps: [...pure(['sh', '-c', 'test -x /tmp/s; echo $?']), { argv: ['chmod', '755', '/tmp/s'], hit: false }, ...pure(['sh', '-c', 'test -x /tmp/s; echo $?'])] },
  ];
  for (const c of table) {
    it(c.name, () => {
      const [a, b] = twin(c.script);
      let t = 1_000;
      for (const s of c.steps) {
        const before = a.p.execMemoHits;
        const timeout = s.timeoutMs === -1 ? 0 : (s.timeoutMs ?? 1_000);
        const ra = a.p.exec(s.argv, t, timeout);
        const rb = b.p.exec(s.argv, t, timeout);
        assert.deepEqual(ra, rb, `${s.argv.join(' ')} at ${t}`);
        assert.equal(a.p.execMemoHits - before, s.hit ? 1 : 0, `${s.argv.join(' ')} at ${t}: remembered`);
        assert.deepEqual(tree(a.fs), tree(b.fs));
        assert.deepEqual(a.p.logs(), b.p.logs());
        t += 1_000;
      }
      assert.equal(b.p.execMemoHits, 0);
    });
  }

  it('an argv array changed by the caller between calls is a different command', () => {
    const [a] = twin('echo one > /tmp/1; echo two > /tmp/2; sleep 999999');
    const argv = ['cat', '/tmp/1'];
    assert.deepEqual(a.p.exec(argv, 1_000, 1_000), { kind: 'exited', exitCode: 0, output: 'one\n', durationMs: 3 });
    argv[1] = '/tmp/2';
    assert.deepEqual(a.p.exec(argv, 2_000, 1_000), { kind: 'exited', exitCode: 0, output: 'two\n', durationMs: 3 });
    argv[1] = '/tmp/1';
    assert.deepEqual(a.p.exec(argv, 3_000, 1_000), { kind: 'exited', exitCode: 0, output: 'one\n', durationMs: 3 });
    assert.equal(a.p.execMemoHits, 1);
  });

  it('a remembered exec uses up a pid like a fresh one ($$ of a later job)', () => {
    const [a, b] = twin('sleep 999999');
    for (const x of [a, b]) for (let i = 0; i < 3; i++) x.p.exec(['cat', '/etc/hostname'], 1_000 + i, 1_000);
    assert.equal(a.p.execMemoHits, 2);
    assert.deepEqual(a.p.exec(['sh', '-c', 'sleep 1 & echo $!'], 5_000, 1_000), b.p.exec(['sh', '-c', 'sleep 1 & echo $!'], 5_000, 1_000));
  });
});

describe('exec answers shared by the restarts of one launch', () => {
  // Two runtimes start the same launch again and again: one shares pure exec answers between the
  // containers of a launch at the same filesystem state, the other always runs afresh. Every answer must
  // be the same, including for scripts whose writes depend on the time, or that come back to the same
  // contents by another way.
  const probes = [['cat', '/tmp/f'], ['ls', '/tmp'], ['sh', '-c', 'cat /tmp/f 2>&1; ls -l /tmp; test -x /tmp/f && echo x'], ['cat', '/tmp/d/g']];
  const scripts = [
    'touch /tmp/healthy; sleep 30; rm -rf /tmp/healthy; sleep 600',
    'date > /tmp/f; sleep 999999',
    'echo a > /tmp/f; sleep 5; echo b > /tmp/f; sleep 5; echo a > /tmp/f; sleep 999999',
    'i=0; while true; do i=$((i+1)); echo $i >> /tmp/f; sleep 3; done',
    'mkdir -p /tmp/d; echo g > /tmp/g; sleep 4; mv /tmp/g /tmp/d/g; chmod 755 /tmp/d/g; sleep 4; cp /tmp/d/g /tmp/f; chmod +x /tmp/f; sleep 4; rm -r /tmp/d; sleep 999999',
    'echo $RANDOM > /tmp/f; sleep 999999',
  ];
  for (const script of scripts) {
    it(script, () => {
      const [memo, fresh] = [createRuntime(), createRuntime({ execMemo: false })];
      const launch = (): ContainerLaunch => ({ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', script], env: {}, ports: [] });
      const [la, lb] = [launch(), launch()];
      let hits = 0;
      const answers = new Set<string>();
      for (let r = 0; r < 4; r++) {
        const t0 = r * 97_000;
        const [a, b] = [memo.start(la, t0), fresh.start(lb, t0)] as ContainerProcess[];
        for (let t = t0 + 1_000; t < t0 + 40_000; t += 1_000) {
          for (const argv of probes) {
            const before = a.execMemoHits;
            const ra = a.exec(argv, t, 1_000);
            assert.deepEqual(ra, b.exec(argv, t, 1_000), `start ${r}: ${argv.join(' ')} at ${t}`);
            hits += a.execMemoHits - before;
            answers.add(JSON.stringify(ra));
          }
        }
        // a job started after remembered answers gets the pid a fresh run would give it
        assert.deepEqual(a.exec(['sh', '-c', 'sleep 1 & echo $!'], t0 + 50_000, 1_000), b.exec(['sh', '-c', 'sleep 1 & echo $!'], t0 + 50_000, 1_000));
        assert.deepEqual(a.logs(), b.logs());
        a.signal('SIGKILL', t0 + 60_000);
        b.signal('SIGKILL', t0 + 60_000);
      }
      assert.ok(hits > 0, 'some answers were shared');
      assert.ok(answers.size > 2, 'the probes saw the filesystem change');
      assert.equal((fresh.start(lb, 0) as ContainerProcess).execMemoHits, 0);
    });
  }

  it('a restart starts from the launch environment, whatever the last run changed', () => {
    const rt2 = createRuntime();
    const l: ContainerLaunch = { name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'echo $HOME ${X-unset} $PWD; HOME=/x; export X=1; cd /tmp; echo $HOME $X $PWD; sleep 999999'], env: {}, ports: [] };
    for (let r = 0; r < 2; r++) {
      const p = rt2.start(l, 0);
      p.advance(1_000);
      assert.deepEqual(p.logs().map((x) => x.text), ['/root unset /', '/x 1 /tmp']);
      assert.deepEqual(p.exec(['sh', '-c', 'echo $HOME ${X-unset} $PWD'], 1_000, 1_000), { kind: 'exited', exitCode: 0, output: '/root unset /\n', durationMs: 3 });
      p.signal('SIGKILL', 2_000);
    }
  });

  it('a restarted container answers from its predecessor at the same state', () => {
    const rt2 = createRuntime();
    const l: ContainerLaunch = { name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'touch /tmp/healthy; sleep 999999'], env: {}, ports: [] };
    const first = rt2.start(l, 0) as ContainerProcess;
    assert.deepEqual(first.exec(['ls', '/tmp/healthy'], 1_000, 1_000), { kind: 'exited', exitCode: 0, output: '/tmp/healthy\n', durationMs: 3 });
    first.signal('SIGKILL', 2_000);
    const second = rt2.start(l, 3_000) as ContainerProcess;
    assert.deepEqual(second.exec(['ls', '/tmp/healthy'], 4_000, 1_000), { kind: 'exited', exitCode: 0, output: '/tmp/healthy\n', durationMs: 3 });
    assert.equal(second.execMemoHits, 1);
    // another launch (another hostname) never shares
    const other = rt2.start({ ...l, name: 'd' }, 3_000) as ContainerProcess;
    assert.deepEqual(other.exec(['ls', '/tmp/healthy'], 4_000, 1_000), { kind: 'exited', exitCode: 0, output: '/tmp/healthy\n', durationMs: 3 });
    assert.equal(other.execMemoHits, 0);
  });
});

describe('PATH lookups after the filesystem changes', () => {
  it('a removed, re-made or chmod-ed executable is found (or not) as a fresh lookup would', () => {
    const p = shell('sleep 999999');
    const run = (argv: string[], t: number) => p.exec(argv, t, 1_000);
    assert.equal(run(['sh', '-c', 'echo "#!/bin/sh" > /bin/hi; echo "echo hi" >> /bin/hi'], 1_000).kind, 'exited');
    assert.equal(run(['hi'], 2_000).kind, 'error'); // 0644: not executable
    run(['chmod', '755', '/bin/hi'], 3_000);
    assert.deepEqual(run(['hi'], 4_000), { kind: 'exited', exitCode: 0, output: 'hi\n', durationMs: 3 });
    run(['rm', '/bin/hi'], 5_000);
    assert.equal(run(['hi'], 6_000).kind, 'error');
    assert.deepEqual(run(['sh', '-c', 'hi'], 7_000), { kind: 'exited', exitCode: 127, output: 'sh: hi: not found\n', durationMs: 3 });
  });

  it('a script found on PATH runs with its current contents after a rewrite', () => {
    const p = shell('printf "#!/bin/sh\\necho one\\n" > /bin/s; chmod 755 /bin/s; sleep 999999');
    const run = (argv: string[], t: number) => p.exec(argv, t, 1_000);
    assert.deepEqual(run(['s'], 1_000), { kind: 'exited', exitCode: 0, output: 'one\n', durationMs: 3 });
    assert.deepEqual(run(['sh', '-c', 's; s'], 2_000), { kind: 'exited', exitCode: 0, output: 'one\none\n', durationMs: 3 });
    run(['sh', '-c', 'echo "echo two" > /bin/s'], 3_000);
    assert.deepEqual(run(['s'], 4_000), { kind: 'exited', exitCode: 0, output: 'two\n', durationMs: 3 });
    assert.deepEqual(run(['sh', '-c', 's; echo "echo three" > /bin/s; s'], 5_000), { kind: 'exited', exitCode: 0, output: 'two\nthree\n', durationMs: 3 });
  });
});

describe('image filesystems', () => {
  it('containers of one image, in one runtime or two, never see each other\'s changes', () => {
    const a = createRuntime().start({ name: 'a', image: 'busybox:1.36', command: ['sh', '-c', 'echo x > /bin/cat; chmod 600 /bin/ls; rm /bin/rm; sleep 999'], env: {}, ports: [] }, 0);
    a.advance(1_000);
    // /bin/cat is now a one-line script
    assert.deepEqual(a.exec(['cat', '/etc/hostname'], 1_000, 1_000), { kind: 'exited', exitCode: 127, output: 'sh: x: not found\n', durationMs: 3 });
    for (const b of [createRuntime().start({ name: 'b', image: 'busybox:1.36', command: ['sleep', '999'], env: {}, ports: [] }, 0), rt.start({ name: 'b', image: 'busybox:1.36', command: ['sleep', '999'], env: {}, ports: [] }, 0)]) {
      assert.deepEqual(b.exec(['cat', '/etc/hostname'], 1_000, 1_000), { kind: 'exited', exitCode: 0, output: 'b\n', durationMs: 3 });
      assert.deepEqual(b.exec(['sh', '-c', 'ls -l /bin/ls; rm /tmp/nope; echo $?'], 1_000, 1_000), {
        kind: 'exited',
        exitCode: 0,
        output: "-rwxr-xr-x    1 root     root              0 Jan  1 00:00 /bin/ls\nrm: can't remove '/tmp/nope': No such file or directory\n1\n",
        durationMs: 3,
      });
    }
  });

  it('the same launch started again (a restart) gets a fresh filesystem and environment', () => {
    const launch: ContainerLaunch = { name: 'r', image: 'busybox:1.36', command: ['sh', '-c', 'touch /tmp/mark; export EXTRA=1; sleep 999'], env: { GREETING: 'hi' }, ports: [] };
    const r = createRuntime();
    const first = r.start(launch, 0);
    first.advance(1_000);
    assert.equal(first.exec(['touch', '/tmp/only-first'], 1_000, 1_000).kind, 'exited');
    assert.deepEqual(first.exec(['ls', '/tmp'], 1_000, 1_000), { kind: 'exited', exitCode: 0, output: 'mark\nonly-first\n', durationMs: 3 });
    const second = r.start(launch, 2_000);
    assert.deepEqual(second.exec(['ls', '/tmp'], 2_000, 1_000), { kind: 'exited', exitCode: 0, output: 'mark\n', durationMs: 3 });
    assert.deepEqual(second.exec(['sh', '-c', 'echo "$GREETING${EXTRA:-}"; cat /etc/hostname'], 2_000, 1_000), { kind: 'exited', exitCode: 0, output: 'hi\nr\n', durationMs: 3 });
    assert.deepEqual(launch, { name: 'r', image: 'busybox:1.36', command: ['sh', '-c', 'touch /tmp/mark; export EXTRA=1; sleep 999'], env: { GREETING: 'hi' }, ports: [] });
  });
});
