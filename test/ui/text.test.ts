import { test } from 'node:test';
import assert from 'node:assert/strict';
import { caretPad, fit, truncate, width, wrap } from '../../src/ui/text.js';

test('Korean characters count as two columns when fitting', () => {
  assert.equal(width('라이브'), 6);
  assert.equal(fit('라이브', 8), '라이브  ');
  assert.equal(width(fit('라이브니스 프로브', 7)), 7);
  assert.equal(fit('ab', 4, 'right'), '  ab');
});

test('truncate ends with an ellipsis and never exceeds the width', () => {
  assert.equal(truncate('hello world', 6), 'hello…');
  assert.equal(truncate('short', 10), 'short');
  for (const n of [1, 2, 3, 4, 5]) assert.ok(width(truncate('가나다라마', n)) <= n, `width ${n}`);
});

test('wrap breaks at spaces and splits a long Korean run by character', () => {
  assert.deepEqual(wrap('one two three four', 9), ['one two', 'three', 'four']);
  const lines = wrap('가나다라마바사아자차카타파하', 10);
  assert.ok(lines.length > 1);
  for (const l of lines) assert.ok(width(l) <= 10, l);
  assert.equal(lines.join(''), '가나다라마바사아자차카타파하');
});

test('caretPad lines a caret up under a column after wide characters', () => {
  assert.equal(caretPad('  name: x', 3), '  ');
  assert.equal(caretPad('이름: x', 5), '      ');
});

test('width agrees with string-width on ASCII, control characters, wide and combined text', async () => {
  const { default: stringWidth } = await import('string-width');
  for (const s of ['', 'liveness-exam', ' ~!@#$%^&*()_+{}|:"<>?`-=[]\\;\',./', 'a\tb', '\u001B[31mred\u001B[0m', 'é', 'e\u0301', '라이브니스', '›  · ░', '✓ ✗', '👍🏽', 'ﾊﾝｶｸ']) {
    assert.equal(width(s), stringWidth(s), JSON.stringify(s));
  }
});
