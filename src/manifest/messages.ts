// Every text the manifest pipeline shows a learner, in one place. Kubernetes' own texts are
// copied exactly from upstream (k8s.io/apimachinery pkg/util/validation, pkg/apis/core/validation,
// pkg/apis/apps/validation, pkg/apis/batch/validation).
import { API_VERSION, KINDS, RESOURCE, type Kind } from './kinds.js';

/**
 * The size above which a file is not parsed. Real manifests are a few KiB; the YAML parser
 * needs about a second per 256 KiB on a busy 2-core machine, so this keeps the worst case short.
 */
export const MAX_MANIFEST_BYTES = 256 * 1024;
/** Documents (`---`) allowed in one file; a kubedrill answer is a few objects (a Deployment and its Service). */
export const MAX_DOCUMENTS = 100;
/** Deeper than any valid manifest (a Deployment's probe headers are about 14 levels); stops pathological input early. */
export const MAX_NESTING_DEPTH = 64;
/** Aliases allowed when expanding a document (yaml's own default is 100). */
export const MAX_ALIAS_COUNT = 100;

/** "kubedrill checks Pod, Deployment, ReplicaSet, Job and Service" */
const CHECKED_KINDS = `kubedrill checks ${KINDS.slice(0, -1).join(', ')} and ${KINDS[KINDS.length - 1]}`;

function noMatches(kind: string, version: string | undefined): string {
  return version === undefined ? `no matches for kind "${kind}"` : `no matches for kind "${kind}" in version "${version}"`;
}

