// A full screen: fixed header rows, a scrolled body window and the key footer.
import { Box } from 'ink';
import { Footer } from './Footer.js';
import { Rows } from './Rows.js';
import { viewport, type Row } from './row-model.js';

export interface ScreenProps {
  readonly header: readonly Row[];
  readonly body: readonly Row[];
  readonly offset: number;
  readonly width: number;
  readonly height: number;
  readonly color: boolean;
  readonly keys: readonly string[];
  readonly note?: string;
}

/** Rows left for the body once header and footer are drawn. */
export const bodyHeight = (height: number, headerRows: number, note: boolean): number =>
  Math.max(3, height - headerRows - 1 - (note ? 1 : 0) - 1);

export function Screen(p: ScreenProps) {
  const hasNote = p.note !== undefined && p.note !== '';
  const h = bodyHeight(p.height, p.header.length, hasNote);
  const view = viewport(p.body, p.offset, h);
  return (
    <Box flexDirection="column" width={p.width}>
      <Rows rows={p.header} width={p.width} color={p.color} />
      <Rows rows={view.rows} width={p.width} color={p.color} />
      <Footer keys={p.keys} width={p.width} color={p.color} {...(hasNote ? { note: p.note! } : {})} />
    </Box>
  );
}
