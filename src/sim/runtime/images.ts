// The built-in image catalogue (behaviours of the images CKA/CKAD exercises use) and image-reference matching.
import type { ImageSpec, ProgramSpec, StaticResponse } from './image-spec.js';
import { compileGlob } from './sh/glob.js';

const NGINX_INDEX = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

const NGINX_ACCESS_LOG = '{remote} - - [{time:%d/%b/%Y:%H:%M:%S %z}] "{method} {path} HTTP/1.1" {status} {bytes} "-" "{ua}" "-"';

/** The official image's entrypoint (abridged): it logs its configuration steps, then execs the command. */
const NGINX_ENTRYPOINT = `#!/bin/sh
set -e
if [ "$1" = "nginx" ] || [ "$1" = "nginx-debug" ]; then
    echo "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration"
    echo "/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/"
    echo "/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh"
    echo "10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf"
    echo "10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf"
    echo "/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh"
    echo "/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh"
    echo "/docker-entrypoint.sh: Configuration complete; ready for start up"
fi
exec "$@"
`;

function nginxProgram(version: string, noticeLogs: boolean): ProgramSpec {
  const t = '{time:%Y/%m/%d %H:%M:%S}';
  return {
    log: noticeLogs ? [`${t} [notice] 1#1: using the "epoll" event method`, `${t} [notice] 1#1: nginx/${version}`, `${t} [notice] 1#1: start worker processes`] : [],
    listeners: [
      {
        protocol: 'http',
        port: 80,
        routes: [],
        otherwise: { kind: 'files', root: '/usr/share/nginx/html', index: 'index.html', server: `nginx/${version}` },
        latencyMs: 1,
        accessLog: NGINX_ACCESS_LOG,
      },
    ],
    signals: {
      SIGQUIT: { action: 'exit', exitCode: 0, afterMs: 10, log: [`${t} [notice] 1#1: signal 3 (SIGQUIT) received, shutting down`, `${t} [notice] 1#1: exit`] },
      SIGTERM: { action: 'exit', exitCode: 0, afterMs: 5, log: [`${t} [notice] 1#1: signal 15 (SIGTERM) received, exiting`, `${t} [notice] 1#1: exit`] },
      SIGINT: { action: 'exit', exitCode: 0, afterMs: 5 },
    },
  };
}

const NODE_KUBIA = (healthyRequests: number | undefined): ProgramSpec => {
  const healthy: StaticResponse = { status: 200, body: "You've hit {hostname}\n" };
  return {
    log: ['Kubia server starting...'],
    listeners: [
      {
        protocol: 'http',
        port: 8080,
        routes: [],
        otherwise:
          healthyRequests === undefined
            ? { kind: 'static', ...healthy }
            : { kind: 'request-count', healthyRequests, healthy, unhealthy: { status: 500, body: "I'm not well. Please restart me!" } },
        latencyMs: 3,
        accessLog: 'Received request from ::ffff:{remote}',
      },
    ],
    // a Node.js server as PID 1 without a SIGTERM handler: the kernel drops the signal
  };
};

const GO_EXIT_2 = { action: 'exit', exitCode: 2 } as const;

