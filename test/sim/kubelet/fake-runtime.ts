// A small scripted container runtime for the kubelet's unit tests: each image is a behaviour
// written as plain functions of the process's uptime, so a test states exactly what the container does.
import type {
  ContainerLaunch,
  ExecResult,
  GrpcResult,
  HttpResult,
  ImageInfo,
  Process,
  ProcessExit,
  Runtime,
  SignalOutcome,
  TcpResult,
} from '../../../src/sim/runtime/types.js';
import type { Signal } from '../../../src/sim/trace.js';

export interface FakeBehaviour {
  /** CRI StartContainer fails with this message (exit 128, reason StartError) */
  startError?: string;
  /** the process exits by itself this long after start */
  exitAfterMs?: number;
  exitCode?: number;
  /** how the stop signal is handled; absent = ignored (PID 1 without a handler) */
  onTerm?: { exitCode: number; afterMs?: number };
  exec?: (argv: string[], uptimeMs: number) => ExecResult;
  /** n = 1 for the first request this process received */
  http?: (req: { port: number; path: string }, uptimeMs: number, n: number) => HttpResult;
  tcp?: (port: number, uptimeMs: number) => TcpResult;
  grpc?: (port: number, service: string, uptimeMs: number) => GrpcResult;
}

export interface FakeImage {
  ref: string;
  sizeBytes?: number;
  firstPullMs?: number;
  repullMs?: number;
  stopSignal?: Signal;
  behaviour: (launch: ContainerLaunch) => FakeBehaviour;
}

const SIGNO: Record<Signal, number> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGUSR1: 10, SIGUSR2: 12, SIGTERM: 15 };

class FakeProcess implements Process {
  private exitAt: number | undefined;
  private pendingExit: { code: number; signal?: Signal } | undefined;
  private done: ProcessExit | undefined;
  private requests = 0;
  constructor(
    private readonly b: FakeBehaviour,
    private readonly startMs: number,
  ) {
    if (b.startError !== undefined) this.finish(startMs, 128, undefined, b.startError);
    else if (b.exitAfterMs !== undefined) {
      this.exitAt = startMs + b.exitAfterMs;
      this.pendingExit = { code: b.exitCode ?? 0 };
    }
  }
  private finish(atMs: number, code: number, signal?: Signal, startError?: string): ProcessExit {
    this.done = { atMs, exitCode: code, reason: code === 0 ? 'Completed' : 'Error', ...(signal ? { signal } : {}) };
    if (startError !== undefined) Object.assign(this.done, { reason: 'StartError', message: startError });
    this.exitAt = undefined;
    return this.done;
  }
  nextWakeMs(): number | undefined {
    return this.done ? undefined : this.exitAt;
  }
  advance(now: number): ProcessExit | undefined {
    if (!this.done && this.exitAt !== undefined && this.exitAt <= now) this.finish(this.exitAt, this.pendingExit!.code, this.pendingExit!.signal);
    return this.done;
  }
  signal(sig: Signal, now: number): SignalOutcome {
    if (this.done) return 'ignored';
    if (sig === 'SIGKILL') {
      this.finish(now, 128 + SIGNO.SIGKILL, 'SIGKILL');
      return 'exited';
    }
    if (!this.b.onTerm) return 'ignored';
    const after = this.b.onTerm.afterMs ?? 0;
    if (after === 0) {
      this.finish(now, this.b.onTerm.exitCode);
      return 'exited';
    }
    this.exitAt = now + after;
    this.pendingExit = { code: this.b.onTerm.exitCode };
    return 'handled';
  }
  exited(): ProcessExit | undefined {
    return this.done;
  }
  exec(argv: string[], now: number, timeoutMs: number): ExecResult {
    if (!this.b.exec) return { kind: 'exited', exitCode: 0, output: '', durationMs: 1 };
    const r = this.b.exec(argv, now - this.startMs);
    if (r.kind === 'exited' && r.durationMs > timeoutMs) return { kind: 'timeout', durationMs: timeoutMs };
    return r;
  }
  http(req: { port: number; path: string }, now: number): HttpResult {
    if (this.done || !this.b.http) return { kind: 'refused' };
    return this.b.http(req, now - this.startMs, ++this.requests);
  }
  tcp(port: number, now: number): TcpResult {
    if (this.done || !this.b.tcp) return { kind: 'refused' };
    return this.b.tcp(port, now - this.startMs);
  }
  grpc(port: number, service: string, now: number): GrpcResult {
    if (this.done || !this.b.grpc) return { kind: 'refused' };
    return this.b.grpc(port, service, now - this.startMs);
  }
  logs(): { t: number; text: string }[] {
    return [];
  }
}

