// The busybox (and, for Debian-based images, GNU coreutils) tools kubedrill models, with their exact messages.
import type { Gen, ShellHost, Stdio } from './host.js';
import { EXPIRED, call, callWithin } from './host.js';
import { WORK_BUDGET, chargeWork, checkValue } from './limits.js';
import { compileRegex, RegexError, type Regex } from './regex.js';
import { ERRNO_TEXT, basename, dirname, pathCandidates, resolvePath, type FsErrno, type FsNode, type VirtualFs } from '../vfs.js';
import { HTTP_REASON, type HttpAnswer } from '../net.js';
import { runExecutable } from './interp.js';
import { formatDate } from './date.js';

export interface AppletCtx {
  /** argv[0] is the applet's own name */
  argv: string[];
  io: Stdio;
  host: ShellHost;
  cwd: string;
  env: Record<string, string>;
  /** the calling shell is bash (its echo differs from dash's) */
  bash?: boolean;
}

export type Applet = (c: AppletCtx) => number | Gen;

const gnu = (c: AppletCtx) => c.host.toolset === 'gnu';
const abs = (c: AppletCtx, p: string) => resolvePath(c.cwd, p);

/**
 * The flags getopt saw, each letter with its value ('' for a flag without one; the last one wins, as a Map
 * would keep it). A string of letters rather than a Map: applets run once per command, and a Map per call
 * was among the interpreter's largest allocations.
 */
class Flags {
  constructor(
    private readonly letters: string,
    private readonly values: string[] | undefined,
  ) {}
  has(f: string): boolean {
    return this.letters.includes(f);
  }
  get(f: string): string | undefined {
    const i = this.letters.lastIndexOf(f);
    if (i < 0) return undefined;
    return this.values === undefined ? '' : this.values[i];
  }
}

const NO_FLAGS = new Flags('', undefined);

/** Splits `-abc` style flags (stops at `--` or the first operand); `withValue` flags take the next word. */
function getopt(args: string[], withValue = ''): { flags: Flags; rest: string[] } {
  let letters = '';
  let values: string[] | undefined;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-' || a.startsWith('--')) break;
    for (let j = 1; j < a.length; j++) {
      const f = a[j];
      if (withValue.includes(f)) {
        const v = a.slice(j + 1) || args[++i] || '';
        // values line up with letters: flags seen before the first value have ''
        values ??= letters.split('').map(() => '');
        letters += f;
        values.push(v);
        break;
      }
      letters += f;
      values?.push('');
    }
  }
  return { flags: letters === '' ? NO_FLAGS : new Flags(letters, values), rest: args.slice(i) };
}

function readInput(c: AppletCtx, file: string): { ok: true; data: string } | { ok: false; errno: FsErrno } {
  if (file === '-') {
    const d = c.io.in.data.slice(c.io.in.pos);
    c.io.in.pos = c.io.in.data.length;
    return { ok: true, data: d };
  }
  const r = c.host.fs.readFile(abs(c, file));
  return r.ok ? { ok: true, data: r.value } : { ok: false, errno: r.errno };
}

// ---------------------------------------------------------------- echo / printf

function unescape(s: string, forPrintf: boolean): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch !== '\\' || i + 1 >= s.length) {
      out += ch;
      continue;
    }
    const n = s[++i];
    switch (n) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case 'a': out += '\x07'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'v': out += '\v'; break;
      case 'e': out += '\x1b'; break;
      case '\\': out += '\\'; break;
      case 'c':
        return { text: out, stop: true };
      case '0':
      case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
        if (n !== '0' && !forPrintf) {
          out += '\\' + n;
          break;
        }
        const m = /^[0-7]{0,3}/.exec(s.slice(n === '0' && !forPrintf ? i + 1 : i))![0];
        out += String.fromCharCode(parseInt(m || '0', 8));
        i += m.length - (n === '0' && !forPrintf ? 0 : 1);
        break;
      }
      default:
        out += '\\' + n;
    }
  }
  return { text: out, stop: false };
}

const echo: Applet = (c) => {
  const args = c.argv.slice(1);
  let newline = true;
  // dash's echo always interprets backslashes and knows only -n; busybox's and bash's need -e
  const dash = gnu(c) && !c.bash;
  let escapes = dash;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (!/^-[neE]+$/.test(a)) break;
    if (dash && a !== '-n') break;
    for (const f of a.slice(1)) {
      if (f === 'n') newline = false;
      else if (f === 'e') escapes = true;
      else escapes = false;
    }
  }
  let text = args.slice(i).join(' ');
  if (escapes) {
    const u = unescape(text, false);
    text = u.text;
    if (u.stop) newline = false;
  }
  c.io.out.write(newline ? text + '\n' : text);
  return 0;
};

