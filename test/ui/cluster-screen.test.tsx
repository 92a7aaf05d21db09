import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { render } from 'ink-testing-library';
import { App } from '../../src/ui/App.js';
import { findExercise, loadPack } from '../../src/exercises/pack.js';
import { gradeText } from '../../src/grade/index.js';
import { transcriptRows } from '../../src/ui/ClusterScreen.js';
import { rowText } from '../../src/ui/row-model.js';
import { drawn, fakeServices, press } from './helpers.js';

const ESC = '\u001B';
const PACK = 'test/fixtures/packs/workloads';
const loaded = loadPack(PACK);
if (!loaded.ok) throw new Error('workloads pack does not load');
const web = findExercise(loaded.pack, 'web')!;
const starter = gradeText(web, readFileSync(`${PACK}/exercises/01-web/web.yaml`, 'utf8'), 'web.yaml');


test('a workload exercise: the results list its cluster checks; p shows the cluster run in kubectl words, yours and the reference', async () => {
  const s = fakeServices();
  s.nextResult = starter;
  const inst = render(<App services={s} size={{ width: 120, height: 60 }} initialExercise="liveness-exam" />);
  await drawn(inst.frames, 0, 40);
  let f = inst.lastFrame()!;
  assert.match(f, /✓ The objects match the Kubernetes API schema/);
  assert.match(f, /✗ The rollout completes/);

  f = await press(inst, 'p');
  assert.match(f, /Cluster · your objects +kubectl rollout status +3m/);
  assert.match(f, /▼ first difference @ 38s: the reference's deployment\/web reaches READY 3\/3, UP-TO-DATE 2, AVAILABLE 3/);
  assert.match(f, /\$ kubectl apply -f web-v1\.yaml\ndeployment\.apps\/web created\n# at 30s\n\$ kubectl apply -f web\.yaml\ndeployment\.apps\/web configured\nservice\/web created/);
  assert.match(f, /Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated\.\.\./);
  assert.match(f, /# still waiting at 3m0s: kubectl rollout status has not returned/);
  assert.match(f, /o rollout +g get +d describe +v events +t yours\/reference/);

  f = await press(inst, 't');
  assert.match(f, /Cluster · reference +kubectl rollout status/);
  assert.match(f, /deployment "web" successfully rolled out/);

  f = await press(inst, 'g');
  assert.match(f, /Cluster · reference +kubectl get -w/);
  assert.match(f, /\$ kubectl get deployments -w\nNAME +READY +UP-TO-DATE +AVAILABLE +AGE\n/);

  f = await press(inst, ESC);
  assert.match(f, /── Result/);
  inst.unmount();
});

test('transcript rows: one row per line, wrapped to the width, prompts and errors toned', () => {
  const rows = transcriptRows('$ kubectl rollout status deployment/web\nerror: deployment "web" exceeded its progress deadline\n# kubectl exits 1\n', 30);
  assert.deepEqual(rows.map(rowText), ['$ kubectl rollout status', 'deployment/web', 'error: deployment "web"', 'exceeded its progress deadline', '# kubectl exits 1']);
  assert.deepEqual(rows.map((r) => r.spans[0]!.tone), ['accent', 'accent', 'bad', 'bad', 'muted']);
});

test("the cluster view opens on rollout status for a rollout task, on get -w for a Service's endpoints", async () => {
  const { initialOutput } = await import('../../src/ui/ClusterScreen.js');
  const run = starter.cluster!;
  assert.equal(initialOutput(run), 'rollout', 'the run has a Deployment');
  assert.equal(initialOutput(run, ['rollout', 'endpoints']), 'rollout');
  assert.equal(initialOutput(run, ['endpoints', 'sameAsReference']), 'get');
});
