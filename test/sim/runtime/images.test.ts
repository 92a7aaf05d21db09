// The image catalogue: reference matching, pull data, and every built-in image's answers over virtual time.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Ajv } from 'ajv';
import { BUILTIN_IMAGES, IMAGE_SPEC_JSON_SCHEMA, createRuntime, parseImageRef, type ImageSpec } from '../../../src/sim/runtime/index.js';
import type { ContainerLaunch, Process } from '../../../src/sim/runtime/types.js';

const rt = createRuntime();
const start = (image: string, over: Partial<ContainerLaunch> = {}, now = 0): Process => rt.start({ name: 'web-1', image, env: {}, ports: [], ...over }, now);
const get = (p: Process, port: number, path: string, now: number) => p.http({ port, path, scheme: 'http', headers: { 'User-Agent': 'kube-probe/1.33', Accept: '*/*' } }, now, 1_000);
const status = (p: Process, port: number, path: string, now: number) => {
  const r = get(p, port, path, now);
  return r.kind === 'response' ? r.status : r.kind;
};

describe('image references', () => {
  const table: [string, string, string][] = [
    ['busybox', 'busybox', 'latest'],
    ['docker.io/library/busybox:1.36', 'busybox', '1.36'],
    ['library/nginx:1.14.2', 'nginx', '1.14.2'],
    ['k8s.gcr.io/busybox', 'registry.k8s.io/busybox', 'latest'],
    ['registry.k8s.io/e2e-test-images/agnhost:2.40', 'registry.k8s.io/e2e-test-images/agnhost', '2.40'],
    ['localhost:5000/app:v1', 'localhost:5000/app', 'v1'],
    ['busybox@sha256:abc', 'busybox', 'latest'],
  ];
  for (const [ref, repo, tag] of table) {
    it(`${ref} -> ${repo}:${tag}`, () => {
      const r = parseImageRef(ref);
      assert.equal(r.repository, repo);
      assert.equal(r.tag, tag);
    });
  }

  it('tag patterns pick the right nginx', () => {
    assert.equal(rt.image('nginx:1.14.2').sizeBytes, 44_711_149);
    assert.equal(rt.image('nginx:1.25-alpine').behaviour, 'nginx (HTTP :80, alpine/busybox tools)');
    assert.equal(rt.image('docker.io/library/nginx').behaviour, 'nginx (HTTP :80)');
    assert.equal(rt.image('nginx').stopSignal, 'SIGQUIT');
  });

  it('smlinux/unhealthy pulls slowly the first time only', () => {
    const i = rt.image('smlinux/unhealthy');
    assert.equal(i.known, true);
    assert.equal(i.firstPullMs, 18_400);
    assert.equal(i.repullMs, 1_500);
  });

  it('an unknown image says so', () => {
    const i = rt.image('foo/bar:1');
    assert.equal(i.known, false);
    assert.equal(i.behaviour, 'generic process (image "foo/bar:1" is not in kubedrill\'s catalogue: it runs until stopped, opens no ports, ignores SIGTERM)');
  });
});

describe('the ImageSpec JSON schema', () => {
  const validate = new Ajv({ allErrors: true }).compile(IMAGE_SPEC_JSON_SCHEMA);
  it('accepts every built-in image', () => {
    for (const spec of BUILTIN_IMAGES) assert.ok(validate(spec), `${spec.repository}: ${JSON.stringify(validate.errors)}`);
  });
  it('rejects a malformed spec', () => {
    assert.equal(validate({ repository: 'x', behaviour: 'b', sizeBytes: 1, firstPullMs: 1, repullMs: 1, toolset: 'zsh' }), false);
    assert.equal(validate({ repository: 'x', behaviour: 'b', sizeBytes: 1, firstPullMs: 1, repullMs: 1, toolset: 'none', programs: { '/x': { listeners: [{ protocol: 'http', port: 0 }] } } }), false);
  });
});

describe('busybox', () => {
  it('with no command runs sh with no input and exits 0 at once', () => {
    const p = start('busybox');
    assert.deepEqual(p.advance(0), { atMs: 0, exitCode: 0, reason: 'Completed' });
  });
  it('a real applet kubedrill does not interpret runs as a generic process', () => {
    const p = start('busybox', { command: ['watch', 'date'] });
    assert.match(p.behaviour ?? '', /its command "watch" is not modelled/);
    assert.equal(p.advance(60_000), undefined);
  });
  it('a command that is not in the image cannot start', () => {
    const p = start('busybox', { command: ['nginx'] });
    const e = p.exited();
    assert.equal(e?.exitCode, 128);
    assert.equal(e?.reason, 'StartError');
    assert.match(e?.message ?? '', /exec: "nginx": executable file not found in \$PATH/);
  });
});

