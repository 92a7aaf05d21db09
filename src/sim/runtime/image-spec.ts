// The image catalogue's data format: how an image behaves, as plain data that exercise packs can extend from YAML.
import type { Signal } from '../trace.js';

/** A fixed answer; `body` may use {hostname} {uptimeSeconds} {requestCount}. */
export interface StaticResponse {
  status: number;
  body: string;
  location?: string;
}

export type ResponseSpec =
  | ({ kind: 'static' } & StaticResponse)
  /** serve files from the container filesystem like nginx/httpd: 200, 403 for a directory without index, 404 */
  | { kind: 'files'; root: string; index: string; server: string }
  /** agnhost liveness: `healthy` while the process has been up for at most `healthyForMs`, then `unhealthy` */
  | { kind: 'uptime'; healthyForMs: number; healthy: StaticResponse; unhealthy: StaticResponse }
  /** kubia-unhealthy: the first `healthyRequests` requests (any path) get `healthy`, later ones `unhealthy` */
  | { kind: 'request-count'; healthyRequests: number; healthy: StaticResponse; unhealthy: StaticResponse }
  /** agnhost /redirect?loc=URL: 302 to the query parameter */
  | { kind: 'redirect'; param: string }
  /** agnhost /started: the uptime as a Go duration string */
  | { kind: 'uptime-text' }
  /** the handler takes longer than any probe timeout */
  | { kind: 'hang' };

export interface RouteSpec {
  /** request path without the query string; with `prefix: true` every path starting with it */
  path: string;
  prefix?: boolean;
  response: ResponseSpec;
}

export type ListenerSpec =
  | {
      protocol: 'http';
      port: number;
      /** take the port from this environment variable when set */
      portEnv?: string;
      /** or from this command-line flag (`--http-port=9000` or `--http-port 9000`) */
      portFlag?: string;
      routes: RouteSpec[];
      /** the answer for paths no route matches */
      otherwise: ResponseSpec;
      /** server-side handling time per request, ms (default 2) */
      latencyMs?: number;
      /** log line per request; {remote} {method} {path} {status} {bytes} {ua} {time:FMT} */
      accessLog?: string;
    }
  | { protocol: 'tcp'; port: number; portEnv?: string; portFlag?: string }
  | {
      protocol: 'grpc';
      port: number;
      portFlag?: string;
      /** grpc.health.v1 status of the overall server ("" service); named services listed separately */
      status: 'SERVING' | 'NOT_SERVING';
      services?: Record<string, 'SERVING' | 'NOT_SERVING'>;
      /** false: the server does not implement the health protocol */
      health?: boolean;
      /** the same port also answers plain HTTP/1.1 (etcd) */
      http?: { routes: RouteSpec[]; otherwise: ResponseSpec };
    };

export type SignalAction =
  | { action: 'ignore' }
  /** the process exits with `exitCode` `afterMs` after the signal (0 = at once), logging `log` lines first */
  | { action: 'exit'; exitCode: number; afterMs?: number; log?: string[] };

/** A program shipped in the image (the entrypoint binary, or another binary exec'd by a command). */
export interface ProgramSpec {
  /** behaviour chosen by the first argument (agnhost liveness|netexec|...) */
  subcommands?: Record<string, ProgramSpec>;
  /** when `subcommands` is set and argv[1] matches none: print `log` and exit */
  unknownSubcommand?: { log: string[]; exitCode: number };
  /** printed at start; {arg1} {hostname} {time:FMT} are substituted */
  log?: string[];
  /** delay before listening: fixed ms, or seconds from an env var with a default */
  startupDelay?: { ms?: number; env?: string; defaultSeconds?: number };
  /** printed once listening; {delaySeconds} available */
  readyLog?: string[];
  listeners?: ListenerSpec[];
  /** exits by itself (a crashing app) */
  exit?: { afterMs: number; exitCode: number; log?: string[] };
  /** PID-1 behaviour per signal; missing = ignored (the kernel drops unhandled signals for PID 1) */
  signals?: Partial<Record<Exclude<Signal, 'SIGKILL'>, SignalAction>>;
}

