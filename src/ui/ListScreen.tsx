// Container of the exercise list: keys for moving, filtering, searching and opening.
import { useKeys } from './use-keys.js';
import { useRef } from 'react';
import type { Exercise, Lang } from '../exercises/types.js';
import { ExerciseList } from './ExerciseList.js';
import { nextFilter, selectedIndex, visibleExercises, type ListState } from './list-model.js';
import type { Messages } from './messages.js';
import type { LastExam, ProgressSnapshot } from './services.js';

export interface ListScreenProps {
  readonly exercises: readonly Exercise[];
  readonly progress: ProgressSnapshot;
  readonly state: ListState;
  readonly onState: (update: (s: ListState) => ListState) => void;
  readonly onOpen: (ex: Exercise) => void;
  readonly onQuit: () => void;
  readonly lang: Lang;
  readonly m: Messages;
  readonly width: number;
  readonly height: number;
  readonly color: boolean;
  readonly note?: string;
  readonly lastExam?: LastExam;
}

export function ListScreen(p: ListScreenProps) {
  const visible = visibleExercises(p.exercises, p.progress, p.state);
  const sel = selectedIndex(visible, p.state.selectedId);
  // Keys can arrive faster than React renders: every change is computed from the latest state.
  const live = useRef(p.state);
  live.current = p.state;
  const update = (f: (s: ListState) => ListState) => {
    const next = f(live.current);
    live.current = next;
    p.onState(() => next);
  };
  const clampTo = (s: ListState, i: (visible: readonly Exercise[], cur: number) => number): ListState => {
    const v = visibleExercises(p.exercises, p.progress, s);
    const ex = v[Math.min(Math.max(0, i(v, selectedIndex(v, s.selectedId))), v.length - 1)];
    return ex ? { ...s, selectedId: ex.id } : s;
  };
  const move = (d: number) => update((s) => clampTo(s, (_v, cur) => cur + d));
  const first = (s: ListState) => clampTo(s, () => 0);
  useKeys((input, key) => {
    const cur = live.current;
    if (cur.searching) {
      if (key.return) update((s) => ({ ...s, searching: false }));
      else if (key.escape) update((s) => first({ ...s, searching: false, query: '' }));
      else if (key.backspace || key.delete) update((s) => first({ ...s, query: [...s.query].slice(0, -1).join('') }));
      else if (key.upArrow) move(-1);
      else if (key.downArrow) move(1);
      else if (input && !key.ctrl && !key.meta) update((s) => first({ ...s, query: s.query + input }));
      return;
    }
    if (key.upArrow || input === 'k') move(-1);
    else if (key.downArrow || input === 'j') move(1);
    else if (key.pageUp) move(-10);
    else if (key.pageDown) move(10);
    else if (key.home || input === 'g') update(first);
    else if (key.end || input === 'G') update((s) => clampTo(s, (v) => v.length - 1));
    else if (key.return) {
      const v = visibleExercises(p.exercises, p.progress, cur);
      const ex = v[selectedIndex(v, cur.selectedId)];
      if (ex) p.onOpen(ex);
    } else if (input === 'f') update((s) => first({ ...s, filter: nextFilter(s.filter) }));
    else if (input === '/') update((s) => ({ ...s, searching: true }));
    else if (key.escape && cur.query !== '') update((s) => first({ ...s, query: '' }));
    else if (input === 'q') p.onQuit();
  });
  return (
    <ExerciseList
      all={p.exercises}
      visible={visible}
      selected={sel}
      progress={p.progress}
      state={p.state}
      lang={p.lang}
      m={p.m}
      width={p.width}
      height={p.height}
      color={p.color}
      {...(p.note !== undefined ? { note: p.note } : {})}
      {...(p.lastExam ? { lastExam: p.lastExam } : {})}
    />
  );
}
