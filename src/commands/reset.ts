// `kubedrill reset ID`: restores the starter in the workspace; the learner's file is backed up first.
import path from 'node:path';
import { prepareIdCommand } from '../exercises/command-kit.js';
import { ioReason, type ResetResult } from '../exercises/workspace.js';
import { EXIT, type Io } from './io.js';

export const HELP = `Usage: kubedrill reset ID [--json]

Restores your copy of exercise ID from the starter file. Your current file is kept as a backup
next to it (FILE.bak-N; backups are never overwritten). If your file is a symbolic link, the link
is replaced by the starter and the backup is the same link: the file it points to is not changed.
kubedrill never writes through a link to a folder outside the workspace (it says so and exits 2).

Options: --json, --lang en|ko, --exercises DIR, --workspace DIR
`;

export async function run(args: string[], io: Io): Promise<number> {
  const c = prepareIdCommand('reset', HELP, args, io);
  if (typeof c === 'number') return c;
  const { ex, ws, lang } = c;
  let r: ResetResult;
  try {
    r = ws.resetLearnerFile(ex);
  } catch (err) {
    io.stderr.write(`kubedrill reset: cannot restore ${ws.learnerPath(ex)}: ${ioReason(err)}\n`);
    return EXIT.usage;
  }
  if (c.json) {
    io.stdout.write(JSON.stringify({ id: ex.id, path: r.path, ...(r.backup ? { backup: r.backup } : {}), ...(r.linkTarget !== undefined ? { linkTarget: r.linkTarget } : {}) }, null, 2) + '\n');
    return EXIT.ok;
  }
  const rel = (p: string) => {
    const x = path.relative(io.cwd, p);
    return x === '' || x.startsWith('..') ? p : x;
  };
  if (lang === 'ko') {
    io.stdout.write(`${rel(r.path)}을(를) 시작 파일로 되돌렸습니다.\n`);
    if (r.backup && r.linkTarget !== undefined) io.stdout.write(`이전 파일은 ${r.linkTarget}을(를) 가리키는 심볼릭 링크였습니다. 그 링크를 ${rel(r.backup)}에 보관했고, 링크가 가리키는 파일은 바꾸지 않았습니다.\n`);
    else io.stdout.write(r.backup ? `이전 파일은 ${rel(r.backup)}에 보관했습니다.\n` : '이전 파일이 없어 백업하지 않았습니다.\n');
  } else {
    io.stdout.write(`Restored ${rel(r.path)} from the starter.\n`);
    if (r.backup && r.linkTarget !== undefined) io.stdout.write(`Your previous file was a symbolic link to ${r.linkTarget}: the link is saved as ${rel(r.backup)}, and the file it points to is unchanged.\n`);
    else io.stdout.write(r.backup ? `Your previous file is saved as ${rel(r.backup)}\n` : 'There was no previous file, so nothing was backed up.\n');
  }
  return EXIT.ok;
}
