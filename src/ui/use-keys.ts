// useInput, one key at a time: Ink hands over a run of plain characters as one string ("j\r" when
// keys come faster than it reads them, e.g. typed while the first frame is drawn, or pasted).
import { useInput, type Key } from 'ink';

export type KeyHandler = (input: string, key: Key) => void;

const NO_KEY: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

/** One character of a run as Ink would have reported it alone. */
export function keyOf(ch: string): [string, Key] {
  switch (ch) {
    case '\r':
    case '\n':
      return ['', { ...NO_KEY, return: true }];
    case '\t':
      return ['', { ...NO_KEY, tab: true }];
    case '\x7f':
    case '\b':
      return ['', { ...NO_KEY, backspace: true }];
    default:
      return [ch, { ...NO_KEY, shift: ch !== ch.toLowerCase() }];
  }
}

export function splitKeys(input: string, key: Key, handler: KeyHandler): void {
  const chars = [...input];
  if (chars.length <= 1 || input.includes('\x1b') || key.ctrl || key.meta) {
    handler(input, key);
    return;
  }
  for (const ch of chars) handler(...keyOf(ch));
}

export function useKeys(handler: KeyHandler, options?: { isActive?: boolean }): void {
  useInput((input, key) => splitKeys(input, key, handler), options);
}
