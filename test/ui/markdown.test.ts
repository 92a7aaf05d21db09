import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inlineSpans, lineText, renderMarkdown } from '../../src/ui/markdown.js';
import { width } from '../../src/ui/text.js';

test('inline code and bold become their own spans', () => {
  assert.deepEqual(inlineSpans('Add `livenessProbe` **now**'), [
    { text: 'Add ' },
    { text: 'livenessProbe', code: true },
    { text: ' ' },
    { text: 'now', bold: true },
  ]);
});

test('headings, lists and code blocks keep their kind; code is not wrapped', () => {
  const md = '## Title here\nSome text.\n\n- first item\n1. numbered\n```yaml\nspec:\n  containers: []\n```';
  const lines = renderMarkdown(md, 40);
  assert.deepEqual(
    lines.map((l) => [l.kind, lineText(l)]),
    [
      ['heading', 'Title here'],
      ['text', 'Some text.'],
      ['blank', ''],
      ['list', '• first item'],
      ['list', '1. numbered'],
      ['code', '  spec:'],
      ['code', '    containers: []'],
    ],
  );
});

test('list items wrap under their text, within the width, in Korean too', () => {
  const lines = renderMarkdown('- 컨테이너가 시작되고 **10초** 뒤부터 검사합니다(초기 지연). 그리고 계속 검사합니다.', 24);
  assert.ok(lines.length >= 2);
  for (const l of lines) assert.ok(width(lineText(l)) <= 24, lineText(l));
  assert.match(lineText(lines[1]!), /^  \S/);
});
