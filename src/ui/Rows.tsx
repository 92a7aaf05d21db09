// Renders rows of styled spans, one terminal row each, cut to the given width.
import { Box, Text } from 'ink';
import type { Row } from './row-model.js';
import { toneColor } from './theme.js';
import { width as textWidth, truncate } from './text.js';

export interface RowsProps {
  readonly rows: readonly Row[];
  readonly width: number;
  readonly color: boolean;
}

export function Rows({ rows, width, color }: RowsProps) {
  return (
    <Box flexDirection="column">
      {rows.map((r, i) => (
        <Text key={i} wrap="truncate-end">
          {cut(r, width).map((s, j) => (
            <Text key={j} color={toneColor(s.tone, color)} bold={s.bold === true && color} dimColor={false}>
              {s.text}
            </Text>
          ))}
          {r.spans.length === 0 ? ' ' : ''}
        </Text>
      ))}
    </Box>
  );
}

function cut(r: Row, width: number): Row['spans'] {
  const out: Row['spans'] = [];
  let left = width;
  for (const s of r.spans) {
    if (left <= 0) break;
    const w = textWidth(s.text);
    if (w <= left) {
      out.push(s);
      left -= w;
    } else {
      out.push({ ...s, text: truncate(s.text, left) });
      left = 0;
    }
  }
  return out;
}
