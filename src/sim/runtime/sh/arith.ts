// Shell arithmetic `$(( ))`: integers, the usual C operators and assignment to shell variables.

export class ArithError {
  constructor(readonly message: string) {}
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

/** Evaluates an arithmetic expression; variables are read from and assigned to `vars`. */
export function evalArith(src: string, vars: Map<string, string>): number {
  const toks = tokenize(src);
  let pos = 0;
  const peek = () => toks[pos];
  const read = (name: string): number => {
    const v = (vars.get(name) ?? '').trim();
    if (v === '') return 0;
    if (/^-?[0-9]+$/.test(v)) return Number(v);
    return evalArith(v, vars);
  };
  const primary = (): number => {
    const t = toks[pos++];
    if (!t) throw new ArithError('syntax error');
    if (t.k === 'num') return t.v;
    if (t.k === 'name') {
      const n = peek();
      if (n?.k === 'op' && ['=', '+=', '-=', '*=', '/=', '%='].includes(n.v)) {
        pos++;
        const rhs = ternary();
        const cur = read(t.v);
        const v = n.v === '=' ? rhs : BIN[n.v[0]][1](cur, rhs);
        vars.set(t.v, String(v));
        return v;
      }
      if (n?.k === 'op' && (n.v === '++' || n.v === '--')) {
        pos++;
        const cur = read(t.v);
        vars.set(t.v, String(n.v === '++' ? cur + 1 : cur - 1));
        return cur;
      }
      return read(t.v);
    }
    switch (t.v) {
      case '(': {
        const v = ternary();
        const c = toks[pos++];
        if (!c || c.v !== ')') throw new ArithError('syntax error');
        return v;
      }
      case '-':
        return -primary();
      case '+':
        return primary();
      case '!':
        return primary() ? 0 : 1;
      case '~':
        return ~primary();
      case '++':
      case '--': {
        const n = toks[pos++];
        if (n?.k !== 'name') throw new ArithError('syntax error');
        const v = read(n.v) + (t.v === '++' ? 1 : -1);
        vars.set(n.v, String(v));
        return v;
      }
    }
    throw new ArithError('syntax error');
  };
  const binary = (minPrec: number): number => {
    let left = primary();
    for (;;) {
      const t = peek();
      if (!t || t.k !== 'op' || !(t.v in BIN)) return left;
      const [prec, fn] = BIN[t.v];
      if (prec < minPrec) return left;
      pos++;
      const right = binary(t.v === '**' ? prec : prec + 1);
      left = fn(left, right);
    }
  };
  const ternary = (): number => {
    const c = binary(1);
    if (peek()?.v === '?') {
      pos++;
      const a = ternary();
      if (toks[pos++]?.v !== ':') throw new ArithError('syntax error');
      const b = ternary();
      return c ? a : b;
    }
    return c;
  };
  if (toks.length === 0) return 0;
  const v = ternary();
  if (pos < toks.length) throw new ArithError('syntax error');
  return v;
}
