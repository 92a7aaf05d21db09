// The exercise list: a progress bar, the filter/search line and one row per exercise.
import { Box, Text } from 'ink';
import type { Exercise, Lang } from '../exercises/types.js';
import { Footer } from './Footer.js';
import { listRows, progressBar, type ListState } from './list-model.js';
import type { Messages } from './messages.js';
import { Rows } from './Rows.js';
import { progressOf, type LastExam, type ProgressSnapshot } from './services.js';
import { toneColor } from './theme.js';
import { viewport } from './row-model.js';

export interface ExerciseListProps {
  readonly all: readonly Exercise[];
  readonly visible: readonly Exercise[];
  readonly selected: number;
  readonly progress: ProgressSnapshot;
  readonly state: ListState;
  readonly lang: Lang;
  readonly m: Messages;
  readonly width: number;
  readonly height: number;
  readonly color: boolean;
  readonly note?: string;
  readonly lastExam?: LastExam;
}

export function ExerciseList(p: ExerciseListProps) {
  const { m, color, width } = p;
  const done = p.all.filter((e) => progressOf(p.progress, e.id).status === 'done').length;
  const rows = listRows(p.visible, p.progress, p.selected, width, p.lang, p.m);
  const bodyH = Math.max(3, p.height - 6);
  const start = Math.max(0, p.selected - bodyH + 1);
  const view = viewport(rows, start, bodyH);
  const filterText = `${m.filter}: ${p.state.filter === 'all' ? m.all : m[p.state.filter]}`;
  const searchText = p.state.searching || p.state.query !== '' ? `  ${m.search}: ${p.state.query}${p.state.searching ? '▏' : ''}` : '';
  const keys = p.state.searching
    ? [m.keys.searchDone, m.keys.searchCancel]
    : [m.keys.move, m.keys.open, m.keys.filter, m.keys.search, m.keys.quit];
  return (
    <Box flexDirection="column" width={width}>
      <Text>
        <Text bold={color} color={toneColor('accent', color)}>
          {m.appTitle} · {m.exercises}
        </Text>
        {'  '}
        <Text color={toneColor('ok', color)}>{progressBar(done, p.all.length, Math.min(30, Math.max(10, width - 50)))}</Text>{' '}
        {m.progress(done, p.all.length)}
      </Text>
      <Text color={toneColor('muted', color)}>
        {filterText}
        {searchText}
        {p.lastExam ? `   ${m.lastExam(String(p.lastExam.score), p.lastExam.passed, p.lastExam.taken)}` : ''}
      </Text>
      <Text> </Text>
      {p.all.length === 0 ? (
        <Text>{m.noExercises}</Text>
      ) : p.visible.length === 0 ? (
        <Text>{m.noMatch}</Text>
      ) : (
        <Rows rows={view.rows} width={width} color={color} />
      )}
      <Text> </Text>
      <Footer keys={keys} width={width} color={color} {...(p.note !== undefined ? { note: p.note } : {})} />
    </Box>
  );
}
