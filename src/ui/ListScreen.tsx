// Container of the exercise list: keys for moving, filtering, searching and opening.
import { useInput } from 'ink';
import type { Exercise, Lang } from '../exercises/types.js';
import { ExerciseList } from './ExerciseList.js';
import { nextFilter, selectedIndex, visibleExercises, type ListState } from './list-model.js';
import type { Messages } from './messages.js';
import type { ProgressSnapshot } from './services.js';

export interface ListScreenProps {
  readonly exercises: readonly Exercise[];
  readonly progress: ProgressSnapshot;
  readonly state: ListState;
  readonly onState: (s: ListState) => void;
  readonly onOpen: (ex: Exercise) => void;
  readonly onQuit: () => void;
  readonly lang: Lang;
  readonly m: Messages;
  readonly width: number;
  readonly height: number;
  readonly color: boolean;
  readonly note?: string;
}

export function ListScreen(p: ListScreenProps) {
  const visible = visibleExercises(p.exercises, p.progress, p.state);
  const sel = selectedIndex(visible, p.state.selectedId);
  const select = (i: number, s: ListState = p.state) => {
    const v = visibleExercises(p.exercises, p.progress, s);
    const ex = v[Math.min(Math.max(0, i), v.length - 1)];
    p.onState({ ...s, ...(ex ? { selectedId: ex.id } : {}) });
  };
  useInput((input, key) => {
    if (p.state.searching) {
      if (key.return) p.onState({ ...p.state, searching: false });
      else if (key.escape) select(sel, { ...p.state, searching: false, query: '' });
      else if (key.backspace || key.delete) select(0, { ...p.state, query: [...p.state.query].slice(0, -1).join('') });
      else if (input && !key.ctrl && !key.meta && !key.upArrow && !key.downArrow) select(0, { ...p.state, query: p.state.query + input });
      else if (key.upArrow) select(sel - 1);
      else if (key.downArrow) select(sel + 1);
      return;
    }
    if (key.upArrow || input === 'k') select(sel - 1);
    else if (key.downArrow || input === 'j') select(sel + 1);
    else if (key.pageUp) select(sel - 10);
    else if (key.pageDown) select(sel + 10);
    else if (key.home || input === 'g') select(0);
    else if (key.end || input === 'G') select(visible.length - 1);
    else if (key.return) {
      const ex = visible[sel];
      if (ex) p.onOpen(ex);
    } else if (input === 'f') select(0, { ...p.state, filter: nextFilter(p.state.filter) });
    else if (input === '/') p.onState({ ...p.state, searching: true });
    else if (key.escape && p.state.query !== '') select(0, { ...p.state, query: '' });
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
    />
  );
}
