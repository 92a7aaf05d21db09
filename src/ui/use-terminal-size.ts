// The terminal's columns and rows, following resizes.
import { useStdout } from 'ink';
import { useEffect, useState } from 'react';

export interface Size {
  width: number;
  height: number;
}

export function useTerminalSize(fallback: Size = { width: 100, height: 40 }): Size {
  const { stdout } = useStdout();
  const read = (): Size => ({
    width: Math.max(40, stdout.columns || fallback.width),
    // One row short of the screen: a frame as tall as the terminal makes Ink clear it on every update.
    height: Math.max(12, (stdout.rows || fallback.height + 1) - 1),
  });
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return size;
}
