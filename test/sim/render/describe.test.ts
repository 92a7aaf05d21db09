import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod, Probe } from 'kubernetes-types/core/v1.d.ts';
import { describePodFrom, describeProbe } from '../../../src/sim/render/describe.js';
import { apiAccessVolumeName, imageId } from '../../../src/sim/render/identity.js';
import { podQos } from '../../../src/sim/render/quantity.js';
import type { KubeEventObject } from '../../../src/sim/trace.js';
import { container, snapshot, trace } from './fixtures.js';

const d = (p: Partial<Probe>): Probe => ({ timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3, initialDelaySeconds: 0, ...p });

test('probe lines for every handler, as kubectl DescribeProbe prints them (semantics §7.1)', () => {
  const cases: [Probe, string][] = [
    [
      d({ exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 5, periodSeconds: 5 }),
      'exec [cat /tmp/healthy] delay=5s timeout=1s period=5s #success=1 #failure=3',
    ],
    [
      d({ httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' }, initialDelaySeconds: 3, periodSeconds: 3 }),
      'http-get http://:8080/healthz delay=3s timeout=1s period=3s #success=1 #failure=3',
    ],
    [d({ httpGet: { path: '/', port: 80, scheme: 'HTTP' } }), 'http-get http://:80/ delay=0s timeout=1s period=10s #success=1 #failure=3'],
    [
      d({ httpGet: { path: '/healthz', port: 'liveness-port', scheme: 'HTTPS', host: 'example.com' } }),
      'http-get https://example.com:liveness-port/healthz delay=0s timeout=1s period=10s #success=1 #failure=3',
    ],
    [
      d({ tcpSocket: { port: 8080 }, initialDelaySeconds: 15 }),
      'tcp-socket :8080 delay=15s timeout=1s period=10s #success=1 #failure=3',
    ],
    [
      d({ grpc: { port: 2379, service: '' }, initialDelaySeconds: 10 }),
      'grpc <pod>:2379  delay=10s timeout=1s period=10s #success=1 #failure=3',
    ],
    [
      d({ grpc: { port: 5000, service: 'liveness' }, failureThreshold: 1, timeoutSeconds: 5 }),
      'grpc <pod>:5000 liveness delay=0s timeout=5s period=10s #success=1 #failure=1',
    ],
    [{ exec: { command: ['/bin/false'] } }, 'exec [/bin/false] delay=0s timeout=1s period=10s #success=1 #failure=3'],
  ];
  for (const [probe, want] of cases) assert.equal(describeProbe(probe), want);
  assert.equal(
    describeProbe(d({ tcpSocket: { port: 8080 } }), '1.37'),
    'tcp-socket :8080 delay=0s timeout=1s period=10s successThreshold=1 failureThreshold=3',
  );
  assert.equal(describeProbe(d({ tcpSocket: { port: 8080 } }), '1.35'), 'tcp-socket :8080 delay=0s timeout=1s period=10s #success=1 #failure=3');
});

const nginx: Pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'nginx-pod-liveness', namespace: 'default' },
  spec: {
    containers: [
      {
        name: 'nginx-container',
        image: 'nginx:1.14',
        ports: [{ containerPort: 80, protocol: 'TCP' }],
        livenessProbe: d({ httpGet: { path: '/', port: 80, scheme: 'HTTP' } }),
      },
    ],
  },
};

const ev = (over: Partial<KubeEventObject>): KubeEventObject => ({
  type: 'Normal',
  reason: 'Started',
  from: 'kubelet',
  message: '',
  count: 1,
  firstMs: 0,
  lastMs: 0,
  ...over,
});