const AGNHOST: ProgramSpec = {
  subcommands: {
    liveness: {
      listeners: [
        {
          protocol: 'http',
          port: 8080,
          routes: [
            {
              path: '/healthz',
              response: { kind: 'uptime', healthyForMs: 10_000, healthy: { status: 200, body: 'ok' }, unhealthy: { status: 500, body: 'error: {uptimeSeconds}' } },
            },
            { path: '/started', response: { kind: 'uptime-text' } },
            { path: '/redirect', response: { kind: 'redirect', param: 'loc' } },
          ],
          otherwise: { kind: 'static', status: 404, body: '404 page not found\n' },
        },
      ],
      signals: { SIGTERM: GO_EXIT_2, SIGINT: GO_EXIT_2, SIGQUIT: GO_EXIT_2, SIGHUP: GO_EXIT_2 },
    },
    netexec: {
      readyLog: ['Started HTTP server on port {port}', 'Started UDP server on port  8081'],
      listeners: [
        {
          protocol: 'http',
          port: 8080,
          portFlag: '--http-port',
          routes: [
            { path: '/', response: { kind: 'static', status: 200, body: 'NOW: {time:%Y-%m-%d %H:%M:%S.000000000 +0000 UTC}' } },
            { path: '/hostname', response: { kind: 'static', status: 200, body: '{hostname}' } },
            { path: '/healthz', response: { kind: 'static', status: 200, body: '' } },
          ],
          otherwise: { kind: 'static', status: 404, body: '404 page not found\n' },
        },
      ],
      signals: { SIGTERM: GO_EXIT_2, SIGINT: GO_EXIT_2 },
    },
    'grpc-health-checking': {
      log: ['grpc-health-checking config: {Port:5000 HTTPPort:8080 Service:}', 'Starting gRPC server on port 5000', 'Starting HTTP server on port 8080'],
      listeners: [
        { protocol: 'grpc', port: 5000, portFlag: '--port', status: 'SERVING' },
        {
          protocol: 'http',
          port: 8080,
          portFlag: '--http-port',
          routes: [
            { path: '/make-serving', response: { kind: 'static', status: 200, body: '' } },
            { path: '/make-not-serving', response: { kind: 'static', status: 200, body: '' } },
          ],
          otherwise: { kind: 'static', status: 404, body: '404 page not found\n' },
        },
      ],
      signals: { SIGTERM: GO_EXIT_2, SIGINT: GO_EXIT_2 },
    },
    'serve-hostname': {
      readyLog: ['Serving on port {port}.'],
      listeners: [{ protocol: 'http', port: 9376, portFlag: '--port', routes: [], otherwise: { kind: 'static', status: 200, body: '{hostname}' } }],
      signals: { SIGTERM: { action: 'exit', exitCode: 0, log: ['Exiting on signal: terminated'] } },
    },
    pause: {
      log: ['Paused'],
      signals: { SIGTERM: { action: 'exit', exitCode: 0, log: ['Shutting down after receiving signal: terminated.'] }, SIGINT: { action: 'exit', exitCode: 0 } },
    },
  },
  unknownSubcommand: { log: ['Error: unknown command "{arg1}" for "app"', "Run 'app --help' for usage."], exitCode: 1 },
};

const LIVENESS_SERVER = AGNHOST.subcommands!.liveness;

const APACHE: ProgramSpec = {
  log: [
    "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using {podIP}. Set the 'ServerName' directive globally to suppress this message",
    "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using {podIP}. Set the 'ServerName' directive globally to suppress this message",
    '[{time:%a %b %d %H:%M:%S.000000 %Y}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.62 (Unix) configured -- resuming normal operations',
    "[{time:%a %b %d %H:%M:%S.000000 %Y}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'",
  ],
  listeners: [
    {
      protocol: 'http',
      port: 80,
      routes: [],
      otherwise: { kind: 'files', root: '/usr/local/apache2/htdocs', index: 'index.html', server: 'Apache/2.4.62 (Unix)' },
      latencyMs: 1,
      accessLog: '{remote} - - [{time:%d/%b/%Y:%H:%M:%S %z}] "{method} {path} HTTP/1.1" {status} {bytes}',
    },
  ],
  signals: {
    SIGTERM: { action: 'exit', exitCode: 0, afterMs: 10, log: ['[{time:%a %b %d %H:%M:%S.000000 %Y}] [mpm_event:notice] [pid 1:tid 1] AH00491: caught SIGTERM, shutting down'] },
    SIGINT: { action: 'exit', exitCode: 0, afterMs: 10 },
  },
};

const ETCD: ProgramSpec = {
  log: [
    '{"level":"info","ts":"{time:%Y-%m-%dT%H:%M:%S.000Z}","caller":"etcdmain/etcd.go:72","msg":"Running: ","args":["etcd"]}',
    '{"level":"info","ts":"{time:%Y-%m-%dT%H:%M:%S.000Z}","caller":"embed/etcd.go:131","msg":"configuring peer listeners","listen-peer-urls":["http://localhost:2380"]}',
    '{"level":"info","ts":"{time:%Y-%m-%dT%H:%M:%S.000Z}","caller":"embed/serve.go:98","msg":"ready to serve client requests"}',
  ],
  listeners: [
    {
      protocol: 'grpc',
      port: 2379,
      status: 'SERVING',
      http: {
        routes: [
          { path: '/health', response: { kind: 'static', status: 200, body: '{"health":"true","reason":""}' } },
          { path: '/version', response: { kind: 'static', status: 200, body: '{"etcdserver":"3.5.1","etcdcluster":"3.5.0"}' } },
        ],
        otherwise: { kind: 'static', status: 404, body: '404 page not found\n' },
      },
    },
    { protocol: 'tcp', port: 2380 },
  ],
  // etcd's interrupt handler exits 0 at once when it is PID 1 (pkg/osutil/interrupt_unix.go)
  signals: {
    SIGTERM: { action: 'exit', exitCode: 0, afterMs: 20, log: ['{"level":"info","ts":"{time:%Y-%m-%dT%H:%M:%S.000Z}","caller":"osutil/interrupt_unix.go:64","msg":"received signal; shutting down","signal":"terminated"}'] },
    SIGINT: { action: 'exit', exitCode: 0, afterMs: 20 },
  },
};

