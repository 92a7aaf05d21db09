// `kubedrill reset ID`: restores the starter in the workspace; the learner's file is backed up first.
import path from 'node:path';
import { prepareIdCommand } from '../exercises/command-kit.js';
import { ioReason } from '../exercises/workspace.js';
import { EXIT, type Io } from './io.js';

export const HELP = `Usage: kubedrill reset ID [--json]

Restores your copy of exercise ID from the starter file. Your current file is kept as a backup
next to it (FILE.bak-N; backups are never overwritten).

Options: --json, --lang en|ko, --exercises DIR, --workspace DIR
`;

export async function run(args: string[], io: Io): Promise<number> {
  const c = prepareIdCommand('reset', HELP, args, io);
  if (typeof c === 'number') return c;
  const { ex, ws, lang } = c;
  let r: { path: string; backup?: string };
  try {
    r = ws.resetLearnerFile(ex);
  } catch (err) {
    io.stderr.write(`kubedrill reset: cannot restore ${ws.learnerPath(ex)}: ${ioReason(err)}\n`);
    return EXIT.usage;
  }
  if (c.json) {
    io.stdout.write(JSON.stringify({ id: ex.id, path: r.path, ...(r.backup ? { backup: r.backup } : {}) }, null, 2) + '\n');
    return EXIT.ok;
  }
  const rel = (p: string) => {
    const x = path.relative(io.cwd, p);
    return x === '' || x.startsWith('..') ? p : x;
  };
  if (lang === 'ko') {
    io.stdout.write(`${rel(r.path)}을(를) 시작 파일로 되돌렸습니다.\n`);
    io.stdout.write(r.backup ? `이전 파일은 ${rel(r.backup)}에 보관했습니다.\n` : '이전 파일이 없어 백업하지 않았습니다.\n');
  } else {
    io.stdout.write(`Restored ${rel(r.path)} from the starter.\n`);
    io.stdout.write(r.backup ? `Your previous file is saved as ${rel(r.backup)}\n` : 'There was no previous file, so nothing was backed up.\n');
  }
  return EXIT.ok;
}
