// `kubedrill dev new ID`: a new exercise folder with metadata, a starter that fails and a solution that passes.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { exerciseSchemaPath, packDirs } from '../exercises/pack.js';
import { ioReason } from '../exercises/workspace.js';

export type ScaffoldResult = { ok: true; folder: string; files: string[] } | { ok: false; message: string };

export function scaffoldExercise(packDir: string, id: string): ScaffoldResult {
  try {
    return scaffold(packDir, id);
  } catch (err) {
    return { ok: false, message: `cannot write the exercise into ${packDir}: ${ioReason(err)}` };
  }
}

function scaffold(packDir: string, id: string): ScaffoldResult {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) return { ok: false, message: `"${id}" is not a valid id: use lowercase letters, digits and dashes (e.g. readiness-gate)` };
  const { exercisesDir, solutionsDir } = packDirs(packDir);
  mkdirSync(exercisesDir, { recursive: true });
  const existing = readdirSync(exercisesDir).filter((n) => /^[0-9]+-/.test(n));
  if (existing.some((n) => n.replace(/^[0-9]+-/, '') === id)) return { ok: false, message: `an exercise folder for "${id}" already exists in ${exercisesDir}` };
  const next = existing.reduce((m, n) => Math.max(m, Number(n.split('-')[0])), 0) + 1;
  const folder = `${String(next).padStart(2, '0')}-${id}`;
  const exDir = path.join(exercisesDir, folder);
  const solDir = path.join(solutionsDir, folder);
  if (existsSync(exDir)) return { ok: false, message: `${exDir} already exists` };
  mkdirSync(exDir, { recursive: true });
  mkdirSync(solDir, { recursive: true });
  const file = `${id}.yaml`;
  const schemaRel = path.relative(exDir, exerciseSchemaPath());
  const files = [path.join(exDir, 'exercise.yaml'), path.join(exDir, file), path.join(solDir, file)];
  writeFileSync(files[0]!, metadata(id, file, schemaRel));
  writeFileSync(files[1]!, pod(id, false));
  writeFileSync(files[2]!, pod(id, true));
  return { ok: true, folder, files };
}

function pod(id: string, withProbe: boolean): string {
  const probe = withProbe
    ? `    livenessProbe:
      exec:
        command:
        - cat
        - /tmp/alive
      initialDelaySeconds: 5
      periodSeconds: 5
`
    : '';
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${id}
spec:
  containers:
  - name: app
    image: busybox
    args:
    - /bin/sh
    - -c
    - touch /tmp/alive; sleep 60; rm -f /tmp/alive; sleep 600
${probe}`;
}

function metadata(id: string, file: string, schemaRel: string): string {
  return `# yaml-language-server: $schema=${schemaRel}
id: ${id}
title:
  en: "TODO: title of ${id}"
  ko: "TODO: ${id} 제목"
difficulty: easy
domain: Application Observability and Maintenance
tags: [liveness]
points: 10
timeBudget: 8
file: ${file}
task:
  en: |
    ## TODO: what the learner must do in \`${file}\`
    - Add a liveness probe to the container \`app\` that runs \`cat /tmp/alive\` every 5 seconds,
      starting 5 seconds after the container starts.
  ko: |
    ## TODO: \`${file}\`에서 할 일
    - \`app\` 컨테이너에 5초마다 \`cat /tmp/alive\`를 실행하는 라이브니스 프로브를 추가하세요.
      컨테이너가 시작되고 5초 뒤부터 검사합니다.
hints:
  - en: A liveness probe sits under the container, next to \`image\`.
    ko: 라이브니스 프로브는 컨테이너 아래, \`image\` 옆에 씁니다.
simulate:
  for: 3m
  seed: 1
checks:
  expect:
    - id: has-liveness
      path: spec.containers[name=app].livenessProbe.exec.command
      schema: { type: array, minItems: 1 }
      title: { en: app has an exec liveness probe, ko: app에 exec 라이브니스 프로브가 있음 }
      message: { en: "app has no exec liveness probe: add livenessProbe.exec.command.", ko: "app에 exec 라이브니스 프로브가 없습니다. livenessProbe.exec.command를 추가하세요." }
    - id: period
      path: spec.containers[name=app].livenessProbe.periodSeconds
      schema: { const: 5 }
      title: { en: The probe runs every 5 s, ko: 프로브가 5초마다 실행됨 }
      message: { en: "periodSeconds is not 5: the task asks for a probe every 5 seconds.", ko: "periodSeconds가 5가 아닙니다. 5초마다 검사해야 합니다." }
    - id: delay
      path: spec.containers[name=app].livenessProbe.initialDelaySeconds
      schema: { const: 5 }
      title: { en: The first probe waits 5 s, ko: 첫 프로브가 5초 뒤에 실행됨 }
      message: { en: "initialDelaySeconds is not 5.", ko: "initialDelaySeconds가 5가 아닙니다." }
  preserve:
    - id: args-kept
      path: spec.containers[0].args
      message: { en: "Don't change the container's args.", ko: "컨테이너의 args를 바꾸지 마세요." }
  behaviour:
    - id: same-as-reference
      kind: sameAsReference
      container: app
      title: { en: Your pod behaves like the reference answer, ko: 파드가 모범 답안과 똑같이 동작함 }
      message: { en: "Your pod's starts, kills and restarts happen at different times than the reference's.", ko: "시작, 종료, 재시작 시점이 모범 답안과 다릅니다." }
`;
}
