// Task text (simple markdown: headings, lists, code blocks, `inline code`, **bold**) -> wrapped styled lines.
import { width as displayWidth } from './text.js';

export interface MdSpan {
  text: string;
  code?: boolean;
  bold?: boolean;
}

export type MdLineKind = 'heading' | 'text' | 'list' | 'code' | 'blank';

export interface MdLine {
  kind: MdLineKind;
  spans: MdSpan[];
}

/** Splits inline markup into spans: `code` and **bold**. Unclosed markers stay literal. */
export function inlineSpans(text: string): MdSpan[] {
  const spans: MdSpan[] = [];
  const re = /`([^`]+)`|\*\*([^*]+)\*\*/g;
  let last = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m.index > last) spans.push({ text: text.slice(last, m.index) });
    if (m[1] !== undefined) spans.push({ text: m[1], code: true });
    else spans.push({ text: m[2]!, bold: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) spans.push({ text: text.slice(last) });
  return spans;
}

/** Greedy word wrap over styled spans; words wider than a line are cut by character. */
export function wrapSpans(spans: readonly MdSpan[], cols: number, hang = ''): MdSpan[][] {
  type Tok = MdSpan & { space: boolean };
  const toks: Tok[] = [];
  for (const s of spans) {
    for (const part of s.text.split(/(\s+)/)) {
      if (part === '') continue;
      toks.push({ ...s, text: part, space: /^\s+$/.test(part) });
    }
  }
  const lines: MdSpan[][] = [];
  const hangW = displayWidth(hang);
  let cur: MdSpan[] = [];
  let curW = 0;
  const startLine = (first: boolean) => {
    cur = first || hang === '' ? [] : [{ text: hang }];
    curW = first ? 0 : hangW;
  };
  const push = (t: MdSpan) => {
    const prev = cur[cur.length - 1];
    if (prev && prev.code === t.code && prev.bold === t.bold) prev.text += t.text;
    else cur.push({ ...t });
    curW += displayWidth(t.text);
  };
  const flush = () => {
    const lastSpan = cur[cur.length - 1];
    if (lastSpan) lastSpan.text = lastSpan.text.replace(/\s+$/, '');
    lines.push(cur.filter((s) => s.text !== ''));
    startLine(false);
  };
  startLine(true);
  const base = (t: Tok): MdSpan => {
    const o: MdSpan = { text: t.text };
    if (t.code) o.code = true;
    if (t.bold) o.bold = true;
    return o;
  };
  const lineStart = () => curW === 0 || (lines.length > 0 && curW === hangW);
  for (const t of toks) {
    const w = displayWidth(t.text);
    if (t.space) {
      if (!lineStart() && curW + w <= cols) push(base(t));
      continue;
    }
    if (curW + w <= cols) {
      push(base(t));
      continue;
    }
    if (!lineStart()) flush();
    if (curW + w <= cols) {
      push(base(t));
      continue;
    }
    for (const ch of t.text) {
      if (curW + displayWidth(ch) > cols && !lineStart()) flush();
      push({ ...base(t), text: ch });
    }
  }
  if (cur.some((s) => s.text.trim() !== '')) flush();
  return lines;
}

/** Renders `md` into lines no wider than `cols` display columns. */
export function renderMarkdown(md: string, cols: number): MdLine[] {
  const out: MdLine[] = [];
  const width = Math.max(10, cols);
  let inCode = false;
  for (const raw of md.replace(/\r\n/g, '\n').split('\n')) {
    if (/^\s*```/.test(raw)) {
      inCode = !inCode;
      continue;
    }
    if (inCode) {
      // Code is shown as written (YAML indentation matters); cut rather than wrap.
      out.push({ kind: 'code', spans: [{ text: '  ' + raw, code: true }] });
      continue;
    }
    const line = raw.replace(/\s+$/, '');
    if (line === '') {
      if (out.length > 0 && out[out.length - 1]!.kind !== 'blank') out.push({ kind: 'blank', spans: [] });
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      for (const spans of wrapSpans(inlineSpans(heading[2]!), width)) out.push({ kind: 'heading', spans });
      continue;
    }
    const item = /^(\s*)([-*+]|\d+[.)])\s+(.*)$/.exec(line);
    if (item) {
      const bullet = /^\d/.test(item[2]!) ? item[2]! : '•';
      const lead = item[1]!.replace(/\t/g, '  ') + bullet + ' ';
      const hang = ' '.repeat(displayWidth(lead));
      const wrapped = wrapSpans([{ text: lead }, ...inlineSpans(item[3]!)], width, hang);
      for (const spans of wrapped) out.push({ kind: 'list', spans });
      continue;
    }
    const indent = /^\s*/.exec(line)![0];
    for (const spans of wrapSpans(inlineSpans(line.trimStart()), width - indent.length, '')) {
      out.push({ kind: 'text', spans: indent ? [{ text: indent }, ...spans] : spans });
    }
  }
  while (out.length > 0 && out[out.length - 1]!.kind === 'blank') out.pop();
  return out;
}

/** Plain text of a rendered line (for tests and width checks). */
export const lineText = (l: MdLine): string => l.spans.map((s) => s.text).join('');
