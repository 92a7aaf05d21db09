// The contract between the kubelet simulator and the container runtime model (process + filesystem).
// The runtime never touches the host: commands are interpreted against a virtual filesystem.
import type { Signal } from '../trace.js';

export interface ContainerLaunch {
  name: string;
  image: string;
  /** Kubernetes `command` (overrides the image entrypoint) */
  command?: string[];
  /** Kubernetes `args` (overrides the image cmd) */
  args?: string[];
  env: Record<string, string>;
  ports: { name?: string; containerPort: number; protocol: string }[];
  workingDir?: string;
  /** the pod's IP, for /etc/hosts, `hostname -i` and server logs (default 10.244.0.5) */
  podIP?: string;
}

export interface ProcessExit {
  atMs: number;
  exitCode: number;
  /** set when a signal ended the process (exit code 128 + signo) */
  signal?: Signal;
  /** containerd's reason: Completed (0), Error (non-zero), OOMKilled; StartError when the command does not exist (exit 128) */
  reason: 'Completed' | 'Error' | 'OOMKilled' | 'StartError';
  /** containerd's message for the terminated state (set with StartError) */
  message?: string;
}

export type ExecResult =
  | { kind: 'exited'; exitCode: number; output: string; durationMs: number }
  | { kind: 'timeout'; durationMs: number }
  /**
   * the exec could not run at all: the CRI ExecSync call failed (the container is not running, or the
   * binary is missing from the image — containerd's `rpc error: ... OCI runtime exec failed ...`).
   * The kubelet reports such a probe as "errored" and discards its result.
   */
  | { kind: 'error'; message: string };

export type HttpResult =
  | { kind: 'response'; status: number; body: string; location?: string; durationMs: number }
  | { kind: 'refused' }
  | { kind: 'timeout' };

export type TcpResult = { kind: 'connected' } | { kind: 'refused' } | { kind: 'timeout' };

export type GrpcResult =
  | { kind: 'serving' }
  | { kind: 'not-serving' }
  | { kind: 'unimplemented' }
  | { kind: 'refused' }
  | { kind: 'timeout' };

export type SignalOutcome = 'ignored' | 'handled' | 'exited';

/**
 * A running container's main process. The simulator drives it in virtual time:
 * before any interaction at time `now` it calls `advance(now)`; it asks `nextWakeMs()` to
 * schedule the next time the process wants to act on its own.
 */
export interface Process {
  /** how this instance runs (e.g. "busybox sh", or why an unknown image runs as a generic process) */
  readonly behaviour?: string;
  /** next virtual time (ms) the process acts by itself, or undefined if it only waits */
  nextWakeMs(): number | undefined;
  /** run everything due at or before `now`; returns the exit once the process has exited */
  advance(now: number): ProcessExit | undefined;
  /** deliver a signal at `now` (the process is PID 1: default-ignored unless it handles it; SIGKILL always kills) */
  signal(sig: Signal, now: number): SignalOutcome;
  exited(): ProcessExit | undefined;
  /** exec probe: runs argv (not through a shell unless argv is sh -c ...) against this container's filesystem */
  exec(argv: string[], now: number, timeoutMs: number): ExecResult;
  http(req: { port: number; path: string; scheme: 'http' | 'https'; headers: Record<string, string> }, now: number, timeoutMs: number): HttpResult;
  tcp(port: number, now: number, timeoutMs: number): TcpResult;
  grpc(port: number, service: string, now: number, timeoutMs: number): GrpcResult;
  /** stdout/stderr lines written so far (for logs), each with its time */
  logs(): { t: number; text: string }[];
}

export interface ImageInfo {
  /** the image reference as written */
  ref: string;
  /** true when the catalogue knows this image */
  known: boolean;
  /** short human description of how it runs, e.g. "busybox sh", "nginx (HTTP :80)" */
  behaviour: string;
  sizeBytes: number;
  /** virtual pull duration for the first pull on the node and for later pulls */
  firstPullMs: number;
  repullMs: number;
  /** the image's STOPSIGNAL (containerd sends it instead of SIGTERM); default SIGTERM */
  stopSignal?: Signal;
}

export interface Runtime {
  image(ref: string): ImageInfo;
  /** start the container's main process at virtual time `now` with a fresh filesystem from the image */
  start(launch: ContainerLaunch, now: number): Process;
}
