// The syntax tree of the busybox-ash subset kubedrill interprets (what learners write in `sh -c` and probes).

/** One piece of a word; `q` = came from inside quotes (no field splitting, no globbing). */
export type WordPart =
  | { k: 'lit'; s: string; q: boolean }
  | { k: 'param'; name: string; op?: ParamOp; arg?: Word; q: boolean }
  | { k: 'cmd'; body: Script; q: boolean }
  | { k: 'arith'; expr: string; q: boolean };

export type ParamOp = ':-' | '-' | ':=' | '=' | ':+' | '+' | ':?' | '?' | 'len' | '#' | '##' | '%' | '%%';

export type Word = WordPart[];

export interface Redirect {
  fd: number;
  /** `<<` is a here-document: `target` is its (already read) body */
  op: '>' | '>>' | '<' | '>&' | '<&' | '>|' | '<>' | '<<';
  target: Word;
}

export interface Assign {
  name: string;
  value: Word;
}

export type Command =
  | { kind: 'simple'; assigns: Assign[]; words: Word[]; redirs: Redirect[]; line: number; plan?: SimplePlan }
  | { kind: 'if'; clauses: { cond: Script; body: Script }[]; orElse?: Script; redirs: Redirect[] }
  | { kind: 'loop'; until: boolean; cond: Script; body: Script; redirs: Redirect[] }
  | { kind: 'for'; name: string; items?: Word[]; body: Script; redirs: Redirect[] }
  | { kind: 'case'; word: Word; arms: { patterns: Word[]; body: Script }[]; redirs: Redirect[] }
  | { kind: 'group'; body: Script; redirs: Redirect[] }
  | { kind: 'subshell'; body: Script; redirs: Redirect[] }
  | { kind: 'func'; name: string; body: Command };

/**
 * What the interpreter works out once about a simple command (a cache filled on first run: the same
 * for every run, since it depends only on the command's text).
 */
export interface SimplePlan {
  /** no command substitution anywhere and no redirection: it may run without a generator */
  sync: boolean;
  /** its fields when every word is a plain literal that no expansion can change (shared: never changed); else undefined */
  argv: readonly string[] | undefined;
  /** `sleep N` in whole seconds: N in ms (the shell runs it directly when `sleep` is the applet) */
  sleepMs: number | undefined;
}

export interface Pipeline {
  bang: boolean;
  cmds: Command[];
}

export interface AndOr {
  first: Pipeline;
  rest: { op: '&&' | '||'; pipe: Pipeline }[];
}

export interface ListItem {
  andOr: AndOr;
  background: boolean;
}

export interface Script {
  kind: 'script';
  items: ListItem[];
}

/** A syntax error, as a value; `message` is what busybox prints after "sh: ". */
export interface ParseError {
  kind: 'parse-error';
  message: string;
  line: number;
}

/** The program nests deeper than the parser follows (limits.ts SH_PARSE_DEPTH): ash's parser overflows its stack. */
export interface ParseOverflow {
  kind: 'parse-overflow';
}
