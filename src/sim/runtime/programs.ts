// Runs an image's own program (a server described by a ProgramSpec) in virtual time: logs, startup delay, listeners.
import type { ListenerSpec, ProgramSpec, ResponseSpec, RouteSpec, SignalAction, StaticResponse } from './image-spec.js';
import type { Gen, ShellHost, Stdio } from './sh/host.js';
import type { HttpAnswer, HttpRequest, Listener } from './net.js';
import { HTTP_REASON } from './net.js';
import { formatDate } from './sh/date.js';
import { resolvePath } from './vfs.js';
import type { Signal } from '../trace.js';

export type SignalTable = Partial<Record<Exclude<Signal, 'SIGKILL'>, SignalAction>>;

/** A template cut into literal text, {name} references and {time:FMT} clocks (cut once per template). */
type Part = string | { name: string; raw: string } | { time: string; perSecond: boolean; last?: { sec: number; text: string } };
const templates = new Map<string, Part[]>();

function partsOf(tpl: string): Part[] {
  let parts = templates.get(tpl);
  if (parts) return parts;
  parts = [];
  const re = /\{time:([^}]*)\}|\{([A-Za-z0-9]+)\}/g;
  let from = 0;
  for (let m = re.exec(tpl); m; m = re.exec(tpl)) {
    if (m.index > from) parts.push(tpl.slice(from, m.index));
    // a clock without %N (nanoseconds) reads the same all second long: its text is reused within the second
    parts.push(m[1] !== undefined ? { time: m[1], perSecond: !m[1].includes('%N') } : { name: m[2]!, raw: m[0] });
    from = re.lastIndex;
  }
  if (from < tpl.length) parts.push(tpl.slice(from));
  if (templates.size < 1000) templates.set(tpl, parts);
  return parts;
}

/** Substitutes {name} from `vars` and {time:FMT} with the virtual wall clock. */
export function fillTemplate(tpl: string, vars: Record<string, string>, wallMs: number): string {
  // every access-log line of every request goes through here: no regexp replace per call
  let out = '';
  for (const p of partsOf(tpl)) {
    if (typeof p === 'string') out += p;
    else if ('name' in p) out += p.name in vars ? vars[p.name] : p.raw;
    else if (p.perSecond) {
      const sec = Math.floor(wallMs / 1000);
      if (p.last?.sec !== sec) p.last = { sec, text: formatDate(wallMs, p.time) };
      out += p.last.text;
    } else out += formatDate(wallMs, p.time);
  }
  return out;
}

/** Go's time.Duration.String() for a millisecond duration (agnhost /started). */
export function goDurationString(ms: number): string {
  if (ms === 0) return '0s';
  const neg = ms < 0;
  let rest = Math.abs(ms);
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  if (h === 0 && m === 0 && rest < 1000) return `${neg ? '-' : ''}${rest}ms`;
  const s = (rest / 1000).toString();
  return `${neg ? '-' : ''}${h ? `${h}h` : ''}${h || m ? `${m}m` : ''}${s}s`;
}

function errorPage(status: number, server: string): string {
  if (server.startsWith('Apache')) {
    const what = status === 404 ? 'The requested URL was not found on this server.' : "You don't have permission to access this resource.";
    return `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>${status} ${HTTP_REASON[status] ?? ''}</title>\n</head><body>\n<h1>${HTTP_REASON[status] ?? ''}</h1>\n<p>${what}</p>\n</body></html>\n`;
  }
  return nginxErrorPage(status, server);
}

function nginxErrorPage(status: number, server: string): string {
  const title = `${status} ${HTTP_REASON[status] ?? ''}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>${server}</center>\r\n</body>\r\n</html>\r\n`;
}

interface ServerState {
  startedAt: number;
  requests: number;
  host: ShellHost;
  vars: Record<string, string>;
}

function render(r: StaticResponse, st: ServerState, now: number): { status: number; body: string; location?: string } {
  const vars = { ...st.vars, uptimeSeconds: String((now - st.startedAt) / 1000), requestCount: String(st.requests) };
  return { status: r.status, body: fillTemplate(r.body, vars, st.host.epochMs + now), location: r.location };
}

function respond(spec: ResponseSpec, req: HttpRequest, st: ServerState, now: number): { status: number; body: string; location?: string } | 'hang' {
  switch (spec.kind) {
    case 'static':
      return render(spec, st, now);
    case 'hang':
      return 'hang';
    case 'uptime':
      return render(now - st.startedAt <= spec.healthyForMs ? spec.healthy : spec.unhealthy, st, now);
    case 'request-count':
      return render(st.requests <= spec.healthyRequests ? spec.healthy : spec.unhealthy, st, now);
    case 'uptime-text':
      return { status: 200, body: goDurationString(now - st.startedAt) };
    case 'redirect': {
      const q = new URLSearchParams(req.path.split('?')[1] ?? '');
      const loc = q.get(spec.param) ?? '';
      return { status: 302, body: `<a href="${loc}">Found</a>.\n\n`, location: loc };
    }
    case 'files': {
      const fs = st.host.fs;
      let urlPath: string;
      try {
        urlPath = decodeURIComponent(req.path.split('?')[0]);
      } catch {
        return { status: 400, body: errorPage(400, spec.server) };
      }
      const path = resolvePath(spec.root, '.' + urlPath);
      const n = fs.stat(path);
      if (n?.kind === 'dir') {
        const idx = fs.stat(`${path === '/' ? '' : path}/${spec.index}`);
        if (idx?.kind === 'file') return { status: 200, body: idx.data };
        return { status: 403, body: errorPage(403, spec.server) };
      }
      if (n?.kind === 'file') return { status: 200, body: n.data };
      return { status: 404, body: errorPage(404, spec.server) };
    }
  }
}