export function fakeRuntime(images: FakeImage[]): Runtime {
  const byRef = new Map(images.map((i) => [i.ref, i]));
  return {
    image(ref: string): ImageInfo {
      const i = byRef.get(ref);
      return {
        ref,
        known: !!i,
        behaviour: i ? `fake ${ref}` : `generic process (image "${ref}" is not in the fake catalogue)`,
        sizeBytes: i?.sizeBytes ?? 1_000_000,
        firstPullMs: i?.firstPullMs ?? 2_000,
        repullMs: i?.repullMs ?? 1_000,
        ...(i?.stopSignal ? { stopSignal: i.stopSignal } : {}),
      };
    },
    start(launch: ContainerLaunch, now: number): Process {
      const i = byRef.get(launch.image);
      return new FakeProcess(i ? i.behaviour(launch) : {}, now);
    },
  };
}

// ------------------------------------------------------------------ behaviours used across tests

/** Node.js server (smlinux/unhealthy, luksa/kubia-unhealthy): 200 for five requests, then 500; ignores SIGTERM. */
export const UNHEALTHY_NODE: FakeImage = {
  ref: 'smlinux/unhealthy',
  sizeBytes: 263_000_000,
  firstPullMs: 18_400,
  repullMs: 1_500,
  behaviour: () => ({
    http: (req, _up, n) =>
      req.port !== 8080 ? { kind: 'refused' } : n <= 5 ? { kind: 'response', status: 200, body: "You've hit x", durationMs: 2 } : { kind: 'response', status: 500, body: "I'm not well. Please restart me!", durationMs: 2 },
  }),
};

/** busybox running `touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600` (the docs' exec-liveness). */
export const EXEC_LIVENESS: FakeImage = {
  ref: 'registry.k8s.io/busybox:1.27.2',
  sizeBytes: 1_144_547,
  firstPullMs: 2_000,
  repullMs: 700,
  behaviour: () => ({
    exitAfterMs: 630_000,
    exitCode: 0,
    exec: (argv, up) =>
      argv.join(' ') === 'cat /tmp/healthy' && up < 30_000
        ? { kind: 'exited', exitCode: 0, output: '', durationMs: 1 }
        : { kind: 'exited', exitCode: 1, output: "cat: can't open '/tmp/healthy': No such file or directory\n", durationMs: 1 },
  }),
};

const ok = (output = ''): ExecResult => ({ kind: 'exited', exitCode: 0, output, durationMs: 1 });
const fail = (code: number, output: string): ExecResult => ({ kind: 'exited', exitCode: code, output, durationMs: 1 });

/**
 * A busybox whose files exist over uptime windows: `files(path, uptimeMs)` says whether a path exists.
 * Exec understands `cat FILE`, `/bin/true`, `/bin/false`, `sh -c "sleep N"`.
 */
export function busyboxExec(files: (path: string, uptimeMs: number) => boolean) {
  return (argv: string[], up: number): ExecResult => {
    const cmd = argv.join(' ');
    if (cmd === '/bin/true' || cmd === 'true') return ok();
    if (cmd === '/bin/false' || cmd === 'false') return fail(1, '');
    const sleep = /^(?:\/bin\/)?sh -c sleep (\d+)$/.exec(cmd);
    if (sleep) return { kind: 'exited', exitCode: 0, output: '', durationMs: Number(sleep[1]) * 1000 };
    const cat = /^cat (\S+)$/.exec(cmd);
    if (cat) return files(cat[1], up) ? ok('ok\n') : fail(1, `cat: can't open '${cat[1]}': No such file or directory\n`);
    return fail(127, `OCI runtime exec failed: exec failed: unable to start container process: exec: "${argv[0]}": executable file not found in $PATH: unknown`);
  };
}

