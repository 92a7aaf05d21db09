// Parser tests: the shapes learners write parse, and syntax errors come back as values with ash's wording.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseScript, isParseError, isParseOverflow } from '../../../../src/sim/runtime/sh/parse.js';
import type { Script } from '../../../../src/sim/runtime/sh/ast.js';

function ok(src: string): Script {
  const r = parseScript(src);
  if (isParseError(r)) assert.fail(`unexpected parse error for ${JSON.stringify(src)}: ${r.message}`);
  if (isParseOverflow(r)) assert.fail(`unexpected parse overflow for ${JSON.stringify(src)}`);
  return r;
}

describe('parseScript', () => {
  const valid = [
    'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600',
    'httpd -p 8080 -h /www &\nsleep 3600',
    "trap 'echo bye; exit 0' TERM; sleep 600 & wait",
    'while true; do date; sleep 5; done',
    'until [ -f /tmp/ready ]; do sleep 1; done',
    'for i in 1 2 3\ndo\n  echo $i\ndone',
    'if [ "$A" = x ]; then echo a; elif true; then :; else echo c; fi',
    'case "$1" in\n  a|b) echo ab ;;\n  *) echo other\nesac',
    'f() { echo "$@"; }; f 1 2',
    '{ echo a; echo b; } > /tmp/out 2>&1',
    '(cd /tmp && ls) | wc -l',
    'echo "${X:-default}" $((1 + 2)) $(date +%s) `hostname`',
    'echo a \\\n  b',
    '! grep -q x /tmp/f',
  ];
  for (const src of valid) it(`parses ${JSON.stringify(src)}`, () => void ok(src));

  it('splits a list into items with their background flags', () => {
    const s = ok('sleep 5 & echo hi; true');
    assert.deepEqual(
      s.items.map((i) => i.background),
      [true, false, false],
    );
  });

  it('keeps quoting information on word parts', () => {
    const s = ok(`echo 'a b' "c $X"`);
    const cmd = s.items[0].andOr.first.cmds[0];
    assert.equal(cmd.kind, 'simple');
    if (cmd.kind !== 'simple') return;
    assert.deepEqual(cmd.words[1], [{ k: 'lit', s: 'a b', q: true }]);
    assert.deepEqual(cmd.words[2], [
      { k: 'lit', s: 'c ', q: true },
      { k: 'param', name: 'X', q: true },
    ]);
  });

  it('reads redirections with file-descriptor prefixes', () => {
    const s = ok('cmd >/dev/null 2>&1 <in');
    const cmd = s.items[0].andOr.first.cmds[0];
    if (cmd.kind !== 'simple') return assert.fail('simple command expected');
    assert.deepEqual(
      cmd.redirs.map((r) => [r.fd, r.op]),
      [
        [1, '>'],
        [2, '>&'],
        [0, '<'],
      ],
    );
  });

  const errors: [string, string][] = [
    ['if true; then echo x', 'unexpected end of file (expecting "fi")'],
    ['if true', 'unexpected end of file (expecting "then")'],
    ['while true; do sleep 1', 'unexpected end of file (expecting "done")'],
    ['echo "abc', 'unterminated quoted string'],
    ["echo 'abc", 'unterminated quoted string'],
    ['echo a; fi', 'unexpected "fi"'],
    ['do echo', 'unexpected "do"'],
    ['echo a;;', 'unexpected ";;"'],
    ['&& echo', 'unexpected "&&"'],
    ['echo (', 'unexpected "("'],
    ['( echo a', 'unexpected end of file (expecting ")")'],
    ['if then fi', 'unexpected "then"'],
  ];
  for (const [src, message] of errors) {
    it(`reports ${JSON.stringify(src)} as "${message}"`, () => {
      const r = parseScript(src);
      assert.ok(isParseError(r));
      assert.equal(r.message, message);
    });
  }
});
