// POSIX regular expressions (basic and extended, as grep reads them), matched in linear time: the
// pattern compiles to a Thompson NFA that is run over the line one character at a time with a set of
// states (no backtracking). A real grep (glibc's or musl's regexec) is not exponential on `(a|aa)*c`;
// a JavaScript RegExp is, and it cannot be interrupted. A back-reference (`\1`) is not regular: such a
// pattern is matched by a backtracking search whose steps are charged to the command's work budget.
import { stackOverflow } from './limits.js';

/** A matcher for one line (grep matches line by line); `steps` is the work the last test did. */
export interface Regex {
  test(line: string): boolean;
  /** simulated work of the last `test`, in steps (see limits.ts WORK_BUDGET) */
  readonly steps: number;
}

export class RegexError extends Error {}

/** glibc's regerror texts (busybox and GNU grep both print them). */
export const REGEX_ERRORS = {
  paren: 'Unmatched ( or \\(',
  rparen: 'Unmatched ) or \\)',
  bracket: 'Unmatched [, [^, [:, [., or [=',
  brace: 'Unmatched \\{',
  badBrace: 'Invalid content of \\{\\}',
  range: 'Invalid range end',
  ctype: 'Invalid character class name',
  trailing: 'Trailing backslash',
  backref: 'Invalid back reference',
  badRpt: 'Invalid preceding regular expression',
  size: 'Regular expression too big',
} as const;

type CharTest = (ch: string) => boolean;
type Node =
  | { k: 'char'; test: CharTest }
  | { k: 'bol' }
  | { k: 'eol' }
  | { k: 'cat'; items: Node[] }
  | { k: 'alt'; items: Node[] }
  | { k: 'rep'; node: Node; min: number; max: number }
  | { k: 'group'; node: Node; index: number }
  | { k: 'backref'; index: number };

/**
 * Nesting (groups, and repetitions applied to repetitions) past which grep's own recursive parser would
 * overflow its stack: glibc's parse_reg_exp recurses per group, so grep dies of SIGSEGV, as ash does at
 * SH_PARSE_DEPTH. (The real depth is larger; past this one a pattern is no longer something a person wrote.)
 */
const MAX_DEPTH = 1000;

/** glibc's RE_DUP_MAX */
const DUP_MAX = 0x7fff;
/** NFA instructions past which the pattern is refused as glibc refuses a huge one */
const MAX_PROGRAM = 100_000;

