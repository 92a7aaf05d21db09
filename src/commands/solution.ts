// `kubedrill solution ID [--reveal]`: the reference answer, once the exercise is passed (or with --reveal).
import { readFileSync } from 'node:fs';
import { prepareIdCommand } from '../exercises/command-kit.js';
import { loadProgress, noticeToStderr, progressOf } from '../exercises/progress.js';
import { EXIT, type Io } from './io.js';

export const HELP = `Usage: kubedrill solution ID [--reveal] [--json]

Prints the reference answer of exercise ID. It is shown once you have passed the exercise
(kubedrill check ID); --reveal shows it anyway.

Options: --reveal, --json, --lang en|ko, --exercises DIR, --workspace DIR
`;

export async function run(args: string[], io: Io): Promise<number> {
  const c = prepareIdCommand('solution', HELP, args, io, { reveal: { type: 'boolean' } });
  if (typeof c === 'number') return c;
  const { ex, ws, lang } = c;
  const done = progressOf(loadProgress(ws, noticeToStderr(io.stderr, lang)), ex.id).status === 'done';
  if (!done && c.flags.reveal !== true) {
    io.stderr.write(
      lang === 'ko'
        ? `kubedrill solution: 아직 ${ex.id} 과제를 통과하지 않았습니다. 먼저 kubedrill check ${ex.id}로 통과하거나, 지금 보려면 --reveal을 붙이세요.\n`
        : `kubedrill solution: you have not passed ${ex.id} yet. Pass it first (kubedrill check ${ex.id}), or add --reveal to see the answer now.\n`,
    );
    return EXIT.failed;
  }
  let text: string;
  try {
    text = readFileSync(ex.solutionPath, 'utf8');
  } catch {
    io.stderr.write(`kubedrill solution: cannot read ${ex.solutionPath}\n`);
    return EXIT.usage;
  }
  if (c.json) io.stdout.write(JSON.stringify({ id: ex.id, file: ex.file, path: ex.solutionPath, text }, null, 2) + '\n');
  else io.stdout.write(`# ${lang === 'ko' ? '모범 답안' : 'Reference answer'}: ${ex.id} (${ex.file})\n${text.endsWith('\n') ? text : text + '\n'}`);
  return EXIT.ok;
}
