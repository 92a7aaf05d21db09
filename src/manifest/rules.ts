// The API server's validation of a v1 Pod on create, for the fields exercises touch, and of the pod
// template a workload owns. Runs on the defaulted object, like the API server (decode -> default ->
// validate). Texts are upstream's. Models k/k pkg/apis/core/validation/validation.go
// (ValidatePodCreate, ValidatePodTemplateSpec, ValidateObjectMeta; Kubernetes 1.33) and
// k/k pkg/api/pod/warnings.go; value checks from k8s.io/apimachinery pkg/util/validation.
import { FIELD, K8S } from './messages.js';
import { formatPath } from './path.js';
import { compareQuantity, formatQuantity, parseQuantity, type Quantity } from './quantity.js';
import { applyPodDefaults } from './defaults.js';
import type { Pod } from './types.js';

export interface RuleViolation {
  /** "api/invalid", "api/required", "api/forbidden", "api/duplicate", "api/not-found", "api/unsupported", "api/warning" */
  code: string;
  severity: 'error' | 'warning';
  path: (string | number)[];
  /** kubectl's cause text, path included */
  message: string;
}

export type Obj = Record<string, unknown>;
type P = (string | number)[];

export const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
export const str = (v: unknown): string => (typeof v === 'string' ? v : '');
export const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** A field.ErrorList being built: each method is one of apimachinery's field error constructors. */
export class Errs {
  readonly list: RuleViolation[] = [];
  invalid(path: P, value: unknown, detail: string) {
    this.list.push({ code: 'api/invalid', severity: 'error', path, message: FIELD.invalid(formatPath(path), value, detail) });
  }
  required(path: P, detail = '') {
    this.list.push({ code: 'api/required', severity: 'error', path, message: FIELD.required(formatPath(path), detail) });
  }
  forbidden(path: P, detail: string) {
    this.list.push({ code: 'api/forbidden', severity: 'error', path, message: FIELD.forbidden(formatPath(path), detail) });
  }
  duplicate(path: P, value: unknown) {
    this.list.push({ code: 'api/duplicate', severity: 'error', path, message: FIELD.duplicate(formatPath(path), value) });
  }
  notFound(path: P, value: unknown) {
    this.list.push({ code: 'api/not-found', severity: 'error', path, message: FIELD.notFound(formatPath(path), value) });
  }
  notSupported(path: P, value: unknown, supported: readonly string[]) {
    this.list.push({ code: 'api/unsupported', severity: 'error', path, message: FIELD.notSupported(formatPath(path), value, supported) });
  }
  invalidOmitted(path: P, detail: string) {
    this.list.push({ code: 'api/invalid', severity: 'error', path, message: FIELD.invalidOmitted(formatPath(path), detail) });
  }
  tooMany(path: P, actual: number, max: number) {
    this.list.push({ code: 'api/too-many', severity: 'error', path, message: FIELD.tooMany(formatPath(path), actual, max) });
  }
  warning(path: P, detail: string) {
    this.list.push({ code: 'api/warning', severity: 'warning', path, message: `${formatPath(path)}: ${detail}` });
  }
}

// ---- k8s.io/apimachinery pkg/util/validation ----

const DNS1123_LABEL = new RegExp(`^${K8S.dns1123LabelFmt}$`);
const DNS1123_SUBDOMAIN_FMT = `${K8S.dns1123LabelFmt}(\\.${K8S.dns1123LabelFmt})*`;
const DNS1123_SUBDOMAIN = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);
const QUALIFIED_NAME = new RegExp(`^${K8S.qualifiedNameFmt}$`);
const LABEL_VALUE_FMT = `(${K8S.qualifiedNameFmt})?`;
const LABEL_VALUE = new RegExp(`^${LABEL_VALUE_FMT}$`);
const HTTP_HEADER_NAME = new RegExp(`^${K8S.httpHeaderNameFmt}$`);

export function isDNS1123Label(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push(K8S.maxLen(63));
  if (!DNS1123_LABEL.test(v)) {
    if (DNS1123_SUBDOMAIN.test(v)) errs.push(K8S.mustNotContainDots);
    else errs.push(K8S.regexError(K8S.dns1123LabelErrMsg, K8S.dns1123LabelFmt, 'my-name', '123-abc'));
  }
  return errs;
}