const REDIS: ProgramSpec = {
  log: [
    '1:C {time:%d %b %Y %H:%M:%S}.000 * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo',
    '1:C {time:%d %b %Y %H:%M:%S}.000 * Redis version=7.2.4, bits=64, commit=00000000, modified=0, pid=1, just started',
    '1:M {time:%d %b %Y %H:%M:%S}.001 * Running mode=standalone, port=6379.',
    '1:M {time:%d %b %Y %H:%M:%S}.002 * Server initialized',
    '1:M {time:%d %b %Y %H:%M:%S}.002 * Ready to accept connections tcp',
  ],
  listeners: [{ protocol: 'tcp', port: 6379 }],
  signals: {
    SIGTERM: {
      action: 'exit',
      exitCode: 0,
      afterMs: 8,
      log: ['1:signal-handler ({time:%s}) Received SIGTERM scheduling shutdown...', '1:M {time:%d %b %Y %H:%M:%S}.100 # User requested shutdown...', '1:M {time:%d %b %Y %H:%M:%S}.101 # Redis is now ready to exit, bye bye...'],
    },
    SIGINT: { action: 'exit', exitCode: 0, afterMs: 8 },
  },
};

const SLOW_APP: ProgramSpec = {
  log: ['slow-app: warming up for {delaySeconds}s'],
  startupDelay: { env: 'STARTUP_DELAY', defaultSeconds: 60 },
  readyLog: ['slow-app: listening on :8080'],
  listeners: [
    {
      protocol: 'http',
      port: 8080,
      routes: [
        { path: '/healthz', response: { kind: 'static', status: 200, body: 'ok' } },
        { path: '/ready', response: { kind: 'static', status: 200, body: 'ready' } },
      ],
      otherwise: { kind: 'static', status: 200, body: 'slow-app is up\n' },
    },
  ],
  signals: { SIGTERM: { action: 'exit', exitCode: 0, afterMs: 2, log: ['slow-app: SIGTERM received, bye'] } },
};

const BUSYBOX_SHELL: Pick<ImageSpec, 'toolset' | 'cmd'> = { toolset: 'busybox', cmd: ['sh'] };

