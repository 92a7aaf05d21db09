// `kubectl rollout status deployment/NAME` over a cluster run (k/kubectl pkg/cmd/rollout/rollout_status.go with
// pkg/polymorphichelpers/rollout_status.go DeploymentStatusViewer, kubectl 1.33): a line per watch event of
// the Deployment until it is rolled out or exceeded its progress deadline, and the exit code kubectl gives.
import type { ClusterTrace } from '../cluster/types.js';
import { ROLLOUT_TEXT, objectAt, objectHistory, rolloutState } from '../cluster/query.js';

export interface RolloutStatusResult {
  /** what kubectl printed to stdout */
  stdout: string;
  /** what it printed to stderr (`error: ...`) */
  stderr: string;
  /** 0 rolled out, 1 error; undefined: still waiting when the run ended (kubectl would not have returned) */
  exitCode: 0 | 1 | undefined;
  /** when kubectl returned */
  endedAtMs?: number;
}

/** kubectl rollout status started at `fromMs` and watching until `untilMs`. */
export function rolloutStatus(trace: ClusterTrace, name: string, fromMs: number, untilMs: number, namespace = 'default'): RolloutStatusResult {
  let stdout = '';
  const first = objectAt(trace, 'Deployment', name, fromMs, namespace);
  if (!first) return { stdout: '', stderr: `Error from server (NotFound): ${ROLLOUT_TEXT.notFound(name)}\n`, exitCode: 1, endedAtMs: fromMs };
  const versions = [{ t: fromMs, object: first }, ...objectHistory(trace, 'Deployment', name, namespace).filter((h) => h.t > fromMs && h.t <= untilMs)];
  for (const v of versions) {
    if (!v.object) return { stdout, stderr: `Error from server (NotFound): ${ROLLOUT_TEXT.notFound(name)}\n`, exitCode: 1, endedAtMs: v.t };
    const st = rolloutState(v.object);
    if (st.kind === 'error') return { stdout, stderr: `error: ${st.message}\n`, exitCode: 1, endedAtMs: v.t };
    stdout += st.message;
    if (st.kind === 'done') return { stdout, stderr: '', exitCode: 0, endedAtMs: v.t };
  }
  return { stdout, stderr: '', exitCode: undefined };
}