const CLASSES: Record<string, CharTest> = {
  alpha: (c) => /[A-Za-z]/.test(c),
  digit: (c) => c >= '0' && c <= '9',
  alnum: (c) => /[A-Za-z0-9]/.test(c),
  upper: (c) => c >= 'A' && c <= 'Z',
  lower: (c) => c >= 'a' && c <= 'z',
  space: (c) => ' \t\n\r\f\v'.includes(c),
  blank: (c) => c === ' ' || c === '\t',
  punct: (c) => /[!-/:-@[-`{-~]/.test(c),
  print: (c) => c >= ' ' && c <= '~',
  graph: (c) => c > ' ' && c <= '~',
  cntrl: (c) => c < ' ' || c === '\x7f',
  xdigit: (c) => /[0-9A-Fa-f]/.test(c),
};

class Parser {
  private i = 0;
  groups = 0;
  hasBackref = false;
  constructor(
    private readonly p: string,
    private readonly extended: boolean,
    private readonly icase: boolean,
  ) {}

  parse(): Node {
    const n = this.alt(0);
    if (this.i < this.p.length) throw new RegexError(REGEX_ERRORS.rparen);
    if (treeDepth(n) > MAX_DEPTH) throw stackOverflow(); // compiling and matching recurse over the tree
    return n;
  }

  private peekOp(op: '|' | '(' | ')' | '{' | '+' | '?'): boolean {
    if (this.extended) return this.p[this.i] === op;
    return this.p[this.i] === '\\' && this.p[this.i + 1] === op;
  }
  private takeOp(op: '|' | '(' | ')' | '{' | '+' | '?'): boolean {
    if (!this.peekOp(op)) return false;
    this.i += this.extended ? 1 : 2;
    return true;
  }

  private alt(depth: number): Node {
    if (depth > MAX_DEPTH) throw stackOverflow();
    const items = [this.cat(depth)];
    while (this.takeOp('|')) items.push(this.cat(depth));
    return items.length === 1 ? items[0]! : { k: 'alt', items };
  }

  private cat(depth: number): Node {
    const items: Node[] = [];
    while (this.i < this.p.length && !this.peekOp('|') && !(depth > 0 && this.peekOp(')'))) {
      if (depth === 0 && this.peekOp(')')) {
        // an unmatched ) is an ordinary character in ERE (glibc) and an error in BRE
        if (!this.extended) throw new RegexError(REGEX_ERRORS.rparen);
        this.i++;
        items.push(this.literal(')'));
        continue;
      }
      let atom = this.atom(items.length === 0, depth);
      let stacked = 0;
      for (;;) {
        if (++stacked > MAX_DEPTH) throw stackOverflow();
        const c = this.p[this.i];
        if (c === '*' && !(items.length === 0 && atom.k === 'bol')) {
          this.i++;
          atom = this.repeat(atom, 0, Infinity);
        } else if (this.takeOp('+')) atom = this.repeat(atom, 1, Infinity);
        else if (this.takeOp('?')) atom = this.repeat(atom, 0, 1);
        else {
          const range = this.peekOp('{') ? this.interval() : undefined;
          if (!range) break;
          atom = this.repeat(atom, range[0], range[1]);
        }
      }
      items.push(atom);
    }
    return items.length === 1 ? items[0]! : { k: 'cat', items };
  }

  private repeat(node: Node, min: number, max: number): Node {
    if (node.k === 'bol' || node.k === 'eol') {
      if (this.extended) throw new RegexError(REGEX_ERRORS.badRpt);
      return node;
    }
    return { k: 'rep', node, min, max };
  }

  /** `{m}`, `{m,}`, `{m,n}` (ERE) or `\{m,n\}` (BRE) at the cursor; undefined for an ERE `{` that is literal */
  private interval(): [number, number] | undefined {
    const start = this.i;
    this.i += this.extended ? 1 : 2;
    const m = /^(\d*)(,(\d*))?/.exec(this.p.slice(this.i))!;
    this.i += m[0].length;
    const close = this.extended ? this.p[this.i] === '}' : this.p[this.i] === '\\' && this.p[this.i + 1] === '}';
    if (!close || m[1] === '') {
      if (this.extended && m[1] === '') {
        this.i = start; // `{` not starting an interval is an ordinary character in ERE
        return undefined;
      }
      throw new RegexError(close ? REGEX_ERRORS.badBrace : REGEX_ERRORS.brace);
    }
    this.i += this.extended ? 1 : 2;
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
    if (min > DUP_MAX || (max !== Infinity && (max > DUP_MAX || max < min))) throw new RegexError(REGEX_ERRORS.badBrace);
    return [min, max];
  }

  private literal(ch: string): Node {
    if (!this.icase) return { k: 'char', test: (c) => c === ch };
    const lo = ch.toLowerCase();
    return { k: 'char', test: (c) => c.toLowerCase() === lo };
  }

  private atom(first: boolean, depth: number): Node {
    const p = this.p;
    const c = p[this.i]!;
    if (this.takeOp('(')) {
      const index = ++this.groups;
      const inner = this.alt(depth + 1);
      if (!this.takeOp(')')) throw new RegexError(REGEX_ERRORS.paren);
      return { k: 'group', node: inner, index };
    }
    if (c === '^' && (this.extended || first)) {
      this.i++;
      return { k: 'bol' };
    }
    if (c === '$' && (this.extended || this.atEnd(this.i + 1))) {
      this.i++;
      return { k: 'eol' };
    }
    if (this.extended && (c === '*' || c === '+' || c === '?')) {
      if (!first) throw new RegexError(REGEX_ERRORS.badRpt);
      // a leading repetition operator is an ordinary character (glibc)
      this.i++;
      return this.literal(c);
    }
    if (!this.extended && c === '*' && first) {
      this.i++;
      return this.literal('*');
    }
    if (c === '.') {
      this.i++;
      return { k: 'char', test: () => true };
    }
    if (c === '[') return this.bracket();
    if (c === '\\') {
      if (this.i + 1 >= p.length) throw new RegexError(REGEX_ERRORS.trailing);
      const n = p[this.i + 1]!;
      this.i += 2;
      if (n >= '1' && n <= '9') {
        const index = Number(n);
        if (index > this.groups) throw new RegexError(REGEX_ERRORS.backref);
        this.hasBackref = true;
        return { k: 'backref', index };
      }
      // GNU escapes both greps know
      if (n === 'w') return { k: 'char', test: (x) => /[A-Za-z0-9_]/.test(x) };
      if (n === 'W') return { k: 'char', test: (x) => !/[A-Za-z0-9_]/.test(x) };
      if (n === 's') return { k: 'char', test: CLASSES.space! };
      if (n === 'S') return { k: 'char', test: (x) => !CLASSES.space!(x) };
      return this.literal(n);
    }
    this.i++;
    return this.literal(c);
  }

  /** `$` is an anchor at the end of the pattern or of a group/alternative (BRE) */
  private atEnd(at: number): boolean {
    if (at >= this.p.length) return true;
    return this.p[at] === '\\' && (this.p[at + 1] === ')' || this.p[at + 1] === '|');
  }

  private bracket(): Node {
    const p = this.p;
    let i = this.i + 1;
    let negate = false;
    if (p[i] === '^') {
      negate = true;
      i++;
    }
    const tests: CharTest[] = [];
    let firstItem = true;
    for (;;) {
      if (i >= p.length) throw new RegexError(REGEX_ERRORS.bracket);
      let ch = p[i]!;
      if (ch === ']' && !firstItem) break;
      firstItem = false;
      if (ch === '[' && (p[i + 1] === ':' || p[i + 1] === '.' || p[i + 1] === '=')) {
        const kind = p[i + 1]!;
        const end = p.indexOf(kind + ']', i + 2);
        if (end < 0) throw new RegexError(REGEX_ERRORS.bracket);
        const name = p.slice(i + 2, end);
        i = end + 2;
        if (kind === ':') {
          const t = CLASSES[name];
          if (!t) throw new RegexError(REGEX_ERRORS.ctype);
          tests.push(this.icase && (name === 'upper' || name === 'lower') ? CLASSES.alpha! : t);
          continue;
        }
        if ([...name].length !== 1) throw new RegexError('Invalid collation character');
        ch = name;
      } else i++;
      if (p[i] === '-' && p[i + 1] !== undefined && p[i + 1] !== ']') {
        let hi = p[i + 1]!;
        i += 2;
        if (hi === '[' && p[i] === '.') {
          const end = p.indexOf('.]', i + 1);
          if (end < 0) throw new RegexError(REGEX_ERRORS.bracket);
          hi = p.slice(i + 1, end);
          i = end + 2;
        }
        const lo = ch;
        if (hi < lo) throw new RegexError(REGEX_ERRORS.range);
        tests.push(this.icase ? (x) => (x.toLowerCase() >= lo && x.toLowerCase() <= hi) || (x.toUpperCase() >= lo && x.toUpperCase() <= hi) : (x) => x >= lo && x <= hi);
      } else {
        const one = ch;
        tests.push(this.icase ? (x) => x.toLowerCase() === one.toLowerCase() : (x) => x === one);
      }
    }
    this.i = i + 1;
    const inSet = (x: string) => tests.some((t) => t(x));
    return { k: 'char', test: negate ? (x) => !inSet(x) : inSet };
  }
}

function treeDepth(root: Node): number {
  let max = 0;
  const stack: [Node, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [n, d] = stack.pop()!;
    if (d > max) max = d;
    if (n.k === 'cat' || n.k === 'alt') for (const it of n.items) stack.push([it, d + 1]);
    else if (n.k === 'rep' || n.k === 'group') stack.push([n.node, d + 1]);
  }
  return max;
}

type Inst =
  | { op: 'char'; test: CharTest }
  | { op: 'bol' }
  | { op: 'eol' }
  | { op: 'split'; x: number; y: number }
  | { op: 'jmp'; x: number }
  | { op: 'match' };

function compile(node: Node): Inst[] {
  const prog: Inst[] = [];
  const emit = (i: Inst) => {
    if (prog.length >= MAX_PROGRAM) throw new RegexError(REGEX_ERRORS.size);
    prog.push(i);
    return prog.length - 1;
  };
  const gen = (n: Node): void => {
    switch (n.k) {
      case 'char':
        emit({ op: 'char', test: n.test });
        return;
      case 'bol':
      case 'eol':
        emit({ op: n.k });
        return;
      case 'group':
        gen(n.node);
        return;
      case 'backref':
        throw new Error('compile: a back-reference is not regular');
      case 'cat':
        for (const it of n.items) gen(it);
        return;
      case 'alt': {
        const jumps: number[] = [];
        for (let k = 0; k < n.items.length; k++) {
          if (k < n.items.length - 1) {
            const split = emit({ op: 'split', x: 0, y: 0 });
            (prog[split] as { x: number }).x = prog.length;
            gen(n.items[k]!);
            jumps.push(emit({ op: 'jmp', x: 0 }));
            (prog[split] as { y: number }).y = prog.length;
          } else gen(n.items[k]!);
        }
        for (const j of jumps) (prog[j] as { x: number }).x = prog.length;
        return;
      }
      case 'rep': {
        for (let k = 0; k < n.min; k++) gen(n.node);
        if (n.max === Infinity) {
          const split = emit({ op: 'split', x: 0, y: 0 });
          (prog[split] as { x: number }).x = prog.length;
          gen(n.node);
          emit({ op: 'jmp', x: split });
          (prog[split] as { y: number }).y = prog.length;
        } else {
          const splits: number[] = [];
          for (let k = n.min; k < n.max; k++) {
            splits.push(emit({ op: 'split', x: prog.length + 1, y: 0 }));
            gen(n.node);
          }
          for (const s of splits) (prog[s] as { y: number }).y = prog.length;
        }
        return;
      }
    }
  };
  gen(node);
  emit({ op: 'match' });
  return prog;
}

/** Thompson simulation: does the program match anywhere in `s`? Returns the steps it took too. */
function runNfa(prog: Inst[], s: string): { matched: boolean; steps: number } {
  const n = prog.length;
  const mark = new Int32Array(n).fill(-1);
  let cur: number[] = [];
  let next: number[] = [];
  let gen = 0;
  let steps = 0;
  const stack: number[] = [];
  const add = (list: number[], pc0: number, at: number): boolean => {
    stack.push(pc0);
    while (stack.length > 0) {
      const pc = stack.pop()!;
      if (mark[pc] === gen) continue;
      mark[pc] = gen;
      steps++;
      const ins = prog[pc]!;
      switch (ins.op) {
        case 'jmp':
          stack.push(ins.x);
          break;
        case 'split':
          stack.push(ins.y, ins.x);
          break;
        case 'bol':
          if (at === 0) stack.push(pc + 1);
          break;
        case 'eol':
          if (at === s.length) stack.push(pc + 1);
          break;
        case 'match':
          stack.length = 0;
          return true;
        default:
          list.push(pc);
      }
    }
    return false;
  };
  gen++;
  if (add(cur, 0, 0)) return { matched: true, steps };
  for (let at = 0; at < s.length; at++) {
    const ch = s[at]!;
    gen++;
    next = [];
    for (const pc of cur) {
      steps++;
      const ins = prog[pc] as { op: 'char'; test: CharTest };
      if (ins.test(ch) && add(next, pc + 1, at + 1)) return { matched: true, steps };
    }
    // unanchored: a match may also start after this character
    if (add(next, 0, at + 1)) return { matched: true, steps };
    cur = next;
  }
  return { matched: false, steps };
}

/** Backtracking search for a pattern with back-references, one step charged per node visited. */
function runBacktrack(root: Node, groups: number, s: string, budget: number): { matched: boolean; steps: number } {
  let steps = 0;
  const caps: (string | undefined)[] = new Array(groups + 1);
  class OutOfSteps {}
  // m(node, at, k): match node at `at`, then continue with k(at2)
  const m = (node: Node, at: number, k: (at: number) => boolean): boolean => {
    if (++steps > budget) throw new OutOfSteps();
    switch (node.k) {
      case 'char':
        return at < s.length && node.test(s[at]!) && k(at + 1);
      case 'bol':
        return at === 0 && k(at);
      case 'eol':
        return at === s.length && k(at);
      case 'group': {
        const saved = caps[node.index];
        if (m(node.node, at, (end) => {
          const before = caps[node.index];
          caps[node.index] = s.slice(at, end);
          if (k(end)) return true;
          caps[node.index] = before;
          return false;
        })) return true;
        caps[node.index] = saved;
        return false;
      }
      case 'backref': {
        const v = caps[node.index] ?? '';
        return s.startsWith(v, at) && k(at + v.length);
      }
      case 'cat': {
        const step = (idx: number, pos: number): boolean => (idx === node.items.length ? k(pos) : m(node.items[idx]!, pos, (p2) => step(idx + 1, p2)));
        return step(0, at);
      }
      case 'alt':
        return node.items.some((it) => m(it, at, k));
      case 'rep': {
        // greedy, longest first; an iteration that matches nothing ends the loop
        const loop = (count: number, pos: number): boolean => {
          if (count < node.max && m(node.node, pos, (p2) => (p2 === pos && count >= node.min ? false : loop(count + 1, p2)))) return true;
          return count >= node.min && k(pos);
        };
        return loop(0, at);
      }
    }
  };
  try {
    for (let start = 0; start <= s.length; start++) if (m(root, start, () => true)) return { matched: true, steps };
    return { matched: false, steps };
  } catch (e) {
    // out of steps, or a line so long that the search's continuations outgrow the JavaScript stack:
    // either way a search that the real grep would still be doing (glibc's backtracking is on the heap)
    if (e instanceof OutOfSteps || e instanceof RangeError) return { matched: false, steps: Infinity };
    throw e;
  }
}

/**
 * Compiles a grep pattern: basic (`\(`, `\{m,n\}`, `\|`, `\+`, `\?` as GNU and busybox read them) or
 * extended; `fixed` is a plain string. Throws RegexError with glibc's message for a bad pattern.
 */
export function compileRegex(pattern: string, opts: { extended: boolean; fixed?: boolean; icase?: boolean; budget: number }): Regex {
  const icase = opts.icase ?? false;
  if (opts.fixed) {
    const needle = icase ? pattern.toLowerCase() : pattern;
    return matcher((line) => ({ matched: (icase ? line.toLowerCase() : line).includes(needle), steps: line.length + needle.length }));
  }
  const parser = new Parser(pattern, opts.extended, icase);
  const root = parser.parse();
  if (parser.hasBackref) return matcher((line) => runBacktrack(root, parser.groups, line, opts.budget));
  const prog = compile(root);
  return matcher((line) => runNfa(prog, line));
}

/** A Regex over a search that reports its steps. */
function matcher(search: (line: string) => { matched: boolean; steps: number }): Regex {
  const r = {
    steps: 0,
    test(line: string): boolean {
      const out = search(line);
      r.steps = out.steps;
      return out.matched;
    },
  };
  return r;
}
