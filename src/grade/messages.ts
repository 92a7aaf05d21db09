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
/** the same in the Korean texts: 12초, 1분 5초 */
const tk = (ms: number) => secondsText(ms, 'ko');

/** Short observations appended to a failed behaviour check's message. */
export const SEEN = {
  restarts: (n: number, at: number): L => ({ en: `restart count at ${t(at)}: ${n}`, ko: `${tk(at)} 시점의 재시작 횟수: ${n}` }),
  firstKill: (at: number): L => ({ en: `your container is first killed at ${t(at)}`, ko: `컨테이너가 처음 종료된 시점: ${tk(at)}` }),
  neverKilled: (until: number): L => ({ en: `your container is never killed in ${t(until)}`, ko: `${tk(until)} 동안 컨테이너가 한 번도 종료되지 않습니다` }),
  firstReady: (at: number): L => ({ en: `your container first becomes Ready at ${t(at)}`, ko: `컨테이너가 처음 Ready가 된 시점: ${tk(at)}` }),
  neverReady: (until: number): L => ({ en: `your container never becomes Ready in ${t(until)}`, ko: `${tk(until)} 동안 컨테이너가 Ready가 되지 않습니다` }),
  events: (n: number, reason: string, at: number): L => ({ en: `${n} ${reason} event(s) by ${t(at)}`, ko: `${tk(at)}까지 ${reason} 이벤트 ${n}건` }),
  phase: (p: string, at: number): L => ({ en: `the pod is ${p} at ${t(at)}`, ko: `${tk(at)} 시점의 파드 상태: ${p}` }),
  state: (s: string, at: number): L => ({ en: `the container is ${s} at ${t(at)}`, ko: `${tk(at)} 시점의 컨테이너 상태: ${s}` }),
  noContainer: (c: string): L => ({ en: `the pod has no container named ${c}`, ko: `파드에 ${c} 컨테이너가 없습니다` }),
};

// ---- Cluster exercises (Deployments, Jobs, Services, several objects)

export const STAGE_TITLE_OBJECTS: Record<'yaml' | 'schema' | 'api', L> = {
  yaml: { en: 'The file is valid YAML', ko: '파일이 올바른 YAML임' },
  schema: { en: 'The objects match the Kubernetes API schema', ko: '오브젝트가 Kubernetes API 스키마에 맞음' },
  api: { en: 'The API server accepts the objects', ko: 'API 서버가 오브젝트를 받아들임' },
};

export const MC = {
  noObjects: { en: 'the file holds no Deployment, Job, Service or Pod', ko: '파일에 Deployment, Job, Service, 파드가 없습니다' },
  noObject: (ref: string): L => ({ en: `your file has no ${ref}`, ko: `파일에 ${ref}가 없습니다` }),
  whichObject: (names: string[]): L => ({
    en: `the file holds several objects (${names.join(', ')}): the exercise must say which one this check looks at (object: Kind/name)`,
    ko: `파일에 오브젝트가 여러 개 있습니다(${names.join(', ')}). 이 검사가 볼 오브젝트를 과제에 적어야 합니다(object: Kind/name)`,
  }),
  notApplicable: (ref: string, path: string): L => ({ en: `not checked: your ${ref} has no ${path}`, ko: `확인하지 않음: ${ref}에 ${path}가 없습니다` }),
  simFailed: (why: string): L => ({ en: `the cluster could not be simulated: ${why}`, ko: `클러스터를 시뮬레이션할 수 없습니다: ${why}` }),
  packFile: (file: string, why: string) => `the pack's ${file} has problems: ${why}`,
  clusterKindOnPod: (kind: string): L => ({
    en: `a ${kind} check looks at a cluster run: this exercise runs one Pod`,
    ko: `${kind} 검사는 클러스터 실행을 봅니다. 이 과제는 파드 하나만 실행합니다`,
  }),
};

