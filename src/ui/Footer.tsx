// The key map shown at the bottom of every screen.
import { Text } from 'ink';
import { toneColor } from './theme.js';
import { truncate } from './text.js';

export interface FooterProps {
  readonly keys: readonly string[];
  readonly width: number;
  readonly color: boolean;
  /** a status message shown above the keys */
  readonly note?: string;
}

export function Footer({ keys, width, color, note }: FooterProps) {
  return (
    <>
      {note !== undefined && note !== '' ? <Text color={toneColor('warn', color)}>{truncate(note, width)}</Text> : null}
      <Text color={toneColor('muted', color)}>{truncate(keys.join('  '), width)}</Text>
    </>
  );
}