export const MSG = {
  // read stage (exit 2)
  notFound: (file: string) => `cannot read ${file}: no such file`,
  isDirectory: (file: string) => `cannot read ${file}: it is a directory, not a file`,
  unreadable: (file: string, reason: string) => `cannot read ${file}: ${reason}`,
  // input problems (exit 1)
  // a bounded read stops at limit + 1 bytes: all that is known then is "more than the limit"
  tooLarge: (bytes: number) =>
    `file is too large (${bytes === MAX_MANIFEST_BYTES + 1 ? `more than ${formatBytes(MAX_MANIFEST_BYTES)}` : `${formatBytes(bytes)}; the limit is ${formatBytes(MAX_MANIFEST_BYTES)}`}): a Kubernetes manifest is a few KiB`,
  binary: 'file is binary, not YAML text (it contains NUL bytes)',
  invalidUtf8: 'file is not valid UTF-8 text: save it as UTF-8',
  empty: 'file is empty: expected a Kubernetes manifest',
  tooManyDocuments: (n: number) => `too many YAML documents (${n} "---" separators; the limit is ${MAX_DOCUMENTS}): expected a few Kubernetes manifests`,
  // yaml stage
  tabs: 'tab used for indentation: YAML allows only spaces here',
  unclosedQuote: (q: string) => `unclosed quote: this ${q === '"' ? 'double' : 'single'}-quoted string never ends (add the closing ${q})`,
  badIndent:
    'bad indentation: a "key:" follows a value here (yaml: mapping values are not allowed in this context) — check the indentation of this line and the next',
  missingColon:
    'expected "key: value": this line has no ":" after its key, or the next line is indented too far (yaml: could not find expected \':\')',
  unclosedFlow: (open: string, close: string) =>
    `unclosed "${open}": the ${open === '[' ? 'list' : 'mapping'} that starts here never ends — add the closing "${close}"`,
  unexpectedListItem: 'bad indentation: a list item ("- ") where a "key: value" was expected — check the indentation of this line',
  missingDash: 'bad indentation: this line is not aligned with the list item above it (yaml: sequence item without - indicator)',
  duplicateKey: (key: string, line: number, firstLine: number) =>
    `duplicate key "${key}" (first defined at line ${firstLine}); kubectl rejects this: error converting YAML to JSON: yaml: unmarshal errors: line ${line}: mapping key "${key}" already defined at line ${firstLine}`,
  aliasBomb: 'too many YAML aliases (possible alias bomb): expanding this document was stopped',
  aliasCycle: (name: string) => `anchor '${name}' value contains itself: the alias *${name} is inside the node &${name} names, so the value would never end`,
  unresolvedAlias: (name: string) => `unknown alias *${name}: no anchor &${name} is defined before it`,
  nestingTooDeep: `nesting too deep (more than ${MAX_NESTING_DEPTH} levels): a Kubernetes manifest never nests this far`,
  yamlOther: (text: string) => `YAML syntax error: ${text}`,
  // kind stage
  notAMapping: (what: string) => `the document is ${what}, not a mapping: expected a Kubernetes manifest (apiVersion: …, kind: …, metadata: …)`,
  kindNotSet: (example: Kind) => `kind not set: a Kubernetes manifest needs "kind", e.g. "kind: ${example}" (${CHECKED_KINDS})`,
  apiVersionNotSet: (kind: Kind) => `apiVersion not set: a ${kind} manifest needs "apiVersion: ${API_VERSION[kind]}"`,
  kindNotString: `kind must be a string, e.g. "kind: Deployment" (${CHECKED_KINDS})`,
  kindUnsupported: (kind: string) => `kind ${kind} is not supported yet: ${CHECKED_KINDS}`,
  // kubectl: `no matches for kind "Deploymnet" in version "apps/v1"` (the REST mapper's text)
  kindUnknown: (kind: string, version: string | undefined) => `${noMatches(kind, version)}: ${CHECKED_KINDS}`,
  kindMisspelt: (kind: string, version: string | undefined, suggestion: Kind, caseOnly: boolean) =>
    `${noMatches(kind, version)}${caseOnly ? ': kinds are case-sensitive' : ''} — did you mean "${suggestion}"?${
      version !== undefined && version !== API_VERSION[suggestion] ? ` (a ${suggestion} is "apiVersion: ${API_VERSION[suggestion]}")` : ''
    }`,
  kindOtherMisspelt: (kind: string, version: string | undefined, real: string, caseOnly: boolean) =>
    `${noMatches(kind, version)}${caseOnly ? ': kinds are case-sensitive' : ''} — did you mean "${real}"? (kind ${real} is not supported yet: ${CHECKED_KINDS})`,
  wrongApiVersion: (kind: Kind, apiVersion: string) => `${noMatches(kind, apiVersion)}: a ${kind} is "apiVersion: ${API_VERSION[kind]}"`,
  // kubectl apply: `deployment.apps/web created`, then `deployment.apps/web configured` for the second;
  // kubectl create: `Error from server (AlreadyExists): ... deployments.apps "web" already exists`
  duplicateObject: (kind: Kind, name: string, firstLine: number) =>
    `${RESOURCE[kind].singular}/${name} is defined again (first at line ${firstLine}): kubectl apply creates it from the first and then applies this one over it (${RESOURCE[kind].singular}/${name} configured), so only this one counts; kubectl create stops here: ${RESOURCE[kind].plural} ${goQuote(name)} already exists`,
  // schema stage
  unknownField: (field: string, type: string) => `unknown field "${field}" in ${type}`,
  unknownFieldDidYouMean: (field: string, type: string, suggestion: string) =>
    `unknown field "${field}" in ${type} — did you mean "${suggestion}"?`,
  unknownFieldMisplaced: (field: string, type: string, path: string, owner: string) =>
    `unknown field "${field}" in ${type} (${path}) — "${field}" belongs to ${owner}: check its indentation`,
  unknownFieldSibling: (field: string, type: string, path: string, owner: string, sibling: string) =>
    `unknown field "${field}" in ${type} (${path}) — "${field}" belongs to ${owner}: put it under "${sibling}", not here (check its indentation)`,
  unknownFieldInLabelSelector: (field: string) =>
    `unknown field "${field}" in LabelSelector — a selector's labels go under "matchLabels" (selector: {matchLabels: {${field}: …}}); only a Service's selector lists them directly`,
  serviceSelectorHint: ' — a Service\'s selector lists the labels directly (selector: {app: web}), without matchLabels',
  unknownFieldBelongsBelow: (field: string, type: string, owner: string, via: readonly string[]) =>
    `unknown field "${field}" in ${type} — "${field}" belongs to ${owner}: put it under ${via.map((v) => `"${v}"`).join(' or ')}`,
  missingField: (field: string, type: string) => `missing required field "${field}" in ${type}`,
  wrongType: (field: string, expected: string, actual: string, hint: string) =>
    `"${field}" must be ${expected}, but it is ${actual}${hint}`,
  quoteHint: ' — put it in quotes to make it a string',
  unknownType: 'this object',
  topLevel: 'the top level',
  wholeDocument: 'the document',
  permissionDenied: 'permission denied',
  listItemHint: ' — start each list item with "- "',
  listFromString: (items: readonly string[]) => ` — write it as a list: [${items.map((i) => JSON.stringify(i)).join(', ')}]`,
  listFromStringGeneric: ' — write it as a list, one item per argument',
  badQuantity: (field: string, value: string, reason: string) =>
    `"${field}" is not a valid quantity (${value}): ${reason} — e.g. 500m or 0.5 CPU, 64Mi or 1Gi memory`,
} as const;