const printf: Applet = (c) => {
  const [fmt, ...args] = c.argv.slice(1);
  if (fmt === undefined) {
    c.io.err.write('printf: usage: printf format [arguments]\n');
    return 2;
  }
  let out = '';
  let status = 0;
  let ai = 0;
  do {
    let consumed = false;
    out += fmt.replace(/%([-+ #0]*)(\d*)(?:\.(\d+))?([sdiouxXcbf%])|\\(?:[0-7]{1,3}|.)/g, (m, flags: string, width: string, prec: string, conv: string) => {
      if (m.startsWith('\\')) return unescape(m, true).text;
      if (conv === '%') return '%';
      consumed = true;
      const arg = args[ai++] ?? '';
      let s: string;
      switch (conv) {
        case 's': s = prec !== undefined ? arg.slice(0, Number(prec)) : arg; break;
        case 'b': s = unescape(arg, false).text; break;
        case 'c': s = arg.slice(0, 1); break;
        case 'f': {
          // toFixed stops at 100 digits; C's printf goes on (zeros, for the values a shell prints)
          const digits = prec !== undefined ? Number(prec) : 6;
          checkValue(digits);
          s = (Number(arg) || 0).toFixed(Math.min(digits, 100)) + (digits > 100 ? '0'.repeat(digits - 100) : '');
          break;
        }
        default: {
          const n = arg === '' ? 0 : Number(arg);
          if (!Number.isFinite(n)) {
            c.io.err.write(`printf: invalid number '${arg}'\n`);
            status = 1;
          }
          const v = Math.trunc(Number.isFinite(n) ? n : 0);
          s = conv === 'x' ? v.toString(16) : conv === 'X' ? v.toString(16).toUpperCase() : conv === 'o' ? v.toString(8) : String(v);
        }
      }
      const w = Number(width || 0);
      checkValue(w);
      if (s.length < w) s = flags.includes('-') ? s.padEnd(w) : flags.includes('0') && conv !== 's' ? s.padStart(w, '0') : s.padStart(w);
      return s;
    });
    if (!consumed) break;
  } while (ai < args.length);
  c.io.out.write(out);
  return status;
};

// ---------------------------------------------------------------- test / [

class TestError {
  constructor(readonly message: string) {}
}

function testNum(c: AppletCtx, s: string): number {
  if (!/^\s*-?[0-9]+\s*$/.test(s)) throw new TestError(gnu(c) ? `Illegal number: ${s}` : `invalid number '${s}'`);
  return Number(s);
}

function testUnary(c: AppletCtx, op: string, a: string): boolean {
  const n = c.host.fs.stat(abs(c, a));
  switch (op) {
    case '-e': return !!n || a === '/dev/null';
    case '-f': return n?.kind === 'file';
    case '-d': return n?.kind === 'dir';
    case '-s': return n?.kind === 'file' ? n.data.length > 0 : n?.kind === 'dir';
    case '-r': case '-w': return !!n;
    case '-x': return !!n && (n.kind === 'dir' || !!n.exe || (n.mode & 0o111) !== 0);
    case '-L': case '-h': case '-p': case '-S': case '-b': case '-c': return a === '/dev/null' && op === '-c';
    case '-z': return a.length === 0;
    case '-n': return a.length > 0;
    case '-t': return false;
  }
  throw new TestError(`${op}: unknown operand`);
}

const TEST_BINOPS = new Set(['=', '==', '!=', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '<', '>']);

function testBinary(c: AppletCtx, a: string, op: string, b: string): boolean {
  switch (op) {
    case '=': case '==': return a === b;
    case '!=': return a !== b;
    case '<': return a < b;
    case '>': return a > b;
    case '-eq': return testNum(c, a) === testNum(c, b);
    case '-ne': return testNum(c, a) !== testNum(c, b);
    case '-lt': return testNum(c, a) < testNum(c, b);
    case '-le': return testNum(c, a) <= testNum(c, b);
    case '-gt': return testNum(c, a) > testNum(c, b);
    case '-ge': return testNum(c, a) >= testNum(c, b);
  }
  return false;
}

/** The full test grammar (!, -a, -o, parentheses) for the cases the fast paths do not cover. */
class TestParser {
  pos = 0;
  constructor(private readonly c: AppletCtx, private readonly args: string[]) {}

  primary(): boolean {
    const args = this.args;
    const a = args[this.pos];
    if (a === undefined) throw new TestError('argument expected');
    if (a === '!') {
      this.pos++;
      return !this.primary();
    }
    if (a === '(') {
      this.pos++;
      const v = this.or();
      if (args[this.pos] !== ')') throw new TestError(`')' expected`);
      this.pos++;
      return v;
    }
    if (args[this.pos + 1] !== undefined && TEST_BINOPS.has(args[this.pos + 1]) && args[this.pos + 2] !== undefined) {
      this.pos += 3;
      return testBinary(this.c, a, args[this.pos - 2], args[this.pos - 1]);
    }
    if (/^-[a-zA-Z]$/.test(a) && args[this.pos + 1] !== undefined) {
      this.pos += 2;
      return testUnary(this.c, a, args[this.pos - 1]);
    }
    this.pos++;
    return a.length > 0;
  }

  and(): boolean {
    let v = this.primary();
    while (this.args[this.pos] === '-a') {
      this.pos++;
      const r = this.primary();
      v = v && r;
    }
    return v;
  }

  or(): boolean {
    let v = this.and();
    while (this.args[this.pos] === '-o') {
      this.pos++;
      const r = this.and();
      v = v || r;
    }
    return v;
  }
}

function testEval(c: AppletCtx, args: string[]): boolean {
  if (args.length === 0) return false;
  // POSIX rules for the common small cases
  if (args.length === 1) return args[0].length > 0;
  if (args.length === 2 && args[0] === '!') return args[1].length === 0;
  if (args.length === 2 && /^-[a-zA-Z]$/.test(args[0])) return testUnary(c, args[0], args[1]);
  if (args.length === 3 && TEST_BINOPS.has(args[1])) return testBinary(c, args[0], args[1], args[2]);
  const p = new TestParser(c, args);
  const v = p.or();
  if (p.pos < args.length) throw new TestError(`${args[p.pos]}: unknown operand`);
  return v;
}

const test: Applet = (c) => {
  const argv = c.argv;
  // `[ 1 ]`, `[ "$x" ]`: the cheapest case, evaluated without the parser
  if (argv.length === 3 && argv[0] === '[' && argv[2] === ']') return argv[1].length > 0 ? 0 : 1;
  let args = argv.slice(1);
  const name = c.argv[0];
  if (name === '[' || name === '[[') {
    const close = name === '[' ? ']' : ']]';
    if (args[args.length - 1] !== close) {
      c.io.err.write(`sh: missing ${close}\n`);
      return 2;
    }
    args = args.slice(0, -1);
  }
  try {
    return testEval(c, args) ? 0 : 1;
  } catch (e) {
    if (e instanceof TestError) {
      c.io.err.write(`sh: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
};

// ---------------------------------------------------------------- files

const cat: Applet = (c) => {
  const { rest } = getopt(c.argv.slice(1));
  const files = rest.length ? rest : ['-'];
  let st = 0;
  for (const f of files) {
    const r = readInput(c, f);
    if (!r.ok) {
      if (r.errno === 'EISDIR') c.io.err.write(gnu(c) ? `cat: ${f}: Is a directory\n` : `cat: read error: Is a directory\n`);
      else c.io.err.write(gnu(c) ? `cat: ${f}: ${ERRNO_TEXT[r.errno]}\n` : `cat: can't open '${f}': ${ERRNO_TEXT[r.errno]}\n`);
      st = 1;
      continue;
    }
    c.io.out.write(r.data);
  }
  return st;
};

function lsLong(c: AppletCtx, path: string, name: string): string {
  const n = c.host.fs.stat(path)!;
  const isDir = n.kind === 'dir';
  const mode = n.mode & 0o777;
  const bits = ['r', 'w', 'x'];
  let perm = isDir ? 'd' : '-';
  for (let i = 8; i >= 0; i--) perm += mode & (1 << i) ? bits[(8 - i) % 3] : '-';
  const size = n.kind === 'file' ? n.data.length : 4096;
  const date = formatDate(c.host.epochMs, '%b %e %H:%M');
  return gnu(c)
    ? `${perm} 1 root root ${String(size).padStart(5)} ${date} ${name}\n`
    : `${perm}    1 root     root     ${String(size).padStart(10)} ${date} ${name}\n`;
}

const ls: Applet = (c) => {
  const { flags, rest } = getopt(c.argv.slice(1));
  const targets = rest.length ? rest : ['.'];
  const all = flags.has('a') || flags.has('A');
  const long = flags.has('l');
  let st = 0;
  const files: string[] = [];
  const dirs: string[] = [];
  for (const t of targets) {
    const n = c.host.fs.stat(abs(c, t));
    if (!n) {
      c.io.err.write(gnu(c) ? `ls: cannot access '${t}': No such file or directory\n` : `ls: ${t}: No such file or directory\n`);
      st = gnu(c) ? 2 : 1;
    } else if (n.kind === 'dir' && !flags.has('d')) dirs.push(t);
    else files.push(t);
  }
  for (const f of files) c.io.out.write(long ? lsLong(c, abs(c, f), f) : `${f}\n`);
  dirs.forEach((d, i) => {
    if (targets.length > 1) c.io.out.write(`${files.length || i ? '\n' : ''}${d}:\n`);
    const l = c.host.fs.list(abs(c, d));
    if (!l.ok) return;
    const names = l.value.filter((x) => all || !x.startsWith('.'));
    if (long) c.io.out.write(`total ${names.length * 4}\n`);
    for (const name of names) c.io.out.write(long ? lsLong(c, abs(c, `${d}/${name}`), name) : `${name}\n`);
  });
  return st;
};

const touch: Applet = (c) => {
  const { flags, rest } = getopt(c.argv.slice(1), 'drt');
  if (rest.length === 0) {
    c.io.err.write(gnu(c) ? `touch: missing file operand\nTry 'touch --help' for more information.\n` : 'touch: missing operand\n');
    return 1;
  }
  let st = 0;
  for (const f of rest) {
    if (flags.has('c') && !c.host.fs.exists(abs(c, f))) continue;
    const r = c.host.fs.touch(abs(c, f));
    if (!r.ok) {
      c.io.err.write(gnu(c) ? `touch: cannot touch '${f}': ${ERRNO_TEXT[r.errno]}\n` : `touch: ${f}: ${ERRNO_TEXT[r.errno]}\n`);
      st = 1;
    }
  }
  return st;
};

const rm: Applet = (c) => {
  const { flags, rest } = getopt(c.argv.slice(1));
  const force = flags.has('f');
  const rec = flags.has('r') || flags.has('R');
  if (rest.length === 0 && !force) {
    c.io.err.write(gnu(c) ? `rm: missing operand\nTry 'rm --help' for more information.\n` : 'rm: missing operand\n');
    return 1;
  }
  let st = 0;
  for (const f of rest) {
    const p = abs(c, f);
    const n = c.host.fs.stat(p);
    if (!n) {
      if (!force) {
        c.io.err.write(gnu(c) ? `rm: cannot remove '${f}': No such file or directory\n` : `rm: can't remove '${f}': No such file or directory\n`);
        st = 1;
      }
      continue;
    }
    if (n.kind === 'dir' && !rec) {
      c.io.err.write(gnu(c) ? `rm: cannot remove '${f}': Is a directory\n` : `rm: '${f}' is a directory\n`);
      st = 1;
      continue;
    }
    c.host.fs.remove(p, true);
  }
  return st;
};

const mkdir: Applet = (c) => {
  const { flags, rest } = getopt(c.argv.slice(1), 'm');
  let st = 0;
  for (const d of rest) {
    const r = c.host.fs.mkdir(abs(c, d), flags.has('p'));
    if (!r.ok) {
      c.io.err.write(`mkdir: ${gnu(c) ? 'cannot' : "can't"} create directory '${d}': ${ERRNO_TEXT[r.errno]}\n`);
      st = 1;
    }
  }
  return st;
};

const rmdir: Applet = (c) => {
  let st = 0;
  for (const d of getopt(c.argv.slice(1)).rest) {
    const p = abs(c, d);
    const n = c.host.fs.stat(p);
    const r = !n ? { ok: false as const, errno: 'ENOENT' as FsErrno } : n.kind !== 'dir' ? { ok: false as const, errno: 'ENOTDIR' as FsErrno } : c.host.fs.remove(p, false);
    if (!r.ok) {
      c.io.err.write(gnu(c) ? `rmdir: failed to remove '${d}': ${ERRNO_TEXT[r.errno]}\n` : `rmdir: '${d}': ${ERRNO_TEXT[r.errno]}\n`);
      st = 1;
    }
  }
  return st;
};

function copyTree(c: AppletCtx, from: string, to: string): void {
  const n = c.host.fs.stat(from)!;
  if (n.kind === 'file') {
    c.host.fs.writeFile(to, n.data);
    return;
  }
  c.host.fs.mkdir(to, true);
  const l = c.host.fs.list(from);
  if (l.ok) for (const name of l.value) copyTree(c, `${from}/${name}`, `${to}/${name}`);
}

function cpmv(c: AppletCtx, move: boolean): number {
  const { flags, rest } = getopt(c.argv.slice(1));
  const tool = move ? 'mv' : 'cp';
  if (rest.length < 2) {
    c.io.err.write(`${tool}: missing file operand\n`);
    return 1;
  }
  const dest = rest[rest.length - 1];
  const dp = abs(c, dest);
  const destIsDir = c.host.fs.stat(dp)?.kind === 'dir';
  let st = 0;
  for (const src of rest.slice(0, -1)) {
    const sp = abs(c, src);
    const n = c.host.fs.stat(sp);
    if (!n) {
      c.io.err.write(gnu(c) ? `${tool}: cannot stat '${src}': No such file or directory\n` : move ? `mv: can't rename '${src}': No such file or directory\n` : `cp: can't stat '${src}': No such file or directory\n`);
      st = 1;
      continue;
    }
    const target = destIsDir ? `${dp}/${basename(sp)}` : dp;
    if (!c.host.fs.stat(dirname(target))) {
      c.io.err.write(gnu(c) ? `${tool}: cannot create regular file '${dest}': No such file or directory\n` : `${tool}: can't create '${dest}': No such file or directory\n`);
      st = 1;
      continue;
    }
    if (move) c.host.fs.rename(sp, target);
    else if (n.kind === 'dir' && !(flags.has('r') || flags.has('R') || flags.has('a'))) {
      c.io.err.write(gnu(c) ? `cp: -r not specified; omitting directory '${src}'\n` : `cp: omitting directory '${src}'\n`);
      st = 1;
    } else copyTree(c, sp, target);
  }
  return st;
}

const chmod: Applet = (c) => {
  const args = c.argv.slice(1).filter((a) => a !== '-R');
  const [mode, ...files] = args;
  let st = 0;
  for (const f of files) {
    const n = c.host.fs.stat(abs(c, f));
    if (!n) {
      c.io.err.write(gnu(c) ? `chmod: cannot access '${f}': No such file or directory\n` : `chmod: ${f}: No such file or directory\n`);
      st = 1;
      continue;
    }
    let m0 = n.mode;
    if (/^[0-7]+$/.test(mode)) m0 = parseInt(mode, 8);
    else
      for (const clause of mode.split(',')) {
        const m = /^([ugoa]*)([-+=])([rwxX]*)$/.exec(clause);
        if (!m) continue;
        const who = m[1] || 'a';
        let bits = 0;
        for (const p of m[3]) bits |= p === 'r' ? 4 : p === 'w' ? 2 : 1;
        let mask = 0;
        if (who.includes('u') || who.includes('a')) mask |= bits << 6;
        if (who.includes('g') || who.includes('a')) mask |= bits << 3;
        if (who.includes('o') || who.includes('a')) mask |= bits;
        m0 = m[2] === '+' ? m0 | mask : m[2] === '-' ? m0 & ~mask : mask;
      }
    c.host.fs.setMode(abs(c, f), m0);
  }
  return st;
};

const accept: Applet = () => 0;

// ---------------------------------------------------------------- text

function lines(data: string): string[] {
  if (data === '') return [];
  const l = data.split('\n');
  if (l[l.length - 1] === '') l.pop();
  return l;
}

function withInputs(c: AppletCtx, files: string[], tool: string, each: (data: string, name: string) => void): number {
  let st = 0;
  for (const f of files.length ? files : ['-']) {
    const r = readInput(c, f);
    if (!r.ok) {
      c.io.err.write(gnu(c) ? `${tool}: ${f}: ${ERRNO_TEXT[r.errno]}\n` : `${tool}: can't open '${f}': ${ERRNO_TEXT[r.errno]}\n`);
      st = 1;
      continue;
    }
    each(r.data, f);
  }
  return st;
}

const grep: Applet = (c) => {
  const { flags, rest } = getopt(c.argv.slice(1), 'em');
  let pattern = flags.get('e');
  const files = [...rest];
  if (pattern === undefined) pattern = files.shift();
  if (pattern === undefined) {
    c.io.err.write('grep: no pattern\n');
    return 2;
  }
  let re: Regex;
  try {
    re = compileRegex(pattern, { extended: flags.has('E') || c.argv[0] === 'egrep', fixed: flags.has('F') || c.argv[0] === 'fgrep', icase: flags.has('i'), budget: WORK_BUDGET });
  } catch (e) {
    if (!(e instanceof RegexError)) throw e;
    c.io.err.write(gnu(c) ? `grep: ${e.message}\n` : `grep: bad regex '${pattern}': ${e.message}\n`);
    return 2;
  }
  // a real grep's regexec is fast on any line; kubedrill's costs steps, charged like any long computation
  let work = 0;
  let matched = 0;
  let err = false;
  const multi = files.length > 1;
  const st = withInputs(c, files, 'grep', (data, name) => {
    let count = 0;
    lines(data).forEach((line, i) => {
      const hit = re.test(line);
      work += re.steps;
      chargeWork(work);
      if (hit === flags.has('v')) return;
      count++;
      matched++;
      if (flags.has('q') || flags.has('c') || flags.has('l')) return;
      c.io.out.write(`${multi ? name + ':' : ''}${flags.has('n') ? `${i + 1}:` : ''}${line}\n`);
    });
    if (flags.has('c')) c.io.out.write(`${multi ? name + ':' : ''}${count}\n`);
    if (flags.has('l') && count) c.io.out.write(`${name === '-' ? '(standard input)' : name}\n`);
  });
  if (st) err = true;
  if (flags.has('q') && matched) return 0;
  return err ? 2 : matched ? 0 : 1;
};

function countArg(args: string[]): { n: number; rest: string[]; follow: boolean } {
  let n = 10;
  let follow = false;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-n') n = Number(args[++i]);
    else if (/^-n-?\+?[0-9]+$/.test(a)) n = Number(a.slice(2).replace('+', ''));
    else if (/^-[0-9]+$/.test(a)) n = Number(a.slice(1));
    else if (a === '-f' || a === '-F') follow = true;
    else rest.push(a);
  }
  return { n, rest, follow };
}

const head: Applet = (c) => {
  const { n, rest } = countArg(c.argv.slice(1));
  return withInputs(c, rest, 'head', (d) => {
    for (const l of lines(d).slice(0, n)) c.io.out.write(l + '\n');
  });
};

const tail: Applet = function* (c) {
  const { n, rest, follow } = countArg(c.argv.slice(1));
  const st = withInputs(c, rest, 'tail', (d) => {
    const l = lines(d);
    for (const x of l.slice(Math.max(0, l.length - n))) c.io.out.write(x + '\n');
  });
  // `tail -f` never ends by itself (the classic keep-alive: tail -f /dev/null)
  if (follow) yield { t: 'block' };
  return st;
};

const wc: Applet = (c) => {
  const { flags, rest } = getopt(c.argv.slice(1));
  const want = ['l', 'w', 'c'].filter((f) => flags.has(f) || flags.has(f === 'c' ? 'm' : f));
  const cols = want.length ? want : ['l', 'w', 'c'];
  return withInputs(c, rest, 'wc', (d, name) => {
    const vals: Record<string, number> = { l: (d.match(/\n/g) ?? []).length, w: d.split(/\s+/).filter(Boolean).length, c: d.length };
    const nums = cols.map((k) => String(vals[k]));
    const text = cols.length === 1 ? nums[0] : nums.map((x) => x.padStart(7)).join(' ');
    c.io.out.write(name === '-' ? `${text}\n` : `${text} ${name}\n`);
  });
};

const tee: Applet = (c) => {
  const { flags, rest } = getopt(c.argv.slice(1));
  const data = c.io.in.data.slice(c.io.in.pos);
  c.io.in.pos = c.io.in.data.length;
  for (const f of rest) c.host.fs.writeFile(abs(c, f), data, flags.has('a'));
  c.io.out.write(data);
  return 0;
};

const sort: Applet = (c) => {
  const { flags, rest } = getopt(c.argv.slice(1));
  const all: string[] = [];
  const st = withInputs(c, rest, 'sort', (d) => all.push(...lines(d)));
  let out = flags.has('n') ? all.sort((a, b) => parseFloat(a) - parseFloat(b) || (a < b ? -1 : a > b ? 1 : 0)) : all.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (flags.has('r')) out = out.reverse();
  if (flags.has('u')) out = out.filter((x, i) => i === 0 || x !== out[i - 1]);
  for (const l of out) c.io.out.write(l + '\n');
  return st;
};

// ---------------------------------------------------------------- system information

const SLEEP_UNIT_MS = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** a non-empty run of ASCII digits */
export function isDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    if (ch < 48 || ch > 57) return false;
  }
  return true;
}