function matchRoute(routes: RouteSpec[], path: string): RouteSpec | undefined {
  const p = path.split('?')[0];
  return routes.find((r) => (r.prefix ? p.startsWith(r.path) : p === r.path));
}

function httpHandler(routes: RouteSpec[], otherwise: ResponseSpec, latencyMs: number, accessLog: string | undefined, st: ServerState, io: Stdio) {
  return (req: HttpRequest, now: number): HttpAnswer => {
    st.requests++;
    const route = matchRoute(routes, req.path);
    const r = respond(route ? route.response : otherwise, req, st, now);
    if (r === 'hang') return { kind: 'hang' };
    if (accessLog) {
      const ua = Object.entries(req.headers).find(([k]) => k.toLowerCase() === 'user-agent')?.[1] ?? '-';
      const vars = { remote: req.remote, method: req.method, path: req.path, status: String(r.status), bytes: String(r.body.length), ua };
      io.out.write(fillTemplate(accessLog, vars, st.host.epochMs + now) + '\n');
    }
    return { kind: 'response', status: r.status, body: r.body, location: r.location, delayMs: latencyMs };
  };
}

function buildListener(l: ListenerSpec, owner: number, st: ServerState, io: Stdio): Listener {
  switch (l.protocol) {
    case 'http':
      return { owner, proto: 'http', http: httpHandler(l.routes, l.otherwise, l.latencyMs ?? 2, l.accessLog, st, io) };
    case 'tcp':
      return { owner, proto: 'tcp' };
    case 'grpc':
      return {
        owner,
        proto: 'grpc',
        grpc: (service) => {
          if (l.health === false) return 'unimplemented';
          const s = service === '' ? l.status : l.services?.[service];
          if (s === undefined) return 'unknown-service';
          return s === 'SERVING' ? 'serving' : 'not-serving';
        },
        http: l.http ? httpHandler(l.http.routes, l.http.otherwise, 2, undefined, st, io) : undefined,
      };
  }
}

/** The value of `--flag=V` or `--flag V` in argv. */
function flagValue(argv: string[], flag: string): string | undefined {
  for (let i = 1; i < argv.length; i++) {
    if (argv[i] === flag) return argv[i + 1];
    if (argv[i].startsWith(flag + '=')) return argv[i].slice(flag.length + 1);
  }
  return undefined;
}

/**
 * Runs a program of the image. `onInit` is called with the program's signal table when it runs as PID 1
 * (the process model uses it for SIGTERM/SIGQUIT behaviour).
 */
export function* runProgramSpec(
  spec: ProgramSpec,
  argv: string[],
  io: Stdio,
  env: Record<string, string>,
  host: ShellHost,
  onInit: ((signals: SignalTable) => void) | undefined,
): Gen {
  let s = spec;
  const vars: Record<string, string> = { hostname: host.hostname, podIP: host.podIP, arg1: argv[1] ?? '' };
  const log = (lines: string[] | undefined) => {
    for (const line of lines ?? []) io.out.write(fillTemplate(line, vars, host.epochMs + host.now()) + '\n');
  };
  if (spec.subcommands) {
    const sub = argv[1] !== undefined ? spec.subcommands[argv[1]] : undefined;
    if (!sub) {
      const u = spec.unknownSubcommand ?? { log: [], exitCode: 1 };
      log(u.log);
      return u.exitCode;
    }
    s = sub;
  }
  onInit?.(s.signals ?? {});
  let delayMs = s.startupDelay?.ms ?? 0;
  if (s.startupDelay?.env !== undefined) {
    const raw = env[s.startupDelay.env];
    const secs = raw !== undefined && /^[0-9]+(\.[0-9]+)?$/.test(raw.trim()) ? Number(raw) : (s.startupDelay.defaultSeconds ?? 0);
    delayMs = Math.round(secs * 1000);
  }
  vars.delaySeconds = String(delayMs / 1000);
  log(s.log);
  if (delayMs > 0) yield { t: 'sleep', ms: delayMs };
  const owner = host.currentTask();
  const st: ServerState = { startedAt: host.now(), requests: 0, host, vars };
  for (const l of s.listeners ?? []) {
    const portEnv = l.protocol === 'grpc' ? undefined : l.portEnv;
    const fromEnv = portEnv !== undefined ? Number(env[portEnv]) : NaN;
    const fromFlag = l.portFlag !== undefined ? Number(flagValue(argv, l.portFlag)) : NaN;
    const port = Number.isInteger(fromFlag) && fromFlag > 0 ? fromFlag : Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : l.port;
    if (vars.port === undefined) vars.port = String(port);
    if (!host.net.listen(port, buildListener(l, owner, st, io))) {
      io.err.write(`listen tcp :${port}: bind: address already in use\n`);
      return 1;
    }
  }
  log(s.readyLog);
  if (s.exit) {
    if (s.exit.afterMs > 0) yield { t: 'sleep', ms: s.exit.afterMs };
    log(s.exit.log);
    return s.exit.exitCode;
  }
  yield { t: 'block' };
  return 0;
}