/** busybox running a shell script decided by the test (files over time, exit at a time). */
export function busybox(ref: string, b: (launch: ContainerLaunch) => FakeBehaviour): FakeImage {
  return { ref, sizeBytes: 2_155_000, firstPullMs: 2_200, repullMs: 900, behaviour: b };
}

/** agnhost `liveness`: /healthz 200 while uptime <= 10 s, then 500; Go PID 1 exits 2 on SIGTERM; also listens on TCP 8080. */
export const AGNHOST: FakeImage = {
  ref: 'registry.k8s.io/e2e-test-images/agnhost:2.40',
  sizeBytes: 51_000_000,
  firstPullMs: 3_500,
  repullMs: 800,
  behaviour: (launch) => {
    const args = launch.args ?? [];
    if (args[0] === 'grpc-health-checking') {
      return { onTerm: { exitCode: 2 }, grpc: (port) => (port === 5000 ? { kind: 'serving' } : { kind: 'refused' }) };
    }
    return {
      onTerm: { exitCode: 2 },
      tcp: (port) => (port === 8080 ? { kind: 'connected' } : { kind: 'refused' }),
      http: (req, up) => {
        if (req.port !== 8080) return { kind: 'refused' };
        if (req.path !== '/healthz') return { kind: 'response', status: 404, body: '404 page not found\n', durationMs: 1 };
        return up <= 10_000
          ? { kind: 'response', status: 200, body: 'ok', durationMs: 1 }
          : { kind: 'response', status: 500, body: `error: ${Math.floor(up / 1000)}`, durationMs: 1 };
      },
    };
  },
};

/** registry.k8s.io/goproxy: TCP 8080 open at once; Go PID 1 exits 2 on SIGTERM. */
export const GOPROXY: FakeImage = {
  ref: 'registry.k8s.io/goproxy:0.1',
  sizeBytes: 1_700_000,
  behaviour: () => ({ onTerm: { exitCode: 2 }, tcp: (port) => (port === 8080 ? { kind: 'connected' } : { kind: 'refused' }) }),
};

/** etcd with gRPC health on 2379 (serving); exits 0 on SIGTERM. */
export const ETCD: FakeImage = {
  ref: 'registry.k8s.io/etcd:3.5.1-0',
  sizeBytes: 98_900_000,
  behaviour: () => ({
    onTerm: { exitCode: 0 },
    grpc: (port) => (port === 2379 ? { kind: 'serving' } : { kind: 'refused' }),
    tcp: (port) => (port === 2379 ? { kind: 'connected' } : { kind: 'refused' }),
  }),
};

/** An app that never answers on 8080 (startup probe never succeeds) unless STARTUP_DELAY seconds passed. */
export const SLOW_APP: FakeImage = {
  ref: 'kubedrill/slow-app:1.0',
  behaviour: (launch) => {
    const delay = launch.env.STARTUP_DELAY === undefined ? Infinity : Number(launch.env.STARTUP_DELAY) * 1000;
    return {
      http: (req, up) => (req.port === 8080 && up >= delay ? { kind: 'response', status: 200, body: 'ok', durationMs: 1 } : { kind: 'refused' }),
    };
  },
};

/** nginx: 200 on / port 80, 404 elsewhere; exits 0 on its stop signal. */
export const NGINX: FakeImage = {
  ref: 'nginx:1.14',
  sizeBytes: 44_000_000,
  stopSignal: 'SIGQUIT',
  behaviour: () => ({
    onTerm: { exitCode: 0 },
    exec: busyboxExec(() => false),
    http: (req) =>
      req.port !== 80 ? { kind: 'refused' } : req.path === '/' ? { kind: 'response', status: 200, body: '<html>', durationMs: 1 } : { kind: 'response', status: 404, body: 'not found', durationMs: 1 },
    tcp: (port) => (port === 80 ? { kind: 'connected' } : { kind: 'refused' }),
  }),
};