test('a running nginx pod describes exactly like kubectl 1.33 (layout, alignment, defaults)', () => {
  const tr = trace([], { pod: { name: 'nginx-pod-liveness', namespace: 'default', uid: 'uid-1', nodeName: 'kubedrill-node' } });
  const status = snapshot({ containers: [container({ name: 'nginx-container', state: { kind: 'running', startedAtMs: 3_400 } })] });
  const events = [
    ev({ reason: 'Scheduled', from: 'default-scheduler', message: 'Successfully assigned default/nginx-pod-liveness to kubedrill-node' }),
    ev({ reason: 'Pulling', message: 'Pulling image "nginx:1.14"', container: 'nginx-container', firstMs: 500, lastMs: 500 }),
    ev({ reason: 'Created', message: 'Created container: nginx-container', container: 'nginx-container', firstMs: 3_300, lastMs: 3_300 }),
    ev({ reason: 'Started', message: 'Started container nginx-container ', container: 'nginx-container', firstMs: 3_400, lastMs: 3_400 }),
  ];
  const vol = apiAccessVolumeName('uid-1');
  const want = `Name:             nginx-pod-liveness
Namespace:        default
Priority:         0
Service Account:  default
Node:             kubedrill-node/10.0.0.10
Start Time:       Wed, 01 Jan 2025 00:00:00 +0000
Labels:           <none>
Annotations:      <none>
Status:           Running
IP:               10.244.0.5
IPs:
  IP:  10.244.0.5
Containers:
  nginx-container:
    Container ID:   containerd://abc123
    Image:          nginx:1.14
    Image ID:       ${imageId('nginx:1.14')}
    Port:           80/TCP
    Host Port:      0/TCP
    State:          Running
      Started:      Wed, 01 Jan 2025 00:00:03 +0000
    Ready:          True
    Restart Count:  0
    Liveness:       http-get http://:80/ delay=0s timeout=1s period=10s #success=1 #failure=3
    Environment:    <none>
    Mounts:
      /var/run/secrets/kubernetes.io/serviceaccount from ${vol} (ro)
Conditions:
  Type                        Status
  PodReadyToStartContainers   True 
  Initialized                 True 
  Ready                       True 
  ContainersReady             True 
  PodScheduled                True 
Volumes:
  ${vol}:
    Type:                    Projected (a volume that contains injected data from multiple sources)
    TokenExpirationSeconds:  3607
    ConfigMapName:           kube-root-ca.crt
    Optional:                false
    DownwardAPI:             true
QoS Class:                   BestEffort
Node-Selectors:              <none>
Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
Events:
  Type    Reason     Age   From               Message
  ----    ------     ----  ----               -------
  Normal  Scheduled  90s   default-scheduler  Successfully assigned default/nginx-pod-liveness to kubedrill-node
  Normal  Pulling    90s   kubelet            Pulling image "nginx:1.14"
  Normal  Created    87s   kubelet            Created container: nginx-container
  Normal  Started    87s   kubelet            Started container nginx-container
`;
  assert.equal(describePodFrom(nginx, tr, status, events, 90_000), want);
  assert.match(imageId('nginx:1.14'), /^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
  assert.match(vol, /^kube-api-access-[a-z0-9]{5}$/);
});

const execPod: Pod = {
  metadata: { name: 'liveness-exec', namespace: 'default', labels: { test: 'liveness', app: 'x' } },
  spec: {
    restartPolicy: 'Always',
    containers: [
      {
        name: 'liveness',
        image: 'registry.k8s.io/busybox:1.27.2',
        args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'],
        livenessProbe: d({ exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 5, periodSeconds: 5 }),
        resources: { requests: { cpu: '100m' } },
        env: [{ name: 'MODE', value: 'test' }],
      },
    ],
  },
};

test('restarted container: Last State Terminated with exit code, args block, waiting in back-off', () => {
  const tr = trace([], { pod: { name: 'liveness-exec', namespace: 'default', uid: 'u', nodeName: 'kubedrill-node' } });
  const status = snapshot({
    containers: [
      container({
        name: 'liveness',
        state: { kind: 'waiting', reason: 'CrashLoopBackOff', message: 'back-off 1m20s restarting failed container=liveness pod=liveness-exec_default(u)' },
        lastState: { kind: 'terminated', exitCode: 137, reason: 'Error', startedAtMs: 300_000, finishedAtMs: 375_500 },
        ready: false,
        started: false,
        restartCount: 5,
      }),
    ],
  });
  const events = [
    ev({ type: 'Warning', reason: 'Unhealthy', message: "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory", container: 'liveness', count: 18, firstMs: 35_000, lastMs: 345_000 }),
    ev({ reason: 'Killing', message: 'Container liveness failed liveness probe, will be restarted', container: 'liveness', count: 6, firstMs: 45_000, lastMs: 345_000 }),
    ev({ type: 'Warning', reason: 'BackOff', message: 'Back-off restarting failed container liveness in pod liveness-exec_default(u)', container: 'liveness', count: 2, firstMs: 376_000, lastMs: 390_000 }),
  ];
  const text = describePodFrom(execPod, tr, status, events, 400_000);
  const lines = text.split('\n');
  const from = lines.indexOf('    Args:');
  assert.deepEqual(lines.slice(from, from + 24), [
    '    Args:',
    '      /bin/sh',
    '      -c',
    '      touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600',
    '    State:          Waiting',
    '      Reason:       CrashLoopBackOff',
    '    Last State:     Terminated',
    '      Reason:       Error',
    '      Exit Code:    137',
    '      Started:      Wed, 01 Jan 2025 00:05:00 +0000',
    '      Finished:     Wed, 01 Jan 2025 00:06:15 +0000',
    '    Ready:          False',
    '    Restart Count:  5',
    '    Requests:',
    '      cpu:     100m',
    '    Liveness:  exec [cat /tmp/healthy] delay=5s timeout=1s period=5s #success=1 #failure=3',
    '    Environment:',
    '      MODE:  test',
    '    Mounts:',
    `      /var/run/secrets/kubernetes.io/serviceaccount from ${apiAccessVolumeName('u')} (ro)`,
    'Conditions:',
    '  Type                        Status',
    '  PodReadyToStartContainers   True ',
    '  Initialized                 True ',
  ]);
  assert.ok(text.includes('Labels:           app=x\n                  test=liveness\n'));
  assert.ok(text.includes('QoS Class:                   Burstable\n'));
  assert.ok(
    text.endsWith(
      [
        'Events:',
        '  Type     Reason     Age                  From     Message',
        '  ----     ------     ----                 ----     -------',
        "  Warning  Unhealthy  55s (x18 over 6m5s)  kubelet  Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory",
        '  Normal   Killing    55s (x6 over 5m55s)  kubelet  Container liveness failed liveness probe, will be restarted',
        '  Warning  BackOff    10s (x2 over 24s)    kubelet  Back-off restarting failed container liveness in pod liveness-exec_default(u)',
        '',
      ].join('\n'),
    ),
    text,
  );
  // kubectl 1.35 prefixes the container's fieldPath; 1.37 also renames the thresholds.
  const v135 = describePodFrom(execPod, tr, status, events, 400_000, { kubectl: '1.35' });
  assert.match(v135, / kubelet {2}spec\.containers\{liveness\}: Container liveness failed liveness probe, will be restarted\n/);
  const v137 = describePodFrom(execPod, tr, status, events, 400_000, { kubectl: '1.37' });
  assert.match(v137, /Liveness: +exec \[cat \/tmp\/healthy\] delay=5s timeout=1s period=5s successThreshold=1 failureThreshold=3\n/);
  assert.match(v137, /spec\.containers\{liveness\}: Back-off/);
});

test('a pod not yet scheduled: Node <none>, empty IP, Events <none>', () => {
  const tr = trace([]);
  const status = { phase: 'Pending' as const, conditions: [], initContainers: [], containers: [] };
  const text = describePodFrom(nginx, tr, status, [], 0);
  assert.match(text, /^Node: {13}<none>\n/m);
  assert.doesNotMatch(text, /Start Time:/);
  assert.match(text, /^IP: {15}\nIPs: {14}<none>\n/m);
  assert.doesNotMatch(text, /Container ID:/);
  assert.match(text, /^Events: {22}<none>\n$/m);
});

test('QoS class from resources', () => {
  const withRes = (resources: object): Pod => ({ spec: { containers: [{ name: 'a', resources }] } });
  assert.equal(podQos(withRes({})), 'BestEffort');
  assert.equal(podQos(withRes({ requests: { cpu: '100m' } })), 'Burstable');
  assert.equal(podQos(withRes({ limits: { cpu: '500m', memory: '128Mi' } })), 'Guaranteed');
  assert.equal(podQos(withRes({ limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '0.5', memory: '128Mi' } })), 'Guaranteed');
  assert.equal(podQos(withRes({ limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '250m' } })), 'Burstable');
  assert.equal(podQos(withRes({ limits: { cpu: '1' } })), 'Burstable');
});

