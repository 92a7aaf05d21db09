// Maps a tone to an Ink colour, or to nothing when colour is off (NO_COLOR, or not a colour terminal).
import type { Tone } from './row-model.js';

const COLORS: Record<Tone, string> = {
  ok: 'green',
  bad: 'red',
  warn: 'yellow',
  accent: 'cyan',
  muted: 'gray',
  code: 'yellow',
  add: 'green',
  del: 'red',
  hunk: 'cyan',
};

export function toneColor(tone: Tone | undefined, color: boolean): string | undefined {
  if (!color || tone === undefined) return undefined;
  return COLORS[tone];
}
