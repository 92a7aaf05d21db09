// Every text the batch grader writes itself (check titles and messages come from the grader), in both languages.
import type { Lang } from '../../exercises/types.js';

type L = Record<Lang, string>;

export const loc = (l: L, lang: Lang): string => l[lang];

export const B = {
  internalError: (why: string): L => ({ en: `internal error while grading: ${why}`, ko: `채점 중 내부 오류(internal error while grading): ${why}` }),
  workerOutOfMemory: { en: 'the worker thread ran out of memory', ko: '작업 스레드의 메모리가 부족했습니다' },
  workerExited: (code: number): L => ({ en: `the worker thread stopped (exit code ${code})`, ko: `작업 스레드가 멈췄습니다(종료 코드 ${code})` }),
  workerFailed: (why: string): L => ({ en: `the worker thread failed: ${why}`, ko: `작업 스레드가 실패했습니다: ${why}` }),
  workerStalled: (s: number): L => ({ en: `no result after ${s} s, so the worker thread was stopped`, ko: `${s}초 동안 결과가 없어 작업 스레드를 멈췄습니다` }),
  // submissions that are not read at all (their failed row says why)
  linkOutside: (target: string, root: string): L => ({
    en: `it is a symbolic link to ${target}, outside ${root}: not graded`,
    ko: `${root} 밖의 ${target}을(를) 가리키는 심볼릭 링크라서 채점하지 않습니다`,
  }),
  linkBroken: (target: string): L => ({ en: `it is a symbolic link to ${target}, which does not exist`, ko: `없는 파일 ${target}을(를) 가리키는 심볼릭 링크입니다` }),
  notRegular: (kind: string): L => ({ en: `it is not a regular file (a ${kind}): not read`, ko: `일반 파일이 아니라서(${kind}) 읽지 않습니다` }),
  badName: { en: 'its file name is not valid UTF-8: rename the file to grade it', ko: '파일 이름이 올바른 UTF-8이 아닙니다. 이름을 바꾸면 채점할 수 있습니다' },
  // things under a PATH that are not submissions
  notYaml: { en: 'not a .yaml or .yml file', ko: '.yaml 또는 .yml 파일이 아님' },
  hidden: { en: 'hidden (the name starts with ".")', ko: '숨김 항목(이름이 "."으로 시작)' },
  packages: { en: 'installed packages (not searched)', ko: '설치된 패키지(찾지 않음)' },
  linkToFolder: { en: 'a symbolic link to a folder (not followed)', ko: '폴더를 가리키는 심볼릭 링크(따라가지 않음)' },
  folderUnreadable: (why: string): L => ({ en: `cannot read this folder: ${why}`, ko: `이 폴더를 읽을 수 없습니다: ${why}` }),
  folderBadName: { en: 'a folder whose name is not valid UTF-8 (not searched)', ko: '이름이 올바른 UTF-8이 아닌 폴더(찾지 않음)' },
};

export const KIND_NAME: Record<'fifo' | 'socket' | 'block device' | 'character device', L> = {
  fifo: { en: 'named pipe', ko: '이름 있는 파이프' },
  socket: { en: 'socket', ko: '소켓' },
  'block device': { en: 'block device', ko: '블록 장치' },
  'character device': { en: 'character device', ko: '문자 장치' },
};