const sleep: Applet = function* (c) {
  const argv = c.argv;
  if (argv.length === 2 && isDigits(argv[1])) {
    // `sleep N` in whole seconds, the loop-body case, without the general parsing below
    const ms = Number(argv[1]) * 1000;
    if (ms > 0) yield { t: 'sleep', ms };
    return 0;
  }
  const args = argv.slice(1);
  if (args.length === 0) {
    c.io.err.write(gnu(c) ? `sleep: missing operand\nTry 'sleep --help' for more information.\n` : 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: sleep [N]...\n\nPause for a time equal to the total of the args given, where each arg can\nhave an optional suffix of (s)econds, (m)inutes, (h)ours, or (d)ays\n');
    return 1;
  }
  let ms = 0;
  for (const a of args) {
    if (/^inf(inity)?$/i.test(a)) {
      yield { t: 'block' };
      return 0;
    }
    const m = /^([0-9]*\.?[0-9]+)([smhd]?)$/.exec(a);
    if (!m) {
      c.io.err.write(gnu(c) ? `sleep: invalid time interval '${a}'\nTry 'sleep --help' for more information.\n` : `sleep: invalid number '${a}'\n`);
      return 1;
    }
    const mult = SLEEP_UNIT_MS[m[2] as '' | 's' | 'm' | 'h' | 'd'];
    ms += Number(m[1]) * mult;
  }
  ms = Math.round(ms);
  if (ms > 0) yield { t: 'sleep', ms };
  return 0;
};

const date: Applet = (c) => {
  const fmt = c.argv.slice(1).find((a) => a.startsWith('+'));
  const when = c.host.epochMs + c.host.now();
  c.io.out.write(formatDate(when, fmt ? fmt.slice(1) : '%a %b %e %H:%M:%S %Z %Y') + '\n');
  return 0;
};

const pwd: Applet = (c) => {
  c.io.out.write(c.cwd + '\n');
  return 0;
};

const env: Applet = function* (c) {
  const args = c.argv.slice(1);
  const e = { ...c.env };
  let i = 0;
  if (args[0] === '-i') {
    for (const k of Object.keys(e)) delete e[k];
    i++;
  }
  for (; i < args.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(args[i]); i++) {
    const eq = args[i].indexOf('=');
    e[args[i].slice(0, eq)] = args[i].slice(eq + 1);
  }
  if (i >= args.length) {
    for (const [k, v] of Object.entries(e)) c.io.out.write(`${k}=${v}\n`);
    return 0;
  }
  const name = args[i];
  const found = lookupExe(c.host, e.PATH, c.cwd, name);
  if (!found) {
    c.io.err.write(gnu(c) ? `env: '${name}': No such file or directory\n` : `env: can't execute '${name}': No such file or directory\n`);
    return 127;
  }
  // env execs the program (a call on the task's stack, not the JavaScript stack)
  return yield* call(runExecutable(c.host, found.node, found.path, args.slice(i), c.io, e, c.cwd, false));
};

const printenv: Applet = (c) => {
  const names = c.argv.slice(1);
  if (names.length === 0) {
    for (const [k, v] of Object.entries(c.env)) c.io.out.write(`${k}=${v}\n`);
    return 0;
  }
  let st = 0;
  for (const n of names) {
    if (n in c.env) c.io.out.write(c.env[n] + '\n');
    else st = 1;
  }
  return st;
};

const hostname: Applet = (c) => {
  c.io.out.write((c.argv[1] === '-i' ? c.host.podIP : c.host.hostname) + '\n');
  return 0;
};

const id: Applet = (c) => {
  c.io.out.write(gnu(c) ? 'uid=0(root) gid=0(root) groups=0(root)\n' : 'uid=0(root) gid=0(root) groups=0(root),10(wheel)\n');
  return 0;
};

const whoami: Applet = (c) => {
  c.io.out.write('root\n');
  return 0;
};

const uname: Applet = (c) => {
  const a = c.argv.slice(1);
  c.io.out.write(a.includes('-a') ? `Linux ${c.host.hostname} 6.8.0-kubedrill #1 SMP x86_64 ${gnu(c) ? 'GNU/Linux' : 'GNU/Linux'}\n` : a.includes('-r') ? '6.8.0-kubedrill\n' : a.includes('-m') ? 'x86_64\n' : 'Linux\n');
  return 0;
};

const basenameApplet: Applet = (c) => {
  const [p, suffix] = c.argv.slice(1);
  let b = basename(p ?? '');
  if (suffix && b.endsWith(suffix) && b !== suffix) b = b.slice(0, -suffix.length);
  c.io.out.write(b + '\n');
  return 0;
};

const dirnameApplet: Applet = (c) => {
  const p = (c.argv[1] ?? '.').replace(/\/+$/, '');
  c.io.out.write((p.includes('/') ? dirname(p) : '.') + '\n');
  return 0;
};

const seq: Applet = (c) => {
  const n = c.argv.slice(1).map(Number);
  const [first, step, last] = n.length === 1 ? [1, 1, n[0]] : n.length === 2 ? [n[0], 1, n[1]] : [n[0], n[1], n[2]];
  if (!step || n.some((x) => !Number.isFinite(x))) return 1;
  // a very long sequence takes a real seq minutes of CPU: past WORK_BUDGET (about a character a step) it never ends here
  const count = Math.floor((last - first) / step) + 1;
  if (count > 0) chargeWork(count * (String(Math.max(Math.abs(first), Math.abs(last))).length + 1));
  // bounded by the count too: past 2^53 adding the step may no longer change the number
  for (let i = first, k = 0; k <= count && (step > 0 ? i <= last : i >= last); i += step, k++) c.io.out.write(`${i}\n`);
  return 0;
};

const expr: Applet = (c) => {
  const a = c.argv.slice(1);
  let v: string;
  if (a.length === 1) v = a[0];
  else if (a.length === 3) {
    const [x, op, y] = a;
    const nx = Number(x);
    const ny = Number(y);
    const isNum = /^-?[0-9]+$/.test(x) && /^-?[0-9]+$/.test(y);
    const arith = ['+', '-', '*', '/', '%'].includes(op);
    if (arith && !isNum) {
      c.io.err.write('expr: non-numeric argument\n');
      return 2;
    }
    const cmp = (r: boolean) => (r ? '1' : '0');
    switch (op) {
      case '+': v = String(nx + ny); break;
      case '-': v = String(nx - ny); break;
      case '*': v = String(nx * ny); break;
      case '/': if (ny === 0) { c.io.err.write('expr: division by zero\n'); return 2; } v = String(Math.trunc(nx / ny)); break;
      case '%': if (ny === 0) { c.io.err.write('expr: division by zero\n'); return 2; } v = String(nx % ny); break;
      case '=': v = cmp(x === y); break;
      case '!=': v = cmp(x !== y); break;
      case '<': v = cmp(isNum ? nx < ny : x < y); break;
      case '>': v = cmp(isNum ? nx > ny : x > y); break;
      case '<=': v = cmp(isNum ? nx <= ny : x <= y); break;
      case '>=': v = cmp(isNum ? nx >= ny : x >= y); break;
      default:
        c.io.err.write('expr: syntax error\n');
        return 2;
    }
  } else {
    c.io.err.write('expr: syntax error\n');
    return 2;
  }
  c.io.out.write(v + '\n');
  return v === '' || v === '0' ? 1 : 0;
};

const killApplet: Applet = (c) => {
  const args = c.argv.slice(1);
  let signo = 15;
  let sig = 'TERM';
  const targets: string[] = [];
  for (const a of args) {
    if (a.startsWith('-') && targets.length === 0) {
      const name = a.slice(1).toUpperCase().replace(/^SIG/, '');
      const map: Record<string, number> = { HUP: 1, INT: 2, QUIT: 3, KILL: 9, USR1: 10, USR2: 12, TERM: 15, '0': 0 };
      const n = /^[0-9]+$/.test(name) ? Number(name) : map[name];
      if (n === undefined) {
        c.io.err.write(`kill: bad signal name '${a.slice(1)}'\n`);
        return 1;
      }
      signo = n;
      sig = Object.entries(map).find(([, v]) => v === n)?.[0] ?? 'TERM';
    } else targets.push(a);
  }
  let st = 0;
  for (const t of targets) {
    const pid = Number(t);
    if (pid === 1) {
      if (signo !== 0) c.host.signalInit(sig);
    } else if (signo === 0 ? !c.host.isJob(pid) || c.host.jobStatus(pid) !== undefined : !c.host.killJob(pid, signo)) {
      c.io.err.write(`kill: can't kill pid ${t}: No such process\n`);
      st = 1;
    }
  }
  return st;
};

// ---------------------------------------------------------------- network

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '0.0.0.0', '::1', '[::1]']);

