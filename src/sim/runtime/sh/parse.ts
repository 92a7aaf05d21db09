// Parses busybox-ash shell source into a Script; syntax errors come back as values with ash's wording.
import type { AndOr, Assign, Command, ParseError, ParseOverflow, ParamOp, Pipeline, Redirect, Script, Word, WordPart } from './ast.js';
import { SH_PARSE_DEPTH } from './limits.js';

type Op = ';' | '&' | '&&' | '||' | '|' | '(' | ')' | ';;' | '\n';
type Token =
  | { t: 'word'; w: Word; raw: string; line: number }
  | { t: 'op'; v: Op; line: number }
  | { t: 'redir'; fd: number | undefined; op: Redirect['op'] | '<<-'; line: number }
  | { t: 'eof'; line: number };

class SyntaxError_ {
  constructor(readonly message: string, readonly line: number) {}
}

/** Thrown when the program nests deeper than SH_PARSE_DEPTH (see enter). */
class TooDeep {}

/**
 * How deep the parse in progress is nested: commands being parsed inside commands, `$( )` and `${ }`
 * inside words. The parser is recursive (so is ash's): this bounds its stack by a fixed number.
 */
let parseDepth = 0;

function enter(): void {
  if (++parseDepth > SH_PARSE_DEPTH) throw new TooDeep();
}

function leave(): void {
  parseDepth--;
}

const META = new Set([' ', '\t', '\n', ';', '&', '|', '(', ')', '<', '>']);
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

class Lexer {
  pos = 0;
  line = 1;
  private peeked: Token | undefined;
  /** here-documents whose bodies start after the next newline */
  readonly pendingHeredocs: { delim: string; strip: boolean; quoted: boolean; redirect: Redirect }[] = [];
  /** set while lexing the word after `case`/`for x`, where `in` is not special */
  constructor(private readonly src: string) {}

  peek(): Token {
    if (!this.peeked) this.peeked = this.lex();
    return this.peeked;
  }

  next(): Token {
    const t = this.peek();
    this.peeked = undefined;
    return t;
  }

  private lex(): Token {
    const s = this.src;
    for (;;) {
      const c = s[this.pos];
      if (c === ' ' || c === '\t') this.pos++;
      else if (c === '\\' && s[this.pos + 1] === '\n') {
        this.pos += 2;
        this.line++;
      } else if (c === '#') {
        while (this.pos < s.length && s[this.pos] !== '\n') this.pos++;
      } else break;
    }
    const line = this.line;
    if (this.pos >= s.length) return { t: 'eof', line };
    const c = s[this.pos];
    const two = s.slice(this.pos, this.pos + 2);
    if (c === '\n') {
      this.pos++;
      this.line++;
      this.readHeredocs();
      return { t: 'op', v: '\n', line };
    }
    if (two === '&&' || two === '||' || two === ';;') {
      this.pos += 2;
      return { t: 'op', v: two, line };
    }
    if (c === ';' || c === '&' || c === '|' || c === '(' || c === ')') {
      this.pos++;
      return { t: 'op', v: c, line };
    }
    if (c === '<' || c === '>') return this.lexRedir(undefined, line);
    // a word; a bare number directly before < or > is a file-descriptor prefix
    const m = /^[0-9]+(?=[<>])/.exec(s.slice(this.pos, this.pos + 12));
    if (m) {
      this.pos += m[0].length;
      return this.lexRedir(Number(m[0]), line);
    }
    const start = this.pos;
    const w = this.lexWord();
    return { t: 'word', w, raw: s.slice(start, this.pos), line };
  }

  private lexRedir(fd: number | undefined, line: number): Token {
    const s = this.src;
    const ops: (Redirect['op'] | '<<-')[] = ['<<-', '>>', '<<', '>&', '<&', '>|', '<>', '>', '<'];
    for (const op of ops) {
      if (s.startsWith(op, this.pos)) {
        this.pos += op.length;
        return { t: 'redir', fd, op, line };
      }
    }
    throw new SyntaxError_('unexpected redirection', line);
  }

  /** Reads the bodies of pending here-documents (the lines after the command line). */
  private readHeredocs(): void {
    const s = this.src;
    for (const h of this.pendingHeredocs.splice(0)) {
      let body = '';
      for (;;) {
        if (this.pos >= s.length) break;
        let end = s.indexOf('\n', this.pos);
        if (end < 0) end = s.length;
        let line = s.slice(this.pos, end);
        this.pos = Math.min(end + 1, s.length);
        this.line++;
        if (h.strip) line = line.replace(/^\t+/, '');
        if (line === h.delim) break;
        body += line + '\n';
      }
      h.redirect.target = h.quoted ? [{ k: 'lit', s: body, q: true }] : heredocWord(body, this.line);
    }
  }

