// The playback clock: virtual time advanced by real time × speed (the trace is recorded; nothing is simulated here).
import { useEffect, useReducer } from 'react';
import { initialPlayback, playbackReducer, type PlaybackAction, type PlaybackState, type Speed } from './playback-model.js';

/** Real milliseconds between two frames of the playback. */
export const FRAME_MS = 100;

export function usePlayback(endMs: number, speed: Speed = 10): [PlaybackState, (a: PlaybackAction) => void] {
  const [state, dispatch] = useReducer(playbackReducer, undefined, () => initialPlayback(endMs, speed));
  const running = !state.paused && state.t < state.endMs;
  useEffect(() => {
    if (!running) return;
    const id = setInterval(() => dispatch({ kind: 'tick', realMs: FRAME_MS }), FRAME_MS);
    return () => clearInterval(id);
  }, [running]);
  return [state, dispatch];
}