function isLocal(c: AppletCtx, host: string): boolean {
  return LOCAL_HOSTS.has(host) || host === c.host.hostname || host === c.host.podIP;
}

function parseUrl(url: string): { scheme: string; host: string; port: number; explicitPort: boolean; path: string } | undefined {
  const m = /^(?:([a-zA-Z]+):\/\/)?(\[[^\]]+\]|[^/:?#]+)(?::([0-9]+))?([/?][^#]*)?$/.exec(url);
  if (!m) return undefined;
  const scheme = (m[1] ?? 'http').toLowerCase();
  return {
    scheme,
    host: m[2],
    port: m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80,
    explicitPort: m[3] !== undefined,
    path: m[4] ? (m[4].startsWith('?') ? '/' + m[4] : m[4]) : '/',
  };
}

/** One HTTP exchange with a listener of this container, in virtual time (yields for the server's latency). */
function* httpExchange(c: AppletCtx, port: number, path: string, timeoutMs: number): Gen<{ kind: 'refused' } | { kind: 'timeout' } | Extract<HttpAnswer, { kind: 'response' }>> {
  const l = c.host.net.get(port);
  if (!l) return { kind: 'refused' };
  l.onConnect?.(c.host.now());
  const ans: HttpAnswer = l.http
    ? l.http({ method: 'GET', path, headers: { 'User-Agent': 'Wget', Host: 'localhost' }, remote: '127.0.0.1' }, c.host.now())
    : { kind: 'hang' };
  if (ans.kind === 'hang' || ans.delayMs > timeoutMs) {
    yield { t: 'sleep', ms: timeoutMs };
    return { kind: 'timeout' };
  }
  if (ans.delayMs > 0) yield { t: 'sleep', ms: ans.delayMs };
  return ans;
}

const wget: Applet = function* (c) {
  const args = c.argv.slice(1);
  let quiet = false;
  let spider = false;
  let out: string | undefined;
  let timeoutS = 900;
  let url: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-q' || a === '--quiet') quiet = true;
    else if (a === '--spider') spider = true;
    else if (a === '-O') out = args[++i];
    else if (a.startsWith('-O')) out = a.slice(2);
    else if (a.startsWith('--output-document=')) out = a.slice(18);
    else if (a === '-T') timeoutS = Number(args[++i]);
    else if (a.startsWith('--timeout=')) timeoutS = Number(a.slice(10));
    else if (a.startsWith('-T')) timeoutS = Number(a.slice(2));
    else if (a === '-qO-' || a === '-qO' ) {
      quiet = true;
      out = a === '-qO-' ? '-' : args[++i];
    } else if (a.startsWith('-') && a !== '-') continue;
    else url = a;
  }
  if (!url) {
    c.io.err.write('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n');
    return 1;
  }
  const u = parseUrl(url);
  if (!u || (u.scheme !== 'http' && u.scheme !== 'https')) {
    c.io.err.write(`wget: not an http or ftp url: ${url}\n`);
    return 1;
  }
  if (!isLocal(c, u.host)) {
    c.io.err.write(`wget: bad address '${u.host}'\n`);
    return 1;
  }
  const ip = u.host === 'localhost' ? '127.0.0.1' : u.host;
  // busybox prints the host as written in the URL (with :port only when the URL had one)
  if (!quiet) c.io.err.write(`Connecting to ${u.explicitPort ? `${u.host}:${u.port}` : u.host} (${ip}:${u.port})\n`);
  const r = yield* httpExchange(c, u.port, u.path, Math.round(timeoutS * 1000));
  if (r.kind === 'refused') {
    c.io.err.write(`wget: can't connect to remote host (${ip}): Connection refused\n`);
    return 1;
  }
  if (r.kind === 'timeout') {
    c.io.err.write('wget: download timed out\n');
    return 1;
  }
  if (u.scheme === 'https') {
    c.io.err.write('wget: error getting response: Connection reset by peer\n');
    return 1;
  }
  if (r.status >= 400) {
    c.io.err.write(`wget: server returned error: HTTP/1.1 ${r.status} ${HTTP_REASON[r.status] ?? ''}\n`);
    return 1;
  }
  if (spider) {
    if (!quiet) c.io.err.write('remote file exists\n');
    return 0;
  }
  const target = out ?? (basename(u.path.split('?')[0]) === '/' || u.path.endsWith('/') ? 'index.html' : basename(u.path.split('?')[0]));
  if (target === '-') {
    if (!quiet) c.io.err.write('writing to stdout\n');
    c.io.out.write(r.body);
    if (!quiet) c.io.err.write('written to stdout\n');
    return 0;
  }
  const path = abs(c, target);
  if (out === undefined && c.host.fs.exists(path)) {
    c.io.err.write(`wget: can't open '${target}': File exists\n`);
    return 1;
  }
  if (!quiet) c.io.err.write(`saving to '${target}'\n`);
  const w = c.host.fs.writeFile(path, r.body);
  if (!w.ok) {
    c.io.err.write(`wget: can't open '${target}': ${ERRNO_TEXT[w.errno]}\n`);
    return 1;
  }
  if (!quiet) c.io.err.write(`'${target}' saved\n`);
  return 0;
};

