// Models pkg/kubelet/prober/prober.go, pkg/probe/{exec,http,tcp,grpc}/ and pkg/probe/util.go (Kubernetes 1.33).
// Runs one probe handler against a simulated process and returns the result with Go's own texts.
import type { Container, Probe } from 'kubernetes-types/core/v1.d.ts';
import type { Process } from '../runtime/types.js';
import { goDuration, goQuote } from './events.js';

/** pkg/probe/probe.go results plus an error (the worker discards the result, semantics §2.7). */
export interface ProbeOutcome {
  result: 'success' | 'warning' | 'failure' | 'unknown' | 'error';
  /** the text that goes into the event (failure output, warning text or error text) */
  output: string;
  durationMs: number;
}

export interface ProbeContext {
  podIP: string;
  container: Container;
  process: Process;
  nowMs: number;
  /** e.g. "1.33" for the User-Agent header kube-probe/1.33 */
  kubeletMinor: string;
  /**
   * The pod's other running containers' processes, asked only when the probed container refuses a
   * connection: the containers of a Pod share one network namespace, so whichever listens on the
   * port answers (httpGet, tcpSocket and grpc; exec runs in the probed container only).
   */
  peers?: () => readonly Process[];
}

/** The pod's network: the probed container first, then the others, until one does not refuse. */
function reach<R extends { kind: string }>(ctx: ProbeContext, call: (p: Process) => R): R {
  const first = call(ctx.process);
  if (first.kind !== 'refused' || !ctx.peers) return first;
  for (const p of ctx.peers()) {
    const r = call(p);
    if (r.kind !== 'refused') return r;
  }
  return first;
}

const MAX_REDIRECTS = 10;
const BODY_LIMIT = 10 * 1024;
const EXEC_OUTPUT_LIMIT = 10 * 1024;

/**
 * pkg/probe/util.go ResolveContainerPort. Note: for a name that is not declared, upstream falls
 * back to strconv.Atoi and returns *its* error, so the text is `strconv.Atoi: parsing "NAME": invalid syntax`.
 */
export function resolveContainerPort(port: number | string | undefined, container: Container): { port: number } | { error: string } {
  let n: number;
  if (typeof port === 'number') n = port;
  else if (typeof port === 'string') {
    const named = (container.ports ?? []).find((p) => p.name === port);
    if (named) n = named.containerPort;
    else if (/^[+-]?\d+$/.test(port)) n = Number(port);
    else return { error: `strconv.Atoi: parsing ${goQuote(port)}: invalid syntax` };
  } else return { error: 'intOrString had no kind: {Type:0 IntVal:0 StrVal:}' };
  if (n > 0 && n < 65536) return { port: n };
  return { error: `invalid port number: ${n}` };
}

/** pkg/kubelet/prober/prober.go runProbe + runProbeWithRetries (retries only on error; same result thrice here). */
export function runProbe(probe: Probe, ctx: ProbeContext): ProbeOutcome {
  const timeoutMs = (probe.timeoutSeconds && probe.timeoutSeconds > 0 ? probe.timeoutSeconds : 1) * 1000;
  if (probe.exec) return execProbe(probe.exec.command ?? [], ctx, timeoutMs);
  if (probe.httpGet) return httpProbe(probe, ctx, timeoutMs);
  if (probe.tcpSocket) return tcpProbe(probe, ctx, timeoutMs);
  if (probe.grpc) return grpcProbe(probe, ctx, timeoutMs);
  return { result: 'unknown', output: '', durationMs: 0 };
}

function execProbe(argv: string[], ctx: ProbeContext, timeoutMs: number): ProbeOutcome {
  const r = ctx.process.exec(argv, ctx.nowMs, timeoutMs);
  switch (r.kind) {
    case 'exited': {
      const output = r.output.length > EXEC_OUTPUT_LIMIT ? r.output.slice(0, EXEC_OUTPUT_LIMIT) : r.output;
      return { result: r.exitCode === 0 ? 'success' : 'failure', output, durationMs: Math.min(r.durationMs, timeoutMs) };
    }
    case 'timeout':
      // ExecProbeTimeout: the CRI deadline error text becomes the failure output
      return { result: 'failure', output: `command ${goQuote(argv.join(' '))} timed out`, durationMs: timeoutMs };
    case 'error':
      return { result: 'error', output: r.message, durationMs: 0 };
  }
}