const DNS1035_LABEL = new RegExp(`^${K8S.dns1035LabelFmt}$`);

export function isDNS1035Label(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push(K8S.maxLen(63));
  if (!DNS1035_LABEL.test(v)) errs.push(K8S.regexError(K8S.dns1035LabelErrMsg, K8S.dns1035LabelFmt, 'my-name', 'abc-123'));
  return errs;
}

export function isDNS1123Subdomain(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 253) errs.push(K8S.maxLen(253));
  if (!DNS1123_SUBDOMAIN.test(v)) errs.push(K8S.regexError(K8S.dns1123SubdomainErrMsg, DNS1123_SUBDOMAIN_FMT, 'example.com'));
  return errs;
}

export function isQualifiedName(v: string): string[] {
  const errs: string[] = [];
  const parts = v.split('/');
  let name: string;
  if (parts.length === 1) name = parts[0]!;
  else if (parts.length === 2) {
    const prefix = parts[0]!;
    name = parts[1]!;
    if (prefix.length === 0) errs.push(K8S.prefixEmpty);
    else for (const m of isDNS1123Subdomain(prefix)) errs.push(`prefix part ${m}`);
  } else {
    return [
      `a qualified name ${K8S.regexError(K8S.qualifiedNameErrMsg, K8S.qualifiedNameFmt, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (name.length === 0) errs.push(K8S.namePartEmpty);
  else if (name.length > 63) errs.push(`name part ${K8S.maxLen(63)}`);
  if (!QUALIFIED_NAME.test(name)) errs.push(`name part ${K8S.regexError(K8S.qualifiedNameErrMsg, K8S.qualifiedNameFmt, 'MyName', 'my.name', '123-abc')}`);
  return errs;
}

export function isValidLabelValue(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push(K8S.maxLen(63));
  if (!LABEL_VALUE.test(v)) errs.push(K8S.regexError(K8S.labelValueErrMsg, LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'));
  return errs;
}

const PERCENT = new RegExp(`^${K8S.percentFmt}$`);

export function isValidPercent(v: string): string[] {
  return PERCENT.test(v) ? [] : [K8S.regexError(K8S.percentErrMsg, K8S.percentFmt, '1%', '93%')];
}

export function isValidPortNum(n: number): string[] {
  return n >= 1 && n <= 65535 ? [] : [K8S.portRange];
}

export function isValidPortName(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 15) errs.push(K8S.maxLen(15));
  if (!/^[-a-z0-9]+$/.test(v)) errs.push(K8S.portNameCharset);
  if (!/[a-z]/.test(v)) errs.push(K8S.portNameOneLetter);
  if (v.includes('--')) errs.push(K8S.portNameHyphens);
  if (v.length > 0 && (v.startsWith('-') || v.endsWith('-'))) errs.push(K8S.portNameEnds);
  return errs;
}

/** RelaxedEnvironmentVariableValidation (beta, on by default since 1.32). */
function isEnvVarName(v: string): string[] {
  return /^[\x20-\x3c\x3e-\x7e]+$/.test(v) ? [] : [K8S.relaxedEnvVarName];
}

// ---- validation.go ----

export function validatePortNumOrName(e: Errs, port: unknown, path: P) {
  // an absent IntOrString decodes as the integer 0
  if (port === undefined) port = 0;
  if (typeof port === 'number') for (const m of isValidPortNum(port)) e.invalid(path, port, m);
  else if (typeof port === 'string') for (const m of isValidPortName(port)) e.invalid(path, port, m);
}

type HandlerKind = 'probe' | 'lifecycle';
const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const;
const LIFECYCLE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'sleep'] as const;

function validateHandler(e: Errs, h: Obj, kind: HandlerKind, grace: number | undefined, path: P) {
  let n = 0;
  for (const k of kind === 'probe' ? PROBE_HANDLERS : LIFECYCLE_HANDLERS) {
    const v = h[k];
    if (v === undefined || v === null) continue;
    if (n > 0) {
      e.forbidden([...path, k], K8S.handlerExtra);
      continue;
    }
    n++;
    const a = isObj(v) ? v : {};
    const ap = [...path, k];
    switch (k) {
      case 'exec':
        if (arr(a.command).length === 0) e.required([...ap, 'command']);
        break;
      case 'httpGet': {
        if (str(a.path) === '') e.required([...ap, 'path']);
        validatePortNumOrName(e, a.port, [...ap, 'port']);
        if (a.scheme !== 'HTTP' && a.scheme !== 'HTTPS') e.notSupported([...ap, 'scheme'], str(a.scheme), ['HTTP', 'HTTPS']);
        for (const hdr of arr(a.httpHeaders)) {
          const name = isObj(hdr) ? str(hdr.name) : '';
          if (!HTTP_HEADER_NAME.test(name)) {
            e.invalid([...ap, 'httpHeaders'], name, K8S.regexError(K8S.httpHeaderNameErrMsg, K8S.httpHeaderNameFmt, 'X-Header-Name'));
          }
        }
        break;
      }
      case 'tcpSocket':
        validatePortNumOrName(e, a.port, [...ap, 'port']);
        break;
      case 'grpc':
        for (const m of isValidPortNum(num(a.port))) e.invalid([...ap, 'port'], num(a.port), m);
        break;
      case 'sleep': {
        const s = num(a.seconds);
        if (grace !== undefined && (s < 0 || s > grace)) e.invalid(ap, s, K8S.sleepRange(grace));
        break;
      }
    }
  }
  if (n === 0) e.required(path, K8S.handlerRequired);
}

function validateProbe(e: Errs, probe: unknown, grace: number | undefined, path: P) {
  if (!isObj(probe)) return;
  validateHandler(e, probe, 'probe', grace, path);
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    const v = num(probe[f]);
    if (v < 0) e.invalid([...path, f], v, K8S.nonNegative);
  }
  const tgps = probe.terminationGracePeriodSeconds;
  if (typeof tgps === 'number' && tgps <= 0) e.invalid([...path, 'terminationGracePeriodSeconds'], tgps, K8S.greaterThanZero);
}

/** validateContainerCommon: what every kind of container is checked for, in upstream order. */
function validateContainerCommon(e: Errs, c: Obj, path: P, volumes: Set<string>) {
  const name = str(c.name);
  if (name === '') e.required([...path, 'name']);
  else for (const m of isDNS1123Label(name)) e.invalid([...path, 'name'], name, m);
  const image = str(c.image);
  if (image === '') e.required([...path, 'image']);
  const tmp = str(c.terminationMessagePolicy);
  if (tmp === '') e.required([...path, 'terminationMessagePolicy'], K8S.terminationMessagePolicy);
  else if (tmp !== 'File' && tmp !== 'FallbackToLogsOnError') e.invalid([...path, 'terminationMessagePolicy'], tmp, K8S.terminationMessagePolicy);

  // validateContainerPorts
  const portNames = new Set<string>();
  arr(c.ports).forEach((raw, i) => {
    const port = isObj(raw) ? raw : {};
    const pp = [...path, 'ports', i];
    const pname = str(port.name);
    if (pname !== '') {
      const msgs = isValidPortName(pname);
      if (msgs.length > 0) for (const m of msgs) e.invalid([...pp, 'name'], pname, m);
      else if (portNames.has(pname)) e.duplicate([...pp, 'name'], pname);
      else portNames.add(pname);
    }
    const cp = num(port.containerPort);
    if (cp === 0) e.required([...pp, 'containerPort']);
    else for (const m of isValidPortNum(cp)) e.invalid([...pp, 'containerPort'], cp, m);
    const hp = num(port.hostPort);
    if (hp !== 0) for (const m of isValidPortNum(hp)) e.invalid([...pp, 'hostPort'], hp, m);
    const proto = str(port.protocol);
    if (proto === '') e.required([...pp, 'protocol']);
    else if (!['SCTP', 'TCP', 'UDP'].includes(proto)) e.notSupported([...pp, 'protocol'], proto, ['SCTP', 'TCP', 'UDP']);
  });

  // ValidateEnv
  arr(c.env).forEach((raw, i) => {
    const env = isObj(raw) ? raw : {};
    const ep = [...path, 'env', i];
    const ename = str(env.name);
    if (ename === '') e.required([...ep, 'name']);
    else for (const m of isEnvVarName(ename)) e.invalid([...ep, 'name'], ename, m);
    if (isObj(env.valueFrom)) {
      const vf = env.valueFrom;
      const sources = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'].filter((k) => isObj(vf[k]));
      // validateEnvVarValueFrom: one message, in this order
      if (sources.length === 0) e.invalid([...ep, 'valueFrom'], '', K8S.envSourceMissing);
      else if (str(env.value) !== '') e.invalid([...ep, 'valueFrom'], '', K8S.envValueAndSource);
      else if (sources.length > 1) e.invalid([...ep, 'valueFrom'], '', K8S.envTwoSources);
    }
  });

  // ValidateVolumeMounts
  const mountPaths = new Set<string>();
  arr(c.volumeMounts).forEach((raw, i) => {
    const m = isObj(raw) ? raw : {};
    const mp = [...path, 'volumeMounts', i];
    const vname = str(m.name);
    if (vname === '') e.required([...mp, 'name']);
    else if (!volumes.has(vname)) e.notFound([...mp, 'name'], vname);
    const mpath = str(m.mountPath);
    if (mpath === '') e.required([...mp, 'mountPath']);
    else if (mountPaths.has(mpath)) e.invalid([...mp, 'mountPath'], mpath, K8S.mustBeUnique);
    else mountPaths.add(mpath);
  });

  const pull = str(c.imagePullPolicy);
  if (pull === '') e.required([...path, 'imagePullPolicy']);
  else if (!['Always', 'IfNotPresent', 'Never'].includes(pull)) e.notSupported([...path, 'imagePullPolicy'], pull, ['Always', 'IfNotPresent', 'Never']);

  validateResources(e, c.resources, [...path, 'resources']);
}

/** Lifecycle and probes, allowed on regular containers and restartable init containers (sidecars). */
function validateLifecycleAndProbes(e: Errs, c: Obj, path: P, grace: number | undefined) {
  if (isObj(c.lifecycle)) {
    for (const hook of ['postStart', 'preStop']) {
      const h = c.lifecycle[hook];
      if (isObj(h)) validateHandler(e, h, 'lifecycle', grace, [...path, 'lifecycle', hook]);
    }
  }
  // validateLivenessProbe, validateReadinessProbe, validateStartupProbe
  const live = c.livenessProbe;
  if (isObj(live)) {
    validateProbe(e, live, grace, [...path, 'livenessProbe']);
    if (num(live.successThreshold) !== 1) e.invalid([...path, 'livenessProbe', 'successThreshold'], num(live.successThreshold), K8S.mustBeOne);
  }
  const ready = c.readinessProbe;
  if (isObj(ready)) {
    validateProbe(e, ready, grace, [...path, 'readinessProbe']);
    if (typeof ready.terminationGracePeriodSeconds === 'number') {
      e.invalid([...path, 'readinessProbe', 'terminationGracePeriodSeconds'], ready.terminationGracePeriodSeconds, K8S.readinessTgps);
    }
  }
  const startup = c.startupProbe;
  if (isObj(startup)) {
    validateProbe(e, startup, grace, [...path, 'startupProbe']);
    if (num(startup.successThreshold) !== 1) e.invalid([...path, 'startupProbe', 'successThreshold'], num(startup.successThreshold), K8S.mustBeOne);
  }
}

/** validateContainers: the regular containers. */
function validateContainers(e: Errs, base: P, containers: unknown[], names: Set<string>, volumes: Set<string>, grace: number | undefined) {
  if (containers.length === 0) {
    e.required([...base, 'containers']);
    return;
  }
  containers.forEach((raw, i) => {
    const c = isObj(raw) ? raw : {};
    const path = [...base, 'containers', i];
    validateContainerCommon(e, c, path, volumes);
    const name = str(c.name);
    if (names.has(name)) e.duplicate([...path, 'name'], name);
    else names.add(name);
    validateLifecycleAndProbes(e, c, path, grace);
    if (c.restartPolicy !== undefined) e.forbidden([...path, 'restartPolicy'], K8S.nonInitRestartPolicy);
  });
}

/** validateInitContainers: names collide with the regular containers' too; only sidecars get probes and hooks. */
function validateInitContainers(e: Errs, base: P, containers: unknown[], names: Set<string>, volumes: Set<string>, grace: number | undefined) {
  containers.forEach((raw, i) => {
    const c = isObj(raw) ? raw : {};
    const path = [...base, 'initContainers', i];
    validateContainerCommon(e, c, path, volumes);
    const name = str(c.name);
    if (names.has(name)) e.duplicate([...path, 'name'], name);
    else names.add(name);
    const restartAlways = c.restartPolicy === 'Always';
    if (c.restartPolicy !== undefined && !restartAlways) e.notSupported([...path, 'restartPolicy'], str(c.restartPolicy), ['Always']);
    if (restartAlways) validateLifecycleAndProbes(e, c, path, grace);
    else {
      for (const f of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe']) {
        if (c[f] !== undefined) e.forbidden([...path, f], K8S.plainInitContainer);
      }
    }
  });
}

/** validateContainersOnlyForPod: checks a Pod gets that a pod template does not. */
function validateContainersOnlyForPod(e: Errs, containers: unknown[], list: string) {
  containers.forEach((raw, i) => {
    const image = isObj(raw) ? str(raw.image) : '';
    if (image !== image.trim()) e.invalid(['spec', list, i, 'image'], image, K8S.whitespace);
  });
}

const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);

/** ValidateContainerResourceRequirements for what a Pod's containers use (cpu, memory, ephemeral-storage). */
function validateResources(e: Errs, raw: unknown, path: P) {
  if (!isObj(raw)) return;
  const parsed = (m: unknown): Map<string, Quantity> => {
    const out = new Map<string, Quantity>();
    if (isObj(m)) {
      for (const [k, v] of Object.entries(m)) {
        const q = typeof v === 'string' || typeof v === 'number' ? parseQuantity(v) : undefined;
        if (q && !('error' in q)) out.set(k, q);
      }
    }
    return out;
  };
  const limits = parsed(raw.limits);
  const requests = parsed(raw.requests);
  const checkName = (name: string, p: P) => {
    for (const m of isQualifiedName(name)) e.invalid(p, name, m);
    if (!name.includes('/')) {
      if (!STANDARD_CONTAINER_RESOURCES.has(name) && !name.startsWith('hugepages-')) e.invalid(p, name, K8S.standardResource);
    }
  };
  for (const [name, q] of limits) {
    const p = [...path, 'limits', name];
    checkName(name, p);
    if (q.milli < 0n) e.invalid(p, formatQuantity(q), K8S.nonNegative);
  }
  for (const [name, q] of requests) {
    const p = [...path, 'requests', name];
    checkName(name, p);
    if (q.milli < 0n) e.invalid(p, formatQuantity(q), K8S.nonNegative);
    const limit = limits.get(name);
    if (limit && compareQuantity(q, limit) > 0) {
      e.invalid([...path, 'requests'], formatQuantity(q), K8S.requestOverLimit(name, formatQuantity(limit)));
    }
  }
}

/** A ValidateNameFunc: NameIsDNSSubdomain for most kinds, NameIsDNS1035Label for a Service. */
export type NameValidator = (name: string, prefix: boolean) => string[];

/** A generateName may end in "-" (the random suffix follows): it is checked as if a letter stood there. */
function maskTrailingDash(v: string): string {
  return v.endsWith('-') ? v.slice(0, -1) + 'a' : v;
}

export const nameIsDNSSubdomain: NameValidator = (name, prefix) => isDNS1123Subdomain(prefix ? maskTrailingDash(name) : name);
export const nameIsDNS1035Label: NameValidator = (name, prefix) => isDNS1035Label(prefix ? maskTrailingDash(name) : name);

/** unversionedvalidation.ValidateLabels: every key a qualified name, every value a label value, at the map's path. */
export function validateLabels(e: Errs, labels: unknown, path: P) {
  if (!isObj(labels)) return;
  for (const [k, v] of Object.entries(labels)) {
    for (const m of isQualifiedName(k)) e.invalid(path, k, m);
    for (const m of isValidLabelValue(str(v))) e.invalid(path, str(v), m);
  }
}

/** ValidateAnnotations: keys are qualified names (case-insensitive). */
export function validateAnnotations(e: Errs, annotations: unknown, path: P) {
  if (!isObj(annotations)) return;
  for (const k of Object.keys(annotations)) for (const m of isQualifiedName(k.toLowerCase())) e.invalid(path, k, m);
}

/** ValidateObjectMeta (apimachinery) for a namespaced object on create. */
export function validateObjectMeta(e: Errs, metaRaw: unknown, nameFn: NameValidator) {
  const meta = isObj(metaRaw) ? metaRaw : {};
  const generateName = str(meta.generateName);
  if (generateName !== '') for (const m of nameFn(generateName, true)) e.invalid(['metadata', 'generateName'], generateName, m);
  const name = str(meta.name);
  if (name === '') {
    if (generateName === '') e.required(['metadata', 'name'], K8S.nameRequired);
  } else for (const m of nameFn(name, false)) e.invalid(['metadata', 'name'], name, m);
  const ns = str(meta.namespace);
  if (ns === '') e.required(['metadata', 'namespace']);
  else for (const m of isDNS1123Label(ns)) e.invalid(['metadata', 'namespace'], ns, m);
  validateLabels(e, meta.labels, ['metadata', 'labels']);
  validateAnnotations(e, meta.annotations, ['metadata', 'annotations']);
}

/**
 * ValidatePodSpec for the pod spec at `base` (["spec"] for a Pod, ["spec","template","spec"] for a
 * workload's template); `forPod` adds ValidatePodCreate's ban on ephemeral containers, in place.
 */
function validatePodSpec(e: Errs, spec: Obj, base: P, forPod: boolean) {
  const volumes = new Set<string>();
  arr(spec.volumes).forEach((raw, i) => {
    const v = isObj(raw) ? raw : {};
    const vname = str(v.name);
    const np = [...base, 'volumes', i, 'name'];
    if (vname === '') e.required(np);
    else {
      for (const m of isDNS1123Label(vname)) e.invalid(np, vname, m);
      if (volumes.has(vname)) e.duplicate(np, vname);
    }
    volumes.add(vname);
  });
  const grace = typeof spec.terminationGracePeriodSeconds === 'number' ? spec.terminationGracePeriodSeconds : undefined;
  // containers first; init containers then also collide with the containers' names
  const names = new Set<string>();
  const containers = arr(spec.containers);
  validateContainers(e, base, containers, names, volumes, grace);
  validateInitContainers(e, base, arr(spec.initContainers), names, volumes, grace);
  if (forPod && arr(spec.ephemeralContainers).length > 0) e.forbidden([...base, 'ephemeralContainers'], K8S.ephemeralOnCreate);

  const rp = str(spec.restartPolicy);
  if (rp === '') e.required([...base, 'restartPolicy']);
  else if (!['Always', 'OnFailure', 'Never'].includes(rp)) e.notSupported([...base, 'restartPolicy'], rp, ['Always', 'OnFailure', 'Never']);
  const dns = str(spec.dnsPolicy);
  if (dns === '') e.required([...base, 'dnsPolicy']);
  else if (!['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'].includes(dns)) {
    e.notSupported([...base, 'dnsPolicy'], dns, ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None']);
  }
  const sa = str(spec.serviceAccountName);
  if (sa !== '') for (const m of isDNS1123Subdomain(sa)) e.invalid([...base, 'serviceAccountName'], sa, m);
  if (typeof spec.activeDeadlineSeconds === 'number') {
    const v = spec.activeDeadlineSeconds;
    if (v < 1 || v > 2147483647) e.invalid([...base, 'activeDeadlineSeconds'], v, K8S.activeDeadline);
  }
}

/** pkg/api/pod/warnings.go for the containers of the pod spec at `base`. */
function podSpecWarnings(e: Errs, spec: Obj, base: P) {
  arr(spec.containers).forEach((raw, ci) => {
    const c = isObj(raw) ? raw : {};
    const res = isObj(c.resources) ? c.resources : {};
    for (const name of ['memory', 'ephemeral-storage']) {
      for (const kind of ['limits', 'requests']) {
        const v = isObj(res[kind]) ? (res[kind] as Obj)[name] : undefined;
        const q = typeof v === 'string' || typeof v === 'number' ? parseQuantity(v) : undefined;
        if (q && !('error' in q) && q.milli % 1000n !== 0n) {
          e.warning([...base, 'containers', ci, 'resources', kind, name], K8S.fractionalBytes(formatQuantity(q)));
        }
      }
    }
    const seen = new Set<string>();
    arr(c.env).forEach((rawEnv, i) => {
      const env = isObj(rawEnv) ? rawEnv : {};
      const ename = str(env.name);
      if (seen.has(ename)) {
        const ref = `$(${ename})`;
        const value = str(env.value);
        if (env.valueFrom !== undefined || value === ref || !value.includes(ref)) e.warning([...base, 'containers', ci, 'env', i], K8S.hidesEnv(ename));
      } else seen.add(ename);
    });
  });
}

/**
 * The API server's verdict on a schema-valid Pod, as written or already defaulted (defaults are
 * applied here first, as the API server does): errors (the create would be rejected) and
 * warnings (kubectl prints "Warning: ..." and creates it), in upstream order.
 */
export function validatePodRules(pod: unknown): RuleViolation[] {
  const raw = validateRawPodWarnings(pod);
  const e = new Errs();
  e.list.push(...raw);
  const p = (isObj(pod) ? applyPodDefaults(pod as Pod) : {}) as Obj;
  // ValidateObjectMeta with ValidatePodName = NameIsDNSSubdomain
  validateObjectMeta(e, p.metadata, nameIsDNSSubdomain);
  const spec = isObj(p.spec) ? p.spec : {};
  validatePodSpec(e, spec, ['spec'], true);
  validateContainersOnlyForPod(e, arr(spec.containers), 'containers');
  validateContainersOnlyForPod(e, arr(spec.initContainers), 'initContainers');
  podSpecWarnings(e, spec, ['spec']);
  return e.list;
}

/**
 * ValidatePodTemplateSpec for the (defaulted) template at `path` (["spec","template"]): its labels
 * and annotations (checked at `spec.template.labels`, as upstream's fldPath.Child("labels") says),
 * its pod spec, and no ephemeral containers.
 */
export function validatePodTemplate(e: Errs, template: unknown, path: P) {
  const t = isObj(template) ? template : {};
  const meta = isObj(t.metadata) ? t.metadata : {};
  validateLabels(e, meta.labels, [...path, 'labels']);
  validateAnnotations(e, meta.annotations, [...path, 'annotations']);
  const spec = isObj(t.spec) ? t.spec : {};
  validatePodSpec(e, spec, [...path, 'spec'], false);
  if (arr(spec.ephemeralContainers).length > 0) e.forbidden([...path, 'spec', 'ephemeralContainers'], K8S.ephemeralInTemplate);
}

/** GetWarningsForPodTemplate for the (defaulted) template at `path`: upstream order, grace period last. */
export function podTemplateWarnings(e: Errs, template: unknown, path: P) {
  const t = isObj(template) ? template : {};
  const spec = isObj(t.spec) ? t.spec : {};
  podSpecWarnings(e, spec, [...path, 'spec']);
  const tgps = spec.terminationGracePeriodSeconds;
  if (typeof tgps === 'number' && tgps < 0) e.warning([...path, 'spec', 'terminationGracePeriodSeconds'], K8S.negativeGraceWarning);
}

/** Warnings that depend on the Pod as written (before defaulting replaced the value). */
function validateRawPodWarnings(raw: unknown): RuleViolation[] {
  const e = new Errs();
  const spec = isObj(raw) && isObj(raw.spec) ? raw.spec : {};
  const tgps = spec.terminationGracePeriodSeconds;
  if (typeof tgps === 'number' && tgps < 0) e.warning(['spec', 'terminationGracePeriodSeconds'], K8S.negativeGraceWarning);
  return e.list;
}
