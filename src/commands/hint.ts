// `kubedrill hint ID`: reveals the next hint tier (vaguest first); once all are shown, lists them all.
import { prepareIdCommand } from '../exercises/command-kit.js';
import { localize } from '../exercises/pack.js';
import { loadProgress, noticeToStderr, revealNextHint, saveProgress } from '../exercises/progress.js';
import { ioReason } from '../exercises/workspace.js';
import { EXIT, type Io } from './io.js';

export const HELP = `Usage: kubedrill hint ID [--json] [--lang en|ko]

Shows the next hint for exercise ID; each call reveals one more, vaguest first.
Once every hint is shown it lists them all again.

Options: --json, --lang en|ko, --exercises DIR, --workspace DIR
`;

export async function run(args: string[], io: Io): Promise<number> {
  const c = prepareIdCommand('hint', HELP, args, io);
  if (typeof c === 'number') return c;
  const { ex, ws, lang } = c;
  const r = revealNextHint(loadProgress(ws, noticeToStderr(io.stderr, lang)), ex);
  if (r.hint) {
    try {
      saveProgress(ws, r.progress);
    } catch (err) {
      io.stderr.write(`kubedrill hint: your progress could not be saved in ${ws.dir}: ${ioReason(err)}\n`);
    }
  }
  if (c.json) {
    const all = r.hint ? undefined : ex.hints.map((h) => localize(h, lang));
    io.stdout.write(JSON.stringify({ id: ex.id, index: r.index, total: r.total, ...(r.hint ? { hint: localize(r.hint, lang) } : { hints: all }) }, null, 2) + '\n');
    return EXIT.ok;
  }
  const label = lang === 'ko' ? '힌트' : 'hint';
  if (r.hint) {
    io.stdout.write(`${label} ${r.index}/${r.total}:\n${localize(r.hint, lang).replace(/\n+$/, '')}\n`);
    if (r.index === r.total) io.stdout.write(lang === 'ko' ? '\n(마지막 힌트입니다)\n' : '\n(that was the last hint)\n');
    return EXIT.ok;
  }
  io.stdout.write(lang === 'ko' ? `힌트 ${r.total}개를 모두 보았습니다:\n` : `All ${r.total} hints have been shown:\n`);
  ex.hints.forEach((h, i) => io.stdout.write(`\n${label} ${i + 1}/${r.total}:\n${localize(h, lang).replace(/\n+$/, '')}\n`));
  return EXIT.ok;
}
