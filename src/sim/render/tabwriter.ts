// Go text/tabwriter (and cli-runtime's RememberWidths fork) so columns line up exactly as kubectl's.
//
// kubectl describe: tabwriter.Init(buf, minwidth 0, tabwidth 8, padding 2, ' ', 0).
// kubectl get:      minwidth 6, tabwidth 4, padding 3, ' ', RememberWidths (widths survive flushes).

export interface TabwriterOptions {
  minwidth: number;
  padding: number;
  /** keep the widest width seen per column across flush() calls (github.com/liggitt/tabwriter) */
  rememberWidths?: boolean;
}

export const DESCRIBE_TABS: TabwriterOptions = { minwidth: 0, padding: 2 };
export const GET_TABS: TabwriterOptions = { minwidth: 6, padding: 3, rememberWidths: true };

/** Go's tabwriter measures cells in runes (not terminal columns). */
const runeLength = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

export class Tabwriter {
  private buf = '';
  private out = '';
  private remembered: number[] = [];

  constructor(private readonly opts: TabwriterOptions) {}

  write(text: string): void {
    this.buf += text;
  }

  /** Formats everything written since the last flush. */
  flush(): void {
    if (this.buf === '') return;
    this.out += this.format(this.buf);
    this.buf = '';
  }

  /** Flushes and returns all formatted text so far. */
  text(): string {
    this.flush();
    return this.out;
  }

  private format(text: string): string {
    const endsWithNewline = text.endsWith('\n');
    const rawLines = text.split('\n');
    if (endsWithNewline) rawLines.pop();
    const lines = rawLines.map((l) => l.split('\t'));
    const widths: number[] = [];
    const parts: string[] = [];

    const writeLines = (line0: number, line1: number): void => {
      for (let i = line0; i < line1; i++) {
        const cells = lines[i]!;
        let s = '';
        for (let j = 0; j < cells.length; j++) {
          const c = cells[j]!;
          s += c;
          if (j < widths.length && j < cells.length - 1) s += ' '.repeat(Math.max(0, widths[j]! - runeLength(c)));
        }
        parts.push(s);
      }
    };

    // Go's recursive column-block algorithm (text/tabwriter format()).
    const formatBlock = (line0: number, line1: number): void => {
      const column = widths.length;
      for (let cur = line0; cur < line1; cur++) {
        if (column >= lines[cur]!.length - 1) continue;
        writeLines(line0, cur);
        line0 = cur;
        let width = this.opts.minwidth;
        for (; cur < line1; cur++) {
          const cells = lines[cur]!;
          if (column >= cells.length - 1) break;
          const w = runeLength(cells[column]!) + this.opts.padding;
          if (w > width) width = w;
        }
        if (this.opts.rememberWidths) {
          const prev = this.remembered[column] ?? 0;
          if (prev > width) width = prev;
          this.remembered[column] = width;
        }
        widths.push(width);
        formatBlock(line0, cur);
        widths.pop();
        line0 = cur;
      }
      writeLines(line0, line1);
    };

    formatBlock(0, lines.length);
    return parts.join('\n') + (endsWithNewline ? '\n' : '');
  }
}

/** kubectl's PrefixWriter: each level indents two spaces. */
export class PrefixWriter {
  constructor(readonly tw: Tabwriter) {}
  write(level: number, text: string): void {
    this.tw.write('  '.repeat(level) + text);
  }
  flush(): void {
    this.tw.flush();
  }
}
