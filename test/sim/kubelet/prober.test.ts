// Handler semantics and Go error texts (pkg/probe/*, pkg/kubelet/prober/prober.go; semantics §2.8).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Container, Probe } from 'kubernetes-types/core/v1.d.ts';
import { resolveContainerPort, runProbe } from '../../../src/sim/kubelet/prober.js';
import type { ExecResult, GrpcResult, HttpResult, Process, TcpResult } from '../../../src/sim/runtime/types.js';

const IP = '10.244.0.5';

function proc(p: {
  exec?: ExecResult;
  http?: (req: { port: number; path: string; headers: Record<string, string> }) => HttpResult;
  tcp?: TcpResult;
  grpc?: GrpcResult;
}): Process & { requests: { port: number; path: string; headers: Record<string, string> }[] } {
  const requests: { port: number; path: string; headers: Record<string, string> }[] = [];
  return {
    requests,
    nextWakeMs: () => undefined,
    advance: () => undefined,
    signal: () => 'ignored',
    exited: () => undefined,
    exec: () => p.exec ?? { kind: 'exited', exitCode: 0, output: '', durationMs: 1 },
    http: (req) => {
      requests.push(req);
      return p.http ? p.http(req) : { kind: 'refused' };
    },
    tcp: () => p.tcp ?? { kind: 'refused' },
    grpc: () => p.grpc ?? { kind: 'refused' },
    logs: () => [],
  };
}

const container: Container = { name: 'c', image: 'x', ports: [{ name: 'http', containerPort: 8080 }] };
const ctx = (process: Process) => ({ podIP: IP, container, process, nowMs: 1000, kubeletMinor: '1.33' });

const cases: { name: string; probe: Probe; process: Process; want: { result: string; output: string; durationMs?: number } }[] = [
  { name: 'exec exit 0', probe: { exec: { command: ['cat', '/tmp/healthy'] } }, process: proc({ exec: { kind: 'exited', exitCode: 0, output: 'ok\n', durationMs: 3 } }), want: { result: 'success', output: 'ok\n', durationMs: 3 } },
  {
    name: 'exec non-zero: output is the failure text',
    probe: { exec: { command: ['cat', '/tmp/healthy'] } },
    process: proc({ exec: { kind: 'exited', exitCode: 1, output: "cat: can't open '/tmp/healthy': No such file or directory\n", durationMs: 1 } }),
    want: { result: 'failure', output: "cat: can't open '/tmp/healthy': No such file or directory\n" },
  },
  { name: 'exec /bin/false: empty output', probe: { exec: { command: ['/bin/false'] } }, process: proc({ exec: { kind: 'exited', exitCode: 1, output: '', durationMs: 1 } }), want: { result: 'failure', output: '' } },
  {
    name: 'exec timeout (ExecProbeTimeout)',
    probe: { exec: { command: ['/bin/sh', '-c', 'sleep 10'] }, timeoutSeconds: 1 },
    process: proc({ exec: { kind: 'timeout', durationMs: 1000 } }),
    want: { result: 'failure', output: 'command "/bin/sh -c sleep 10" timed out', durationMs: 1000 },
  },
  { name: 'exec CRI error: an error, result discarded', probe: { exec: { command: ['x'] } }, process: proc({ exec: { kind: 'error', message: 'container not running' } }), want: { result: 'error', output: 'container not running' } },
  { name: 'http 200', probe: { httpGet: { path: '/healthz', port: 8080 } }, process: proc({ http: () => ({ kind: 'response', status: 200, body: 'ok', durationMs: 2 }) }), want: { result: 'success', output: 'ok', durationMs: 2 } },
  { name: 'http 399 not a redirect target: warning', probe: { httpGet: { path: '/', port: 8080 } }, process: proc({ http: () => ({ kind: 'response', status: 399, body: 'b', durationMs: 1 }) }), want: { result: 'warning', output: 'Probe terminated redirects, Response body: b' } },
  { name: 'http 500', probe: { httpGet: { path: '/', port: 8080 } }, process: proc({ http: () => ({ kind: 'response', status: 500, body: 'boom', durationMs: 1 }) }), want: { result: 'failure', output: 'HTTP probe failed with statuscode: 500' } },
  { name: 'http 404', probe: { httpGet: { path: '/x', port: 8080 } }, process: proc({ http: () => ({ kind: 'response', status: 404, body: '', durationMs: 1 }) }), want: { result: 'failure', output: 'HTTP probe failed with statuscode: 404' } },
  { name: 'http 199', probe: { httpGet: { path: '/', port: 8080 } }, process: proc({ http: () => ({ kind: 'response', status: 199, body: '', durationMs: 1 }) }), want: { result: 'failure', output: 'HTTP probe failed with statuscode: 199' } },
  {
    name: 'http refused',
    probe: { httpGet: { path: '/readyz', port: 8081 } },
    process: proc({}),
    want: { result: 'failure', output: `Get "http://${IP}:8081/readyz": dial tcp ${IP}:8081: connect: connection refused` },
  },
  {
    name: 'http timeout',
    probe: { httpGet: { path: '/ready', port: 8080 }, timeoutSeconds: 2 },
    process: proc({ http: () => ({ kind: 'timeout' }) }),
    want: { result: 'failure', output: `Get "http://${IP}:8080/ready": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`, durationMs: 2000 },
  },
  {
    name: 'http response slower than the timeout',
    probe: { httpGet: { path: '/', port: 8080 } },
    process: proc({ http: () => ({ kind: 'response', status: 200, body: '', durationMs: 1500 }) }),
    want: { result: 'failure', output: `Get "http://${IP}:8080/": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`, durationMs: 1000 },
  },
  {
    name: 'http same-host redirect is followed',
    probe: { httpGet: { path: '/old', port: 8080 } },
    process: proc({ http: (r) => (r.path === '/old' ? { kind: 'response', status: 302, body: '', location: '/new', durationMs: 1 } : { kind: 'response', status: 200, body: 'new', durationMs: 1 }) }),
    want: { result: 'success', output: 'new', durationMs: 2 },
  },
  {
    name: 'http redirect to another host: warning',
    probe: { httpGet: { path: '/', port: 8080 } },
    process: proc({ http: () => ({ kind: 'response', status: 301, body: 'moved', location: 'http://example.com/', durationMs: 1 }) }),
    want: { result: 'warning', output: 'Probe terminated redirects, Response body: moved' },
  },
  {
    name: 'http redirect loop: stopped after 10 redirects is a failure',
    probe: { httpGet: { path: '/loop', port: 8080 } },
    process: proc({ http: () => ({ kind: 'response', status: 302, body: '', location: '/loop', durationMs: 0 }) }),
    want: { result: 'failure', output: `Get "http://${IP}:8080/loop": stopped after 10 redirects` },
  },
  { name: 'http named port resolves', probe: { httpGet: { path: '/', port: 'http' } }, process: proc({ http: (r) => ({ kind: 'response', status: r.port === 8080 ? 200 : 500, body: '', durationMs: 1 }) }), want: { result: 'success', output: '' } },
  {
    name: 'http undeclared named port: error (strconv.Atoi fallback text)',
    probe: { httpGet: { path: '/', port: 'liveness-port' } },
    process: proc({}),
    want: { result: 'error', output: 'strconv.Atoi: parsing "liveness-port": invalid syntax' },
  },
  { name: 'tcp connected', probe: { tcpSocket: { port: 8080 } }, process: proc({ tcp: { kind: 'connected' } }), want: { result: 'success', output: '' } },
  { name: 'tcp refused', probe: { tcpSocket: { port: 8080 } }, process: proc({ tcp: { kind: 'refused' } }), want: { result: 'failure', output: `dial tcp ${IP}:8080: connect: connection refused` } },
  { name: 'tcp timeout', probe: { tcpSocket: { port: 8080 } }, process: proc({ tcp: { kind: 'timeout' } }), want: { result: 'failure', output: `dial tcp ${IP}:8080: i/o timeout`, durationMs: 1000 } },
  { name: 'grpc serving', probe: { grpc: { port: 2379 } }, process: proc({ grpc: { kind: 'serving' } }), want: { result: 'success', output: 'service healthy' } },
  { name: 'grpc not serving', probe: { grpc: { port: 2379 } }, process: proc({ grpc: { kind: 'not-serving' } }), want: { result: 'failure', output: 'service unhealthy (responded with "NOT_SERVING")' } },
  {
    name: 'grpc unimplemented',
    probe: { grpc: { port: 8080 } },
    process: proc({ grpc: { kind: 'unimplemented' } }),
    want: { result: 'failure', output: 'error: this server does not implement the grpc health protocol (grpc.health.v1.Health): unknown service grpc.health.v1.Health' },
  },
  {
    name: 'grpc refused: the blocking dial runs into the timeout',
    probe: { grpc: { port: 2333 }, timeoutSeconds: 5 },
    process: proc({ grpc: { kind: 'refused' } }),
    want: { result: 'failure', output: `timeout: failed to connect service "${IP}:2333" within 5s: context deadline exceeded`, durationMs: 5000 },
  },
  { name: 'grpc rpc timeout', probe: { grpc: { port: 2379 } }, process: proc({ grpc: { kind: 'timeout' } }), want: { result: 'failure', output: 'timeout: health rpc did not complete within 1s' } },
];