  /** A here-document body: `$` expansions and backquotes like inside double quotes, but `"` is literal. */
  lexHeredocBody(): Word {
    const s = this.src;
    const parts: WordPart[] = [];
    let lit = '';
    while (this.pos < s.length) {
      const c = s[this.pos];
      if (c === '\\' && (s[this.pos + 1] === '$' || s[this.pos + 1] === '`' || s[this.pos + 1] === '\\')) {
        lit += s[this.pos + 1];
        this.pos += 2;
      } else if (c === '\\' && s[this.pos + 1] === '\n') {
        this.pos += 2;
      } else if (c === '$' || c === '`') {
        const p = this.lexDollar(true);
        if (p) {
          if (lit) parts.push({ k: 'lit', s: lit, q: true });
          lit = '';
          parts.push(p);
        } else {
          lit += '$';
          this.pos++;
        }
      } else {
        lit += c;
        this.pos++;
      }
    }
    if (lit || parts.length === 0) parts.push({ k: 'lit', s: lit, q: true });
    return parts;
  }

  /** Reads one word up to an unquoted metacharacter. */
  lexWord(): Word {
    const s = this.src;
    const parts: WordPart[] = [];
    let lit = '';
    const flush = () => {
      if (lit) parts.push({ k: 'lit', s: lit, q: false });
      lit = '';
    };
    while (this.pos < s.length) {
      const c = s[this.pos];
      if (META.has(c)) break;
      if (c === '\\') {
        const n = s[this.pos + 1];
        this.pos += 2;
        if (n === undefined) break;
        if (n === '\n') {
          this.line++;
          continue;
        }
        flush();
        parts.push({ k: 'lit', s: n, q: true });
      } else if (c === "'") {
        const end = s.indexOf("'", this.pos + 1);
        if (end < 0) throw new SyntaxError_('unterminated quoted string', this.line);
        flush();
        const body = s.slice(this.pos + 1, end);
        this.line += countNl(body);
        parts.push({ k: 'lit', s: body, q: true });
        this.pos = end + 1;
      } else if (c === '"') {
        flush();
        this.pos++;
        this.lexDouble(parts);
      } else if (c === '$' || c === '`') {
        const p = this.lexDollar(false);
        if (p) {
          flush();
          parts.push(p);
        } else {
          lit += '$';
          this.pos++;
        }
      } else {
        if (c === '\n') this.line++;
        lit += c;
        this.pos++;
      }
    }
    flush();
    return parts;
  }

  private lexDouble(parts: WordPart[]): void {
    const s = this.src;
    let lit = '';
    let sawAny = false;
    const flush = () => {
      if (lit || !sawAny) parts.push({ k: 'lit', s: lit, q: true });
      lit = '';
      sawAny = true;
    };
    for (;;) {
      if (this.pos >= s.length) throw new SyntaxError_('unterminated quoted string', this.line);
      const c = s[this.pos];
      if (c === '"') {
        this.pos++;
        if (lit || !sawAny) flush();
        return;
      }
      if (c === '\\') {
        const n = s[this.pos + 1];
        if (n === '$' || n === '`' || n === '"' || n === '\\') {
          lit += n;
          this.pos += 2;
        } else if (n === '\n') {
          this.pos += 2;
          this.line++;
        } else {
          lit += '\\';
          this.pos++;
        }
      } else if (c === '$' || c === '`') {
        const p = this.lexDollar(true);
        if (p) {
          if (lit) flush();
          sawAny = true;
          parts.push(p);
        } else {
          lit += '$';
          this.pos++;
        }
      } else {
        if (c === '\n') this.line++;
        lit += c;
        this.pos++;
      }
    }
  }