/** The built-in catalogue. Earlier entries win when several match (tag-specific ones come first). */
export const BUILTIN_IMAGES: readonly ImageSpec[] = [
  { repository: 'busybox', behaviour: 'busybox sh', sizeBytes: 2_155_941, firstPullMs: 2_318, repullMs: 1_104, ...BUSYBOX_SHELL },
  { repository: 'registry.k8s.io/busybox', behaviour: 'busybox sh', sizeBytes: 1_144_547, firstPullMs: 1_874, repullMs: 986, ...BUSYBOX_SHELL },
  { repository: 'registry.k8s.io/e2e-test-images/busybox', behaviour: 'busybox sh', sizeBytes: 732_746, firstPullMs: 1_602, repullMs: 941, ...BUSYBOX_SHELL },
  { repository: 'alpine', behaviour: 'alpine sh (busybox)', sizeBytes: 3_653_068, firstPullMs: 2_487, repullMs: 1_051, toolset: 'busybox', cmd: ['/bin/sh'] },
  { repository: 'ubuntu', behaviour: 'ubuntu bash (GNU coreutils)', sizeBytes: 29_754_422, firstPullMs: 4_916, repullMs: 1_212, toolset: 'gnu', cmd: ['/bin/bash'] },
  { repository: 'debian', behaviour: 'debian bash (GNU coreutils)', sizeBytes: 48_479_383, firstPullMs: 5_734, repullMs: 1_233, toolset: 'gnu', cmd: ['bash'] },
  {
    repository: 'nginx',
    tags: ['*alpine*'],
    behaviour: 'nginx (HTTP :80, alpine/busybox tools)',
    sizeBytes: 20_488_719,
    firstPullMs: 3_412,
    repullMs: 1_167,
    stopSignal: 'SIGQUIT',
    toolset: 'busybox',
    tools: ['curl'],
    entrypoint: ['/docker-entrypoint.sh'],
    cmd: ['nginx', '-g', 'daemon off;'],
    files: { '/docker-entrypoint.sh': NGINX_ENTRYPOINT, '/usr/share/nginx/html/index.html': NGINX_INDEX, '/usr/share/nginx/html/50x.html': '<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n</head>\n<body>\n<h1>An error occurred.</h1>\n</body>\n</html>\n' },
    programs: { '/usr/sbin/nginx': nginxProgram('1.27.3', true) },
  },
  {
    repository: 'nginx',
    tags: ['1.14*'],
    behaviour: 'nginx 1.14 (HTTP :80)',
    sizeBytes: 44_711_149,
    firstPullMs: 6_127,
    repullMs: 1_298,
    stopSignal: 'SIGTERM',
    toolset: 'gnu',
    cmd: ['nginx', '-g', 'daemon off;'],
    files: { '/usr/share/nginx/html/index.html': NGINX_INDEX.replace('html { color-scheme: light dark; }\n', ''), '/usr/share/nginx/html/50x.html': '<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n</head>\n<body>\n<h1>An error occurred.</h1>\n</body>\n</html>\n' },
    programs: { '/usr/sbin/nginx': nginxProgram('1.14.2', false) },
  },
  {
    repository: 'nginx',
    behaviour: 'nginx (HTTP :80)',
    sizeBytes: 72_195_292,
    firstPullMs: 7_845,
    repullMs: 1_321,
    stopSignal: 'SIGQUIT',
    toolset: 'gnu',
    tools: ['curl'],
    entrypoint: ['/docker-entrypoint.sh'],
    cmd: ['nginx', '-g', 'daemon off;'],
    files: { '/docker-entrypoint.sh': NGINX_ENTRYPOINT, '/usr/share/nginx/html/index.html': NGINX_INDEX, '/usr/share/nginx/html/50x.html': '<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n</head>\n<body>\n<h1>An error occurred.</h1>\n</body>\n</html>\n' },
    programs: { '/usr/sbin/nginx': nginxProgram('1.27.3', true) },
  },
  {
    repository: 'registry.k8s.io/e2e-test-images/agnhost',
    behaviour: 'agnhost (Go test server: liveness, netexec, grpc-health-checking, serve-hostname, pause)',
    sizeBytes: 51_237_874,
    firstPullMs: 5_873,
    repullMs: 1_187,
    toolset: 'busybox',
    tools: ['curl'],
    entrypoint: ['/agnhost'],
    programs: { '/agnhost': AGNHOST },
  },
  {
    repository: 'registry.k8s.io/liveness',
    behaviour: 'liveness test server (HTTP :8080, /healthz 200 for 10 s then 500)',
    sizeBytes: 2_545_338,
    firstPullMs: 1_712,
    repullMs: 905,
    toolset: 'none',
    entrypoint: ['/server'],
    programs: { '/server': LIVENESS_SERVER },
  },
  {
    repository: 'httpd',
    behaviour: 'Apache httpd (HTTP :80)',
    sizeBytes: 58_162_441,
    firstPullMs: 6_304,
    repullMs: 1_244,
    toolset: 'gnu',
    cmd: ['httpd-foreground'],
    files: { '/usr/local/apache2/htdocs/index.html': '<html><body><h1>It works!</h1></body></html>\n' },
    programs: { '/usr/local/bin/httpd-foreground': APACHE },
  },
  {
    repository: 'smlinux/unhealthy',
    behaviour: 'Node.js HTTP :8080, 200 for the first 5 requests then 500, ignores SIGTERM',
    sizeBytes: 262_402_187,
    firstPullMs: 18_400,
    repullMs: 1_500,
    toolset: 'gnu',
    entrypoint: ['node', 'app.js'],
    programs: { '/usr/local/bin/node': NODE_KUBIA(5) },
  },
  {
    repository: 'luksa/kubia-unhealthy',
    behaviour: 'Node.js HTTP :8080, 200 for the first 5 requests then 500, ignores SIGTERM',
    sizeBytes: 262_402_187,
    firstPullMs: 17_236,
    repullMs: 1_480,
    toolset: 'gnu',
    entrypoint: ['node', 'app.js'],
    programs: { '/usr/local/bin/node': NODE_KUBIA(5) },
  },
  {
    repository: 'luksa/kubia',
    behaviour: 'Node.js HTTP :8080 (always 200), ignores SIGTERM',
    sizeBytes: 262_401_873,
    firstPullMs: 17_102,
    repullMs: 1_462,
    toolset: 'gnu',
    entrypoint: ['node', 'app.js'],
    programs: { '/usr/local/bin/node': NODE_KUBIA(undefined) },
  },
  {
    repository: 'registry.k8s.io/goproxy',
    behaviour: 'goproxy (Go HTTP proxy, TCP :8080)',
    sizeBytes: 5_495_312,
    firstPullMs: 1_936,
    repullMs: 903,
    toolset: 'none',
    entrypoint: ['/goproxy'],
    programs: {
      '/goproxy': {
        listeners: [
          { protocol: 'http', port: 8080, routes: [], otherwise: { kind: 'static', status: 500, body: 'This is a proxy server. Does not respond to non-proxy requests.\n' } },
        ],
        signals: { SIGTERM: GO_EXIT_2, SIGINT: GO_EXIT_2 },
      },
    },
  },
  {
    repository: 'registry.k8s.io/etcd',
    behaviour: 'etcd (gRPC health :2379, exits 0 on SIGTERM)',
    sizeBytes: 98_888_614,
    firstPullMs: 9_214,
    repullMs: 1_260,
    toolset: 'none',
    cmd: ['/usr/local/bin/etcd'],
    programs: { '/usr/local/bin/etcd': ETCD },
  },
  {
    repository: 'redis',
    tags: ['*alpine*'],
    behaviour: 'redis (TCP :6379, alpine/busybox tools)',
    sizeBytes: 17_225_806,
    firstPullMs: 3_218,
    repullMs: 1_098,
    toolset: 'busybox',
    tools: ['redis-cli'],
    cmd: ['redis-server'],
    programs: { '/usr/local/bin/redis-server': REDIS },
  },
  {
    repository: 'redis',
    behaviour: 'redis (TCP :6379)',
    sizeBytes: 45_083_497,
    firstPullMs: 5_641,
    repullMs: 1_176,
    toolset: 'gnu',
    tools: ['redis-cli'],
    cmd: ['redis-server'],
    programs: { '/usr/local/bin/redis-server': REDIS },
  },
  {
    repository: 'kubedrill/slow-app',
    behaviour: 'slow-starting HTTP app (:8080 after $STARTUP_DELAY s, default 60)',
    sizeBytes: 12_582_912,
    firstPullMs: 2_640,
    repullMs: 1_020,
    toolset: 'busybox',
    entrypoint: ['/slow-app'],
    programs: { '/slow-app': SLOW_APP },
  },
  {
    repository: 'registry.k8s.io/pause',
    behaviour: 'pause (sleeps until stopped, exits 0 on SIGTERM)',
    sizeBytes: 320_368,
    firstPullMs: 1_210,
    repullMs: 812,
    toolset: 'none',
    entrypoint: ['/pause'],
    programs: { '/pause': { signals: { SIGTERM: { action: 'exit', exitCode: 0, log: ['Shutting down, got signal: Terminated'] }, SIGINT: { action: 'exit', exitCode: 0 } } } },
  },
];

