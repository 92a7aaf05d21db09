// grep's regular expressions (src/sim/runtime/sh/regex.ts): POSIX basic and extended syntax, glibc's
// error messages, agreement with JavaScript's RegExp where the two languages agree, and work that grows
// with the line, not exponentially (counted in steps, not timed).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compileRegex, RegexError } from '../../../../src/sim/runtime/sh/regex.js';
import { Rng } from '../../../../src/sim/engine/rng.js';
import { runScript } from '../../../../src/sim/runtime/sh/run-script.js';

const ere = (p: string, opts: { icase?: boolean } = {}) => compileRegex(p, { extended: true, budget: 1e9, ...opts });
const bre = (p: string) => compileRegex(p, { extended: false, budget: 1e9 });

describe('POSIX syntax', () => {
  const cases: [string, 'E' | 'B', string, boolean][] = [
    ['healthy', 'B', '/tmp/healthy', true],
    ['^/tmp', 'B', '/tmp/healthy', true],
    ['^tmp', 'B', '/tmp/healthy', false],
    ['thy$', 'B', '/tmp/healthy', true],
    ['a$b', 'B', 'a$b', true], // $ not at the end is an ordinary character in BRE
    ['x^', 'B', 'x^', true],
    ['*a', 'B', '*a', true], // a leading * is literal in BRE
    ['a\\{2\\}', 'B', 'caab', true],
    ['a\\{3\\}', 'B', 'caab', false],
    ['a{2}', 'B', 'a{2}', true], // braces are literal in BRE
    ['a{2}', 'E', 'caab', true],
    ['a{2,}', 'E', 'aaaa', true],
    ['^a{1,2}$', 'E', 'aaa', false],
    ['\\(ab\\)*c', 'B', 'ababc', true],
    ['(ab)*c', 'B', 'ababc', false], // ( ) are literal in BRE: "(ab" then any number of ")" then "c"
    ['(ab)*c', 'B', '(abc', true],
    ['(ab)*c', 'B', '(ab))c', true],
    ['ready\\|healthy', 'B', 'healthy', true], // GNU and busybox read \| in BRE
    ['ready|healthy', 'E', 'is ready', true],
    ['ready|healthy', 'B', 'ready|healthy', true],
    ['colou?r', 'E', 'color', true],
    ['colou\\?r', 'B', 'color', true],
    ['[[:digit:]]+ms', 'E', 'took 15ms', true],
    ['[[:alpha:]_][[:alnum:]_]*=', 'E', '1=2', false],
    ['[^a-z]', 'E', 'abc', false],
    ['[]a]', 'E', ']', true],
    ['[a-]', 'E', '-', true],
    ['a.c', 'E', 'abc', true],
    ['\\.', 'E', 'abc', false],
    ['{', 'E', 'a{', true], // a { that starts no interval is ordinary in ERE
    ['a|*b', 'E', '*b', true], // so is a * that starts an alternative
    ['a|', 'E', 'zzz', true], // an empty alternative matches the empty string
    ['()', 'E', '', true],
    ['\\(a\\)\\1', 'B', 'xaay', true],
    ['(a|b)\\1', 'E', 'ab', false],
    ['(a|b)\\1', 'E', 'abb', true],
    ['^(a*)*b$', 'E', 'aaab', true],
  ];
  for (const [p, kind, line, want] of cases) {
    it(`${kind === 'E' ? 'grep -E' : 'grep'} '${p}' on '${line}' → ${want}`, () => {
      assert.equal((kind === 'E' ? ere(p) : bre(p)).test(line), want);
    });
  }

  it('-i folds case, in brackets and classes too', () => {
    assert.equal(ere('HEALTHY', { icase: true }).test('/tmp/healthy'), true);
    assert.equal(ere('[A-C]x', { icase: true }).test('bx'), true);
    assert.equal(ere('[[:upper:]]', { icase: true }).test('a'), true);
  });

  it("bad patterns are glibc's errors", () => {
    const bad: [string, 'E' | 'B', string][] = [
      ['(a', 'E', 'Unmatched ( or \\('],
      ['\\(a', 'B', 'Unmatched ( or \\('],
      ['a\\)', 'B', 'Unmatched ) or \\)'],
      ['[a', 'E', 'Unmatched [, [^, [:, [., or [='],
      ['[[:nope:]]', 'E', 'Invalid character class name'],
      ['[z-a]', 'E', 'Invalid range end'],
      ['a\\{1', 'B', 'Unmatched \\{'],
      ['a{2,1}', 'E', 'Invalid content of \\{\\}'],
      ['a{99999}', 'E', 'Invalid content of \\{\\}'],
      ['a\\', 'E', 'Trailing backslash'],
      ['\\1', 'E', 'Invalid back reference'],
    ];
    for (const [p, kind, msg] of bad) {
      assert.throws(() => (kind === 'E' ? ere(p) : bre(p)), (e: unknown) => e instanceof RegexError && e.message === msg, p);
    }
  });
});

