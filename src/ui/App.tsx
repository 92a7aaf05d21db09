// The root container: which screen is shown, the list state and the learner's progress.
import { useApp } from 'ink';
import { useState } from 'react';
import type { Exercise } from '../exercises/types.js';
import { ExerciseScreen } from './ExerciseScreen.js';
import { INITIAL_LIST, type ListState } from './list-model.js';
import { ListScreen } from './ListScreen.js';
import { messages } from './messages.js';
import type { ProgressSnapshot, Services } from './services.js';
import { useTerminalSize, type Size } from './use-terminal-size.js';

type Screen = { kind: 'list' } | { kind: 'exercise'; id: string };

export interface AppProps {
  readonly services: Services;
  /** fixed size (tests); otherwise the terminal's */
  readonly size?: Size;
  /** open this exercise first */
  readonly initialExercise?: string;
  /** told when the learner quits (before Ink exits) */
  readonly onQuit?: () => void;
}

export function App({ services, size, initialExercise, onQuit }: AppProps) {
  const { exit } = useApp();
  const term = useTerminalSize();
  const { width, height } = size ?? term;
  const m = messages(services.lang);
  const [progress, setProgress] = useState<ProgressSnapshot>(() => services.progress());
  const [list, setList] = useState<ListState>(() => ({ ...INITIAL_LIST, ...(initialExercise ? { selectedId: initialExercise } : {}) }));
  const [screen, setScreen] = useState<Screen>(() =>
    initialExercise && services.exercises.some((e) => e.id === initialExercise) ? { kind: 'exercise', id: initialExercise } : { kind: 'list' },
  );
  // Said once: shown on the list until the learner opens an exercise.
  const [notice, setNotice] = useState(services.notice);
  const open = (ex: Exercise) => {
    setNotice(undefined);
    setList((l) => ({ ...l, selectedId: ex.id }));
    setScreen({ kind: 'exercise', id: ex.id });
  };
  const quit = () => {
    onQuit?.();
    exit();
  };

  if (screen.kind === 'exercise') {
    const i = services.exercises.findIndex((e) => e.id === screen.id);
    const ex = services.exercises[i];
    if (ex) {
      const next = services.exercises[i + 1];
      return (
        <ExerciseScreen
          key={ex.id}
          ex={ex}
          services={services}
          progress={progress}
          onProgress={setProgress}
          onBack={() => setScreen({ kind: 'list' })}
          onNext={() => (next ? open(next) : setScreen({ kind: 'list' }))}
          onQuit={quit}
          m={m}
          width={width}
          height={height}
        />
      );
    }
  }
  return (
    <ListScreen
      exercises={services.exercises}
      progress={progress}
      state={list}
      onState={setList}
      onOpen={open}
      onQuit={quit}
      lang={services.lang}
      m={m}
      width={width}
      height={height}
      color={services.color}
      {...(notice !== undefined ? { note: notice } : {})}
      {...(services.lastExam ? { lastExam: services.lastExam } : {})}
    />
  );
}