for (const c of cases) {
  test(`prober: ${c.name}`, () => {
    const r = runProbe(c.probe, ctx(c.process));
    assert.equal(r.result, c.want.result);
    assert.equal(r.output, c.want.output);
    if (c.want.durationMs !== undefined) assert.equal(r.durationMs, c.want.durationMs);
  });
}

test('http headers: kube-probe/1.33 and */* by default; overrides replace; empty values remove', () => {
  const p = proc({ http: () => ({ kind: 'response', status: 200, body: '', durationMs: 1 }) });
  runProbe({ httpGet: { path: '/', port: 8080, httpHeaders: [{ name: 'Custom-Header', value: 'Awesome' }] } }, ctx(p));
  assert.deepEqual(p.requests[0].headers, { 'User-Agent': 'kube-probe/1.33', Accept: '*/*', 'Custom-Header': 'Awesome' });
  runProbe({ httpGet: { path: '/', port: 8080, httpHeaders: [{ name: 'Accept', value: 'application/json' }, { name: 'User-Agent', value: '' }] } }, ctx(p));
  assert.deepEqual(p.requests[1].headers, { Accept: 'application/json' });
});

test('port resolution: numbers, names, numeric strings, out of range', () => {
  assert.deepEqual(resolveContainerPort(8080, container), { port: 8080 });
  assert.deepEqual(resolveContainerPort('http', container), { port: 8080 });
  assert.deepEqual(resolveContainerPort('9090', container), { port: 9090 });
  assert.deepEqual(resolveContainerPort(0, container), { error: 'invalid port number: 0' });
  assert.deepEqual(resolveContainerPort(70000, container), { error: 'invalid port number: 70000' });
});
