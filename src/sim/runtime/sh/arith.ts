// Shell arithmetic `$(( ))`: integers, the usual C operators and assignment to shell variables.
import { ARITH_DEPTH, stackOverflow } from './limits.js';

export class ArithError {
  constructor(readonly message: string) {}
}

/** busybox math.c's message when a variable's value leads back to itself (`x=x; $((x))`). */
export const ARITH_RECURSION = 'expression recursion loop detected';

/** How deep the evaluation in progress is nested (parentheses, unary operators, `?:`, names read as expressions). */
let depth = 0;
/** The names whose values are being evaluated as expressions, outermost first (busybox's list_of_recursed_names). */
const resolving: string[] = [];

function enter(): void {
  // busybox keeps an expression's stacks on the C stack: too deep an expression overflows it
  if (++depth > ARITH_DEPTH) throw stackOverflow();
}

type Tok = { k: 'num'; v: number } | { k: 'name'; v: string } | { k: 'op'; v: string };

const OPS = ['<<=', '>>=', '**', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '+=', '-=', '*=', '/=', '%=', '++', '--',
  '+', '-', '*', '/', '%', '<', '>', '=', '!', '~', '&', '|', '^', '(', ')', '?', ':'];

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\n') {
      i++;
      continue;
    }
    const num = /^(0x[0-9a-fA-F]+|[0-9]+)/.exec(src.slice(i));
    if (num) {
      out.push({ k: 'num', v: num[1].startsWith('0x') ? parseInt(num[1], 16) : num[1].length > 1 && num[1].startsWith('0') ? parseInt(num[1], 8) : Number(num[1]) });
      i += num[1].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (name) {
      out.push({ k: 'name', v: name[0] });
      i += name[0].length;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new ArithError(`syntax error`);
    out.push({ k: 'op', v: op });
    i += op.length;
  }
  return out;
}

const BIN: Record<string, [number, (a: number, b: number) => number]> = {
  '||': [1, (a, b) => (a || b ? 1 : 0)],
  '&&': [2, (a, b) => (a && b ? 1 : 0)],
  '|': [3, (a, b) => a | b],
  '^': [4, (a, b) => a ^ b],
  '&': [5, (a, b) => a & b],
  '==': [6, (a, b) => (a === b ? 1 : 0)],
  '!=': [6, (a, b) => (a !== b ? 1 : 0)],
  '<': [7, (a, b) => (a < b ? 1 : 0)],
  '<=': [7, (a, b) => (a <= b ? 1 : 0)],
  '>': [7, (a, b) => (a > b ? 1 : 0)],
  '>=': [7, (a, b) => (a >= b ? 1 : 0)],
  '<<': [8, (a, b) => a << b],
  '>>': [8, (a, b) => a >> b],
  '+': [9, (a, b) => a + b],
  '-': [9, (a, b) => a - b],
  '*': [10, (a, b) => a * b],
  '/': [10, (a, b) => { if (b === 0) throw new ArithError('divide by zero'); return Math.trunc(a / b); }],
  '%': [10, (a, b) => { if (b === 0) throw new ArithError('divide by zero'); return a % b; }],
  '**': [11, (a, b) => a ** b],
};

const tokenCache = new Map<string, Tok[]>();

/** /^-?[0-9]+$/ without a regular expression (variables are read on every loop turn) */
function isInteger(v: string): boolean {
  let i = v.charCodeAt(0) === 45 ? 1 : 0;
  if (i >= v.length) return false;
  for (; i < v.length; i++) {
    const ch = v.charCodeAt(i);
    if (ch < 48 || ch > 57) return false;
  }
  return true;
}

/** Recursive-descent evaluator (a class, so no closures are created per evaluation in hot loops). */
class ArithEval {
  pos = 0;
  constructor(private readonly toks: Tok[], private readonly vars: Map<string, string>) {}

  private peek(): Tok | undefined {
    return this.toks[this.pos];
  }