export interface ImageSpec {
  /** normalised repository: docker.io/ and library/ dropped, k8s.gcr.io/ -> registry.k8s.io/ (e.g. "busybox", "registry.k8s.io/goproxy") */
  repository: string;
  /** glob patterns for the tag (e.g. "1.14*", "*alpine*"); absent = every tag. The first matching entry wins. */
  tags?: string[];
  /** short description for traces, e.g. "busybox sh" */
  behaviour: string;
  sizeBytes: number;
  firstPullMs: number;
  repullMs: number;
  stopSignal?: Signal;
  /** shell and tools for command overrides and exec probes: busybox (ash + applets), gnu (dash + coreutils), none (distroless) */
  toolset: 'busybox' | 'gnu' | 'none';
  /** extra tools from kubedrill's set that this image also has (e.g. curl, redis-cli) */
  tools?: string[];
  /** image ENTRYPOINT and CMD */
  entrypoint?: string[];
  cmd?: string[];
  workingDir?: string;
  env?: Record<string, string>;
  /** files the image contains: absolute path -> content */
  files?: Record<string, string>;
  /** programs by absolute path (e.g. "/usr/sbin/nginx") */
  programs?: Record<string, ProgramSpec>;
}

const staticResponse = {
  type: 'object',
  required: ['status', 'body'],
  additionalProperties: false,
  properties: { status: { type: 'integer', minimum: 100, maximum: 599 }, body: { type: 'string' }, location: { type: 'string' } },
};

const kindOnly = (kind: string, props: Record<string, unknown>, required: string[]) => ({
  type: 'object',
  required: ['kind', ...required],
  additionalProperties: false,
  properties: { kind: { const: kind }, ...props },
});

const port = { type: 'integer', minimum: 1, maximum: 65535 };
const signalEnum = ['SIGTERM', 'SIGKILL', 'SIGINT', 'SIGQUIT', 'SIGHUP', 'SIGUSR1', 'SIGUSR2'];
const stringList = { type: 'array', items: { type: 'string' } };