  /** At `$` or a backquote: a parameter, command substitution or arithmetic; undefined for a literal `$`. */
  private lexDollar(q: boolean): WordPart | undefined {
    const s = this.src;
    if (s[this.pos] === '`') {
      const end = findBackquote(s, this.pos + 1);
      if (end < 0) throw new SyntaxError_('unterminated quoted string', this.line);
      const inner = s.slice(this.pos + 1, end).replace(/\\([$`\\])/g, '$1');
      this.pos = end + 1;
      return { k: 'cmd', body: parseInner(inner, this.line), q };
    }
    const n = s[this.pos + 1];
    if (n === '(' && s[this.pos + 2] === '(') {
      const end = findClose(s, this.pos + 3, '((', '))');
      if (end < 0) throw new SyntaxError_('unterminated quoted string', this.line);
      const expr = s.slice(this.pos + 3, end);
      this.pos = end + 2;
      return { k: 'arith', expr, q };
    }
    if (n === '(') {
      const end = findParen(s, this.pos + 2);
      if (end < 0) throw new SyntaxError_('unterminated quoted string', this.line);
      const inner = s.slice(this.pos + 2, end);
      const line = this.line;
      this.line += countNl(inner);
      this.pos = end + 1;
      return { k: 'cmd', body: parseInner(inner, line), q };
    }
    if (n === '{') {
      const end = findClose(s, this.pos + 2, '{', '}');
      if (end < 0) throw new SyntaxError_('missing }', this.line);
      const body = s.slice(this.pos + 2, end);
      this.pos = end + 1;
      return parseBraced(body, q, this.line);
    }
    if (n !== undefined && /[A-Za-z_]/.test(n)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(this.pos + 1))!;
      this.pos += 1 + m[0].length;
      return { k: 'param', name: m[0], q };
    }
    if (n !== undefined && /[0-9?$#@*!-]/.test(n)) {
      this.pos += 2;
      return { k: 'param', name: n, q };
    }
    return undefined;
  }
}

function heredocWord(body: string, line: number): Word {
  const lx = new Lexer(body);
  lx.line = line;
  return lx.lexHeredocBody();
}

function countNl(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}

function findBackquote(s: string, from: number): number {
  for (let i = from; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === '`') return i;
  }
  return -1;
}

/** Index of the `)` closing a `$(`, skipping quotes and nested parentheses. */
function findParen(s: string, from: number): number {
  let depth = 1;
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') i++;
    else if (c === "'") {
      const e = s.indexOf("'", i + 1);
      if (e < 0) return -1;
      i = e;
    } else if (c === '"') {
      for (i++; i < s.length && s[i] !== '"'; i++) if (s[i] === '\\') i++;
    } else if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function findClose(s: string, from: number, open: string, close: string): number {
  let depth = 1;
  for (let i = from; i < s.length; i++) {
    if (s.startsWith(close, i)) {
      depth--;
      if (depth === 0) return i;
      i += close.length - 1;
    } else if (s.startsWith(open, i)) {
      depth++;
      i += open.length - 1;
    }
  }
  return -1;
}

function parseBraced(body: string, q: boolean, line: number): WordPart {
  enter();
  try {
    return parseBracedIn(body, q, line);
  } finally {
    leave();
  }
}

function parseBracedIn(body: string, q: boolean, line: number): WordPart {
  if (body.startsWith('#') && body.length > 1) {
    const name = body.slice(1);
    if (!NAME_RE.test(name) && !/^[0-9?#@*]$/.test(name)) throw new SyntaxError_(`\${${body}}: bad substitution`, line);
    return { k: 'param', name, op: 'len', q };
  }
  const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[?$#@*!-])(.*)$/s.exec(body);
  if (!m) throw new SyntaxError_(`\${${body}}: bad substitution`, line);
  const [, name, rest] = m;
  if (rest === '') return { k: 'param', name, q };
  const om = /^(:-|:=|:\+|:\?|-|=|\+|\?|##|#|%%|%)(.*)$/s.exec(rest);
  if (!om) throw new SyntaxError_(`\${${body}}: bad substitution`, line);
  const lx = new Lexer(om[2]);
  // the operand is lexed like a word inside double quotes would be, but keeps its own quoting
  const arg = om[2] === '' ? [] : lexOperand(lx, om[2]);
  return { k: 'param', name, op: om[1] as ParamOp, arg, q };
}

function lexOperand(lx: Lexer, src: string): Word {
  // spaces are literal inside ${...}: lex piecewise and glue the pieces back together
  const out: Word = [];
  while (lx.pos < src.length) {
    const c = src[lx.pos];
    if (META.has(c)) {
      out.push({ k: 'lit', s: c, q: true });
      lx.pos++;
      continue;
    }
    out.push(...lx.lexWord());
  }
  return out;
}

function parseInner(src: string, line: number): Script {
  enter();
  try {
    return parseScriptOrThrow(src, line);
  } finally {
    leave();
  }
}

class Parser {
  constructor(private readonly lx: Lexer) {}

  private describe(t: Token): string {
    switch (t.t) {
      case 'eof':
        return 'end of file';
      case 'op':
        return t.v === '\n' ? 'newline' : `"${t.v}"`;
      case 'redir':
        return `"${t.op}"`;
      case 'word':
        return `"${t.raw}"`;
    }
  }

  private unexpected(t: Token, expecting?: string): never {
    if (t.t === 'eof' && expecting) throw new SyntaxError_(`unexpected end of file (expecting "${expecting}")`, t.line);
    throw new SyntaxError_(`unexpected ${this.describe(t)}`, t.line);
  }

  private isWord(t: Token, w: string): boolean {
    return t.t === 'word' && t.raw === w;
  }

  private skipNewlines(): void {
    while (this.lx.peek().t === 'op' && (this.lx.peek() as { v: Op }).v === '\n') this.lx.next();
  }

  private expectWord(w: string): void {
    this.skipNewlines();
    const t = this.lx.next();
    if (!this.isWord(t, w)) this.unexpected(t, w);
  }

  /** A sequence of and-or lists, ending before a reserved terminator, `)`, `;;` or EOF. */
  list(terminators: string[]): Script {
    const items: Script['items'] = [];
    for (;;) {
      this.skipNewlines();
      const t = this.lx.peek();
      if (t.t === 'eof') break;
      if (t.t === 'op' && (t.v === ')' || t.v === ';;')) break;
      if (t.t === 'word' && terminators.includes(t.raw)) break;
      const andOr = this.andOr();
      const sep = this.lx.peek();
      let background = false;
      if (sep.t === 'op' && (sep.v === ';' || sep.v === '&' || sep.v === '\n')) {
        this.lx.next();
        background = sep.v === '&';
      } else if (!(sep.t === 'eof' || (sep.t === 'op' && (sep.v === ')' || sep.v === ';;')) || (sep.t === 'word' && terminators.includes(sep.raw)))) {
        this.unexpected(sep);
      }
      items.push({ andOr, background });
    }
    return { kind: 'script', items };
  }

  private nonEmpty(s: Script, at: Token): Script {
    if (s.items.length === 0) this.unexpected(at);
    return s;
  }

  private andOr(): AndOr {
    const first = this.pipeline();
    const rest: AndOr['rest'] = [];
    for (;;) {
      const t = this.lx.peek();
      if (t.t === 'op' && (t.v === '&&' || t.v === '||')) {
        this.lx.next();
        this.skipNewlines();
        rest.push({ op: t.v, pipe: this.pipeline() });
      } else return { first, rest };
    }
  }

  private pipeline(): Pipeline {
    let bang = false;
    if (this.isWord(this.lx.peek(), '!')) {
      this.lx.next();
      bang = true;
    }
    const cmds = [this.command()];
    for (;;) {
      const t = this.lx.peek();
      if (t.t === 'op' && t.v === '|') {
        this.lx.next();
        this.skipNewlines();
        cmds.push(this.command());
      } else return { bang, cmds };
    }
  }

  private redirs(into: Redirect[]): void {
    for (;;) {
      const t = this.lx.peek();
      if (t.t !== 'redir') return;
      into.push(this.redirect());
    }
  }

  private redirect(): Redirect {
    const t = this.lx.next() as Extract<Token, { t: 'redir' }>;
    const target = this.lx.next();
    if (target.t !== 'word') this.unexpected(target);
    if (t.op === '<<' || t.op === '<<-') {
      const quoted = target.w.some((p) => p.k === 'lit' && p.q);
      const delim = target.w.map((p) => (p.k === 'lit' ? p.s : '')).join('');
      const r: Redirect = { fd: t.fd ?? 0, op: '<<', target: [] };
      this.lx.pendingHeredocs.push({ delim, strip: t.op === '<<-', quoted, redirect: r });
      return r;
    }
    const fd = t.fd ?? (t.op.startsWith('<') ? 0 : 1);
    return { fd, op: t.op, target: target.w };
  }

  private command(): Command {
    enter();
    try {
      return this.commandIn();
    } finally {
      leave();
    }
  }

  private commandIn(): Command {
    const t = this.lx.peek();
    if (t.t === 'op' && t.v === '(') {
      this.lx.next();
      const body = this.list([]);
      const close = this.lx.next();
      if (!(close.t === 'op' && close.v === ')')) this.unexpected(close, ')');
      this.nonEmpty(body, close);
      const redirs: Redirect[] = [];
      this.redirs(redirs);
      return { kind: 'subshell', body, redirs };
    }
    if (t.t === 'word') {
      switch (t.raw) {
        case 'if':
          return this.withRedirs(this.ifCmd());
        case 'while':
        case 'until':
          return this.withRedirs(this.loopCmd(t.raw === 'until'));
        case 'for':
          return this.withRedirs(this.forCmd());
        case 'case':
          return this.withRedirs(this.caseCmd());
        case '{': {
          this.lx.next();
          const body = this.list(['}']);
          const close = this.lx.next();
          if (!this.isWord(close, '}')) this.unexpected(close, '}');
          this.nonEmpty(body, close);
          return this.withRedirs({ kind: 'group', body, redirs: [] });
        }
        case 'then':
        case 'elif':
        case 'else':
        case 'fi':
        case 'do':
        case 'done':
        case 'esac':
        case '}':
        case 'in':
          this.unexpected(t);
      }
    }
    return this.simple();
  }

  private withRedirs<C extends Exclude<Command, { kind: 'func' }>>(c: C): C {
    this.redirs(c.redirs);
    return c;
  }

  private ifCmd(): Exclude<Command, { kind: 'func' }> {
    this.lx.next();
    const clauses: { cond: Script; body: Script }[] = [];
    let orElse: Script | undefined;
    for (;;) {
      const cond = this.list(['then']);
      const th = this.lx.peek();
      this.expectWord('then');
      this.nonEmpty(cond, th);
      const body = this.list(['elif', 'else', 'fi']);
      const nx = this.lx.next();
      this.nonEmpty(body, nx);
      clauses.push({ cond, body });
      if (this.isWord(nx, 'elif')) continue;
      if (this.isWord(nx, 'else')) {
        orElse = this.list(['fi']);
        const fi = this.lx.next();
        if (!this.isWord(fi, 'fi')) this.unexpected(fi, 'fi');
        this.nonEmpty(orElse, fi);
        break;
      }
      if (this.isWord(nx, 'fi')) break;
      this.unexpected(nx, 'fi');
    }
    return { kind: 'if', clauses, orElse, redirs: [] };
  }

  private doDone(): Script {
    this.expectWord('do');
    const body = this.list(['done']);
    const d = this.lx.next();
    if (!this.isWord(d, 'done')) this.unexpected(d, 'done');
    this.nonEmpty(body, d);
    return body;
  }

  private loopCmd(until: boolean): Exclude<Command, { kind: 'func' }> {
    this.lx.next();
    const cond = this.list(['do']);
    this.nonEmpty(cond, this.lx.peek());
    const body = this.doDone();
    return { kind: 'loop', until, cond, body, redirs: [] };
  }

  private forCmd(): Exclude<Command, { kind: 'func' }> {
    this.lx.next();
    const nameTok = this.lx.next();
    if (nameTok.t !== 'word' || !NAME_RE.test(nameTok.raw)) this.unexpected(nameTok);
    let items: Word[] | undefined;
    const sep = this.lx.peek();
    if (sep.t === 'op' && sep.v === ';') this.lx.next();
    this.skipNewlines();
    if (this.isWord(this.lx.peek(), 'in')) {
      this.lx.next();
      items = [];
      for (;;) {
        const t = this.lx.peek();
        if (t.t === 'word') {
          this.lx.next();
          items.push(t.w);
        } else break;
      }
      const end = this.lx.next();
      if (!(end.t === 'op' && (end.v === ';' || end.v === '\n'))) this.unexpected(end, 'do');
    }
    const body = this.doDone();
    return { kind: 'for', name: nameTok.raw, items, body, redirs: [] };
  }

  private caseCmd(): Exclude<Command, { kind: 'func' }> {
    this.lx.next();
    const wt = this.lx.next();
    if (wt.t !== 'word') this.unexpected(wt);
    this.skipNewlines();
    const inTok = this.lx.next();
    if (!this.isWord(inTok, 'in')) this.unexpected(inTok, 'in');
    const arms: { patterns: Word[]; body: Script }[] = [];
    for (;;) {
      this.skipNewlines();
      let t = this.lx.next();
      if (this.isWord(t, 'esac')) break;
      if (t.t === 'op' && t.v === '(') t = this.lx.next();
      const patterns: Word[] = [];
      for (;;) {
        if (t.t !== 'word') this.unexpected(t, 'esac');
        patterns.push(t.w);
        const n = this.lx.next();
        if (n.t === 'op' && n.v === '|') {
          t = this.lx.next();
          continue;
        }
        if (n.t === 'op' && n.v === ')') break;
        this.unexpected(n);
      }
      const body = this.list(['esac']);
      arms.push({ patterns, body });
      const e = this.lx.peek();
      if (e.t === 'op' && e.v === ';;') this.lx.next();
      else if (this.isWord(e, 'esac')) continue;
      else this.unexpected(e, 'esac');
    }
    return { kind: 'case', word: wt.w, arms, redirs: [] };
  }

  private simple(): Command {
    const assigns: Assign[] = [];
    const words: Word[] = [];
    const redirs: Redirect[] = [];
    const line = this.lx.peek().line;
    for (;;) {
      const t = this.lx.peek();
      if (t.t === 'redir') {
        redirs.push(this.redirect());
        continue;
      }
      if (t.t !== 'word') break;
      if (words.length === 0) {
        const eq = assignmentName(t.w);
        if (eq !== undefined) {
          this.lx.next();
          assigns.push({ name: eq, value: stripAssignName(t.w, eq) });
          continue;
        }
      }
      this.lx.next();
      words.push(t.w);
      // `name() compound`: a function definition
      if (words.length === 1 && assigns.length === 0 && redirs.length === 0 && NAME_RE.test(t.raw)) {
        const p = this.lx.peek();
        if (p.t === 'op' && p.v === '(') {
          const open = this.lx.next();
          const close = this.lx.next();
          // `name (` not followed by `)` is not a function definition: ash complains about the `(`
          if (!(close.t === 'op' && close.v === ')')) this.unexpected(open);
          this.skipNewlines();
          return { kind: 'func', name: t.raw, body: this.command() };
        }
      }
    }
    if (words.length === 0 && assigns.length === 0 && redirs.length === 0) this.unexpected(this.lx.peek());
    return { kind: 'simple', assigns, words, redirs, line, plan: undefined };
  }
}

/** `NAME=...` as the first literal of a word marks an assignment. */
function assignmentName(w: Word): string | undefined {
  const p = w[0];
  if (!p || p.k !== 'lit' || p.q) return undefined;
  const i = p.s.indexOf('=');
  if (i <= 0) return undefined;
  const name = p.s.slice(0, i);
  return NAME_RE.test(name) ? name : undefined;
}

function stripAssignName(w: Word, name: string): Word {
  const [first, ...rest] = w;
  const s = (first as { s: string }).s.slice(name.length + 1);
  return s ? [{ k: 'lit', s, q: false }, ...rest] : rest;
}

function parseScriptOrThrow(src: string, line = 1): Script {
  const lx = new Lexer(src);
  lx.line = line;
  const p = new Parser(lx);
  const script = p.list([]);
  const t = lx.peek();
  if (t.t !== 'eof') {
    const d = t.t === 'op' ? (t.v === '\n' ? 'newline' : `"${t.v}"`) : t.t === 'word' ? `"${t.raw}"` : 'redirection';
    throw new SyntaxError_(`unexpected ${d}`, t.line);
  }
  return script;
}

/** Parse shell source; syntax errors are returned as values (never thrown). */
/**
 * Parsed programs by source text: a container's script, a probe's `sh -c` and trap actions are parsed
 * again and again. The trees are shared, so nothing may change them (the interpreter only fills in
 * `plan`, which depends on the text alone).
 */
const parsed = new Map<string, Script | ParseError | ParseOverflow>();
const PARSED_CAP = 256;

export function parseScript(src: string): Script | ParseError | ParseOverflow {
  let r = parsed.get(src);
  if (r === undefined) {
    r = parseFresh(src);
    if (parsed.size >= PARSED_CAP) parsed.clear();
    parsed.set(src, r);
  }
  return r;
}

function parseFresh(src: string): Script | ParseError | ParseOverflow {
  parseDepth = 0;
  try {
    return parseScriptOrThrow(src);
  } catch (e) {
    if (e instanceof SyntaxError_) return { kind: 'parse-error', message: e.message, line: e.line };
    if (e instanceof TooDeep) return PARSE_OVERFLOW;
    throw e;
  } finally {
    parseDepth = 0;
  }
}

const PARSE_OVERFLOW: ParseOverflow = { kind: 'parse-overflow' };

export function isParseError(x: Script | ParseError | ParseOverflow): x is ParseError {
  return x.kind === 'parse-error';
}

export function isParseOverflow(x: Script | ParseError | ParseOverflow): x is ParseOverflow {
  return x.kind === 'parse-overflow';
}