export interface ImageRef {
  /** normalised repository (see ImageSpec.repository) */
  repository: string;
  tag: string;
  digest?: string;
}

/** Splits an image reference and normalises registry aliases: docker.io/library/busybox:1.36 -> busybox, 1.36. */
export function parseImageRef(ref: string): ImageRef {
  let rest = ref.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag = 'latest';
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  let repo = rest.toLowerCase();
  for (const p of ['docker.io/', 'index.docker.io/', 'registry-1.docker.io/']) if (repo.startsWith(p)) repo = repo.slice(p.length);
  if (repo.startsWith('library/')) repo = repo.slice('library/'.length);
  if (repo.startsWith('k8s.gcr.io/')) repo = 'registry.k8s.io/' + repo.slice('k8s.gcr.io/'.length);
  if (repo.startsWith('gcr.io/google-containers/')) repo = 'registry.k8s.io/' + repo.slice('gcr.io/google-containers/'.length);
  if (repo.startsWith('gcr.io/google_containers/')) repo = 'registry.k8s.io/' + repo.slice('gcr.io/google_containers/'.length);
  // agnhost moved between paths over the years
  if (repo === 'registry.k8s.io/agnhost') repo = 'registry.k8s.io/e2e-test-images/agnhost';
  return { repository: repo, tag, digest };
}

/** The first catalogue entry for this reference (pack entries are searched before the built-ins). */
export function findImage(catalogue: readonly ImageSpec[], ref: string): ImageSpec | undefined {
  const r = parseImageRef(ref);
  return catalogue.find((s) => parseImageRef(s.repository).repository === r.repository && (!s.tags || s.tags.some((t) => compileGlob(t).test(r.tag))));
}