describe('nginx', () => {
  it('serves / from the filesystem on port 80 and 404 elsewhere', () => {
    const p = start('nginx:1.14.2');
    const r = get(p, 80, '/', 100);
    assert.ok(r.kind === 'response' && r.status === 200 && r.body.includes('<h1>Welcome to nginx!</h1>'));
    assert.equal(status(p, 80, '/healthz', 100), 404);
    assert.equal(status(p, 8080, '/', 100), 'refused');
    assert.equal(p.logs().at(-1)?.text, '10.244.0.1 - - [01/Jan/2025:00:00:00 +0000] "GET /healthz HTTP/1.1" 404 153 "-" "kube-probe/1.33" "-"');
  });
  it('answers 403 once index.html is removed', () => {
    const p = start('nginx');
    p.exec(['rm', '/usr/share/nginx/html/index.html'], 100, 1_000);
    assert.equal(status(p, 80, '/', 200), 403);
  });
  it('exits 0 shortly after SIGQUIT (its STOPSIGNAL) and after SIGTERM', () => {
    for (const sig of ['SIGQUIT', 'SIGTERM'] as const) {
      const p = start('nginx');
      assert.equal(p.signal(sig, 5_000), 'handled');
      assert.ok((p.nextWakeMs() ?? 0) <= 5_010);
      const e = p.advance(6_000);
      assert.equal(e?.exitCode, 0);
      assert.equal(e?.reason, 'Completed');
      assert.ok(e!.atMs > 5_000 && e!.atMs <= 5_010);
    }
  });
  it('the image entrypoint logs its configuration and execs nginx as PID 1', () => {
    const p = start('nginx:1.27');
    p.advance(0);
    const logs = p.logs().map((l) => l.text);
    assert.equal(logs[0], '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration');
    assert.ok(logs.includes('2025/01/01 00:00:00 [notice] 1#1: nginx/1.27.3'));
    assert.equal(p.signal('SIGQUIT', 1_000), 'handled');
  });
  it('a command the model does not know runs as a generic process and says so', () => {
    const p = start('nginx', { command: ['python3', '-m', 'http.server'] });
    assert.match(p.behaviour ?? '', /its command "python3" is not modelled: generic process/);
    assert.equal(p.advance(60_000), undefined);
    assert.equal(p.signal('SIGTERM', 60_000), 'ignored');
  });
  it('a command override runs the script in dash with GNU tools', () => {
    const p = start('nginx', { command: ['sh', '-c', 'cat /nope; sleep 5'] });
    assert.equal(p.advance(5_000)?.exitCode, 0);
    assert.deepEqual(p.logs().map((l) => l.text), ['cat: /nope: No such file or directory']);
  });
});

describe('agnhost', () => {
  it('liveness: /healthz 200 ok for the first 10 s of the process, then 500 error: N', () => {
    const p = start('registry.k8s.io/e2e-test-images/agnhost:2.40', { args: ['liveness'] }, 2_000);
    const at = (t: number) => {
      const r = get(p, 8080, '/healthz', t);
      return r.kind === 'response' ? `${r.status} ${r.body}` : r.kind;
    };
    assert.equal(at(5_000), '200 ok');
    assert.equal(at(12_000), '200 ok');
    assert.equal(at(12_001), '500 error: 10.001');
    assert.equal(at(15_000), '500 error: 13');
    const started = get(p, 8080, '/started', 15_000);
    assert.equal(started.kind === 'response' && started.body, '13s');
    const redirect = get(p, 8080, '/redirect?loc=%2Fhealthz', 15_000);
    assert.deepEqual(redirect.kind === 'response' && [redirect.status, redirect.location], [302, '/healthz']);
    assert.equal(status(p, 8080, '/other', 15_000), 404);
  });
  it('exits 2 at once on SIGTERM (Go runtime as PID 1)', () => {
    const p = start('registry.k8s.io/e2e-test-images/agnhost:2.40', { args: ['liveness'] });
    assert.equal(p.signal('SIGTERM', 20_000), 'exited');
    assert.deepEqual(p.exited(), { atMs: 20_000, exitCode: 2, reason: 'Error' });
    assert.equal(status(p, 8080, '/healthz', 20_000), 'refused');
  });
  it('grpc-health-checking serves gRPC health on 5000', () => {
    const p = start('registry.k8s.io/e2e-test-images/agnhost:2.40', { args: ['grpc-health-checking'] });
    assert.deepEqual(p.grpc(5000, '', 1_000, 1_000), { kind: 'serving' });
    assert.deepEqual(p.grpc(2333, '', 1_000, 1_000), { kind: 'refused' });
    assert.deepEqual(p.grpc(5000, 'other.Service', 1_000, 1_000), { kind: 'not-serving' });
  });
  it('netexec takes its port from --http-port', () => {
    const p = start('registry.k8s.io/e2e-test-images/agnhost:2.40', { args: ['netexec', '--http-port=9000'] });
    assert.equal(status(p, 9000, '/hostname', 1_000), 200);
    assert.equal(status(p, 8080, '/hostname', 1_000), 'refused');
    assert.equal(p.logs()[0].text, 'Started HTTP server on port 9000');
  });
  it('exec nginx from a shell makes nginx PID 1 (SIGQUIT handled)', () => {
    const p = start('nginx', { command: ['sh', '-c', 'echo pre; exec nginx -g "daemon off;"'] });
    assert.equal(status(p, 80, '/', 10), 200);
    assert.equal(p.signal('SIGQUIT', 100), 'handled');
    assert.equal(p.advance(1_000)?.exitCode, 0);
  });
  it('an unknown subcommand exits 1 with cobra\'s message', () => {
    const p = start('registry.k8s.io/e2e-test-images/agnhost:2.40', { args: ['nope'] });
    assert.equal(p.advance(0)?.exitCode, 1);
    assert.deepEqual(p.logs()[0], { t: 0, text: 'Error: unknown command "nope" for "app"' });
  });
});

