// Calls back when the learner saves a file: watches its folder (editors often save by rename),
// debounces bursts of events, and only reports real content changes.
import { readFileSync, watch, watchFile, unwatchFile, type FSWatcher } from 'node:fs';
import path from 'node:path';

export const DEBOUNCE_MS = 150;

function read(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

export function watchFileChanges(file: string, onChange: () => void, debounceMs = DEBOUNCE_MS): () => void {
  let last = read(file);
  let timer: NodeJS.Timeout | undefined;
  const fire = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const now = read(file);
      if (now === last) return;
      last = now;
      onChange();
    }, debounceMs);
  };
  const base = path.basename(file);
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(path.dirname(file), { persistent: false }, (_event, name) => {
      if (name === null || name === base) fire();
    });
    watcher.on('error', () => {
      watcher?.close();
      watcher = undefined;
      watchFile(file, { interval: 1000, persistent: false }, fire);
    });
  } catch {
    // No inotify (or the folder vanished): poll instead; `r` still re-checks by hand.
    watchFile(file, { interval: 1000, persistent: false }, fire);
  }
  return () => {
    clearTimeout(timer);
    watcher?.close();
    unwatchFile(file, fire);
  };
}