describe('agreement with RegExp on patterns both read alike', () => {
  it('400 random patterns over random lines', () => {
    const r = new Rng(42);
    const atoms = ['a', 'b', 'c', '.', '[ab]', '[^a]', '(a|b)', '(ab|c)', '(a*)', '(b|)'];
    const quants = ['', '', '*', '+', '?', '{2}', '{1,3}', '{0,}'];
    for (let n = 0; n < 400; n++) {
      let p = r.int(4) === 0 ? '^' : '';
      const len = 1 + r.int(5);
      for (let k = 0; k < len; k++) p += atoms[r.int(atoms.length)]! + quants[r.int(quants.length)]!;
      if (r.int(4) === 0) p += '$';
      const js = new RegExp(p);
      const ours = ere(p);
      for (let m = 0; m < 10; m++) {
        let line = '';
        const ll = r.int(8);
        for (let k = 0; k < ll; k++) line += 'abcd'[r.int(4)];
        assert.equal(ours.test(line), js.test(line), `/${p}/ on "${line}"`);
      }
    }
  });
});

describe('work grows with the line, not exponentially', () => {
  for (const [p, line] of [
    ['(a|aa)*c', 'a'.repeat(5000) + '!'],
    ['(a*)*b', 'a'.repeat(5000)],
    ['(x+x+)+y', 'x'.repeat(5000)],
    ['^(([a-z])+.)+[A-Z]([a-z])+$', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!'],
  ] as const) {
    it(`grep -E '${p}' on a ${line.length}-character line`, () => {
      const re = ere(p);
      assert.equal(re.test(line), false);
      assert.ok(re.steps < line.length * 60, `${re.steps} steps for ${line.length} characters`);
    });
  }

  it('a back-reference pattern that would backtrack for ever runs out of the work budget instead', () => {
    const re = compileRegex('(a*)*\\1b', { extended: true, budget: 100_000 });
    assert.equal(re.test('a'.repeat(40)), false);
    assert.equal(re.steps, Infinity);
  });

  it('in a container: the pathological grep is answered at once; a budget-breaking one computes for ever', () => {
    const fast = runScript('echo aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa! | grep -E "(a|aa)*c"; echo "status $?"', { untilMs: 10_000 });
    assert.equal(fast.stdout, 'status 1\n');
    const slow = runScript('echo aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa | grep -E "(a*)*\\1b"; echo done', { untilMs: 10_000 });
    assert.equal(slow.exit, undefined, 'still computing at the horizon');
    assert.equal(slow.stdout, '');
    const bad = runScript('grep -E "(a" /etc/hostname; echo "status $?"', { untilMs: 10_000 });
    assert.equal(bad.stderr, "grep: bad regex '(a': Unmatched ( or \\(\n");
    assert.equal(bad.stdout, 'status 2\n');
  });
});

describe('patterns nested past what grep parses', () => {
  it('thousands of nested groups or stacked repetitions crash grep with SIGSEGV, reported by the shell', () => {
    for (const p of ['('.repeat(3000) + 'a' + ')'.repeat(3000), 'a' + '+'.repeat(5000)]) {
      const r = runScript(`grep -E '${p}' /etc/hostname; echo "status $?"`, { untilMs: 10_000 });
      assert.equal(r.stdout, 'status 139\n');
      assert.equal(r.stderr, 'Segmentation fault\n');
    }
  });

  it('a back-reference search on a very long line is a search still running, not a crash', () => {
    const re = compileRegex('\\(a*\\)*\\1b', { extended: false, budget: 1e12 });
    assert.equal(re.test('a'.repeat(200_000)), false);
    assert.equal(re.steps, Infinity);
  });
});
