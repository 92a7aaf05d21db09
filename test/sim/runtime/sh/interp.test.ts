// Table-driven tests of the busybox-ash interpreter: script -> stdout, stderr, exit status, filesystem effects.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runScript } from '../../../../src/sim/runtime/sh/run-script.js';

interface Case {
  name: string;
  script: string;
  stdout?: string;
  stderr?: string;
  status?: number;
  /** virtual time at which the script exited */
  atMs?: number;
  env?: Record<string, string>;
  toolset?: 'busybox' | 'gnu';
  /** files expected afterwards (content), or null for "must not exist" */
  files?: Record<string, string | null>;
}

const CASES: Case[] = [
  // lists and status
  { name: 'echo and exit status', script: 'echo hello; echo err >&2; exit 3', stdout: 'hello\n', stderr: 'err\n', status: 3 },
  { name: 'newlines separate commands', script: 'echo a\necho b\n', stdout: 'a\nb\n', status: 0 },
  { name: '&& stops at a failure', script: 'false && echo no; echo $?', stdout: '1\n' },
  { name: '|| runs on failure', script: 'false || echo yes', stdout: 'yes\n', status: 0 },
  { name: '! negates', script: '! false; echo $?; ! true; echo $?', stdout: '0\n1\n' },
  { name: 'last status is the exit status', script: 'true; false', status: 1 },
  { name: 'exit without a number keeps $?', script: 'false; exit', status: 1 },
  { name: 'exit with a bad number', script: 'exit abc', stderr: 'sh: exit: Illegal number: abc\n', status: 2 },
  { name: 'comments are ignored', script: 'echo a # not this\n# nor this\necho b', stdout: 'a\nb\n' },

  // unknown commands and syntax errors
  { name: 'unknown command', script: 'foo; echo $?', stdout: '127\n', stderr: 'sh: foo: not found\n' },
  { name: 'unknown command as last', script: 'curl http://localhost/', stderr: 'sh: curl: not found\n', status: 127 },
  { name: 'unknown absolute path', script: '/usr/bin/nothing', stderr: 'sh: /usr/bin/nothing: not found\n', status: 127 },
  { name: 'directory is not executable', script: '/tmp', stderr: 'sh: /tmp: Permission denied\n', status: 126 },
  { name: 'missing fi', script: 'if true; then echo x', stderr: 'sh: syntax error: unexpected end of file (expecting "fi")\n', status: 2 },
  { name: 'missing done', script: 'while true; do sleep 1', stderr: 'sh: syntax error: unexpected end of file (expecting "done")\n', status: 2 },
  { name: 'unterminated quote', script: 'echo "abc', stderr: 'sh: syntax error: unterminated quoted string\n', status: 2 },
  { name: 'stray fi', script: 'echo a; fi', stderr: 'sh: syntax error: unexpected "fi"\n', status: 2, stdout: '' },
  { name: 'stray then', script: 'if then', stderr: 'sh: syntax error: unexpected "then"\n', status: 2 },
  { name: 'bash wording for not found', script: 'bash -c "foo; exit 3"', toolset: 'gnu', stderr: 'bash: line 1: foo: command not found\n', status: 3 },
  { name: 'dash wording for not found', script: 'foo', toolset: 'gnu', stderr: 'sh: 1: foo: not found\n', status: 127 },

  // quoting and expansion
  { name: 'single quotes are literal', script: "echo '$HOME \\n'", stdout: '$HOME \\n\n' },
  { name: 'double quotes expand', script: 'X=1; echo "x=$X ${X}y"', stdout: 'x=1 1y\n' },
  { name: 'backslash escapes', script: 'echo \\$X a\\ b "q\\"q"', stdout: '$X a b q"q\n' },
  { name: 'defaults', script: 'echo ${U:-def} ${U-dash} "${E:-empty}"; E=; echo "[${E-unset}]"', stdout: 'def dash empty\n[]\n' },
  { name: 'assign default', script: 'echo ${V:=set}; echo $V', stdout: 'set\nset\n' },
  { name: 'alternative value', script: 'A=1; echo "${A:+yes}${B:+no}"', stdout: 'yes\n' },
  { name: 'length and trimming', script: 'P=/tmp/dir/file.txt; echo ${#P} ${P##*/} ${P%.txt} ${P#/tmp/}', stdout: '17 file.txt /tmp/dir/file dir/file.txt\n' },
  { name: 'unset parameter error', script: 'echo ${NOPE:?must be set}; echo after', stderr: 'sh: NOPE: must be set\n', status: 1, stdout: '' },
  { name: 'field splitting of unquoted expansions', script: 'L="a  b c"; for x in $L; do echo "[$x]"; done; for x in "$L"; do echo "[$x]"; done', stdout: '[a]\n[b]\n[c]\n[a  b c]\n' },
  { name: 'empty unquoted expansion vanishes', script: 'set -- $EMPTY; echo $#; set -- "$EMPTY"; echo $#', stdout: '0\n1\n' },
  { name: 'command substitution', script: 'echo "<$(echo a; echo b)>" `echo c`', stdout: '<a\nb> c\n' },
  { name: 'substitution status', script: 'X=$(false); echo $?', stdout: '1\n' },
  { name: 'arithmetic', script: 'i=5; echo $((i * 2 + 1)) $(( (i - 1) / 2 )) $((i % 3)) $((i > 3)); i=$((i+1)); echo $i', stdout: '11 2 2 1\n6\n' },
  { name: 'arithmetic assignment', script: 'n=0; : $((n+=5)); echo $n', stdout: '5\n' },
  { name: 'positional parameters', script: 'set -- a b "c d"; echo $# $1 "$3"; shift; echo "$@"', stdout: '3 a c d\nb c d\n' },
  { name: '$0 and $$ as PID 1', script: 'echo $0 $$', stdout: 'sh 1\n' },
  { name: 'globbing against the virtual fs', script: 'touch /tmp/a.log /tmp/b.log /tmp/c.txt; echo /tmp/*.log; echo /tmp/*.none', stdout: '/tmp/a.log /tmp/b.log\n/tmp/*.none\n' },
  { name: 'quoted glob is literal', script: 'touch /tmp/a; echo "/tmp/*"', stdout: '/tmp/*\n' },

  // environment
  { name: 'container env and HOSTNAME', script: 'echo $GREETING $HOSTNAME $HOME', env: { GREETING: 'hi' }, stdout: 'hi test-pod /root\n' },
  { name: 'export reaches child processes', script: 'X=1; export Y=2; env | grep -E "^(X|Y)="', stdout: 'Y=2\n' },
  { name: 'prefix assignment for one command', script: 'Z=9 env | grep ^Z=; echo "[$Z]"', stdout: 'Z=9\n[]\n' },
  { name: 'hostname and id', script: 'hostname; id; whoami', stdout: 'test-pod\nuid=0(root) gid=0(root) groups=0(root),10(wheel)\nroot\n' },

  // control flow
  { name: 'if elif else', script: 'X=2; if [ $X -eq 1 ]; then echo one; elif [ $X -eq 2 ]; then echo two; else echo many; fi', stdout: 'two\n' },
  { name: 'while with counter', script: 'i=0; while [ $i -lt 3 ]; do i=$((i+1)); echo $i; done', stdout: '1\n2\n3\n' },
  { name: 'until', script: 'i=0; until [ $i -ge 2 ]; do i=$((i+1)); done; echo $i', stdout: '2\n' },
  { name: 'for over words', script: 'for f in a b; do echo $f; done', stdout: 'a\nb\n' },
  { name: 'break and continue', script: 'for i in 1 2 3 4; do [ $i = 2 ] && continue; [ $i = 4 ] && break; echo $i; done', stdout: '1\n3\n' },
  { name: 'case', script: 'for x in start stop other; do case $x in start|begin) echo S;; stop) echo T;; *) echo "?";; esac; done', stdout: 'S\nT\n?\n' },
  { name: 'group and subshell', script: 'X=1; { X=2; }; echo $X; (X=3; echo in $X); echo $X', stdout: '2\nin 3\n2\n' },
  { name: 'exit in a subshell', script: '(exit 4); echo $?', stdout: '4\n' },
  // a subshell shares its parent's variable tables until either changes them
  { name: 'a background subshell keeps the values it started with', script: 'X=1; (sleep 1; echo job $X $Y) & X=2; export Y=3; wait; echo $X $Y', stdout: 'job 1\n2 3\n', atMs: 1_000 },
  { name: 'a subshell changes only its copy', script: 'export A=1; (A=2; unset HOME; export B=3; echo $A ${HOME-none} $B; env | grep -c "^B="); echo $A $HOME ${B-none}', stdout: '2 none 3\n1\n1 /root none\n' },
  { name: 'arithmetic assignment in a subshell', script: 'i=1; (: $((i+=5)); echo $i); echo $i', stdout: '6\n1\n' },
  { name: 'functions', script: 'greet() { echo "hello $1"; return 3; }; greet bob; echo $?', stdout: 'hello bob\n3\n' },
  { name: 'set -e stops at the first failure', script: 'set -e; echo a; false; echo b', stdout: 'a\n', status: 1 },
  { name: 'set -e ignores conditions', script: 'set -e; if false; then :; fi; false || true; echo ok', stdout: 'ok\n', status: 0 },
  { name: 'pipelines', script: 'echo -e "b\\na\\nc" | sort | head -n 2', stdout: 'a\nb\n' },
  { name: 'eval', script: 'CMD="echo evaluated"; eval $CMD', stdout: 'evaluated\n' },
  { name: 'read from a pipe', script: 'echo "x y" | { read a b; echo "$b-$a"; }', stdout: 'y-x\n' },

  // redirections and files
  { name: 'write and append', script: 'echo one > /tmp/f; echo two >> /tmp/f; cat /tmp/f', stdout: 'one\ntwo\n', files: { '/tmp/f': 'one\ntwo\n' } },
  { name: '2>&1 and /dev/null', script: 'cat /nope 2>&1; cat /nope 2>/dev/null; echo $?; echo hidden >/dev/null', stdout: "cat: can't open '/nope': No such file or directory\n1\n" },
  { name: 'exec with only redirections redirects the rest of the script', script: 'echo before; exec > /tmp/log 2>&1; echo after; ls /nope', stdout: 'before\n', status: 1, files: { '/tmp/log': 'after\nls: /nope: No such file or directory\n' } },
  { name: 'input redirection', script: 'echo data > /tmp/in; cat < /tmp/in', stdout: 'data\n' },
  { name: 'create in a missing directory', script: 'echo x > /no/dir/file', stderr: "sh: can't create /no/dir/file: nonexistent directory\n", status: 1 },
  { name: 'touch, test -e, rm', script: 'touch /tmp/healthy; test -e /tmp/healthy && echo yes; rm /tmp/healthy; [ -e /tmp/healthy ] || echo gone', stdout: 'yes\ngone\n', files: { '/tmp/healthy': null } },
  { name: 'rm of a missing file', script: 'rm /tmp/x; echo $?; rm -f /tmp/x; echo $?', stdout: '1\n0\n', stderr: "rm: can't remove '/tmp/x': No such file or directory\n" },
  { name: 'rm of a directory', script: 'mkdir /tmp/d; rm /tmp/d; rm -rf /tmp/d; ls /tmp', stdout: '', stderr: "rm: '/tmp/d' is a directory\n" },
  { name: 'mkdir -p and ls', script: 'mkdir -p /data/a/b; touch /data/a/f; ls /data/a; mkdir /data/a', stdout: 'b\nf\n', stderr: "mkdir: can't create directory '/data/a': File exists\n", status: 1 },
  { name: 'ls of a missing path', script: 'ls /tmp/x', stderr: 'ls: /tmp/x: No such file or directory\n', status: 1 },
  { name: 'cat of a missing file', script: 'cat /tmp/healthy', stderr: "cat: can't open '/tmp/healthy': No such file or directory\n", status: 1 },
  { name: 'GNU cat and ls messages', toolset: 'gnu', script: 'cat /tmp/x; ls /tmp/x', stderr: "cat: /tmp/x: No such file or directory\nls: cannot access '/tmp/x': No such file or directory\n", status: 2 },
  { name: 'cp and mv', script: 'echo c > /tmp/a; cp /tmp/a /tmp/b; mv /tmp/a /tmp/c; cat /tmp/b /tmp/c; ls /tmp', stdout: 'c\nc\nb\nc\n', files: { '/tmp/a': null } },
  { name: 'cd and pwd', script: 'cd /tmp; pwd; cd /nowhere; echo $?', stdout: '/tmp\n2\n', stderr: 'sh: cd: can\'t cd to /nowhere: No such file or directory\n' },
  { name: 'relative paths follow cd', script: 'cd /tmp && echo hi > rel && cat /tmp/rel', stdout: 'hi\n' },
  { name: 'grep, wc, head, tail', script: 'printf "a1\\nb2\\na3\\n" > /tmp/t; grep a /tmp/t; grep -c a /tmp/t; wc -l < /tmp/t; head -n 1 /tmp/t; tail -n 1 /tmp/t; grep -q zzz /tmp/t; echo $?', stdout: 'a1\na3\n2\n3\na1\na3\n1\n' },
  { name: 'a script file run with sh', script: 'echo "echo from file \\$1" > /tmp/s.sh; sh /tmp/s.sh arg', stdout: 'from file arg\n' },
  { name: 'chmod +x and run', script: 'printf "#!/bin/sh\\necho run\\n" > /tmp/x.sh; /tmp/x.sh; chmod +x /tmp/x.sh; /tmp/x.sh', stdout: 'run\n', stderr: 'sh: /tmp/x.sh: Permission denied\n' },
  { name: 'nested sh -c', script: 'sh -c \'echo "inner $0 $1"; exit 5\' zero one; echo $?', stdout: 'inner zero one\n5\n' },
  { name: 'absolute applet paths', script: '/bin/echo a; /bin/cat /nope', stdout: 'a\n', stderr: "cat: can't open '/nope': No such file or directory\n", status: 1 },

  // builtins and applets
  { name: 'echo -n and -e', script: 'echo -n a; echo -e "b\\tc"; echo "d\\te"', stdout: 'ab\tc\nd\\te\n' },
  { name: 'bash echo needs -e', toolset: 'gnu', script: 'bash -c \'echo "a\\tb"; echo -e "c\\td"\'', stdout: 'a\\tb\nc\td\n' },
  { name: 'dash echo interprets escapes', toolset: 'gnu', script: 'echo "d\\te"', stdout: 'd\te\n' },
  { name: 'printf', script: 'printf "%s-%d|%5s|%-3s|%03d\\n" x 42 r l 7; printf "%s\\n" a b', stdout: 'x-42|    r|l  |007\na\nb\n' },
  { name: 'test operators', script: '[ 2 -gt 1 ] && [ abc = abc ] && [ -n x ] && [ -z "" ] && [ ! -f /tmp ] && [ -d /tmp ] && echo all', stdout: 'all\n' },
  { name: '[ without ]', script: '[ 1 = 1', stderr: 'sh: missing ]\n', status: 2 },
  { name: 'test -s', script: 'touch /tmp/e; echo x > /tmp/f; [ -s /tmp/e ]; echo $?; [ -s /tmp/f ]; echo $?', stdout: '1\n0\n' },
  { name: 'date is virtual', script: 'date; sleep 65; date +%H:%M:%S', stdout: 'Wed Jan  1 00:00:00 UTC 2025\n00:01:05\n', atMs: 65_000 },
  { name: 'expr and seq', script: 'expr 2 + 3; seq 3', stdout: '5\n1\n2\n3\n' },
  { name: 'type and command -v', script: 'command -v cat; type echo; command -v nope; echo $?', stdout: '/bin/cat\necho is a shell builtin\n1\n' },

  { name: 'here-document with expansion', script: 'N=web; cat <<EOF > /tmp/page\n<h1>$N</h1>\n"quoted"\nEOF\ncat /tmp/page', stdout: '<h1>web</h1>\n"quoted"\n' },
  { name: 'quoted here-document delimiter keeps $ literal', script: "cat <<'EOF'\n$HOME\nEOF", stdout: '$HOME\n' },
  { name: '$RANDOM is a number', script: 'case $RANDOM in *[!0-9]*) echo bad;; *) echo ok;; esac', stdout: 'ok\n' },
  { name: 'timeout stops a slow command (busybox: 143)', script: 'timeout 2 sleep 10; echo $?', stdout: '143\n', atMs: 2_000 },
  { name: 'timeout lets a fast command finish', script: 'timeout 5 sleep 1; echo $?', stdout: '0\n', atMs: 1_000 },
  { name: 'GNU timeout reports 124', toolset: 'gnu', script: 'timeout 1 sleep 3; echo $?', stdout: '124\n', atMs: 1_000 },

  { name: 'arithmetic with RANDOM', script: 'n=$((RANDOM % 10)); [ $n -ge 0 ] && [ $n -lt 10 ] && echo ok', stdout: 'ok\n' },
  { name: 'a real busybox applet kubedrill does not interpret says so', script: 'ps aux; echo $?', stdout: '127\n', stderr: 'kubedrill: ps is not modelled (the real image has it)\n' },

  {
    name: 'wget without -q reports progress on stderr',
    script: 'mkdir /www; echo hi > /www/index.html; httpd -p 8080 -h /www; cd /tmp; wget http://localhost:8080/; cat index.html; wget -O- http://127.0.0.1/',
    stdout: 'hi\n',
    stderr: "Connecting to localhost:8080 (127.0.0.1:8080)\nsaving to 'index.html'\n'index.html' saved\nConnecting to 127.0.0.1 (127.0.0.1:80)\nwget: can't connect to remote host (127.0.0.1): Connection refused\n",
    status: 1,
  },

  // virtual time
  { name: 'sleeps add up', script: 'sleep 1; sleep 0.5; sleep 2m; sleep 1h', atMs: 1_000 + 500 + 120_000 + 3_600_000, status: 0 },
  { name: 'sleep with several arguments', script: 'sleep 1 2s', atMs: 3_000 },
  { name: 'invalid sleep', script: 'sleep abc', stderr: "sleep: invalid number 'abc'\n", status: 1, atMs: 0 },
  { name: 'docs exec-liveness command', script: 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600', atMs: 630_000, status: 0, files: { '/tmp/healthy': null } },
  { name: 'background job and wait', script: '(sleep 5; echo bg) & echo fg; wait; echo done', stdout: 'fg\nbg\ndone\n', atMs: 5_000 },
  { name: 'wait for one pid', script: 'sleep 3 & P=$!; sleep 1 & wait $P; echo $?', stdout: '0\n', atMs: 3_000 },
  { name: 'kill a background job', script: 'sleep 100 & kill $!; wait $!; echo $?', stdout: '143\n', atMs: 0 },
];

describe('busybox sh interpreter', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const r = runScript(c.script, { env: c.env, toolset: c.toolset });
      if (c.stdout !== undefined) assert.equal(r.stdout, c.stdout);
      assert.equal(r.stderr, c.stderr ?? '');
      assert.ok(r.exit, 'the script should have finished');
      if (c.status !== undefined) assert.equal(r.exit.exitCode, c.status);
      if (c.atMs !== undefined) assert.equal(r.exit.atMs, c.atMs);
      for (const [path, content] of Object.entries(c.files ?? {})) {
        const f = r.fs.readFile(path);
        if (content === null) assert.equal(f.ok, false, `${path} should not exist`);
        else assert.deepEqual(f, { ok: true, value: content });
      }
    });
  }
});

