// `kubedrill reset` (being built).
import { EXIT, type Io } from './io.js';

export async function run(_args: string[], io: Io): Promise<number> {
  io.stderr.write('kubedrill reset: not available yet\n');
  return EXIT.usage;
}