/** JSON Schema (draft-07) for one ImageSpec, so the pack loader can validate pack-supplied images with ajv. */
export const IMAGE_SPEC_JSON_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://kubedrill.dev/schemas/image-spec.json',
  title: 'kubedrill image spec',
  type: 'object',
  required: ['repository', 'behaviour', 'sizeBytes', 'firstPullMs', 'repullMs', 'toolset'],
  additionalProperties: false,
  properties: {
    repository: { type: 'string', minLength: 1, pattern: '^[a-z0-9][a-z0-9._/:-]*$' },
    tags: { type: 'array', items: { type: 'string', minLength: 1 } },
    behaviour: { type: 'string', minLength: 1 },
    sizeBytes: { type: 'integer', minimum: 0 },
    firstPullMs: { type: 'integer', minimum: 0 },
    repullMs: { type: 'integer', minimum: 0 },
    stopSignal: { enum: signalEnum },
    toolset: { enum: ['busybox', 'gnu', 'none'] },
    tools: stringList,
    entrypoint: stringList,
    cmd: stringList,
    workingDir: { type: 'string', pattern: '^/' },
    env: { type: 'object', additionalProperties: { type: 'string' } },
    files: { type: 'object', propertyNames: { pattern: '^/' }, additionalProperties: { type: 'string' } },
    programs: { type: 'object', propertyNames: { pattern: '^/' }, additionalProperties: { $ref: '#/definitions/program' } },
  },
  definitions: {
    staticResponse,
    response: {
      oneOf: [
        kindOnly('static', staticResponse.properties, ['status', 'body']),
        kindOnly('files', { root: { type: 'string' }, index: { type: 'string' }, server: { type: 'string' } }, ['root', 'index', 'server']),
        kindOnly('uptime', { healthyForMs: { type: 'integer', minimum: 0 }, healthy: { $ref: '#/definitions/staticResponse' }, unhealthy: { $ref: '#/definitions/staticResponse' } }, ['healthyForMs', 'healthy', 'unhealthy']),
        kindOnly('request-count', { healthyRequests: { type: 'integer', minimum: 0 }, healthy: { $ref: '#/definitions/staticResponse' }, unhealthy: { $ref: '#/definitions/staticResponse' } }, ['healthyRequests', 'healthy', 'unhealthy']),
        kindOnly('redirect', { param: { type: 'string' } }, ['param']),
        kindOnly('uptime-text', {}, []),
        kindOnly('hang', {}, []),
      ],
    },
    route: {
      type: 'object',
      required: ['path', 'response'],
      additionalProperties: false,
      properties: { path: { type: 'string', pattern: '^/' }, prefix: { type: 'boolean' }, response: { $ref: '#/definitions/response' } },
    },
    listener: {
      oneOf: [
        {
          type: 'object',
          required: ['protocol', 'port', 'routes', 'otherwise'],
          additionalProperties: false,
          properties: {
            protocol: { const: 'http' },
            port,
            portEnv: { type: 'string' },
            portFlag: { type: 'string', pattern: '^-' },
            routes: { type: 'array', items: { $ref: '#/definitions/route' } },
            otherwise: { $ref: '#/definitions/response' },
            latencyMs: { type: 'integer', minimum: 0 },
            accessLog: { type: 'string' },
          },
        },
        { type: 'object', required: ['protocol', 'port'], additionalProperties: false, properties: { protocol: { const: 'tcp' }, port, portEnv: { type: 'string' }, portFlag: { type: 'string', pattern: '^-' } } },
        {
          type: 'object',
          required: ['protocol', 'port', 'status'],
          additionalProperties: false,
          properties: {
            protocol: { const: 'grpc' },
            port,
            portFlag: { type: 'string', pattern: '^-' },
            status: { enum: ['SERVING', 'NOT_SERVING'] },
            services: { type: 'object', additionalProperties: { enum: ['SERVING', 'NOT_SERVING'] } },
            health: { type: 'boolean' },
            http: {
              type: 'object',
              required: ['routes', 'otherwise'],
              additionalProperties: false,
              properties: { routes: { type: 'array', items: { $ref: '#/definitions/route' } }, otherwise: { $ref: '#/definitions/response' } },
            },
          },
        },
      ],
    },
    signalAction: {
      oneOf: [
        { type: 'object', required: ['action'], additionalProperties: false, properties: { action: { const: 'ignore' } } },
        {
          type: 'object',
          required: ['action', 'exitCode'],
          additionalProperties: false,
          properties: { action: { const: 'exit' }, exitCode: { type: 'integer', minimum: 0, maximum: 255 }, afterMs: { type: 'integer', minimum: 0 }, log: stringList },
        },
      ],
    },
    program: {
      type: 'object',
      additionalProperties: false,
      properties: {
        subcommands: { type: 'object', additionalProperties: { $ref: '#/definitions/program' } },
        unknownSubcommand: {
          type: 'object',
          required: ['log', 'exitCode'],
          additionalProperties: false,
          properties: { log: stringList, exitCode: { type: 'integer', minimum: 0, maximum: 255 } },
        },
        log: stringList,
        startupDelay: {
          type: 'object',
          additionalProperties: false,
          properties: { ms: { type: 'integer', minimum: 0 }, env: { type: 'string' }, defaultSeconds: { type: 'number', minimum: 0 } },
        },
        readyLog: stringList,
        listeners: { type: 'array', items: { $ref: '#/definitions/listener' } },
        exit: {
          type: 'object',
          required: ['afterMs', 'exitCode'],
          additionalProperties: false,
          properties: { afterMs: { type: 'integer', minimum: 0 }, exitCode: { type: 'integer', minimum: 0, maximum: 255 }, log: stringList },
        },
        signals: {
          type: 'object',
          additionalProperties: false,
          properties: Object.fromEntries(signalEnum.filter((s) => s !== 'SIGKILL').map((s) => [s, { $ref: '#/definitions/signalAction' }])),
        },
      },
    },
  },
} as const;