describe('long-running scripts', () => {
  it('a script that sleeps forever has not exited and wakes at the right time', () => {
    const r = runScript('echo start; sleep 30; echo later; sleep infinity', { untilMs: 29_999 });
    assert.equal(r.exit, undefined);
    assert.equal(r.stdout, 'start\n');
    assert.equal(r.process.nextWakeMs(), 30_000);
    r.process.advance(30_000);
    assert.deepEqual(r.process.logs(), [
      { t: 0, text: 'start' },
      { t: 30_000, text: 'later' },
    ]);
    assert.equal(r.process.nextWakeMs(), undefined);
  });

  it('a day of `while true; do sleep 1; done` keeps running (and only waits)', () => {
    const r = runScript('while true; do sleep 1; done', { untilMs: 86_400_000 });
    assert.equal(r.exit, undefined);
    assert.equal(r.process.nextWakeMs(), undefined);
  });

  it('a collapsed sleep loop and the step-by-step one behave the same', () => {
    const run = (cond: string) =>
      runScript(`trap 'echo "T $(date +%s)"; exit 0' TERM; echo start; while ${cond}; do sleep 7; done`, {
        signals: [{ atMs: 1_234_567, signal: 'SIGTERM' }],
      });
    const fast = run('true');
    const slow = run('[ 1 ]');
    assert.deepEqual(fast.exit, { atMs: 1_239_000, exitCode: 0, reason: 'Completed' });
    assert.deepEqual(fast.exit, slow.exit);
    assert.equal(fast.stdout, slow.stdout);
    assert.deepEqual(fast.signalOutcomes, ['handled']);
  });

  it('an hour of a logging loop keeps every line with its time', () => {
    const r = runScript('while true; do echo tick; sleep 1; done', { untilMs: 3_600_000 });
    const logs = r.process.logs();
    assert.equal(logs.length, 3_601);
    assert.deepEqual(logs[logs.length - 1], { t: 3_600_000, text: 'tick' });
  });

  it('logs stop growing at their cap, with a note', () => {
    const r = runScript('while true; do seq 1000; sleep 1; done', { untilMs: 200_000 });
    const logs = r.process.logs();
    assert.equal(logs.length, 100_001);
    assert.equal(logs[100_000].text, 'kubedrill: log truncated after 100000 lines');
  });

  it('a loop that never waits stops making progress instead of hanging the simulator', () => {
    const r = runScript('while :; do :; done; echo never', { untilMs: 1_000 });
    assert.equal(r.exit, undefined);
    assert.equal(r.stdout, '');
    assert.equal(r.process.nextWakeMs(), undefined);
  });

  it('the same script gives the same output', () => {
    const s = 'for i in 1 2 3; do date +%s; sleep 7; done; echo $RANDOM_IS_NOT_SUPPORTED';
    assert.deepEqual(runScript(s).stdout, runScript(s).stdout);
  });
});
