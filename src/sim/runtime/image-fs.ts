// The filesystem an image starts with: base directories, the toolset's executables, the image's programs and files.
import type { ImageSpec } from './image-spec.js';
import { VirtualFs } from './vfs.js';
import { APPLETS } from './sh/applets.js';

export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
export const SHELLS = new Set(['sh', 'ash', 'bash', 'dash']);

/** Busybox applets in kubedrill's set (busybox has no curl or redis-cli). */
const BUSYBOX_APPLETS = Object.keys(APPLETS).filter((n) => n !== ':' && n !== 'curl' && n !== 'redis-cli');
/** What a Debian-based image has: dash as sh, bash, GNU coreutils, grep (no wget/nc/httpd/curl unless listed in `tools`). */
const GNU_TOOLS = [
  'cat', 'ls', 'touch', 'rm', 'mkdir', 'rmdir', 'cp', 'mv', 'chmod', 'chown', 'sync', 'grep', 'egrep', 'head', 'tail', 'wc', 'tee', 'sort',
  'sleep', 'date', 'env', 'printenv', 'hostname', 'id', 'whoami', 'uname', 'basename', 'dirname', 'seq', 'expr', 'kill', 'true', 'false',
  'echo', 'printf', 'test', '[', 'pwd', 'timeout',
];

/** Tools that exist in busybox and Debian images but that kubedrill does not interpret. */
export const UNMODELLED_TOOLS = new Set(
  ('awk sed find xargs tr cut uniq ps top watch nslookup ping traceroute telnet ifconfig ip netstat route free df du ' +
    'ln readlink realpath stat sha256sum sha1sum md5sum base64 od hexdump tac rev fold split cmp diff patch gzip gunzip zcat ' +
    'tar unzip dd mktemp mknod mkfifo nohup nice renice killall pkill pgrep pidof usleep time yes vi less more ' +
    'logger su adduser addgroup passwd dmesg mount umount which install truncate shuf nproc setsid chroot uptime').split(' '),
);

/** The Kubernetes service variables every container gets. */
export const KUBERNETES_ENV: Record<string, string> = {
  KUBERNETES_SERVICE_HOST: '10.96.0.1',
  KUBERNETES_SERVICE_PORT: '443',
  KUBERNETES_SERVICE_PORT_HTTPS: '443',
  KUBERNETES_PORT: 'tcp://10.96.0.1:443',
  KUBERNETES_PORT_443_TCP: 'tcp://10.96.0.1:443',
  KUBERNETES_PORT_443_TCP_PROTO: 'tcp',
  KUBERNETES_PORT_443_TCP_PORT: '443',
  KUBERNETES_PORT_443_TCP_ADDR: '10.96.0.1',
};

/** The filesystem an image starts with (built once per image, cloned per container). */
export function imageFs(toolset: ImageSpec['toolset'], spec: ImageSpec | undefined): VirtualFs {
  const fs = new VirtualFs();
  for (const d of ['/bin', '/dev', '/etc', '/home', '/proc', '/root', '/run', '/sbin', '/sys', '/tmp', '/usr/bin', '/usr/sbin', '/usr/local/bin', '/var/log', '/var/tmp']) fs.mkdir(d, true);
  fs.install('/dev/null', { kind: 'file', data: '', mode: 0o666 });
  fs.install('/etc/passwd', { kind: 'file', data: `root:x:0:0:root:/root:${toolset === 'gnu' ? '/bin/bash' : '/bin/sh'}\n`, mode: 0o644 });
  fs.install('/etc/resolv.conf', { kind: 'file', data: 'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n', mode: 0o644 });
  if (toolset === 'busybox') {
    for (const n of [...BUSYBOX_APPLETS, 'sh', 'ash', ...UNMODELLED_TOOLS]) fs.install(`/bin/${n}`, { kind: 'file', data: '', mode: 0o755, exe: { kind: 'applet', name: n } });
  } else if (toolset === 'gnu') {
    // Debian's merged /usr: every tool is reachable as /bin/x and /usr/bin/x
    for (const n of [...GNU_TOOLS, 'sh', 'bash', 'dash', ...UNMODELLED_TOOLS]) {
      const exe = { kind: 'applet' as const, name: n };
      fs.install(`/bin/${n}`, { kind: 'file', data: '', mode: 0o755, exe });
      fs.install(`/usr/bin/${n}`, { kind: 'file', data: '', mode: 0o755, exe });
    }
  }
  for (const t of spec?.tools ?? []) if (APPLETS[t]) fs.install(`/usr/bin/${t}`, { kind: 'file', data: '', mode: 0o755, exe: { kind: 'applet', name: t } });
  for (const p of Object.keys(spec?.programs ?? {})) fs.install(p, { kind: 'file', data: '', mode: 0o755, exe: { kind: 'program', name: p } });
  // a file starting with #! is an executable script
  for (const [p, data] of Object.entries(spec?.files ?? {})) fs.install(p, { kind: 'file', data, mode: data.startsWith('#!') ? 0o755 : 0o644 });
  return fs;
}