describe('other catalogue servers', () => {
  it('the old docs image k8s.gcr.io/liveness behaves like agnhost liveness', () => {
    const p = start('k8s.gcr.io/liveness', { args: ['/server'] });
    assert.equal(status(p, 8080, '/healthz', 10_000), 200);
    assert.equal(status(p, 8080, '/healthz', 10_001), 500);
  });
  it('Apache httpd serves It works! on 80', () => {
    const p = start('httpd:2.4');
    const r = get(p, 80, '/', 100);
    assert.equal(r.kind === 'response' && r.body, '<html><body><h1>It works!</h1></body></html>\n');
    assert.equal(status(p, 80, '/nope', 100), 404);
  });
});

describe('Node.js unhealthy servers', () => {
  for (const image of ['smlinux/unhealthy', 'luksa/kubia-unhealthy']) {
    it(`${image}: 200 for the first five requests, 500 after, SIGTERM ignored`, () => {
      const p = start(image);
      const seen = [1, 2, 3, 4, 5, 6, 7].map((i) => {
        const r = get(p, 8080, '/', i * 1_000);
        return r.kind === 'response' ? r.status : r.kind;
      });
      assert.deepEqual(seen, [200, 200, 200, 200, 200, 500, 500]);
      const first = start(image);
      const r = get(first, 8080, '/', 0);
      assert.equal(r.kind === 'response' && r.body, "You've hit web-1\n");
      assert.equal(p.signal('SIGTERM', 10_000), 'ignored');
      assert.equal(p.advance(40_000), undefined);
      assert.deepEqual(p.logs().slice(0, 2).map((l) => l.text), ['Kubia server starting...', 'Received request from ::ffff:10.244.0.1']);
    });
  }
});

describe('TCP and gRPC servers', () => {
  it('goproxy listens on TCP 8080 and exits 2 on SIGTERM', () => {
    const p = start('registry.k8s.io/goproxy:0.1');
    assert.deepEqual(p.tcp(8080, 15_000, 1_000), { kind: 'connected' });
    assert.deepEqual(p.tcp(8081, 15_000, 1_000), { kind: 'refused' });
    assert.equal(p.signal('SIGTERM', 20_000), 'exited');
    assert.equal(p.exited()?.exitCode, 2);
  });
  it('etcd answers gRPC health SERVING on 2379 and exits 0 on SIGTERM', () => {
    const p = start('registry.k8s.io/etcd:3.5.1-0', {
      command: ['/usr/local/bin/etcd', '--data-dir', '/var/lib/etcd', '--listen-client-urls', 'http://0.0.0.0:2379'],
    });
    assert.deepEqual(p.grpc(2379, '', 10_000, 1_000), { kind: 'serving' });
    assert.deepEqual(p.grpc(2333, '', 10_000, 1_000), { kind: 'refused' });
    assert.equal(status(p, 2379, '/health', 10_000), 200);
    assert.equal(p.signal('SIGTERM', 20_000), 'handled');
    assert.deepEqual(p.advance(21_000), { atMs: 20_020, exitCode: 0, reason: 'Completed' });
  });
  it('a gRPC probe against a plain HTTP server never completes the handshake', () => {
    const p = start('nginx');
    assert.deepEqual(p.grpc(80, '', 0, 1_000), { kind: 'timeout' });
  });
  it('redis listens on 6379 and redis-cli ping answers PONG', () => {
    const p = start('redis:7');
    assert.deepEqual(p.tcp(6379, 1_000, 1_000), { kind: 'connected' });
    assert.deepEqual(p.exec(['redis-cli', 'ping'], 1_000, 1_000), { kind: 'exited', exitCode: 0, output: 'PONG\n', durationMs: 3 });
    assert.equal(p.signal('SIGTERM', 2_000), 'handled');
    assert.equal(p.advance(3_000)?.exitCode, 0);
  });
});