function httpProbe(probe: Probe, ctx: ProbeContext, timeoutMs: number): ProbeOutcome {
  const h = probe.httpGet!;
  const resolved = resolveContainerPort(h.port as number | string, ctx.container);
  if ('error' in resolved) return { result: 'error', output: resolved.error, durationMs: 0 };
  const scheme = (h.scheme ?? 'HTTP').toLowerCase() === 'https' ? 'https' : 'http';
  const host = h.host && h.host !== '' ? h.host : ctx.podIP;
  const headers: Record<string, string> = { 'User-Agent': `kube-probe/${ctx.kubeletMinor}`, Accept: '*/*' };
  for (const hd of h.httpHeaders ?? []) {
    const known = Object.keys(headers).find((k) => k.toLowerCase() === hd.name.toLowerCase());
    if (known) delete headers[known];
    if (hd.value !== '') headers[hd.name] = hd.value;
  }
  let port = resolved.port;
  let path = h.path && h.path !== '' ? h.path : '/';
  if (!path.startsWith('/')) path = `/${path}`;
  let spent = 0;
  for (let redirects = 0; ; redirects++) {
    const url = `${scheme}://${host}:${port}${path}`;
    const r = reach(ctx, (p) => p.http({ port, path, scheme, headers }, ctx.nowMs + spent, timeoutMs - spent));
    if (r.kind === 'refused') {
      return { result: 'failure', output: `Get ${goQuote(url)}: dial tcp ${host}:${port}: connect: connection refused`, durationMs: spent };
    }
    if (r.kind === 'timeout' || spent + r.durationMs >= timeoutMs) {
      return {
        result: 'failure',
        output: `Get ${goQuote(url)}: context deadline exceeded (Client.Timeout exceeded while awaiting headers)`,
        durationMs: timeoutMs,
      };
    }
    spent += r.durationMs;
    const body = r.body.length > BODY_LIMIT ? r.body.slice(0, BODY_LIMIT) : r.body;
    if (r.status >= 300 && r.status < 400 && r.location !== undefined) {
      const next = sameHostTarget(r.location, host, port);
      if (next) {
        if (redirects >= MAX_REDIRECTS) {
          const target = `${scheme}://${host}:${next.port}${next.path}`;
          return { result: 'failure', output: `Get ${goQuote(target)}: stopped after ${MAX_REDIRECTS} redirects`, durationMs: spent };
        }
        port = next.port;
        path = next.path;
        continue;
      }
    }
    if (r.status >= 200 && r.status < 400) {
      if (r.status >= 300) return { result: 'warning', output: `Probe terminated redirects, Response body: ${body}`, durationMs: spent };
      return { result: 'success', output: body, durationMs: spent };
    }
    return { result: 'failure', output: `HTTP probe failed with statuscode: ${r.status}`, durationMs: spent };
  }
}

/** The kubelet's redirect checker follows only redirects to the same hostname. */
function sameHostTarget(location: string, host: string, port: number): { port: number; path: string } | undefined {
  if (location.startsWith('/')) return { port, path: location };
  const m = /^https?:\/\/([^/:?#]+)(?::(\d+))?(\/[^#]*)?$/i.exec(location);
  if (!m) return { port, path: `/${location}` };
  if (m[1] !== host && m[1] !== 'localhost' && m[1] !== '127.0.0.1') return undefined;
  return { port: m[2] ? Number(m[2]) : port, path: m[3] ?? '/' };
}

function tcpProbe(probe: Probe, ctx: ProbeContext, timeoutMs: number): ProbeOutcome {
  const t = probe.tcpSocket!;
  const resolved = resolveContainerPort(t.port as number | string, ctx.container);
  if ('error' in resolved) return { result: 'error', output: resolved.error, durationMs: 0 };
  const host = t.host && t.host !== '' ? t.host : ctx.podIP;
  const r = reach(ctx, (p) => p.tcp(resolved.port, ctx.nowMs, timeoutMs));
  switch (r.kind) {
    case 'connected':
      return { result: 'success', output: '', durationMs: 0 };
    case 'refused':
      return { result: 'failure', output: `dial tcp ${host}:${resolved.port}: connect: connection refused`, durationMs: 0 };
    case 'timeout':
      return { result: 'failure', output: `dial tcp ${host}:${resolved.port}: i/o timeout`, durationMs: timeoutMs };
  }
}

function grpcProbe(probe: Probe, ctx: ProbeContext, timeoutMs: number): ProbeOutcome {
  const g = probe.grpc!;
  const port = g.port;
  const service = g.service ?? '';
  const addr = `${ctx.podIP}:${port}`;
  const within = goDuration(timeoutMs);
  const r = reach(ctx, (p) => p.grpc(port, service, ctx.nowMs, timeoutMs));
  switch (r.kind) {
    case 'serving':
      return { result: 'success', output: 'service healthy', durationMs: 0 };
    case 'not-serving':
      return { result: 'failure', output: 'service unhealthy (responded with "NOT_SERVING")', durationMs: 0 };
    case 'unimplemented':
      return {
        result: 'failure',
        output: 'error: this server does not implement the grpc health protocol (grpc.health.v1.Health): unknown service grpc.health.v1.Health',
        durationMs: 0,
      };
    case 'refused':
      // the prober dials with WithBlock: a refused connection is retried until the deadline
      return { result: 'failure', output: `timeout: failed to connect service ${goQuote(addr)} within ${within}: context deadline exceeded`, durationMs: timeoutMs };
    case 'timeout':
      return { result: 'failure', output: `timeout: health rpc did not complete within ${within}`, durationMs: timeoutMs };
  }
}