  private read(name: string): number {
    const raw = this.vars.get(name);
    if (raw === undefined || raw === '') return 0;
    const v = raw.trim();
    if (v === '') return 0;
    if (isInteger(v)) return Number(v);
    if (resolving.includes(name)) throw new ArithError(ARITH_RECURSION);
    resolving.push(name);
    enter();
    try {
      return evalArith(v, this.vars);
    } finally {
      depth--;
      resolving.pop();
    }
  }

  private primary(): number {
    enter();
    try {
      return this.primaryIn();
    } finally {
      depth--;
    }
  }

  private primaryIn(): number {
    const t = this.toks[this.pos++];
    if (!t) throw new ArithError('syntax error');
    if (t.k === 'num') return t.v;
    if (t.k === 'name') {
      const n = this.peek();
      if (n?.k === 'op' && (n.v === '=' || n.v === '+=' || n.v === '-=' || n.v === '*=' || n.v === '/=' || n.v === '%=')) {
        this.pos++;
        const rhs = this.ternary();
        const v = n.v === '=' ? rhs : BIN[n.v[0]][1](this.read(t.v), rhs);
        this.vars.set(t.v, String(v));
        return v;
      }
      if (n?.k === 'op' && (n.v === '++' || n.v === '--')) {
        this.pos++;
        const cur = this.read(t.v);
        this.vars.set(t.v, String(n.v === '++' ? cur + 1 : cur - 1));
        return cur;
      }
      return this.read(t.v);
    }
    switch (t.v) {
      case '(': {
        const v = this.ternary();
        const c = this.toks[this.pos++];
        if (!c || c.v !== ')') throw new ArithError('syntax error');
        return v;
      }
      case '-':
        return -this.primary();
      case '+':
        return this.primary();
      case '!':
        return this.primary() ? 0 : 1;
      case '~':
        return ~this.primary();
      case '++':
      case '--': {
        const n = this.toks[this.pos++];
        if (n?.k !== 'name') throw new ArithError('syntax error');
        const v = this.read(n.v) + (t.v === '++' ? 1 : -1);
        this.vars.set(n.v, String(v));
        return v;
      }
    }
    throw new ArithError('syntax error');
  }

  private binary(minPrec: number): number {
    enter();
    try {
      return this.binaryIn(minPrec);
    } finally {
      depth--;
    }
  }

  private binaryIn(minPrec: number): number {
    let left = this.primary();
    for (;;) {
      const t = this.peek();
      if (!t || t.k !== 'op' || !(t.v in BIN)) return left;
      const [prec, fn] = BIN[t.v];
      if (prec < minPrec) return left;
      this.pos++;
      const right = this.binary(t.v === '**' ? prec : prec + 1);
      left = fn(left, right);
    }
  }

  ternary(): number {
    enter();
    try {
      return this.ternaryIn();
    } finally {
      depth--;
    }
  }

  private ternaryIn(): number {
    const c = this.binary(1);
    if (this.peek()?.v === '?') {
      this.pos++;
      const a = this.ternary();
      if (this.toks[this.pos++]?.v !== ':') throw new ArithError('syntax error');
      const b = this.ternary();
      return c ? a : b;
    }
    return c;
  }

  done(): boolean {
    return this.pos >= this.toks.length;
  }
}

/** Evaluates an arithmetic expression; variables are read from and assigned to `vars`. */
export function evalArith(src: string, vars: Map<string, string>): number {
  // loops evaluate the same expression text over and over: tokenize each text once
  let toks = tokenCache.get(src);
  if (!toks) {
    toks = tokenize(src);
    if (tokenCache.size > 1000) tokenCache.clear();
    tokenCache.set(src, toks);
  }
  if (toks.length === 0) return 0;
  const e = new ArithEval(toks, vars);
  const v = e.ternary();
  if (!e.done()) throw new ArithError('syntax error');
  return v;
}