const curl: Applet = function* (c) {
  const args = c.argv.slice(1);
  let fail = false;
  let silent = false;
  let showErr = false;
  let head = false;
  let out: string | undefined;
  let maxS = 0;
  let url: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-o' || a === '--output') out = args[++i];
    else if (a === '-m' || a === '--max-time' || a === '--connect-timeout') maxS = Number(args[++i]);
    else if (a === '-H' || a === '-w' || a === '-X' || a === '-A' || a === '--header') i++;
    else if (a === '--fail') fail = true;
    else if (a === '--silent') silent = true;
    else if (a === '--head') head = true;
    else if (/^-[a-zA-Z]+$/.test(a)) {
      if (a.includes('f')) fail = true;
      if (a.includes('s')) silent = true;
      if (a.includes('S')) showErr = true;
      if (a.includes('I')) head = true;
    } else if (!a.startsWith('-')) url = a;
  }
  const err = (code: number, msg: string) => {
    if (!silent || showErr) c.io.err.write(`curl: (${code}) ${msg}\n`);
    return code;
  };
  if (!url) {
    c.io.err.write("curl: try 'curl --help' or 'curl --manual' for more information\n");
    return 2;
  }
  const u = parseUrl(url);
  if (!u) return err(3, 'URL using bad/illegal format or missing URL');
  if (!isLocal(c, u.host)) return err(6, `Could not resolve host: ${u.host}`);
  const timeoutMs = maxS > 0 ? Math.round(maxS * 1000) : 300_000;
  const r = yield* httpExchange(c, u.port, u.path, timeoutMs);
  if (r.kind === 'refused') return err(7, `Failed to connect to ${u.host} port ${u.port} after 0 ms: Couldn't connect to server`);
  if (r.kind === 'timeout') return err(28, `Operation timed out after ${timeoutMs + 1} milliseconds with 0 bytes received`);
  if (fail && r.status >= 400) return err(22, `The requested URL returned error: ${r.status}`);
  const text = head ? `HTTP/1.1 ${r.status} ${HTTP_REASON[r.status] ?? ''}\r\nContent-Length: ${r.body.length}\r\n\r\n` : r.body;
  if (out && out !== '-') c.host.fs.writeFile(abs(c, out), text);
  else c.io.out.write(text);
  return 0;
};