/** 10 MiB, 256.1 KiB (rounded up, so a file just over the limit never looks equal to it). */
export function formatBytes(n: number): string {
  const up = (x: number) => String(Math.ceil(x * 10) / 10);
  if (n >= 1024 * 1024) return `${up(n / (1024 * 1024))} MiB`;
  if (n >= 1024) return `${up(n / 1024)} KiB`;
  return `${n} bytes`;
}

// ---- Kubernetes texts (k8s.io/apimachinery pkg/util/validation/validation.go) ----

export const K8S = {
  dns1123LabelErrMsg:
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
  dns1123LabelFmt: '[a-z0-9]([-a-z0-9]*[a-z0-9])?',
  dns1035LabelErrMsg:
    "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
  dns1035LabelFmt: '[a-z]([-a-z0-9]*[a-z0-9])?',
  percentErrMsg: "a valid percent string must be a numeric string followed by an ending '%'",
  percentFmt: '[0-9]+%',
  ipAddress: 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
  dns1123SubdomainErrMsg:
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
  qualifiedNameErrMsg:
    "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
  qualifiedNameFmt: '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]',
  labelValueErrMsg:
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
  envVarNameErrMsg:
    "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit",
  envVarNameFmt: '[-._a-zA-Z][-._a-zA-Z0-9]*',
  httpHeaderNameErrMsg: "a valid HTTP header must consist of alphanumeric characters or '-'",
  httpHeaderNameFmt: '[-A-Za-z0-9]+',
  portRange: 'must be between 1 and 65535, inclusive',
  portNameCharset: 'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
  portNameOneLetter: 'must contain at least one letter (a-z)',
  portNameHyphens: 'must not contain consecutive hyphens',
  portNameEnds: 'must not begin or end with a hyphen',
  mustNotContainDots: 'must not contain dots',
  nonNegative: 'must be greater than or equal to 0',
  greaterThanZero: 'must be greater than 0',
  mustBeOne: 'must be 1',
  readinessTgps: 'must not be set for readinessProbes',
  handlerRequired: 'must specify a handler type',
  handlerExtra: 'may not specify more than 1 handler type',
  nameRequired: 'name or generateName is required',
  whitespace: 'must not have leading or trailing whitespace',
  terminationMessagePolicy: "must be 'File' or 'FallbackToLogsOnError'",
  negativeGraceWarning: 'must be >= 0; negative values are invalid and will be treated as 1',
  relaxedEnvVarName: "a valid environment variable name must consist only of printable ASCII characters other than '='",
  nonInitRestartPolicy: 'may not be set for non-init containers',
  plainInitContainer: 'may not be set for init containers without restartPolicy=Always',
  envSourceMissing: 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`',
  envValueAndSource: 'may not be specified when `value` is not empty',
  envTwoSources: 'may not have more than one field specified at a time',
  mustBeUnique: 'must be unique',
  standardResource: 'must be a standard resource for containers',
  ephemeralOnCreate: 'cannot be set on create',
  activeDeadline: 'must be between 1 and 2147483647, inclusive',
  prefixEmpty: 'prefix part must be non-empty',
  namePartEmpty: 'name part must be non-empty',
  requestOverLimit: (resource: string, limit: string) => `must be less than or equal to ${resource} limit of ${limit}`,
  fractionalBytes: (q: string) => `fractional byte value ${goQuote(q)} is invalid, must be an integer`,
  sleepRange: (grace: number) => `must be non-negative and less than terminationGracePeriodSeconds (${grace})`,
  hidesEnv: (name: string) => `hides previous definition of ${goQuote(name)}, which may be dropped when using apply`,
  maxLen: (n: number) => `must be no more than ${n} characters`,
  tooManyItems: (n: number) => `must have at most ${n} item${n === 1 ? '' : 's'}`,
  // pod template (pkg/apis/core/validation ValidatePodTemplateSpec) and the controllers that own one
  ephemeralInTemplate: 'ephemeral containers not allowed in pod template',
  nameDNSLabelWarning: (msgs: readonly string[]) =>
    `this is used in Pod names and hostnames, which can result in surprising behavior; a DNS label is recommended: [${msgs.join(' ')}]`,
  // apps (pkg/apis/apps/validation/validation.go)
  emptySelector: 'empty selector is invalid for deployment',
  invalidSelector: 'invalid label selector',
  selectorMismatch: '`selector` does not match template `labels`',
  rsActiveDeadline: 'activeDeadlineSeconds in ReplicaSet is not Supported',
  recreateRollingUpdate: "may not be specified when strategy `type` is 'Recreate'",
  bothZero: 'may not be 0 when `maxSurge` is 0',
  over100Percent: 'must not be greater than 100%',
  progressDeadline: 'must be greater than minReadySeconds',
  // label selectors (k8s.io/apimachinery pkg/apis/meta/v1/validation)
  selectorValuesRequired: "must be specified when `operator` is 'In' or 'NotIn'",
  selectorValuesForbidden: "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
  selectorOperator: 'not a valid selector operator',
  // batch (pkg/apis/batch/validation/validation.go)
  selectorNotGenerated: '`selector` not auto-generated',
  mustBe: (v: string) => `must be '${v}'`,
  jobRestartPolicy: 'valid values: "OnFailure", "Never"',
  jobNeverOnly: 'only "Never" is supported when podFailurePolicy is specified',
  whenIndexed: 'when completion mode is Indexed',
  requiresIndexed: 'requires indexed completion mode',
  whenMaxFailedIndexes: 'when maxFailedIndexes is specified',
  lessOrEqualCompletions: 'must be less than or equal to completions',
  lessOrEqual: (n: number) => `must be less than or equal to ${n}`,
  parallelismIndexed: 'must be less than or equal to 100000 when completion mode is Indexed',
  maxFailedAboveSoftLimit: 'must be specified when completions is above 100000',
  aboveSoftLimit: (n: number) => `must be less than or equal to ${n} when completions are above 100000 and used with backoff limit per index`,
  podHostname: (host: string) => `will not able to create pod with invalid DNS label: ${host}`,
  validValues: (values: readonly string[]) => `valid values: [${values.map(goQuote).join(' ')}]`,
  requiresBackoffPerIndex: 'requires the backoffLimitPerIndex to be set',
  notAContainer: 'must be one of the container or initContainer names in the pod template',
  atLeastOneValue: 'at least one value is required',
  notZeroForIn: 'must not be 0 for the In operator',
  mustBeOrdered: 'must be ordered',
  bothOnExitCodesAndConditions: 'specifying both OnExitCodes and OnPodConditions is not supported',
  oneOfOnExitCodesAndConditions: 'specifying one of OnExitCodes and OnPodConditions is required',
  // Service (pkg/apis/core/validation ValidateService, pkg/registry/core/service/portallocator)
  headlessNotAllowed: (type: string) => `may not be set to 'None' for ${type} services`,
  notForExternalName: 'may not be set for ExternalName services',
  nodePortClusterIP: "may not be used when `type` is 'ClusterIP'",
  onlyLoadBalancer: "may only be used when `type` is 'LoadBalancer'",
  externalTrafficPolicy: 'may only be set for externally-accessible services',
  healthCheckNodePort: "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'",
  affinityTimeout: 'must be greater than 0 and less than 86400',
  whenClientIP: 'when session affinity type is ClientIP',
  nodePortRange: 'provided port is not in the valid range. The range of valid ports is 30000-32767',
  clusterIPsFirst: 'first value must match `clusterIP`',
  noneFirstAndOnly: "'None' must be the first and only value",
  atMostTwo: 'may only hold up to 2 values',
  externalNameIgnored: 'spec.externalName is ignored when spec.type is not "ExternalName"',
  externalIPsIgnored: 'spec.externalIPs is ignored when spec.type is "ExternalName"',
  regexError: (msg: string, fmt: string, ...examples: string[]) => {
    if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
    let s = `${msg} (e.g. `;
    examples.forEach((e, i) => {
      if (i > 0) s += ' or ';
      s += `'${e}', `;
    });
    return s + `regex used for validation is '${fmt}')`;
  },
} as const;

/** Go's %q for the strings we print (ASCII-safe enough for manifest values). */
export function goQuote(s: string): string {
  return JSON.stringify(s);
}

/**
 * A bad value the API server prints in Go syntax (`%#v`: a map, a struct), already rendered.
 * Kubernetes 1.33 prints such values this way; 1.34 prints JSON instead (k/k#132314).
 */
export class GoLiteral {
  constructor(readonly text: string) {}
}

/** k8s.io/apimachinery field.Error rendering of a bad value: ints bare, strings quoted. */
export function renderValue(v: unknown): string {
  if (v instanceof GoLiteral) return v.text;
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** field.ErrorList entries as kubectl prints them: `PATH: TYPE: DETAIL`. */
export const FIELD = {
  invalid: (path: string, value: unknown, detail: string) => `${path}: Invalid value: ${renderValue(value)}: ${detail}`,
  // field.Invalid with field.OmitValueType{}: the value is left out
  invalidOmitted: (path: string, detail: string) => `${path}: Invalid value: ${detail}`,
  tooMany: (path: string, actual: number, max: number) => `${path}: Too many: ${actual}: ${K8S.tooManyItems(max)}`,
  required: (path: string, detail = '') => `${path}: Required value${detail ? `: ${detail}` : ''}`,
  forbidden: (path: string, detail: string) => `${path}: Forbidden: ${detail}`,
  duplicate: (path: string, value: unknown) => `${path}: Duplicate value: ${renderValue(value)}`,
  notFound: (path: string, value: unknown) => `${path}: Not found: ${renderValue(value)}`,
  notSupported: (path: string, value: unknown, supported: readonly string[]) =>
    `${path}: Unsupported value: ${renderValue(value)}: supported values: ${supported.map((s) => goQuote(s)).join(', ')}`,
} as const;

// ---- fragments of the schema messages ----

const ARTICLE: Record<string, string> = {
  integer: 'an integer',
  string: 'a string',
  boolean: 'a boolean (true or false)',
  object: 'a mapping',
  array: 'a list',
  number: 'a number',
};

export function describeExpected(t: unknown): string {
  const types = String(t).split(',');
  return types.map((x) => ARTICLE[x] ?? x).join(' or ');
}

export function describeActual(v: unknown): string {
  if (v === null || v === undefined) return 'empty (null)';
  if (Array.isArray(v)) return 'a list';
  switch (typeof v) {
    case 'string':
      return `a string (${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)})`;
    case 'number':
      return Number.isInteger(v) ? `a number (${v})` : `a fractional number (${v})`;
    case 'boolean':
      return `a boolean (${v})`;
    case 'object':
      return 'a mapping';
    default:
      return typeof v;
  }
}

export function describeDocument(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `a string (${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)})`;
  if (typeof v === 'number') return `a number (${v})`;
  if (typeof v === 'boolean') return `a boolean (${v})`;
  return 'empty';
}
