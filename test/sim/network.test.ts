// The containers of a Pod share one network namespace: a probe of one container reaches a port
// that another container of the pod listens on (httpGet, tcpSocket), as on a real node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import type { Pod } from '../../src/manifest/types.js';
import { createRuntime } from '../../src/sim/runtime/index.js';
import { simulate, probeRuns, eventOccurrences, restartCountAt, statusAt } from '../../src/sim/index.js';

const M = 60_000;

function pod(probe: string, sidecarOnly = false): Pod {
  return parse(`apiVersion: v1
kind: Pod
metadata: { name: shared-net }
spec:
  containers:
    ${sidecarOnly ? '' : '- { name: web, image: nginx, ports: [{ containerPort: 80 }] }'}
    - name: helper
      image: busybox:1.36
      args: ["/bin/sh", "-c", "sleep 999999"]
      livenessProbe:
        ${probe}
        periodSeconds: 5
      readinessProbe:
        ${probe}
        periodSeconds: 5
`) as Pod;
}

for (const [kind, probe] of [
  ['httpGet', 'httpGet: { path: /, port: 80 }'],
  ['tcpSocket', 'tcpSocket: { port: 80 }'],
] as const) {
  test(`a sidecar's ${kind} probe on nginx's port 80 reaches nginx in the same pod`, () => {
    const t = simulate(pod(probe), { untilMs: 3 * M, seed: 1, runtime: createRuntime() });
    const runs = probeRuns(t, 'helper');
    assert.ok(runs.length > 10, 'the probes ran');
    assert.deepEqual([...new Set(runs.map((r) => r.result))], ['success']);
    assert.equal(eventOccurrences(t, 3 * M, 'Unhealthy').length, 0);
    assert.equal(restartCountAt(t, 'helper', 3 * M), 0);
    assert.equal(statusAt(t, 3 * M).containers.find((c) => c.name === 'helper')?.ready, true);
  });

  test(`without a container listening on port 80 the ${kind} probe is refused`, () => {
    const t = simulate(pod(probe, true), { untilMs: 3 * M, seed: 1, runtime: createRuntime() });
    const runs = probeRuns(t, 'helper');
    assert.ok(runs.length > 0);
    assert.ok(runs.every((r) => r.result === 'failure' && /connection refused/.test(r.output)), JSON.stringify(runs[0]));
    assert.ok(restartCountAt(t, 'helper', 3 * M) > 0);
  });
}