const nc: Applet = function* (c) {
  const args = c.argv.slice(1);
  let listen = false;
  let keep = false;
  let zero = false;
  let port: number | undefined;
  const pos: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-p') port = Number(args[++i]);
    else if (a === '-w' || a === '-e' || a === '-s') i++;
    else if (/^-[a-zA-Z]+$/.test(a)) {
      if (a.includes('l')) listen = true;
      if (a.includes('k')) keep = true;
      if (a.includes('z')) zero = true;
      if (a.endsWith('p')) port = Number(args[++i]);
    } else pos.push(a);
  }
  if (listen) {
    const p = port ?? Number(pos[pos.length - 1]);
    if (!Number.isInteger(p)) {
      c.io.err.write('nc: bad port\n');
      return 1;
    }
    const task = c.host.currentTask();
    let connected = false;
    const ok = c.host.net.listen(p, {
      owner: task,
      proto: 'tcp',
      onConnect: () => {
        if (keep || connected) return;
        connected = true;
        c.host.wake(task);
      },
    });
    if (!ok) {
      c.io.err.write('nc: bind: Address in use\n');
      return 1;
    }
    yield { t: 'block' };
    if (!keep) c.host.net.close(p);
    return 0;
  }
  const [host, portS] = pos;
  if (!host || !portS) {
    c.io.err.write('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nc [OPTIONS] HOST PORT  - connect\nnc [OPTIONS] -l -p PORT [HOST] [PORT]  - listen\n');
    return 1;
  }
  if (!isLocal(c, host)) {
    c.io.err.write(`nc: bad address '${host}'\n`);
    return 1;
  }
  const l = c.host.net.get(Number(portS));
  if (!l) {
    if (!zero || gnu(c)) c.io.err.write(`nc: can't connect to remote host (${host === 'localhost' ? '127.0.0.1' : host}): Connection refused\n`);
    return 1;
  }
  l.onConnect?.(c.host.now());
  return 0;
};