describe('the slow-starting app', () => {
  it('opens 8080 only after STARTUP_DELAY seconds', () => {
    const p = start('kubedrill/slow-app', { env: { STARTUP_DELAY: '20' } }, 1_000);
    assert.equal(status(p, 8080, '/healthz', 20_999), 'refused');
    assert.equal(status(p, 8080, '/healthz', 21_000), 200);
    assert.deepEqual(p.logs().map((l) => l), [
      { t: 1_000, text: 'slow-app: warming up for 20s' },
      { t: 21_000, text: 'slow-app: listening on :8080' },
    ]);
  });
  it('defaults to 60 s', () => {
    const p = start('kubedrill/slow-app');
    assert.deepEqual(p.tcp(8080, 59_999, 1_000), { kind: 'refused' });
    assert.deepEqual(p.tcp(8080, 60_000, 1_000), { kind: 'connected' });
  });
});

describe('unknown images', () => {
  it('run as a generic process: no exit, no ports, SIGTERM ignored', () => {
    const p = start('example.com/team/app:2');
    assert.match(p.behaviour ?? '', /^generic process \(image "example.com\/team\/app:2" is not in kubedrill's catalogue/);
    assert.equal(p.advance(3_600_000), undefined);
    assert.deepEqual(p.tcp(80, 10, 1_000), { kind: 'refused' });
    assert.equal(p.signal('SIGTERM', 10), 'ignored');
    assert.equal(p.signal('SIGKILL', 30_010), 'exited');
    assert.equal(p.exited()?.exitCode, 137);
  });
  it('interpret a sh -c command and say so', () => {
    const p = start('example.com/team/app:2', { command: ['sh', '-c', 'echo hi; sleep 2; exit 3'] });
    assert.match(p.behaviour ?? '', /script is interpreted/);
    assert.equal(p.advance(5_000)?.exitCode, 3);
    assert.deepEqual(p.logs(), [{ t: 0, text: 'hi' }]);
  });
});

describe('pack-supplied images', () => {
  const custom: ImageSpec = {
    repository: 'acme/health',
    behaviour: 'acme health server',
    sizeBytes: 1_000,
    firstPullMs: 500,
    repullMs: 100,
    toolset: 'busybox',
    entrypoint: ['/health'],
    programs: {
      '/health': {
        listeners: [{ protocol: 'http', port: 9000, routes: [{ path: '/ready', response: { kind: 'static', status: 503, body: 'not yet' } }], otherwise: { kind: 'hang' } }],
        exit: { afterMs: 30_000, exitCode: 1, log: ['crashed'] },
      },
    },
  };
  it('extend the catalogue and take precedence', () => {
    const r = createRuntime({ images: [custom, { ...custom, repository: 'busybox', behaviour: 'shadowed busybox' }] });
    assert.equal(r.image('acme/health:1').behaviour, 'acme health server');
    assert.equal(r.image('busybox').behaviour, 'shadowed busybox');
    const p = r.start({ name: 'a', image: 'acme/health', env: {}, ports: [] }, 0);
    const ready = p.http({ port: 9000, path: '/ready', scheme: 'http', headers: {} }, 1_000, 1_000);
    assert.equal(ready.kind === 'response' && ready.status, 503);
    assert.deepEqual(p.http({ port: 9000, path: '/', scheme: 'http', headers: {} }, 1_000, 1_000), { kind: 'timeout' });
    assert.deepEqual(p.advance(40_000), { atMs: 30_000, exitCode: 1, reason: 'Error' });
    assert.deepEqual(p.logs(), [{ t: 30_000, text: 'crashed' }]);
  });
});
