// Every text the grader itself writes (pack texts come from exercise.yaml), in both languages.
import type { Lang } from '../exercises/types.js';
import { secondsText } from '../exercises/duration.js';

type L = Record<Lang, string>;

export const STAGE_TITLE: Record<'yaml' | 'schema' | 'api', L> = {
  yaml: { en: 'The file is valid YAML', ko: '파일이 올바른 YAML임' },
  schema: { en: 'The Pod matches the Kubernetes API schema', ko: '파드가 Kubernetes API 스키마에 맞음' },
  api: { en: 'The API server accepts the Pod', ko: 'API 서버가 파드를 받아들임' },
};

export const M = {
  ok: { en: 'ok', ko: '통과' },
  fixYamlFirst: { en: 'fix the YAML errors first', ko: '먼저 YAML 오류를 고치세요' },
  noPod: { en: 'the file holds no Pod', ko: '파일에 파드가 없습니다' },
  notApplicable: (path: string): L => ({
    en: `not checked: your Pod has no ${path}`,
    ko: `확인하지 않음: 파드에 ${path}가 없습니다`,
  }),
  problems: (n: number): L => ({
    en: n === 1 ? '1 problem (see above)' : `${n} problems (see above)`,
    ko: `문제 ${n}개 (위 참고)`,
  }),
  readMissing: (file: string): L => ({ en: `cannot read ${file}: no such file`, ko: `${file} 파일을 읽을 수 없습니다: 파일이 없습니다` }),
  readDir: (file: string): L => ({ en: `cannot read ${file}: it is a folder`, ko: `${file}을(를) 읽을 수 없습니다: 폴더입니다` }),
  readFailed: (file: string, why: string): L => ({ en: `cannot read ${file}: ${why}`, ko: `${file} 파일을 읽을 수 없습니다: ${why}` }),
  simFailed: (why: string): L => ({ en: `the pod could not be simulated: ${why}`, ko: `파드를 시뮬레이션할 수 없습니다: ${why}` }),
  badFragment: (why: string): L => ({ en: `the exercise's schema for this check does not compile (ajv: ${why})`, ko: `이 검사의 스키마를 컴파일할 수 없습니다 (ajv: ${why})` }),
  preserveMissing: { en: 'the field was removed', ko: '필드가 삭제되었습니다' },
  preserveAdded: { en: 'the field was added', ko: '필드가 추가되었습니다' },
};

export const loc = (l: L, lang: Lang): string => l[lang];

const t = (ms: number) => secondsText(ms);

/** Short observations appended to a failed behaviour check's message. */
export const SEEN = {
  restarts: (n: number, at: number): L => ({ en: `restart count at ${t(at)}: ${n}`, ko: `${t(at)} 시점의 재시작 횟수: ${n}` }),
  firstKill: (at: number): L => ({ en: `your container is first killed at ${t(at)}`, ko: `컨테이너가 처음 종료된 시점: ${t(at)}` }),
  neverKilled: (until: number): L => ({ en: `your container is never killed in ${t(until)}`, ko: `${t(until)} 동안 컨테이너가 한 번도 종료되지 않습니다` }),
  firstReady: (at: number): L => ({ en: `your container first becomes Ready at ${t(at)}`, ko: `컨테이너가 처음 Ready가 된 시점: ${t(at)}` }),
  neverReady: (until: number): L => ({ en: `your container never becomes Ready in ${t(until)}`, ko: `${t(until)} 동안 컨테이너가 Ready가 되지 않습니다` }),
  events: (n: number, reason: string, at: number): L => ({ en: `${n} ${reason} event(s) by ${t(at)}`, ko: `${t(at)}까지 ${reason} 이벤트 ${n}건` }),
  phase: (p: string, at: number): L => ({ en: `the pod is ${p} at ${t(at)}`, ko: `${t(at)} 시점의 파드 상태: ${p}` }),
  state: (s: string, at: number): L => ({ en: `the container is ${s} at ${t(at)}`, ko: `${t(at)} 시점의 컨테이너 상태: ${s}` }),
  noContainer: (c: string): L => ({ en: `the pod has no container named ${c}`, ko: `파드에 ${c} 컨테이너가 없습니다` }),
};
