// The API server's validation on create of the kinds beyond Pod (Deployment, ReplicaSet, Job,
// Service), on the defaulted object like the API server (decode -> default -> validate); a Pod goes
// to rules.ts. Texts are upstream's. Models k/k pkg/apis/apps/validation/validation.go
// (ValidateDeployment, ValidateReplicaSet), pkg/apis/batch/validation/validation.go (ValidateJob),
// pkg/apis/core/validation/validation.go (ValidateService, ValidatePodTemplateSpec),
// k8s.io/apimachinery pkg/apis/meta/v1/validation (label selectors) and the registries' create
// strategies (Job selector generation, Service node port allocation); Kubernetes 1.33.
import { GoLiteral, K8S, goQuote } from './messages.js';
import { applyObjectDefaults, externallyAccessible } from './defaults.js';
import { assertNever, type KubeObject, type Kind } from './kinds.js';
import {
  Errs,
  arr,
  isDNS1123Label,
  isDNS1123Subdomain,
  isObj,
  isQualifiedName,
  isValidLabelValue,
  isValidPercent,
  isValidPortNum,
  nameIsDNS1035Label,
  nameIsDNSSubdomain,
  podTemplateWarnings,
  str,
  validateLabels,
  validateObjectMeta,
  validatePodRules,
  validatePodTemplate,
  validatePortNumOrName,
  type Obj,
  type RuleViolation,
} from './rules.js';

type P = (string | number)[];

/**
 * The API server's verdict on a schema-valid object of any supported kind: errors (the create
 * would be rejected: kubectl prints `The Deployment "web" is invalid: <cause>`) and warnings, in
 * upstream order. Defaults are applied first.
 */
export function validateObjectRules(kind: Kind, value: unknown): RuleViolation[] {
  if (kind === 'Pod') return validatePodRules(value);
  const obj = (isObj(value) ? applyObjectDefaults({ ...value, kind } as KubeObject) : {}) as Obj;
  const e = new Errs();
  switch (kind) {
    case 'Deployment':
      validateObjectMeta(e, obj.metadata, nameIsDNSSubdomain);
      validateDeploymentSpec(e, spec(obj));
      break;
    case 'ReplicaSet':
      validateObjectMeta(e, obj.metadata, nameIsDNSSubdomain);
      validateReplicaSetSpec(e, spec(obj));
      break;
    case 'Job':
      validateJob(e, obj);
      break;
    case 'Service':
      validateService(e, obj);
      break;
    default:
      return assertNever(kind);
  }
  if (kind !== 'Service') podTemplateWarnings(e, spec(obj).template, ['spec', 'template']);
  return e.list;
}

function spec(o: Obj): Obj {
  return isObj(o.spec) ? o.spec : {};
}

const int = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

/** apivalidation.ValidateNonnegativeField */
function nonNegative(e: Errs, v: unknown, path: P) {
  if (typeof v === 'number' && v < 0) e.invalid(path, v, K8S.nonNegative);
}

// ---------------------------------------------------------------- Go renderings of bad values

/** fmt's %#v of a map[string]string (keys sorted, as fmt prints maps). */
export function goStringMap(m: unknown): string {
  if (!isObj(m)) return 'map[string]string(nil)';
  const keys = Object.keys(m).sort();
  return `map[string]string{${keys.map((k) => `${goQuote(k)}:${goQuote(str(m[k]))}`).join(', ')}}`;
}