const httpd: Applet = function* (c) {
  const args = c.argv.slice(1);
  let fg = false;
  let port = 80;
  let home = c.cwd;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-p') port = Number((args[++i] ?? '').split(':').pop());
    else if (a === '-h') home = abs(c, args[++i] ?? '.');
    else if (a === '-c' || a === '-u' || a === '-r') i++;
    else if (/^-[a-zA-Z]+$/.test(a)) {
      if (a.includes('f')) fg = true;
    }
  }
  const fs = c.host.fs;
  const owner = fg ? c.host.currentTask() : 0;
  const page = (code: number, text: string) => `<HTML><HEAD><TITLE>${code} ${HTTP_REASON[code]}</TITLE></HEAD>\n<BODY><H1>${code} ${HTTP_REASON[code]}</H1>\n${text}\n</BODY></HTML>\n`;
  const ok = c.host.net.listen(port, {
    owner,
    proto: 'http',
    http: (req) => {
      const path = resolvePath(home, '.' + decodeURIComponent(req.path.split('?')[0]));
      let n = fs.stat(path);
      let file = path;
      if (n?.kind === 'dir') {
        file = `${path}/index.html`;
        n = fs.stat(file);
      }
      if (n?.kind === 'file') return { kind: 'response', status: 200, body: n.data, delayMs: 1 };
      return { kind: 'response', status: 404, body: page(404, 'The requested URL was not found'), delayMs: 1 };
    },
  });
  if (!ok) {
    c.io.err.write('httpd: bind: Address in use\n');
    return 1;
  }
  // without -f busybox httpd daemonises: the shell carries on while the server keeps listening
  if (!fg) return 0;
  yield { t: 'block' };
  return 0;
};

