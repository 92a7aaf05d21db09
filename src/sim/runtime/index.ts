// The container runtime model's entry point: image catalogue lookup and container start (never touches the host).
import type { ContainerLaunch, ImageInfo, Process, Runtime } from './types.js';
import type { ImageSpec } from './image-spec.js';
import { BUILTIN_IMAGES, findImage } from './images.js';
import { FsState, type VirtualFs } from './vfs.js';
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
  /** remember pure exec runs (default true; tests turn it off to compare against fresh runs) */
  execMemo?: boolean;
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

  /**
   * What a launch starts with, worked out at its first start: a pod worker starts the same launch object
   * again at every restart (a launch is never changed once started), and all of this depends on the
   * launch and the catalogue alone. Each start gets its own copy of argv; env is frozen and shared.
   */
  interface Prepared {
    spec: ImageSpec | undefined;
    argv: string[];
    env: Record<string, string>;
    cwd: string;
    hostname: string;
    podIP: string;
    toolset: ProcessSetup['toolset'];
    programs: ProcessSetup['programs'];
    behaviour: string;
    generic?: boolean;
    startError?: string;
    /**
     * What every start of this launch begins with: the image template plus /etc/hostname, /etc/hosts and
     * the working directory, at the root of a history (FsState). Everything else an exec sees (argv aside)
     * is fixed by the launch — env, cwd, hostname, pod IP, toolset, programs — so a pure exec answer found
     * by one container holds for every restart that reaches the same state (see ContainerProcess.exec).
     * Its first clone flattens it; later starts copy nothing and share its PATH lookups.
     */
    fs: VirtualFs;
  }
  const prepared = new WeakMap<ContainerLaunch, Prepared>();

  const prepare = (launch: ContainerLaunch): Prepared => {
    const spec = findImage(catalogue, launch.image);
    const argv = [...(launch.command ?? spec?.entrypoint ?? []), ...(launch.args ?? (launch.command ? [] : (spec?.cmd ?? [])))];
    const hostname = launch.env.HOSTNAME ?? launch.name;
    // frozen: every start and exec of the launch gets this same object (the shell keeps its variable
    // tables per frozen environment, see envTables in sh/interp.ts)
    const env: Readonly<Record<string, string>> = Object.freeze({ PATH: DEFAULT_PATH, ...(spec?.env ?? {}), HOSTNAME: hostname, ...KUBERNETES_ENV, ...launch.env, HOME: launch.env.HOME ?? '/root' });
    const cwd = launch.workingDir ?? spec?.workingDir ?? '/';
    const first = argv[0] ?? '';
    const runsShell = SHELLS.has(first.split('/').pop() ?? '');
    const podIP = launch.podIP ?? '10.244.0.5';
    const fs = template(spec).clone();
    fs.install('/etc/hostname', { kind: 'file', data: `${hostname}\n`, mode: 0o644 });
    fs.install('/etc/hosts', { kind: 'file', data: `127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n${podIP}\t${hostname}\n`, mode: 0o644 });
    if (!fs.exists(cwd)) fs.mkdir(cwd, true);
    fs.state = FsState.root();
    if (!spec) {
      // an image kubedrill does not know: a shell command is interpreted (assuming a busybox-like sh), anything else just runs
      // exec probes into it get busybox-like tools (kubedrill cannot know what the image really has)
      return {
        spec,
        argv,
        env,
        cwd,
        hostname,
        podIP,
        toolset: 'busybox',
        programs: {},
        behaviour: runsShell
          ? `generic image "${launch.image}" (not in kubedrill's catalogue): its ${first} script is interpreted with busybox tools; no other ports or programs`
          : unknownBehaviour(launch.image),
        generic: !runsShell,
        fs,
      };
    }
    const p: Prepared = { spec, argv, env, cwd, hostname, podIP, toolset: spec.toolset === 'gnu' ? 'gnu' : 'busybox', programs: spec.programs ?? {}, behaviour: spec.behaviour, fs };
    if (argv.length === 0) p.startError = 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: no command specified: unknown';
    else {
      // kubedrill knows all of a busybox or distroless image, so a missing binary cannot start; Debian-based
      // images ship far more than is modelled, and tools that exist but are not interpreted run as a generic process
      const found = lookupExe(lookupHost(template(spec).clone()), env.PATH, cwd, first);
      const unmodelled = found?.node.exe?.kind === 'applet' && UNMODELLED_TOOLS.has(found.node.exe.name);
      if (unmodelled || (!found && spec.toolset === 'gnu')) {
        p.generic = true;
        p.behaviour = `${spec.behaviour}; its command "${first}" is not modelled: generic process (runs until stopped, opens no ports, ignores SIGTERM)`;
      } else if (!found) p.startError = ociStartNotFound(first);
    }
    return p;
  };

  const start = (launch: ContainerLaunch, now: number): Process => {
    let p = prepared.get(launch);
    if (!p) prepared.set(launch, (p = prepare(launch)));
    const fs = p.fs.clone();
    const setup: ProcessSetup = {
      fs,
      toolset: p.toolset,
      hostname: p.hostname,
      podIP: p.podIP,
      env: p.env,
      cwd: p.cwd,
      argv: p.argv.slice(),
      programs: p.programs,
      behaviour: p.behaviour,
    };
    if (p.generic !== undefined) setup.generic = p.generic;
    if (p.startError !== undefined) setup.startError = p.startError;
    if (opts.execMemo === false) setup.execMemo = false;
    return new ContainerProcess(setup, now);
  };

  return { image, start };
}