test('init containers get their own block before Containers', () => {
  const p: Pod = {
    metadata: { name: 'with-init' },
    spec: {
      automountServiceAccountToken: false,
      initContainers: [{ name: 'setup', image: 'busybox', command: ['sh', '-c', 'sleep 5'] }],
      containers: [{ name: 'app', image: 'nginx:1.14' }],
    },
  };
  const status = snapshot({
    phase: 'Pending',
    initContainers: [container({ name: 'setup', init: true, ready: false, state: { kind: 'running', startedAtMs: 2_000 } })],
    containers: [container({ name: 'app', ready: false, containerId: '', state: { kind: 'waiting', reason: 'PodInitializing' } })],
  });
  const text = describePodFrom(p, trace([]), status, [], 10_000);
  assert.match(
    text,
    /\nInit Containers:\n {2}setup:\n {4}Container ID: {2}containerd:\/\/abc123\n[^]*\n {4}Command:\n {6}sh\n {6}-c\n {6}sleep 5\n {4}State: {10}Running\n[^]*\nContainers:\n {2}app:\n {4}Container ID: {3}\n {4}Image: {10}nginx:1\.14\n {4}Image ID: {7}\n/,
  );
  assert.match(text, /\n {4}State: {10}Waiting\n {6}Reason: {7}PodInitializing\n/);
  assert.match(text, /\n {4}Mounts: {9}<none>\n/);
  assert.match(text, /\nVolumes: {21}<none>\n|\nVolumes:\s+<none>\n/);
});
