// argv -> one command. Commands are loaded lazily so `validate` never pays for React/Ink.
import { EXIT, processIo, type CommandRun, type Io } from './commands/io.js';
import { closestMatch } from './manifest/did-you-mean.js';

const COMMANDS: Record<string, () => Promise<{ run: CommandRun }>> = {
  validate: () => import('./commands/validate.js'),
  sim: () => import('./commands/sim.js'),
  list: () => import('./commands/list.js'),
  check: () => import('./commands/check.js'),
  grade: () => import('./commands/grade.js'),
  hint: () => import('./commands/hint.js'),
  solution: () => import('./commands/solution.js'),
  reset: () => import('./commands/reset.js'),
  dev: () => import('./commands/dev.js'),
  tui: () => import('./commands/tui.js'),
  exam: () => import('./commands/exam.js'),
};

export const HELP = `kubedrill — practise Kubernetes tasks offline: probes, pods, Deployments, Jobs, Services

Usage:
  kubedrill                         open the terminal UI on the exercises (needs a terminal)
  kubedrill tui ID                  open the terminal UI on one exercise
  kubedrill validate FILE...        check manifests: YAML, strict schema, API server rules
  kubedrill sim FILE [--for 6m]     run the objects on a virtual clock; print kubectl's view
  kubedrill list                    list the exercises and your progress
  kubedrill check ID [FILE]         grade your answer to an exercise
  kubedrill grade ID PATH...        instructors: grade a class's submissions (text/json/csv/junit/tap)
  kubedrill exam                    a timed, scored mock exam (--plain for scripts, --history)
  kubedrill hint ID                 show the next hint
  kubedrill solution ID             show the reference answer (once passed, or --reveal)
  kubedrill reset ID                restore the starter file (your file is backed up)
  kubedrill dev check [DIR]         instructors: check an exercise pack
  kubedrill dev new ID              instructors: scaffold an exercise

Common options: --json, --exercises DIR, --workspace DIR, --lang en|ko, --help
Run \`kubedrill COMMAND --help\` for a command's options.

Exit codes: 0 ok, 1 problems found / check failed, 2 usage or unreadable input, 3 internal error.
`;

export async function main(argv: string[], io: Io): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) return runCommand('tui', [], io);
  if (first === '--help' || first === '-h' || first === 'help') {
    io.stdout.write(HELP);
    return EXIT.ok;
  }
  if (first === '--version' || first === '-V') {
    io.stdout.write('kubedrill 0.1.0\n');
    return EXIT.ok;
  }
  // `kubedrill --workspace DIR` (options only) opens the TUI like the bare command.
  if (first.startsWith('-')) return runCommand('tui', argv, io);
  if (!(first in COMMANDS)) {
    const meant = closestMatch(first, Object.keys(COMMANDS));
    // a learner who types an exercise's name (or number) wants it open
    const hint = meant ? `: did you mean "${meant}"?` : /^[a-z0-9][a-z0-9-]*$/.test(first) ? ` (to open an exercise: kubedrill tui ${first})` : '';
    io.stderr.write(`kubedrill: unknown command "${first}"${hint}\n\n${HELP}`);
    return EXIT.usage;
  }
  return runCommand(first, rest, io);
}

async function runCommand(name: string, args: string[], io: Io): Promise<number> {
  try {
    const mod = await COMMANDS[name]!();
    return await mod.run(args, io);
  } catch (err) {
    // Only bugs reach here: user errors are values inside commands.
    const msg = err instanceof Error ? err.message : String(err);
    io.stderr.write(`kubedrill: internal error in "${name}": ${msg}\n`);
    if (io.env.KUBEDRILL_DEBUG && err instanceof Error && err.stack) io.stderr.write(err.stack + '\n');
    else io.stderr.write('(this is a bug in kubedrill; set KUBEDRILL_DEBUG=1 for details)\n');
    return EXIT.internal;
  }
}

const isEntry = import.meta.url === `file://${process.argv[1]}` || /[\\/]dist[\\/]cli\.js$/.test(import.meta.url);
if (isEntry) {
  const io: Io = processIo();
  if (io.stdout.isTTY === true) {
    process.stdout.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    });
  }
  // (no top-level await: the bundle is CommonJS, see scripts/build.mjs)
  void main(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}