/** %#v of a metav1.LabelSelector (apps and batch print a selector this way). */
export function goLabelSelector(sel: unknown): string {
  const s = isObj(sel) ? sel : {};
  const exprs = Array.isArray(s.matchExpressions)
    ? `[]v1.LabelSelectorRequirement{${s.matchExpressions
        .map((x) => {
          const r = isObj(x) ? x : {};
          const values = Array.isArray(r.values) ? `[]string{${r.values.map((v) => goQuote(str(v))).join(', ')}}` : '[]string(nil)';
          return `v1.LabelSelectorRequirement{Key:${goQuote(str(r.key))}, Operator:${goQuote(str(r.operator))}, Values:${values}}`;
        })
        .join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return `v1.LabelSelector{MatchLabels:${goStringMap(s.matchLabels)}, MatchExpressions:${exprs}}`;
}

/** %#v of an intstr.IntOrString (Type 0 = Int, 1 = String). */
export function goIntOrString(v: unknown): string {
  if (typeof v === 'string') return `intstr.IntOrString{Type:1, IntVal:0, StrVal:${goQuote(v)}}`;
  return `intstr.IntOrString{Type:0, IntVal:${typeof v === 'number' ? v : 0}, StrVal:""}`;
}

// ---------------------------------------------------------------- label selectors

/**
 * ValidateLabelSelector (apimachinery meta/v1/validation) at `path`. Returns whether
 * LabelSelectorAsSelector would accept it (it fails on the same bad operators, keys and values).
 */
function validateLabelSelector(e: Errs, sel: Obj, path: P): boolean {
  let ok = true;
  const before = e.list.length;
  validateLabels(e, sel.matchLabels, [...path, 'matchLabels']);
  arr(sel.matchExpressions).forEach((raw, i) => {
    const r = isObj(raw) ? raw : {};
    const rp = [...path, 'matchExpressions', i];
    const op = str(r.operator);
    const values = arr(r.values);
    if (op === 'In' || op === 'NotIn') {
      if (values.length === 0) e.required([...rp, 'values'], K8S.selectorValuesRequired);
    } else if (op === 'Exists' || op === 'DoesNotExist') {
      if (values.length > 0) e.forbidden([...rp, 'values'], K8S.selectorValuesForbidden);
    } else e.invalid([...rp, 'operator'], op, K8S.selectorOperator);
    for (const m of isQualifiedName(str(r.key))) e.invalid([...rp, 'key'], str(r.key), m);
    values.forEach((v, vi) => {
      for (const m of isValidLabelValue(str(v))) e.invalid([...rp, 'values', vi], str(v), m);
    });
  });
  if (e.list.length > before) ok = false;
  return ok;
}

/** labels.Selector.Matches for a selector LabelSelectorAsSelector accepted. */
function selectorMatches(sel: Obj, labels: unknown): boolean {
  const l = isObj(labels) ? labels : {};
  const has = (k: string) => Object.prototype.hasOwnProperty.call(l, k);
  if (isObj(sel.matchLabels)) for (const [k, v] of Object.entries(sel.matchLabels)) if (!has(k) || str(l[k]) !== str(v)) return false;
  for (const raw of arr(sel.matchExpressions)) {
    const r = isObj(raw) ? raw : {};
    const key = str(r.key);
    const values = arr(r.values).map(str);
    switch (str(r.operator)) {
      case 'In':
        if (!has(key) || !values.includes(str(l[key]))) return false;
        break;
      case 'NotIn':
        if (has(key) && values.includes(str(l[key]))) return false;
        break;
      case 'Exists':
        if (!has(key)) return false;
        break;
      case 'DoesNotExist':
        if (has(key)) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

const selectorEmpty = (sel: Obj) => Object.keys(isObj(sel.matchLabels) ? sel.matchLabels : {}).length + arr(sel.matchExpressions).length === 0;

function templateLabels(template: unknown): unknown {
  return isObj(template) && isObj(template.metadata) ? template.metadata.labels : undefined;
}

// ---------------------------------------------------------------- apps

/**
 * The selector part of ValidateDeploymentSpec / ValidateReplicaSetSpec and
 * ValidatePodTemplateSpecForReplicaSet: a selector is required and not empty, the template's labels
 * match it, its pod spec is valid and restarts Always, with no activeDeadlineSeconds.
 */
function validateSelectorAndTemplate(e: Errs, s: Obj) {
  const selPath = ['spec', 'selector'];
  let selectorOk = true;
  const sel = isObj(s.selector) ? s.selector : undefined;
  if (!sel) e.required(selPath);
  else {
    selectorOk = validateLabelSelector(e, sel, selPath);
    if (selectorEmpty(sel)) e.invalid(selPath, new GoLiteral(goLabelSelector(sel)), K8S.emptySelector);
  }
  if (!selectorOk) {
    e.invalid(selPath, new GoLiteral(goLabelSelector(sel)), K8S.invalidSelector);
    return;
  }
  const template = isObj(s.template) ? s.template : {};
  // a nil selector selects nothing (labels.Nothing()); an empty one everything (then no check)
  if (!sel || !selectorEmpty(sel)) {
    const labels = templateLabels(template);
    if (!sel || !selectorMatches(sel, labels)) {
      const at = ['spec', 'template', 'metadata', 'labels'];
      e.invalid(at, new GoLiteral(goStringMap(labels)), K8S.selectorMismatch);
    }
  }
  validatePodTemplate(e, template, ['spec', 'template']);
  const ps = isObj(template.spec) ? template.spec : {};
  if (str(ps.restartPolicy) !== 'Always') e.notSupported(['spec', 'template', 'spec', 'restartPolicy'], str(ps.restartPolicy), ['Always']);
  if (typeof ps.activeDeadlineSeconds === 'number') e.forbidden(['spec', 'template', 'spec', 'activeDeadlineSeconds'], K8S.rsActiveDeadline);
}

function validateDeploymentSpec(e: Errs, s: Obj) {
  nonNegative(e, s.replicas, ['spec', 'replicas']);
  validateSelectorAndTemplate(e, s);
  validateDeploymentStrategy(e, isObj(s.strategy) ? s.strategy : {});
  nonNegative(e, s.minReadySeconds, ['spec', 'minReadySeconds']);
  nonNegative(e, s.revisionHistoryLimit, ['spec', 'revisionHistoryLimit']);
  const pds = int(s.progressDeadlineSeconds);
  if (pds !== undefined) {
    nonNegative(e, pds, ['spec', 'progressDeadlineSeconds']);
    if (pds <= (int(s.minReadySeconds) ?? 0)) e.invalid(['spec', 'progressDeadlineSeconds'], pds, K8S.progressDeadline);
  }
}

function validateReplicaSetSpec(e: Errs, s: Obj) {
  nonNegative(e, s.replicas, ['spec', 'replicas']);
  nonNegative(e, s.minReadySeconds, ['spec', 'minReadySeconds']);
  validateSelectorAndTemplate(e, s);
}

/** ValidateDeploymentStrategy on the defaulted strategy. */
function validateDeploymentStrategy(e: Errs, st: Obj) {
  const path = ['spec', 'strategy'];
  const type = str(st.type);
  if (type === 'Recreate') {
    if (st.rollingUpdate !== undefined) e.forbidden([...path, 'rollingUpdate'], K8S.recreateRollingUpdate);
  } else if (type === 'RollingUpdate') {
    const ru = isObj(st.rollingUpdate) ? st.rollingUpdate : {};
    const rp = [...path, 'rollingUpdate'];
    positiveIntOrPercent(e, ru.maxUnavailable, [...rp, 'maxUnavailable']);
    positiveIntOrPercent(e, ru.maxSurge, [...rp, 'maxSurge']);
    if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
      e.invalid([...rp, 'maxUnavailable'], new GoLiteral(goIntOrString(ru.maxUnavailable)), K8S.bothZero);
    }
    const pct = percentValue(ru.maxUnavailable);
    if (pct !== undefined && pct > 100) e.invalid([...rp, 'maxUnavailable'], new GoLiteral(goIntOrString(ru.maxUnavailable)), K8S.over100Percent);
  } else {
    // the value printed is the whole strategy struct, with its rollingUpdate pointer
    const ru = st.rollingUpdate === undefined ? '(*apps.RollingUpdateDeployment)(nil)' : '(*apps.RollingUpdateDeployment)(0xc000…)';
    e.notSupported(path, new GoLiteral(`apps.DeploymentStrategy{Type:${goQuote(type)}, RollingUpdate:${ru}}`), ['Recreate', 'RollingUpdate']);
  }
}

/** ValidatePositiveIntOrPercent */
function positiveIntOrPercent(e: Errs, v: unknown, path: P) {
  if (typeof v === 'string') for (const m of isValidPercent(v)) e.invalid(path, new GoLiteral(goIntOrString(v)), m);
  else nonNegative(e, v, path);
}

function percentValue(v: unknown): number | undefined {
  if (typeof v !== 'string' || isValidPercent(v).length > 0) return undefined;
  return Number(v.slice(0, -1));
}

/** getIntOrPercentValue: a percentage's number, an int's value, 0 for a bad string (IntValue of "x"). */
function intOrPercentValue(v: unknown): number {
  const pct = percentValue(v);
  if (pct !== undefined) return pct;
  if (typeof v === 'number') return v;
  const n = Number.parseInt(typeof v === 'string' ? v : '', 10);
  return Number.isNaN(n) ? 0 : n;
}

// ---------------------------------------------------------------- batch

/**
 * Stands for the UID the API server gives the Job (random, unknown before the create): it is
 * printed only inside a bad selector or template labels, where kubectl would show the real one.
 */
const JOB_UID = 'xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx';

/**
 * ValidateJob on the object the Job strategy's PrepareForCreate made: unless manualSelector is
 * true, the selector is generated (batch.kubernetes.io/controller-uid=<uid>) and the template gets
 * the controller-uid and job-name labels (both prefixed and legacy), so a selector the learner
 * wrote without manualSelector no longer matches (`selector` not auto-generated).
 */
function validateJob(e: Errs, job: Obj) {
  const meta = isObj(job.metadata) ? job.metadata : {};
  const name = str(meta.name);
  const s = spec(job);
  const template = isObj(s.template) ? s.template : {};
  const manual = s.manualSelector === true;
  let sel = isObj(s.selector) ? s.selector : undefined;
  let labels = templateLabels(template);
  if (!manual) {
    // pkg/registry/batch/job strategy.go generateSelector
    const l: Obj = { ...(isObj(labels) ? labels : {}) };
    for (const k of ['job-name', 'batch.kubernetes.io/job-name']) if (!(k in l)) l[k] = name;
    for (const k of ['controller-uid', 'batch.kubernetes.io/controller-uid']) if (!(k in l)) l[k] = JOB_UID;
    labels = l;
    const ml: Obj = { ...(sel && isObj(sel.matchLabels) ? sel.matchLabels : {}) };
    if (!('batch.kubernetes.io/controller-uid' in ml)) ml['batch.kubernetes.io/controller-uid'] = JOB_UID;
    sel = { ...(sel ?? {}), matchLabels: ml };
  }
  validateObjectMeta(e, job.metadata, nameIsDNSSubdomain);
  // validateGeneratedSelector
  if (!manual && sel) {
    const expected = {
      'batch.kubernetes.io/controller-uid': JOB_UID,
      'batch.kubernetes.io/job-name': name,
      'controller-uid': JOB_UID,
      'job-name': name,
    };
    const lp = ['spec', 'template', 'metadata', 'labels'];
    for (const [k, want] of Object.entries(expected)) {
      const have = isObj(labels) ? labels[k] : undefined;
      if (have !== want) e.invalid([...lp, k], new GoLiteral(goStringMap(labels)), K8S.mustBe(want));
    }
    if (validSelector(sel) && !selectorMatches(sel, expected)) e.invalid(['spec', 'selector'], new GoLiteral(goLabelSelector(sel)), K8S.selectorNotGenerated);
  }
  // the template as the strategy left it: its labels (job-name = the Job's name) are validated too
  const generated = manual ? template : { ...template, metadata: { ...(isObj(template.metadata) ? template.metadata : {}), labels } };
  validateJobSpec(e, s, generated);
  if (!sel) e.required(['spec', 'selector']);
  else validateLabelSelector(e, sel, ['spec', 'selector']);
  if (!sel || validSelector(sel)) {
    if (!sel || !selectorMatches(sel, labels)) e.invalid(['spec', 'template', 'metadata', 'labels'], new GoLiteral(goStringMap(labels)), K8S.selectorMismatch);
  }
  // an Indexed Job's pods are named <job>-<index>: the last one must still be a DNS label
  const completions = int(s.completions);
  if (s.completionMode === 'Indexed' && completions !== undefined && completions > 0) {
    const host = `${name}-${completions - 1}`;
    if (isDNS1123Label(host).length > 0) e.invalid(['metadata', 'name'], name, K8S.podHostname(host));
  }
}

function validSelector(sel: Obj): boolean {
  return validateLabelSelector(new Errs(), sel, []);
}

/** %#v of a []int32 (exit codes). */
function goInt32s(raw: unknown): GoLiteral {
  return new GoLiteral(Array.isArray(raw) ? `[]int32{${raw.map((v) => String(v)).join(', ')}}` : '[]int32(nil)');
}

/** validateJobSpec: counts, completion mode, pod failure policy, replacement policy, the template and its restartPolicy. */
function validateJobSpec(e: Errs, s: Obj, template: Obj) {
  const sp = (f: string): P => ['spec', f];
  nonNegative(e, s.parallelism, sp('parallelism'));
  nonNegative(e, s.completions, sp('completions'));
  nonNegative(e, s.activeDeadlineSeconds, sp('activeDeadlineSeconds'));
  nonNegative(e, s.backoffLimit, sp('backoffLimit'));
  nonNegative(e, s.ttlSecondsAfterFinished, sp('ttlSecondsAfterFinished'));
  nonNegative(e, s.backoffLimitPerIndex, sp('backoffLimitPerIndex'));
  if (s.maxFailedIndexes !== undefined) {
    nonNegative(e, s.maxFailedIndexes, sp('maxFailedIndexes'));
    if (s.backoffLimitPerIndex === undefined) e.required(sp('backoffLimitPerIndex'), K8S.whenMaxFailedIndexes);
  }
  const mode = str(s.completionMode);
  if (mode !== 'NonIndexed' && mode !== 'Indexed') e.notSupported(sp('completionMode'), mode, ['NonIndexed', 'Indexed']);
  const completions = int(s.completions);
  const par = int(s.parallelism);
  const maxFailed = int(s.maxFailedIndexes);
  if (mode === 'Indexed') {
    if (completions === undefined) e.required(sp('completions'), K8S.whenIndexed);
    if (par !== undefined && par > 100000) e.invalid(sp('parallelism'), par, K8S.parallelismIndexed);
    if (completions !== undefined && maxFailed !== undefined && maxFailed > completions) e.invalid(sp('maxFailedIndexes'), maxFailed, K8S.lessOrEqualCompletions);
    if (maxFailed !== undefined && maxFailed > 100000) e.invalid(sp('maxFailedIndexes'), maxFailed, K8S.lessOrEqual(100000));
    if (completions !== undefined && completions > 100000 && s.backoffLimitPerIndex !== undefined) {
      if (maxFailed === undefined) e.required(sp('maxFailedIndexes'), K8S.maxFailedAboveSoftLimit);
      if (par !== undefined && par > 10000) e.invalid(sp('parallelism'), par, K8S.aboveSoftLimit(10000));
      if (maxFailed !== undefined && maxFailed > 10000) e.invalid(sp('maxFailedIndexes'), maxFailed, K8S.aboveSoftLimit(10000));
    }
  }
  if (mode === 'NonIndexed') {
    if (typeof s.backoffLimitPerIndex === 'number') e.invalid(sp('backoffLimitPerIndex'), s.backoffLimitPerIndex, K8S.requiresIndexed);
    if (maxFailed !== undefined) e.invalid(sp('maxFailedIndexes'), maxFailed, K8S.requiresIndexed);
  }
  if (isObj(s.podFailurePolicy)) validatePodFailurePolicy(e, s, s.podFailurePolicy, template);
  // validatePodReplacementPolicy (defaulted, so always set)
  const prp = str(s.podReplacementPolicy);
  if (s.podFailurePolicy !== undefined) {
    if (prp !== 'Failed') e.notSupported(sp('podReplacementPolicy'), prp, ['Failed']);
  } else if (prp !== 'TerminatingOrFailed' && prp !== 'Failed') e.notSupported(sp('podReplacementPolicy'), prp, ['Failed', 'TerminatingOrFailed']);
  validatePodTemplate(e, template, ['spec', 'template']);
  const ps = isObj(template.spec) ? template.spec : {};
  const rp = str(ps.restartPolicy);
  const rpPath = ['spec', 'template', 'spec', 'restartPolicy'];
  // SetDefaults_PodSpec made an unset restartPolicy Always: upstream refuses both alike
  if (rp === 'Always' || rp === '') e.required(rpPath, K8S.jobRestartPolicy);
  else if (rp !== 'OnFailure' && rp !== 'Never') e.notSupported(rpPath, rp, ['OnFailure', 'Never']);
  else if (s.podFailurePolicy !== undefined && rp !== 'Never') e.invalid(rpPath, rp, K8S.jobNeverOnly);
}

const PFP_ACTIONS = ['Count', 'FailIndex', 'FailJob', 'Ignore'];
const PFP_OPERATORS = ['In', 'NotIn'];
const PFP_STATUSES = ['False', 'True', 'Unknown'];

/** validatePodFailurePolicy and its rules (action, onExitCodes, onPodConditions). */
function validatePodFailurePolicy(e: Errs, s: Obj, pfp: Obj, template: Obj) {
  const rulesPath = ['spec', 'podFailurePolicy', 'rules'];
  const rules = arr(pfp.rules);
  if (rules.length > 20) e.tooMany(rulesPath, rules.length, 20);
  const ps = isObj(template.spec) ? template.spec : {};
  const containerNames = new Set([...arr(ps.containers), ...arr(ps.initContainers)].map((c) => (isObj(c) ? str(c.name) : '')));
  rules.forEach((raw, i) => {
    const r = isObj(raw) ? raw : {};
    const rp = [...rulesPath, i];
    const action = str(r.action);
    if (action === '') e.required([...rp, 'action'], K8S.validValues(PFP_ACTIONS));
    else if (action === 'FailIndex') {
      if (s.backoffLimitPerIndex === undefined) e.invalid([...rp, 'action'], action, K8S.requiresBackoffPerIndex);
    } else if (!PFP_ACTIONS.includes(action)) e.notSupported([...rp, 'action'], action, PFP_ACTIONS);
    const codes = isObj(r.onExitCodes) ? r.onExitCodes : undefined;
    const conds = arr(r.onPodConditions);
    if (codes) {
      const cp = [...rp, 'onExitCodes'];
      const op = str(codes.operator);
      if (op === '') e.required([...cp, 'operator'], K8S.validValues(PFP_OPERATORS));
      else if (!PFP_OPERATORS.includes(op)) e.notSupported([...cp, 'operator'], op, PFP_OPERATORS);
      if (typeof codes.containerName === 'string' && !containerNames.has(codes.containerName)) e.invalid([...cp, 'containerName'], codes.containerName, K8S.notAContainer);
      const values = arr(codes.values);
      if (values.length === 0) e.invalid([...cp, 'values'], goInt32s(codes.values), K8S.atLeastOneValue);
      else if (values.length > 255) e.tooMany([...cp, 'values'], values.length, 255);
      let ordered = true;
      const seen = new Set<unknown>();
      values.forEach((v, vi) => {
        if (op === 'In' && v === 0) e.invalid([...cp, 'values', vi], v, K8S.notZeroForIn);
        if (seen.has(v)) e.duplicate([...cp, 'values', vi], v);
        else seen.add(v);
        if (vi > 0 && (values[vi - 1] as number) > (v as number)) ordered = false;
      });
      if (!ordered) e.invalid([...cp, 'values'], goInt32s(codes.values), K8S.mustBeOrdered);
    }
    if (conds.length > 0) {
      const cp = [...rp, 'onPodConditions'];
      if (conds.length > 20) e.tooMany(cp, conds.length, 20);
      conds.forEach((c, ci) => {
        const pattern = isObj(c) ? c : {};
        for (const m of isQualifiedName(str(pattern.type))) e.invalid([...cp, ci, 'type'], str(pattern.type), m);
        const st = str(pattern.status);
        if (st === '') e.required([...cp, ci, 'status'], K8S.validValues(PFP_STATUSES));
        else if (!PFP_STATUSES.includes(st)) e.notSupported([...cp, ci, 'status'], st, PFP_STATUSES);
      });
    }
    if (codes && conds.length > 0) e.invalidOmitted(rp, K8S.bothOnExitCodesAndConditions);
    if (!codes && conds.length === 0) e.invalidOmitted(rp, K8S.oneOfOnExitCodesAndConditions);
  });
}

// ---------------------------------------------------------------- core Service

const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
/** The API server's default --service-node-port-range. */
const NODE_PORT_MIN = 30000;
const NODE_PORT_MAX = 32767;

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
function isIP(v: string): boolean {
  if (IPV4.test(v)) return true;
  // IPv6: hex groups with at most one "::"; netip.ParseAddr is stricter but this covers real input
  if (!/^[0-9A-Fa-f:]+$/.test(v) || !v.includes(':')) return false;
  const doubles = v.split('::').length - 1;
  if (doubles > 1) return false;
  const groups = v.split(':').filter((g) => g !== '');
  if (groups.some((g) => g.length > 4)) return false;
  return doubles === 1 ? groups.length < 8 : groups.length === 8;
}

/** ValidateService (and the create strategy's node port allocation) on the defaulted Service. */
function validateService(e: Errs, svc: Obj) {
  validateObjectMeta(e, svc.metadata, nameIsDNS1035Label);
  const s = spec(svc);
  const type = str(s.type);
  const clusterIP = str(s.clusterIP);
  // the strategy copies clusterIP into clusterIPs when only clusterIP is set
  const clusterIPs = arr(s.clusterIPs).length > 0 ? arr(s.clusterIPs).map(str) : clusterIP !== '' ? [clusterIP] : [];
  const headless = clusterIPs.length > 0 && clusterIPs[0] === 'None';
  const ports = arr(s.ports).map((p) => (isObj(p) ? p : {}));
  if (ports.length === 0 && !headless && type !== 'ExternalName') e.required(['spec', 'ports']);
  if ((type === 'LoadBalancer' || type === 'NodePort') && headless) e.invalid(['spec', 'clusterIPs', 0], clusterIPs[0], K8S.headlessNotAllowed(type));
  if (type === 'ExternalName') {
    if (clusterIPs.length > 0) e.forbidden(['spec', 'clusterIPs'], K8S.notForExternalName);
    const cname = str(s.externalName).replace(/\.$/, '');
    if (cname !== '') for (const m of isDNS1123Subdomain(cname)) e.invalid(['spec', 'externalName'], cname, m);
    else e.required(['spec', 'externalName']);
  }
  const names = new Set<string>();
  ports.forEach((p, i) => {
    const pp = ['spec', 'ports', i];
    const name = str(p.name);
    if (ports.length > 1 && name === '') e.required([...pp, 'name']);
    else if (name !== '') {
      for (const m of isDNS1123Label(name)) e.invalid([...pp, 'name'], name, m);
      if (names.has(name)) e.duplicate([...pp, 'name'], name);
      else names.add(name);
    }
    const port = int(p.port) ?? 0;
    for (const m of isValidPortNum(port)) e.invalid([...pp, 'port'], port, m);
    const proto = str(p.protocol);
    if (!PROTOCOLS.includes(proto)) e.notSupported([...pp, 'protocol'], proto, PROTOCOLS);
    validatePortNumOrName(e, p.targetPort, [...pp, 'targetPort']);
    if (typeof p.appProtocol === 'string') for (const m of isQualifiedName(p.appProtocol)) e.invalid([...pp, 'appProtocol'], p.appProtocol, m);
  });
  if (isObj(s.selector)) validateLabels(e, s.selector, ['spec', 'selector']);
  const affinity = str(s.sessionAffinity);
  if (affinity !== 'ClientIP' && affinity !== 'None') e.notSupported(['spec', 'sessionAffinity'], affinity, ['ClientIP', 'None']);
  if (affinity === 'ClientIP') {
    const cfg = isObj(s.sessionAffinityConfig) ? s.sessionAffinityConfig : {};
    const t = isObj(cfg.clientIP) ? cfg.clientIP.timeoutSeconds : undefined;
    if (typeof t === 'number' && (t <= 0 || t > 86400)) e.invalid(['spec', 'sessionAffinityConfig', 'clientIP', 'timeoutSeconds'], t, K8S.affinityTimeout);
  }
  // ValidateServiceClusterIPsRelatedFields, the parts a create with one IP family meets
  if (clusterIPs.length > 0) {
    if (arr(s.clusterIPs).length > 0 && clusterIP !== '' && clusterIP !== clusterIPs[0]) e.invalid(['spec', 'clusterIPs'], new GoLiteral(`[]string{${clusterIPs.map(goQuote).join(', ')}}`), K8S.clusterIPsFirst);
    if (clusterIPs.length > 2) e.invalid(['spec', 'clusterIPs'], new GoLiteral(`[]string{${clusterIPs.map(goQuote).join(', ')}}`), K8S.atMostTwo);
    clusterIPs.forEach((ip, i) => {
      if (ip === 'None') {
        if (i > 0 || clusterIPs.length > 1) e.invalid(['spec', 'clusterIPs'], new GoLiteral(`[]string{${clusterIPs.map(goQuote).join(', ')}}`), K8S.noneFirstAndOnly);
      } else if (!isIP(ip)) e.invalid(['spec', 'clusterIPs', i], ip, K8S.ipAddress);
    });
  }
  arr(s.externalIPs).forEach((ip, i) => {
    if (!isIP(str(ip))) e.invalid(['spec', 'externalIPs', i], str(ip), K8S.ipAddress);
  });
  if (!SERVICE_TYPES.includes(type)) e.notSupported(['spec', 'type'], type, SERVICE_TYPES);
  if (type === 'ClusterIP') {
    ports.forEach((p, i) => {
      if (int(p.nodePort)) e.forbidden(['spec', 'ports', i, 'nodePort'], K8S.nodePortClusterIP);
    });
  }
  const nodePorts = new Set<string>();
  const portKeys = new Set<string>();
  ports.forEach((p, i) => {
    const np = int(p.nodePort) ?? 0;
    if (np !== 0) {
      const key = `${str(p.protocol)}/${np}`;
      if (nodePorts.has(key)) e.duplicate(['spec', 'ports', i, 'nodePort'], np);
      nodePorts.add(key);
    }
    const key = `${str(p.protocol)}/${int(p.port) ?? 0}`;
    if (portKeys.has(key)) {
      // the value is the (protocol, port) key, a core.ServicePort with only those two set
      e.duplicate(['spec', 'ports', i], new GoLiteral(`core.ServicePort{Name:"", Protocol:${goQuote(str(p.protocol))}, AppProtocol:(*string)(nil), Port:${int(p.port) ?? 0}, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`));
    }
    portKeys.add(key);
  });
  if (s.allocateLoadBalancerNodePorts !== undefined && type !== 'LoadBalancer') e.forbidden(['spec', 'allocateLoadBalancerNodePorts'], K8S.onlyLoadBalancer);
  // validateLoadBalancerClassField on create
  if (typeof s.loadBalancerClass === 'string') {
    if (type !== 'LoadBalancer') e.forbidden(['spec', 'loadBalancerClass'], K8S.onlyLoadBalancer);
    for (const m of isQualifiedName(s.loadBalancerClass)) e.invalid(['spec', 'loadBalancerClass'], s.loadBalancerClass, m);
  }
  // validateServiceExternalTrafficPolicy
  const etp = str(s.externalTrafficPolicy);
  if (!externallyAccessible(s)) {
    if (etp !== '') e.invalid(['spec', 'externalTrafficPolicy'], etp, K8S.externalTrafficPolicy);
  } else if (etp !== 'Cluster' && etp !== 'Local') e.notSupported(['spec', 'externalTrafficPolicy'], etp, ['Cluster', 'Local']);
  const hcnp = int(s.healthCheckNodePort) ?? 0;
  if (hcnp !== 0 && !(type === 'LoadBalancer' && etp === 'Local')) e.invalid(['spec', 'healthCheckNodePort'], hcnp, K8S.healthCheckNodePort);
  const itp = s.internalTrafficPolicy;
  if (itp !== undefined && itp !== 'Cluster' && itp !== 'Local') e.notSupported(['spec', 'internalTrafficPolicy'], str(itp), ['Cluster', 'Local']);
  // pkg/registry/core/service/portallocator: a nodePort outside the range is refused on create
  if (type === 'NodePort' || type === 'LoadBalancer') {
    ports.forEach((p, i) => {
      const np = int(p.nodePort) ?? 0;
      if (np !== 0 && (np < NODE_PORT_MIN || np > NODE_PORT_MAX)) e.invalid(['spec', 'ports', i, 'nodePort'], np, K8S.nodePortRange);
    });
  }
  // pkg/api/service/warnings.go
  if (type !== 'ExternalName' && s.externalName !== undefined && str(s.externalName) !== '') e.warning(['spec', 'externalName'], K8S.externalNameIgnored);
  if (type === 'ExternalName' && arr(s.externalIPs).length > 0) e.warning(['spec', 'externalIPs'], K8S.externalIPsIgnored);
}