/** Observations appended to a failed cluster check, in kubectl's words where kubectl has some. */
export const SEEN_CLUSTER = {
  noDeployment: (d: string): L => ({ en: `deployments.apps "${d}" not found`, ko: `deployments.apps "${d}" not found (Deployment가 없습니다)` }),
  noJob: (j: string): L => ({ en: `jobs.batch "${j}" not found`, ko: `jobs.batch "${j}" not found (Job이 없습니다)` }),
  noService: (s: string): L => ({ en: `services "${s}" not found`, ko: `services "${s}" not found (Service가 없습니다)` }),
  rolloutDone: (at: number): L => ({ en: `the rollout completed at ${t(at)}`, ko: `롤아웃이 ${tk(at)}에 완료되었습니다` }),
  rolloutDeadline: (at: number): L => ({ en: `the rollout exceeded its progress deadline at ${t(at)}`, ko: `롤아웃이 ${tk(at)}에 진행 기한(progress deadline)을 넘겼습니다` }),
  rolloutWaiting: (until: number, status: string): L => ({
    en: `the rollout still waits at ${t(until)}: kubectl rollout status says ${status}`,
    ko: `${tk(until)}에도 롤아웃이 기다리는 중입니다. kubectl rollout status: ${status}`,
  }),
  rolloutError: (at: number, status: string): L => ({
    en: `at ${t(at)} kubectl rollout status says: error: ${status}`,
    ko: `${tk(at)}에 kubectl rollout status가 error: ${status}를 출력합니다`,
  }),
  becausePod: (pod: string, message: string): L => ({ en: `because the new pod ${pod} is not Ready: ${message}`, ko: `새 파드 ${pod}가 Ready가 아니기 때문입니다: ${message}` }),
  becausePodNoEvent: (pod: string): L => ({ en: `because the new pod ${pod} is not Ready`, ko: `새 파드 ${pod}가 Ready가 아니기 때문입니다` }),
  podWhy: (pod: string, message: string): L => ({ en: `pod ${pod}: ${message}`, ko: `파드 ${pod}: ${message}` }),
  maxPods: (n: number, from: number, to: number): L => ({ en: `${n} pods ran at once between ${t(from)} and ${t(to)}`, ko: `${tk(from)}~${tk(to)} 사이에 파드 ${n}개가 동시에 실행되었습니다` }),
  minAvailable: (n: number, from: number, to: number): L => ({
    en: `available replicas dropped to ${n} between ${t(from)} and ${t(to)}`,
    ko: `${tk(from)}~${tk(to)} 사이에 사용 가능한 레플리카가 ${n}개까지 줄었습니다`,
  }),
  minReady: (n: number, from: number, to: number): L => ({ en: `ready pods dropped to ${n} between ${t(from)} and ${t(to)}`, ko: `${tk(from)}~${tk(to)} 사이에 Ready 파드가 ${n}개까지 줄었습니다` }),
  jobComplete: (at: number): L => ({ en: `the Job completed at ${t(at)}`, ko: `Job이 ${tk(at)}에 완료되었습니다` }),
  jobFailed: (at: number, reason: string, message: string): L => ({ en: `the Job failed at ${t(at)}: ${reason}: ${message}`, ko: `Job이 ${tk(at)}에 실패했습니다: ${reason}: ${message}` }),
  jobRunning: (until: number, active: number, succeeded: number, failed: number): L => ({
    en: `the Job is still running at ${t(until)} (${active} active, ${succeeded} succeeded, ${failed} failed)`,
    ko: `${tk(until)}에도 Job이 실행 중입니다(실행 중 ${active}, 성공 ${succeeded}, 실패 ${failed})`,
  }),
  jobPods: (at: number, succeeded: number, failed: number): L => ({ en: `at ${t(at)}: ${succeeded} succeeded, ${failed} failed`, ko: `${tk(at)} 시점: 성공 ${succeeded}, 실패 ${failed}` }),
  jobMaxActive: (n: number): L => ({ en: `${n} of its pods ran at once`, ko: `파드 ${n}개가 동시에 실행되었습니다` }),
  endpoints: (svc: string, at: number, ready: number, notReady: number): L => ({
    en: `at ${t(at)} the Service ${svc} has ${ready} ready and ${notReady} not-ready endpoints`,
    ko: `${tk(at)} 시점에 Service ${svc}의 엔드포인트: Ready ${ready}개, Ready 아님 ${notReady}개`,
  }),
  selectsNothing: (selector: string, labels: string): L => ({
    en: `its selector ${selector} matches no pod${labels ? ` (the pods are labelled ${labels})` : ''}`,
    ko: `셀렉터 ${selector}에 맞는 파드가 없습니다${labels ? `(파드 레이블: ${labels})` : ''}`,
  }),
  noPortName: (port: string, pod: string): L => ({
    en: `targetPort "${port}" names no container port of ${pod}, so the pod is left out of the endpoints`,
    ko: `targetPort "${port}"와 같은 이름의 컨테이너 포트가 ${pod}에 없어서 파드가 엔드포인트에서 빠집니다`,
  }),
  wrongPort: (want: number, got: string): L => ({ en: `its endpoints are on ${got}, not port ${want}`, ko: `엔드포인트 포트가 ${want}이 아니라 ${got}입니다` }),
  noWorkloadPod: (ref: string, from: number): L => ({ en: `${ref} created no pod after ${t(from)}`, ko: `${ref}가 ${tk(from)} 이후 파드를 만들지 않았습니다` }),
  noBarePod: { en: 'the run has no Pod of its own: the exercise must name a workload (of: Deployment/NAME)', ko: '실행에 단독 파드가 없습니다. 과제에 워크로드를 적어야 합니다(of: Deployment/NAME)' },
};

/** A cluster run's divergence from the reference's, in kubectl's columns. */
export const DIVERGE_CLUSTER = {
  missing: (obj: string): L => ({ en: `the reference has ${obj}; your run has none`, ko: `모범 답안에는 ${obj}가 있지만 여러분의 실행에는 없습니다` }),
  extra: (obj: string): L => ({ en: `your run has ${obj}; the reference has none`, ko: `여러분의 실행에는 ${obj}가 있지만 모범 답안에는 없습니다` }),
  later: (obj: string, state: string, ref: number, mine: number | undefined): L => ({
    en: `the reference's ${obj} reaches ${state} at ${t(ref)}; yours ${mine === undefined ? 'never does' : `only at ${t(mine)}`}`,
    ko: `모범 답안의 ${obj}는 ${tk(ref)}에 ${state} 상태가 되지만 여러분의 것은 ${mine === undefined ? '끝내 그렇게 되지 않습니다' : `${tk(mine)}에야 그렇게 됩니다`}`,
  }),
  earlier: (obj: string, state: string, mine: number, ref: number | undefined): L => ({
    en: `your ${obj} reaches ${state} at ${t(mine)}; the reference's ${ref === undefined ? 'never does' : `only at ${t(ref)}`}`,
    ko: `여러분의 ${obj}는 ${tk(mine)}에 ${state} 상태가 되지만 모범 답안은 ${ref === undefined ? '끝내 그렇게 되지 않습니다' : `${tk(ref)}에야 그렇게 됩니다`}`,
  }),
};