const redisCli: Applet = (c) => {
  const args = c.argv.slice(1);
  let port = 6379;
  let host = '127.0.0.1';
  const cmd: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-p') port = Number(args[++i]);
    else if (args[i] === '-h') host = args[++i];
    else cmd.push(args[i]);
  }
  if (!isLocal(c, host) || !c.host.net.get(port)) {
    c.io.out.write(`Could not connect to Redis at ${host}:${port}: Connection refused\n`);
    return 1;
  }
  const verb = (cmd[0] ?? '').toLowerCase();
  if (verb === 'ping') c.io.out.write('PONG\n');
  else if (verb === '') c.io.out.write('');
  else c.io.out.write(`(error) ERR unknown command '${cmd[0]}'\n`);
  return 0;
};

/**
 * `timeout [-s SIG] SECS CMD...`: runs CMD and gives up after SECS of virtual time. Busybox kills the
 * command (status 128+signal, 143 for TERM); GNU timeout reports 124.
 */
const timeout: Applet = function* (c) {
  const args = c.argv.slice(1);
  let sig = 15;
  let i = 0;
  for (; i < args.length && args[i].startsWith('-'); i++) {
    if (args[i] === '-s') {
      const n = args[++i]?.toUpperCase().replace(/^SIG/, '');
      sig = n === 'KILL' || n === '9' ? 9 : n === 'INT' || n === '2' ? 2 : 15;
    } else if (args[i] === '-k') i++;
  }
  const m = /^([0-9]*\.?[0-9]+)([smhd]?)$/.exec(args[i] ?? '');
  if (!m || args.length <= i + 1) {
    c.io.err.write(gnu(c) ? "timeout: missing operand\nTry 'timeout --help' for more information.\n" : 'Usage: timeout [-s SIG] [-k KILL_SECS] SECS PROG ARGS\n');
    return 125;
  }
  const limit = Math.round(Number(m[1]) * SLEEP_UNIT_MS[m[2] as '' | 's' | 'm' | 'h' | 'd']);
  const cmd = args.slice(i + 1);
  const found = lookupExe(c.host, c.env.PATH, c.cwd, cmd[0]);
  if (!found) {
    c.io.err.write(gnu(c) ? `timeout: failed to run command '${cmd[0]}': No such file or directory\n` : `timeout: can't execute '${cmd[0]}': No such file or directory\n`);
    return 127;
  }
  const expired = gnu(c) ? 124 : 128 + sig;
  // the command's sleeps count toward the limit; sleeping past it, or blocking, ends it at the limit
  // (the task's call stack does the counting: see host.ts flatten)
  const status = yield* callWithin(limit, runExecutable(c.host, found.node, found.path, cmd, c.io, c.env, c.cwd, false));
  return status === EXPIRED ? expired : status;
};

/** `busybox APPLET ARGS...` runs the applet; plain `busybox` lists what it has. */
const busybox: Applet = function* (c) {
  const name = c.argv[1];
  if (name === undefined || name === '--list') {
    c.io.out.write(Object.keys(APPLETS).filter((n) => n !== ':' && n !== 'curl' && n !== 'redis-cli' && n !== 'busybox').concat('sh', 'ash').sort().join('\n') + '\n');
    return 0;
  }
  const exe = lookupExe(c.host, '/bin', '/', name);
  if (!exe || name === 'busybox') {
    c.io.err.write(`${name}: applet not found\n`);
    return 127;
  }
  return yield* call(runExecutable(c.host, exe.node, exe.path, c.argv.slice(1), c.io, c.env, c.cwd, false));
};

/** Every tool kubedrill can run; which of them an image has is decided by its toolset (see images.ts). */
export const APPLETS: Record<string, Applet> = {
  ':': () => 0,
  true: () => 0,
  false: () => 1,
  echo,
  printf,
  test,
  '[': test,
  '[[': test,
  pwd,
  cat,
  ls,
  touch,
  rm,
  mkdir,
  rmdir,
  cp: (c) => cpmv(c, false),
  mv: (c) => cpmv(c, true),
  chmod,
  chown: accept,
  sync: accept,
  grep,
  egrep: grep,
  head,
  tail,
  wc,
  tee,
  sort,
  sleep,
  date,
  env,
  printenv,
  hostname,
  id,
  whoami,
  uname,
  basename: basenameApplet,
  dirname: dirnameApplet,
  seq,
  expr,
  kill: killApplet,
  wget,
  curl,
  nc,
  httpd,
  'redis-cli': redisCli,
  timeout,
  busybox,
};

export type FoundExe = { path: string; node: Extract<FsNode, { kind: 'file' }> };

/**
 * Finds an executable by name on PATH (or by path) in the container's filesystem. Remembered per
 * filesystem shape (VirtualFs.derived), so repeated probes skip the PATH walk.
 */
export function lookupExe(host: ShellHost, pathVar: string | undefined, cwd: string, name: string): FoundExe | undefined {
  const fs = host.fs;
  const key = name.includes('/') ? `/\u0000${cwd}\u0000${name}` : `${pathVar === undefined ? '?' : '=' + pathVar}\u0000${name}`;
  const memo = fs.derived();
  // the path is remembered (it depends on the tree's shape only); the node is read now, for its contents
  const hit = memo.get(key) as string | null | undefined;
  if (hit === null) return undefined;
  if (hit !== undefined) return { path: hit, node: fs.stat(hit) as FoundExe['node'] };
  const found = findExe(fs, pathVar, cwd, name);
  memo.set(key, found ? found.path : null);
  return found;
}

function findExe(fs: VirtualFs, pathVar: string | undefined, cwd: string, name: string): FoundExe | undefined {
  const candidates = name.includes('/') ? [resolvePath(cwd, name)] : pathCandidates(pathVar ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', name);
  for (const p of candidates) {
    const n = fs.stat(p);
    if (n?.kind === 'file' && (n.exe || (n.mode & 0o111) !== 0)) return { path: p, node: n };
  }
  return undefined;
}

