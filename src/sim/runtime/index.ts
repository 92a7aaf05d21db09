// The container runtime model's entry point: image catalogue lookup and container start (never touches the host).
import type { ContainerLaunch, ImageInfo, Process, Runtime } from './types.js';
import type { ImageSpec } from './image-spec.js';
import { BUILTIN_IMAGES, findImage } from './images.js';
import type { VirtualFs } from './vfs.js';
import { lookupExe } from './sh/applets.js';
import { DEFAULT_PATH, KUBERNETES_ENV, SHELLS, UNMODELLED_TOOLS, imageFs } from './image-fs.js';
import type { ShellHost } from './sh/host.js';
import { ContainerProcess, ociStartNotFound, type ProcessSetup } from './process.js';

export type { ImageSpec, ProgramSpec, ListenerSpec, ResponseSpec, RouteSpec, SignalAction, StaticResponse } from './image-spec.js';
export { IMAGE_SPEC_JSON_SCHEMA } from './image-spec.js';
export { BUILTIN_IMAGES, parseImageRef, findImage } from './images.js';
export { VIRTUAL_EPOCH_MS, PROBE_SOURCE_IP, EXEC_OVERHEAD_MS, ContainerProcess } from './process.js';
export { VirtualFs } from './vfs.js';
export { parseScript, isParseError } from './sh/parse.js';
export { runScript, type ScriptRun, type ScriptRunOptions } from './sh/run-script.js';
export type * from './types.js';

/** Only enough of ShellHost to look up executables at start. */
function lookupHost(fs: VirtualFs): ShellHost {
  return { fs } as ShellHost;
}

function unknownBehaviour(ref: string): string {
  return `generic process (image "${ref}" is not in kubedrill's catalogue: it runs until stopped, opens no ports, ignores SIGTERM)`;
}

export interface RuntimeOptions {
  /** catalogue entries searched before the built-in ones (e.g. from an exercise pack) */
  images?: ImageSpec[];
}

/**
 * Image filesystems by catalogue entry, shared by every runtime (a simulation creates its own runtime):
 * a template is only ever cloned, and a clone shares its immutable nodes, so starting a container is cheap.
 */
const templates = new WeakMap<ImageSpec, VirtualFs>();
let unknownTemplate: VirtualFs | undefined;

function template(spec: ImageSpec | undefined): VirtualFs {
  if (!spec) return (unknownTemplate ??= imageFs('busybox', undefined));
  let t = templates.get(spec);
  if (!t) {
    t = imageFs(spec.toolset, spec);
    templates.set(spec, t);
  }
  return t;
}

export function createRuntime(opts: RuntimeOptions = {}): Runtime {
  const catalogue: ImageSpec[] = [...(opts.images ?? []), ...BUILTIN_IMAGES];

  const image = (ref: string): ImageInfo => {
    const spec = findImage(catalogue, ref);
    if (!spec) return { ref, known: false, behaviour: unknownBehaviour(ref), sizeBytes: 50_000_000, firstPullMs: 5_000, repullMs: 1_000 };
    return {
      ref,
      known: true,
      behaviour: spec.behaviour,
      sizeBytes: spec.sizeBytes,
      firstPullMs: spec.firstPullMs,
      repullMs: spec.repullMs,
      ...(spec.stopSignal ? { stopSignal: spec.stopSignal } : {}),
    };
  };

  const start = (launch: ContainerLaunch, now: number): Process => {
    const spec = findImage(catalogue, launch.image);
    const argv = [...(launch.command ?? spec?.entrypoint ?? []), ...(launch.args ?? (launch.command ? [] : (spec?.cmd ?? [])))];
    const hostname = launch.env.HOSTNAME ?? launch.name;
    const env: Record<string, string> = { PATH: DEFAULT_PATH, ...(spec?.env ?? {}), HOSTNAME: hostname, ...KUBERNETES_ENV, ...launch.env, HOME: launch.env.HOME ?? '/root' };
    const cwd = launch.workingDir ?? spec?.workingDir ?? '/';
    const first = argv[0] ?? '';
    const runsShell = SHELLS.has(first.split('/').pop() ?? '');
    const podIP = launch.podIP ?? '10.244.0.5';
    let setup: ProcessSetup;
    if (!spec) {
      // an image kubedrill does not know: a shell command is interpreted (assuming a busybox-like sh), anything else just runs
      // exec probes into it get busybox-like tools (kubedrill cannot know what the image really has)
      const fs = template(undefined).clone();
      setup = {
        fs,
        toolset: 'busybox',
        hostname,
        podIP,
        env,
        cwd,
        argv,
        programs: {},
        behaviour: runsShell
          ? `generic image "${launch.image}" (not in kubedrill's catalogue): its ${first} script is interpreted with busybox tools; no other ports or programs`
          : unknownBehaviour(launch.image),
        generic: !runsShell,
      };
    } else {
      const fs = template(spec).clone();
      setup = { fs, toolset: spec.toolset === 'gnu' ? 'gnu' : 'busybox', hostname, podIP, env, cwd, argv, programs: spec.programs ?? {}, behaviour: spec.behaviour };
      if (argv.length === 0) setup.startError = 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: no command specified: unknown';
      else {
        // kubedrill knows all of a busybox or distroless image, so a missing binary cannot start; Debian-based
        // images ship far more than is modelled, and tools that exist but are not interpreted run as a generic process
        const found = lookupExe(lookupHost(fs), env.PATH, cwd, first);
        const unmodelled = found?.node.exe?.kind === 'applet' && UNMODELLED_TOOLS.has(found.node.exe.name);
        if (unmodelled || (!found && spec.toolset === 'gnu')) {
          setup.generic = true;
          setup.behaviour = `${spec.behaviour}; its command "${first}" is not modelled: generic process (runs until stopped, opens no ports, ignores SIGTERM)`;
        } else if (!found) setup.startError = ociStartNotFound(first);
      }
    }
    setup.fs.install('/etc/hostname', { kind: 'file', data: `${hostname}\n`, mode: 0o644 });
    setup.fs.install('/etc/hosts', { kind: 'file', data: `127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n${setup.podIP}\t${hostname}\n`, mode: 0o644 });
    if (!setup.fs.exists(cwd)) setup.fs.mkdir(cwd, true);
    return new ContainerProcess(setup, now);
  };

  return { image, start };
}
