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
    if (b.exitAfterMs !== undefined) {
      this.exitAt = startMs + b.exitAfterMs;
      this.pendingExit = { code: b.exitCode ?? 0 };
    }
  }
  private finish(atMs: number, code: number, signal?: Signal): ProcessExit {
    this.done = { atMs, exitCode: code, reason: code === 0 ? 'Completed' : 'Error', ...(signal ? { signal } : {}) };
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
