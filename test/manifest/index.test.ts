// Every fixture under test/fixtures/manifests/ through the whole pipeline: exact code, position and text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkManifest, isReadFailure, readManifestFile } from '../../src/manifest/index.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'manifests');
const fixture = (name: string) => readManifestFile(path.join(FIXTURES, name), name);

/** [code, line, col, message] per finding, in output order (line/col 0 = no position). */
type Row = [string, number, number, string];

const EXPECTED: Record<string, Row[]> = {
  "yaml/alias-bomb.yaml": [
    ["yaml/alias-bomb", 7, 12, "too many YAML aliases (possible alias bomb): expanding this document was stopped"],
  ],
  "yaml/bad-indent.yaml": [
    ["yaml/bad-indent", 4, 9, "bad indentation: a \"key:\" follows a value here (yaml: mapping values are not allowed in this context) — check the indentation of this line and the next"],
  ],
  "yaml/duplicate-key.yaml": [
    ["yaml/duplicate-key", 9, 5, "duplicate key \"image\" (first defined at line 8); kubectl rejects this: error converting YAML to JSON: yaml: unmarshal errors: line 9: mapping key \"image\" already defined at line 8"],
  ],
  "yaml/unclosed-bracket.yaml": [
    ["yaml/unclosed-flow", 11, 18, "unclosed \"[\": the list that starts here never ends — add the closing \"]\""],
  ],
  "yaml/missing-colon.yaml": [
    ["yaml/missing-colon", 1, 1, "expected \"key: value\": this line has no \":\" after its key, or the next line is indented too far (yaml: could not find expected ':')"],
  ],
  "yaml/key-without-colon.yaml": [
    ["yaml/missing-colon", 8, 5, "expected \"key: value\": this line has no \":\" after its key, or the next line is indented too far (yaml: could not find expected ':')"],
  ],
  "yaml/stray-list-item.yaml": [
    ["yaml/bad-indent", 9, 5, "bad indentation: a list item (\"- \") where a \"key: value\" was expected — check the indentation of this line"],
  ],
  "yaml/missing-dash.yaml": [
    ["yaml/bad-indent", 9, 6, "bad indentation: this line is not aligned with the list item above it (yaml: sequence item without - indicator)"],
  ],
  "yaml/second-doc-broken.yaml": [
    ["yaml/duplicate-key", 14, 3, "duplicate key \"name\" (first defined at line 13); kubectl rejects this: error converting YAML to JSON: yaml: unmarshal errors: line 14: mapping key \"name\" already defined at line 13"],
  ],
  "yaml/tab-indent.yaml": [
    ["yaml/tab-indent", 8, 3, "tab used for indentation: YAML allows only spaces here"],
  ],
  "yaml/unclosed-quote.yaml": [
    ["yaml/unclosed-quote", 4, 9, "unclosed quote: this double-quoted string never ends (add the closing \")"],
  ],
  "yaml/unknown-alias.yaml": [
    ["yaml/unknown-alias", 9, 11, "unknown alias *command: no anchor &command is defined before it"],
  ],
  "schema/bad-quantity.yaml": [
    ["schema/quantity", 11, 9, "\"cpu\" is not a valid quantity (\"1 core\"): quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$' — e.g. 500m or 0.5 CPU, 64Mi or 1Gi memory"],
    ["schema/quantity", 12, 9, "\"memory\" is not a valid quantity (\"64MB\"): quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$' — e.g. 500m or 0.5 CPU, 64Mi or 1Gi memory"],
  ],
  "schema/case-typo.yaml": [
    ["schema/unknown-field", 9, 5, "unknown field \"livenessprobe\" in Container — did you mean \"livenessProbe\"?"],
  ],
  "schema/containers-not-a-list.yaml": [
    ["schema/type", 6, 3, "\"containers\" must be a list, but it is a mapping — start each list item with \"- \""],
  ],
  "schema/command-as-string.yaml": [
    ["schema/type", 11, 9, "\"command\" must be a list, but it is a string (\"cat /tmp/healthy\") — write it as a list: [\"cat\", \"/tmp/healthy\"]"],
    ["schema/type", 12, 5, "\"args\" must be a list, but it is a string (\"sh -c \\\"sleep 10; exit 1\\\"\") — write it as a list, one item per argument"],
  ],
  "schema/container-field-in-spec.yaml": [
    ["schema/unknown-field", 9, 3, "unknown field \"ports\" in PodSpec — \"ports\" belongs to Container: put it under \"containers\" or \"initContainers\""],
  ],
  "schema/dedented-probe-field.yaml": [
    ["schema/unknown-field", 12, 5, "unknown field \"periodSeconds\" in Container — \"periodSeconds\" belongs to Probe: put it under \"livenessProbe\" or \"readinessProbe\" or \"startupProbe\""],
  ],
  "schema/missing-exec.yaml": [
    ["schema/unknown-field", 10, 7, "unknown field \"command\" in Probe — \"command\" belongs to ExecAction: put it under \"exec\""],
    ["schema/unknown-field", 11, 7, "unknown field \"initialDelay\" in Probe — did you mean \"initialDelaySeconds\"?"],
  ],
  "schema/label-number.yaml": [
    ["schema/type", 6, 5, "\"version\" must be a string, but it is a number (1) — put it in quotes to make it a string"],
  ],
  "schema/missing-required.yaml": [
    ["api/invalid", 10, 7, "spec.containers[0].readinessProbe.httpGet.port: Invalid value: 0: must be between 1 and 65535, inclusive"],
    ["api/required", 12, 5, "spec.containers[1].name: Required value"],
  ],
  "schema/missing-required-only-schema.yaml": [
    ["schema/required", 12, 11, "missing required field \"value\" in HTTPHeader"],
  ],
  "schema/probe-under-port.yaml": [
    ["schema/unknown-field", 11, 7, "unknown field \"livenessProbe\" in ContainerPort (spec.containers[0].ports[0]) — \"livenessProbe\" belongs to Container: check its indentation"],
  ],
  "schema/specs.yaml": [
    ["schema/unknown-field", 5, 1, "unknown field \"specs\" in Pod — did you mean \"spec\"?"],
  ],
  "schema/unknown-field-typo.yaml": [
    ["schema/unknown-field", 9, 5, "unknown field \"livenesProbe\" in Container — did you mean \"livenessProbe\"?"],
  ],
  "schema/unknown-field.yaml": [
    ["schema/unknown-field", 9, 5, "unknown field \"healthcheck\" in Container"],
  ],
  "schema/wrong-types.yaml": [
    ["schema/type", 10, 7, "\"containerPort\" must be an integer, but it is a string (\"80\")"],
    ["schema/type", 12, 7, "\"periodSeconds\" must be an integer, but it is a fractional number (1.5)"],
    ["schema/type", 15, 19, "\"args[1]\" must be a string, but it is a number (10) — put it in quotes to make it a string"],
  ],
  "api/container-name.yaml": [
    ["api/invalid", 7, 5, "spec.containers[0].name: Invalid value: \"Web_1\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"],
  ],
  "api/container-port-range.yaml": [
    ["api/required", 10, 7, "spec.containers[0].ports[0].containerPort: Required value"],
    ["api/invalid", 11, 7, "spec.containers[0].ports[1].containerPort: Invalid value: 65536: must be between 1 and 65535, inclusive"],
    ["api/unsupported", 12, 7, "spec.containers[0].ports[1].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\""],
  ],
  "api/duplicate-container.yaml": [
    ["api/duplicate", 9, 5, "spec.containers[1].name: Duplicate value: \"web\""],
  ],
  "api/duplicate-port-name.yaml": [
    ["api/duplicate", 12, 7, "spec.containers[0].ports[1].name: Duplicate value: \"http\""],
  ],
  "api/env-duplicate.yaml": [
    ["api/warning", 12, 7, "spec.containers[0].env[1]: hides previous definition of \"MODE\", which may be dropped when using apply"],
  ],
  "api/exec-no-command.yaml": [
    ["api/required", 10, 7, "spec.containers[0].livenessProbe.exec.command: Required value"],
  ],
  "api/header-name-invalid.yaml": [
    ["api/invalid", 13, 9, "spec.containers[0].livenessProbe.httpGet.httpHeaders: Invalid value: \"Bad Header\": a valid HTTP header must consist of alphanumeric characters or '-' (e.g. 'X-Header-Name', regex used for validation is '[-A-Za-z0-9]+')"],
  ],
  "api/http-port-too-big.yaml": [
    ["api/invalid", 12, 9, "spec.containers[0].readinessProbe.httpGet.port: Invalid value: 70000: must be between 1 and 65535, inclusive"],
  ],
  "api/http-port-zero.yaml": [
    ["api/invalid", 12, 9, "spec.containers[0].livenessProbe.httpGet.port: Invalid value: 0: must be between 1 and 65535, inclusive"],
  ],
  "api/image-pull-policy.yaml": [
    ["api/unsupported", 9, 5, "spec.containers[0].imagePullPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"IfNotPresent\", \"Never\""],
  ],
  "api/image-required.yaml": [
    ["api/required", 7, 5, "spec.containers[0].image: Required value"],
  ],
  "api/init-container-probe.yaml": [
    ["api/forbidden", 9, 5, "spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always"],
    ["api/duplicate", 12, 5, "spec.initContainers[1].name: Duplicate value: \"web\""],
  ],
  "api/liveness-grace-zero.yaml": [
    ["api/invalid", 12, 7, "spec.containers[0].livenessProbe.terminationGracePeriodSeconds: Invalid value: 0: must be greater than 0"],
  ],
  "api/liveness-success-threshold.yaml": [
    ["api/invalid", 12, 7, "spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1"],
  ],
  "api/name-required.yaml": [
    ["api/required", 3, 1, "metadata.name: Required value: name or generateName is required"],
  ],
  "api/no-handler.yaml": [
    ["api/required", 9, 5, "spec.containers[0].livenessProbe: Required value: must specify a handler type"],
  ],
  "api/period-negative.yaml": [
    ["api/invalid", 12, 7, "spec.containers[0].livenessProbe.periodSeconds: Invalid value: -1: must be greater than or equal to 0"],
  ],
  "api/pod-name-invalid.yaml": [
    ["api/invalid", 4, 3, "metadata.name: Invalid value: \"My_Pod\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"],
  ],
  "api/port-name-invalid.yaml": [
    ["api/invalid", 12, 9, "spec.containers[0].livenessProbe.httpGet.port: Invalid value: \"Liveness_Port\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)"],
  ],
  "api/prestop-sleep.yaml": [
    ["api/required", 14, 7, "spec.containers[0].lifecycle.postStart: Required value: must specify a handler type"],
    ["api/invalid", 12, 9, "spec.containers[0].lifecycle.preStop.sleep: Invalid value: 45: must be non-negative and less than terminationGracePeriodSeconds (20)"],
  ],
  "api/readiness-grace.yaml": [
    ["api/invalid", 12, 7, "spec.containers[0].readinessProbe.terminationGracePeriodSeconds: Invalid value: 10: must not be set for readinessProbes"],
  ],
  "api/resources.yaml": [
    ["api/invalid", 13, 9, "spec.containers[0].resources.limits[gpu]: Invalid value: \"gpu\": must be a standard resource for containers"],
    ["api/invalid", 14, 7, "spec.containers[0].resources.requests: Invalid value: \"1\": must be less than or equal to cpu limit of 500m"],
    ["api/invalid", 16, 9, "spec.containers[0].resources.requests[memory]: Invalid value: \"-64Mi\": must be greater than or equal to 0"],
    ["api/invalid", 14, 7, "spec.containers[0].resources.requests[gpu]: Invalid value: \"gpu\": must be a standard resource for containers"],
  ],
  "api/restart-policy.yaml": [
    ["api/unsupported", 6, 3, "spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\""],
  ],
  "api/scheme-ftp.yaml": [
    ["api/unsupported", 13, 9, "spec.containers[0].livenessProbe.httpGet.scheme: Unsupported value: \"FTP\": supported values: \"HTTP\", \"HTTPS\""],
  ],
  "api/startup-success-threshold.yaml": [
    ["api/invalid", 12, 7, "spec.containers[0].startupProbe.successThreshold: Invalid value: 2: must be 1"],
  ],
  "api/two-handlers.yaml": [
    ["api/forbidden", 12, 7, "spec.containers[0].livenessProbe.httpGet: Forbidden: may not specify more than 1 handler type"],
  ],
  "api/volume-mount.yaml": [
    ["api/not-found", 10, 7, "spec.containers[0].volumeMounts[0].name: Not found: \"data\""],
  ],
  "bad-input/comments-only.yaml": [
    ["yaml/empty", 0, 0, "file is empty: expected a Kubernetes manifest"],
  ],
  "bad-input/deployment.yaml": [
    // no spec at all: what kubectl apply prints for it (a missing selector selects nothing, so the labels cannot match)
    ["api/required", 1, 1, "spec.selector: Required value"],
    ["api/invalid", 1, 1, "spec.template.metadata.labels: Invalid value: map[string]string(nil): `selector` does not match template `labels`"],
    ["api/required", 1, 1, "spec.template.spec.containers: Required value"],
  ],
  "bad-input/empty.yaml": [
    ["yaml/empty", 0, 0, "file is empty: expected a Kubernetes manifest"],
  ],
  "bad-input/list.yaml": [
    ["kind/not-a-mapping", 1, 1, "the document is a list, not a mapping: expected a Kubernetes manifest (apiVersion: …, kind: …, metadata: …)"],
  ],
  "bad-input/lowercase-kind.yaml": [
    ["kind/misspelt", 2, 1, "no matches for kind \"pod\" in version \"v1\": kinds are case-sensitive — did you mean \"Pod\"?"],
  ],
  "bad-input/no-api-version.yaml": [
    ["kind/missing-api-version", 1, 1, "apiVersion not set: a Pod manifest needs \"apiVersion: v1\""],
  ],
  "bad-input/no-kind.yaml": [
    ["kind/missing", 1, 1, "kind not set: a Kubernetes manifest needs \"kind\", e.g. \"kind: Pod\" (kubedrill checks Pod, Deployment, ReplicaSet, Job and Service)"],
  ],
  "bad-input/number.yaml": [
    ["kind/not-a-mapping", 1, 1, "the document is a number (42), not a mapping: expected a Kubernetes manifest (apiVersion: …, kind: …, metadata: …)"],
  ],
  "bad-input/only-separators.yaml": [
    ["yaml/empty", 0, 0, "file is empty: expected a Kubernetes manifest"],
  ],
  "bad-input/string.yaml": [
    ["kind/not-a-mapping", 1, 1, "the document is a string (\"hello world\"), not a mapping: expected a Kubernetes manifest (apiVersion: …, kind: …, metadata: …)"],
  ],
  "bad-input/wrong-api-version.yaml": [
    ["kind/api-version", 1, 1, "no matches for kind \"Pod\" in version \"apps/v1\": a Pod is \"apiVersion: v1\""],
  ],
  "bad-input/statefulset.yaml": [
    ["kind/unsupported",2,1,"kind StatefulSet is not supported yet: kubedrill checks Pod, Deployment, ReplicaSet, Job and Service"],
  ],
  "bad-input/kind-typo.yaml": [
    ["kind/misspelt",2,1,"no matches for kind \"Deploymnet\" in version \"apps/v1\" — did you mean \"Deployment\"?"],
  ],
  "bad-input/kind-lowercase-deployment.yaml": [
    ["kind/misspelt",2,1,"no matches for kind \"deployment\" in version \"v1\": kinds are case-sensitive — did you mean \"Deployment\"? (a Deployment is \"apiVersion: apps/v1\")"],
  ],
  "bad-input/kind-plural.yaml": [
    ["kind/misspelt",2,1,"no matches for kind \"Jobs\" in version \"batch/v1\" — did you mean \"Job\"?"],
  ],
  "bad-input/deployment-core-version.yaml": [
    ["kind/api-version",1,1,"no matches for kind \"Deployment\" in version \"v1\": a Deployment is \"apiVersion: apps/v1\""],
  ],
  "bad-input/kind-other-lowercase.yaml": [
    ["kind/misspelt",2,1,"no matches for kind \"configmap\" in version \"v1\": kinds are case-sensitive — did you mean \"ConfigMap\"? (kind ConfigMap is not supported yet: kubedrill checks Pod, Deployment, ReplicaSet, Job and Service)"],
  ],
  "bad-input/kind-other-typo.yaml": [
    ["kind/misspelt",2,1,"no matches for kind \"Secrett\" in version \"v1\" — did you mean \"Secret\"? (kind Secret is not supported yet: kubedrill checks Pod, Deployment, ReplicaSet, Job and Service)"],
  ],
  "bad-input/kind-unknown.yaml": [
    ["kind/unknown",2,1,"no matches for kind \"Widget\" in version \"v1\": kubedrill checks Pod, Deployment, ReplicaSet, Job and Service"],
  ],
  "bad-input/service-no-api-version.yaml": [
    ["kind/missing-api-version",1,1,"apiVersion not set: a Service manifest needs \"apiVersion: v1\""],
  ],
  "bad-input/apps-no-kind.yaml": [
    ["kind/missing",1,1,"kind not set: a Kubernetes manifest needs \"kind\", e.g. \"kind: Deployment\" (kubedrill checks Pod, Deployment, ReplicaSet, Job and Service)"],
  ],
  "workloads/deployment-containers-in-spec.yaml": [
    ["schema/unknown-field",9,3,"unknown field \"containers\" in DeploymentSpec — \"containers\" belongs to PodSpec: put it under \"template.spec\""],
  ],
  "workloads/deployment-replicas-misplaced.yaml": [
    ["schema/unknown-field",5,3,"unknown field \"replicas\" in ObjectMeta (metadata) — \"replicas\" belongs to DeploymentSpec: put it under \"spec\", not here (check its indentation)"],
  ],
  "workloads/deployment-template-label-invalid.yaml": [
    ["api/invalid",11,7,"spec.template.labels: Invalid value: \"-frontend\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"],
    ["api/required",18,9,"spec.template.spec.containers[0].livenessProbe: Required value: must specify a handler type"],
  ],
  "workloads/service-selector-match-labels.yaml": [
    ["schema/type",7,5,"\"matchLabels\" must be a string, but it is a mapping — a Service's selector lists the labels directly (selector: {app: web}), without matchLabels"],
  ],
  "workloads/deployment-selector-and-replicas-misplaced.yaml": [
    ["schema/unknown-field",5,1,"unknown field \"replicas\" in Deployment — \"replicas\" belongs to DeploymentSpec: put it under \"spec\""],
    ["schema/unknown-field",8,5,"unknown field \"app\" in LabelSelector — a selector's labels go under \"matchLabels\" (selector: {matchLabels: {app: …}}); only a Service's selector lists them directly"],
    ["schema/unknown-field",10,5,"unknown field \"replicas\" in PodTemplateSpec (spec.template) — \"replicas\" belongs to DeploymentSpec: check its indentation"],
  ],
  "workloads/deployment-template-fields-dedented.yaml": [
    ["schema/unknown-field",10,5,"unknown field \"labels\" in PodTemplateSpec — \"labels\" belongs to ObjectMeta: put it under \"metadata\""],
  ],
  "workloads/deployment-typos.yaml": [
    ["schema/unknown-field",6,3,"unknown field \"replica\" in DeploymentSpec — did you mean \"replicas\"?"],
    ["schema/unknown-field",8,5,"unknown field \"matchLabel\" in LabelSelector — did you mean \"matchLabels\"?"],
    ["schema/unknown-field",19,9,"unknown field \"readinesProbe\" in Container — did you mean \"readinessProbe\"?"],
  ],
  "workloads/deployment-wrong-types.yaml": [
    ["schema/type",6,3,"\"replicas\" must be an integer, but it is a string (\"3\")"],
    ["schema/type",12,7,"\"maxSurge\" must be an integer or a string, but it is a fractional number (1.5)"],
    ["schema/type",13,7,"\"maxUnavailable\" must be an integer or a string, but it is a boolean (true)"],
    ["schema/type",18,9,"\"version\" must be a string, but it is a number (2) — put it in quotes to make it a string"],
    ["schema/type",20,7,"\"containers\" must be a list, but it is a mapping — start each list item with \"- \""],
  ],
  "workloads/job-restart-policy-misplaced.yaml": [
    ["schema/unknown-field",6,3,"unknown field \"restartPolicy\" in JobSpec — \"restartPolicy\" belongs to PodSpec: put it under \"template.spec\""],
  ],
  "workloads/job-typos.yaml": [
    ["schema/unknown-field",6,3,"unknown field \"backofLimit\" in JobSpec — did you mean \"backoffLimit\"?"],
    ["schema/unknown-field",7,3,"unknown field \"completion\" in JobSpec — did you mean \"completions\"?"],
    ["schema/type",14,9,"\"command\" must be a list, but it is a string (\"perl -Mbignum=bpi -wle 'print bpi(2000)'\") — write it as a list, one item per argument"],
  ],
  "workloads/replicaset-selector-misplaced.yaml": [
    ["schema/required",5,1,"missing required field \"selector\" in ReplicaSetSpec"],
    ["schema/unknown-field",11,5,"unknown field \"selector\" in PodTemplateSpec (spec.template) — \"selector\" belongs to ReplicaSetSpec: check its indentation"],
  ],
  "workloads/service-typos.yaml": [
    ["schema/unknown-field",8,3,"unknown field \"port\" in ServiceSpec — did you mean \"ports\"?"],
  ],
  "workloads/service-wrong-types.yaml": [
    ["schema/type",8,5,"\"tier\" must be a string, but it is a number (1) — put it in quotes to make it a string"],
    ["schema/type",10,5,"\"port\" must be an integer, but it is a string (\"80\")"],
    ["schema/type",11,5,"\"targetPort\" must be an integer or a string, but it is a fractional number (8080.5)"],
    ["schema/required",12,5,"missing required field \"port\" in ServicePort"],
  ],
  "workloads/deployment-bad-int-or-percent.yaml": [
    ["api/invalid",12,7,"spec.strategy.rollingUpdate.maxUnavailable: Invalid value: -1: must be greater than or equal to 0"],
    ["api/invalid",11,7,"spec.strategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"25\"}: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"],
  ],
  "workloads/deployment-bad-name-and-operator.yaml": [
    ["api/invalid",4,3,"metadata.name: Invalid value: \"Web_App\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"],
    ["api/invalid",9,7,"spec.selector.matchExpressions[0].operator: Invalid value: \"Within\": not a valid selector operator"],
    ["api/invalid",6,3,"spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:\"app\", Operator:\"Within\", Values:[]string{\"web\"}}}}: invalid label selector"],
  ],
  "workloads/deployment-empty-selector.yaml": [
    ["api/invalid",6,3,"spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment"],
  ],
  "workloads/deployment-in-without-values.yaml": [
    ["api/required",8,7,"spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'"],
    ["api/invalid",6,3,"spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:\"app\", Operator:\"In\", Values:[]string(nil)}}}: invalid label selector"],
  ],
  "workloads/deployment-negative-counts.yaml": [
    ["api/invalid",6,3,"spec.replicas: Invalid value: -1: must be greater than or equal to 0"],
    ["api/invalid",7,3,"spec.revisionHistoryLimit: Invalid value: -2: must be greater than or equal to 0"],
  ],
  "workloads/deployment-over-100-percent.yaml": [
    ["api/invalid",12,7,"spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"120%\"}: must not be greater than 100%"],
  ],
  "workloads/deployment-progress-deadline.yaml": [
    ["api/invalid",7,3,"spec.progressDeadlineSeconds: Invalid value: 30: must be greater than minReadySeconds"],
  ],
  "workloads/deployment-recreate-rolling-update.yaml": [
    ["api/forbidden",11,5,"spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"],
  ],
  "workloads/deployment-restart-never.yaml": [
    ["api/unsupported",14,7,"spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\""],
    ["api/forbidden",15,7,"spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported"],
  ],
  "workloads/deployment-selector-mismatch.yaml": [
    ["api/invalid",11,7,"spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}: `selector` does not match template `labels`"],
  ],
  "workloads/deployment-strategy-type.yaml": [
    ["api/unsupported",9,3,"spec.strategy: Unsupported value: apps.DeploymentStrategy{Type:\"Rollingupdate\", RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}: supported values: \"Recreate\", \"RollingUpdate\""],
  ],
  "workloads/deployment-surge-unavailable-zero.yaml": [
    ["api/invalid",12,7,"spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}: may not be 0 when `maxSurge` is 0"],
  ],
  "workloads/duplicate-objects.yaml": [
    ["kind/duplicate-object",14,3,"service/web is defined again (first at line 4): kubectl apply creates it from the first and then applies this one over it (service/web configured), so only this one counts; kubectl create stops here: services \"web\" already exists"],
  ],
  "workloads/job-completion-mode.yaml": [
    ["api/unsupported",6,3,"spec.completionMode: Unsupported value: \"Indexd\": supported values: \"NonIndexed\", \"Indexed\""],
  ],
  "workloads/job-indexed-without-completions.yaml": [
    ["api/required",5,1,"spec.completions: Required value: when completion mode is Indexed"],
  ],
  "workloads/job-manual-selector-mismatch.yaml": [
    ["api/invalid",12,7,"spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"other\"}: `selector` does not match template `labels`"],
  ],
  "workloads/job-manual-selector-missing.yaml": [
    ["api/required",5,1,"spec.selector: Required value"],
    ["api/invalid",9,7,"spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"once\"}: `selector` does not match template `labels`"],
  ],
  "workloads/job-name-label-conflict.yaml": [
    ["api/invalid",10,9,"spec.template.metadata.labels[job-name]: Invalid value: map[string]string{\"batch.kubernetes.io/controller-uid\":\"xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx\", \"batch.kubernetes.io/job-name\":\"once\", \"controller-uid\":\"xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx\", \"job-name\":\"other\"}: must be 'once'"],
  ],
  "workloads/job-name-too-long.yaml": [
    ["api/invalid",6,3,"spec.template.labels: Invalid value: \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\": must be no more than 63 characters"],
    ["api/invalid",6,3,"spec.template.labels: Invalid value: \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\": must be no more than 63 characters"],
  ],
  "workloads/job-negative-counts.yaml": [
    ["api/invalid",6,3,"spec.parallelism: Invalid value: -1: must be greater than or equal to 0"],
    ["api/invalid",7,3,"spec.completions: Invalid value: -2: must be greater than or equal to 0"],
    ["api/invalid",9,3,"spec.activeDeadlineSeconds: Invalid value: -10: must be greater than or equal to 0"],
    ["api/invalid",8,3,"spec.backoffLimit: Invalid value: -3: must be greater than or equal to 0"],
    ["api/invalid",10,3,"spec.ttlSecondsAfterFinished: Invalid value: -5: must be greater than or equal to 0"],
  ],
  "workloads/job-no-restart-policy.yaml": [
    ["api/required",9,5,"spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\""],
  ],
  "workloads/job-pod-failure-policy.yaml": [
    ["api/unsupported",8,7,"spec.podFailurePolicy.rules[0].action: Unsupported value: \"Restart\": supported values: \"Count\", \"FailIndex\", \"FailJob\", \"Ignore\""],
    ["api/invalid",10,9,"spec.podFailurePolicy.rules[0].onExitCodes.containerName: Invalid value: \"main\": must be one of the container or initContainer names in the pod template"],
    ["api/invalid",12,18,"spec.podFailurePolicy.rules[0].onExitCodes.values[0]: Invalid value: 0: must not be 0 for the In operator"],
    ["api/invalid",12,9,"spec.podFailurePolicy.rules[0].onExitCodes.values: Invalid value: []int32{0, 3, 1}: must be ordered"],
    ["api/invalid",13,7,"spec.podFailurePolicy.rules[1].action: Invalid value: \"FailIndex\": requires the backoffLimitPerIndex to be set"],
    ["api/invalid",16,7,"spec.podFailurePolicy.rules[2]: Invalid value: specifying one of OnExitCodes and OnPodConditions is required"],
    ["api/invalid",20,7,"spec.template.spec.restartPolicy: Invalid value: \"OnFailure\": only \"Never\" is supported when podFailurePolicy is specified"],
  ],
  "workloads/job-restart-always.yaml": [
    ["api/required",10,7,"spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\""],
  ],
  "workloads/job-selector-without-manual.yaml": [
    ["api/invalid",6,3,"spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"once\", \"batch.kubernetes.io/controller-uid\":\"xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: `selector` not auto-generated"],
  ],
  "workloads/mixed-kinds-errors.yaml": [
    ["api/invalid",23,13,"spec.template.spec.containers[0].livenessProbe.httpGet.port: Invalid value: 0: must be between 1 and 65535, inclusive"],
    ["api/required",42,5,"spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\""],
  ],
  "workloads/replicaset-negative-and-mismatch.yaml": [
    ["api/invalid",6,3,"spec.replicas: Invalid value: -3: must be greater than or equal to 0"],
    ["api/invalid",7,3,"spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0"],
    ["api/invalid",13,7,"spec.template.metadata.labels: Invalid value: map[string]string{\"tier\":\"backend\"}: `selector` does not match template `labels`"],
    ["api/unsupported",16,7,"spec.template.spec.restartPolicy: Unsupported value: \"OnFailure\": supported values: \"Always\""],
  ],
  "workloads/service-duplicate-ports.yaml": [
    ["api/duplicate",11,5,"spec.ports[1].name: Duplicate value: \"http\""],
    ["api/duplicate",11,5,"spec.ports[1]: Duplicate value: core.ServicePort{Name:\"\", Protocol:\"TCP\", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}, NodePort:0}"],
  ],
  "workloads/service-headless-bad-selector.yaml": [
    ["api/invalid",7,3,"spec.selector: Invalid value: \"-db-\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"],
  ],
  "workloads/service-load-balancer-fields.yaml": [
    ["api/forbidden",10,3,"spec.allocateLoadBalancerNodePorts: Forbidden: may only be used when `type` is 'LoadBalancer'"],
    ["api/forbidden",11,3,"spec.loadBalancerClass: Forbidden: may only be used when `type` is 'LoadBalancer'"],
    ["api/invalid",12,3,"spec.healthCheckNodePort: Invalid value: 30100: may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"],
  ],
  "workloads/service-name-dns1035.yaml": [
    ["api/invalid",4,3,"metadata.name: Invalid value: \"Web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"],
  ],
  "workloads/service-no-ports-affinity.yaml": [
    ["api/required",5,1,"spec.ports: Required value"],
    ["api/unsupported",8,3,"spec.sessionAffinity: Unsupported value: \"Sticky\": supported values: \"ClientIP\", \"None\""],
    ["api/invalid",9,3,"spec.externalTrafficPolicy: Invalid value: \"Local\": may only be set for externally-accessible services"],
  ],
  "workloads/service-node-port-cluster-ip.yaml": [
    ["api/forbidden",10,5,"spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"],
  ],
  "workloads/service-node-port-range.yaml": [
    ["api/invalid",11,5,"spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767"],
  ],
  "workloads/service-ports-invalid.yaml": [
    ["api/required",9,5,"spec.ports[0].name: Required value"],
    ["api/invalid",9,5,"spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive"],
    ["api/invalid",10,5,"spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive"],
    ["api/required",11,5,"spec.ports[1].name: Required value"],
    ["api/invalid",12,5,"spec.ports[1].targetPort: Invalid value: \"https_port\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)"],
  ],
  "workloads/service-type-typo.yaml": [
    ["api/unsupported",6,3,"spec.type: Unsupported value: \"Loadbalancer\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\""],
  ],
};

for (const [name, rows] of Object.entries(EXPECTED)) {
  test(`${name} gives exactly its findings`, () => {
    const r = fixture(name);
    const got: Row[] = r.findings.map((f) => [f.code, f.line ?? 0, f.col ?? 0, f.message]);
    assert.deepEqual(got, rows);
    // warnings (the API server's, an object defined twice) leave the file valid
    assert.equal(r.ok, !rows.some(([code]) => code !== 'api/warning' && code !== 'kind/duplicate-object'));
    assert.equal(isReadFailure(r), false);
  });
}

test('every fixture with problems is listed in the table (none left unchecked)', () => {
  for (const dir of ['yaml', 'schema', 'api', 'bad-input', 'workloads']) {
    for (const f of readdirSync(path.join(FIXTURES, dir))) assert.ok(`${dir}/${f}` in EXPECTED, `${dir}/${f} has no expectation`);
  }
});

test('every valid fixture passes with a defaulted object per document and no errors', () => {
  const kinds = new Set<string>();
  for (const f of readdirSync(path.join(FIXTURES, 'valid'))) {
    const r = fixture(`valid/${f}`);
    assert.equal(r.ok, true, `${f}: ${r.findings.map((x) => x.message).join('; ')}`);
    assert.ok(r.documents.length > 0);
    for (const d of r.documents) {
      assert.ok(d.object, `${f}: document ${d.index} has no object`);
      assert.equal(d.object.kind, d.kind ?? '');
      kinds.add(d.object.kind);
      assert.equal(d.object.metadata?.namespace, 'default');
      if (d.object.kind === 'Pod') {
        assert.equal(d.pod, d.object, 'a Pod is also `pod`');
        assert.equal(d.pod.spec?.dnsPolicy, 'ClusterFirst');
      } else {
        assert.equal(d.pod, undefined, 'only a Pod is `pod`');
        if (d.object.kind !== 'Service') assert.equal((d.object.spec as { template?: { spec?: { dnsPolicy?: string } } } | undefined)?.template?.spec?.dnsPolicy, 'ClusterFirst');
      }
    }
  }
  assert.deepEqual([...kinds].sort(), ['Deployment', 'Job', 'Pod', 'ReplicaSet', 'Service']);
});

test('findings carry the kubectl path, the excerpt of their line and the stage', () => {
  const r = fixture('schema/probe-under-port.yaml');
  const [f] = r.findings;
  assert.equal(f?.path, 'spec.containers[0].ports[0].livenessProbe');
  assert.equal(f?.excerpt, '      livenessProbe:');
  assert.equal(f?.stage, 'schema');
  assert.equal(f?.severity, 'error');
  assert.equal(f?.file, 'schema/probe-under-port.yaml');
  const api = fixture('api/liveness-success-threshold.yaml').findings[0];
  assert.equal(api?.stage, 'api');
  assert.equal(api?.path, 'spec.containers[0].livenessProbe.successThreshold');
  assert.equal(api?.excerpt, '      successThreshold: 2');
});

test('a did-you-mean finding also carries the suggestion', () => {
  const [f] = fixture('schema/unknown-field-typo.yaml').findings;
  assert.equal(f?.suggestion, 'livenessProbe');
  const [g] = fixture('schema/unknown-field.yaml').findings;
  assert.equal(g?.suggestion, undefined);
});

test('multi-document files number their documents and check each', () => {
  const r = fixture('yaml/second-doc-broken.yaml');
  assert.equal(r.findings[0]?.doc, 1);
  assert.equal(r.documents.length, 2);
  assert.ok(r.documents[0]?.pod, 'the first, valid document still gets its pod');
  assert.equal(r.documents[1]?.pod, undefined);
  const ok = fixture('valid/multi-doc.yaml');
  assert.deepEqual(ok.documents.map((d) => [d.index, d.pod?.metadata?.name]), [[1, 'first'], [2, 'second']]);
});

test('locate maps a path to the 1-based position of its key, undefined when absent', () => {
  const r = fixture('valid/liveness-exec.yaml');
  const d = r.documents[0]!;
  assert.deepEqual(d.locate(['spec', 'containers', 0, 'livenessProbe']), { line: 16, col: 5 });
  assert.deepEqual(d.locate(['spec', 'containers', 0, 'livenessProbe', 'periodSeconds']), { line: 22, col: 7 });
  assert.deepEqual(d.locate(['spec', 'containers', 0]), { line: 10, col: 5 });
  assert.deepEqual(d.locate(['spec', 'containers', 0, 'args', 2]), { line: 15, col: 7 });
  assert.deepEqual(d.locate(['metadata', 'name']), { line: 7, col: 3 });
  assert.equal(d.locate(['spec', 'containers', 0, 'readinessProbe']), undefined);
  assert.equal(d.locate(['spec', 'containers', 3]), undefined);
});

test('a named probe port that no container port declares is accepted, as the API server does', () => {
  const r = fixture('valid/undeclared-named-port.yaml');
  assert.equal(r.ok, true);
  assert.equal(r.findings.length, 0);
  assert.equal(r.documents[0]?.pod?.spec?.containers[0]?.livenessProbe?.tcpSocket?.port, 'liveness-port');
});

test('a negative pod grace period is a warning and is stored as 1', () => {
  const r = fixture('valid/negative-grace.yaml');
  assert.equal(r.ok, true);
  assert.equal(r.findings.length, 1);
  assert.equal(r.findings[0]?.severity, 'warning');
  assert.equal(r.documents[0]?.pod?.spec?.terminationGracePeriodSeconds, 1);
});

test('null fields count as unset and zero probe fields are defaulted (periodSeconds 0 -> 10, failureThreshold 0 -> 3)', () => {
  const r = fixture('valid/zero-and-null.yaml');
  const probe = r.documents[0]?.pod?.spec?.containers[0]?.livenessProbe;
  assert.equal(probe?.periodSeconds, 10);
  assert.equal(probe?.failureThreshold, 3);
  assert.equal(probe?.successThreshold, 1);
  assert.equal(probe?.httpGet?.path, '/');
});

test('checkManifest is deterministic: same text, same result', () => {
  const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n  - name: A\n    livenesProbe: {}\n';
  const a = checkManifest(text, 'x.yaml');
  const b = checkManifest(text, 'x.yaml');
  assert.deepEqual(a.findings, b.findings);
  assert.equal(a.findings.length, 1);
});

test('a byte-order mark and CRLF line endings are tolerated', () => {
  const r = checkManifest('\ufeffapiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: a\r\nspec:\r\n  containers:\r\n  - name: a\r\n    image: b\r\n    bogus: 1\r\n', 'crlf.yaml');
  assert.equal(r.findings.length, 1);
  assert.equal(r.findings[0]?.line, 9);
  assert.equal(r.findings[0]?.excerpt, '    bogus: 1');
});

test('limits without requests become the requests; a fractional memory request is a warning', () => {
  const r = fixture('valid/resources.yaml');
  assert.equal(r.ok, true);
  assert.deepEqual(r.documents[0]?.pod?.spec?.containers[0]?.resources, { limits: { cpu: 0.5, memory: '1.5Gi' }, requests: { memory: 100.5, cpu: 0.5 } });
  assert.deepEqual(
    r.findings.map((f) => [f.severity, f.line, f.col, f.path, f.message]),
    [['warning', 14, 9, 'spec.containers[0].resources.requests[memory]', 'spec.containers[0].resources.requests[memory]: fractional byte value "100500m" is invalid, must be an integer']],
  );
});

test('locate finds every key of every valid fixture exactly where the source spells it', () => {
  for (const f of readdirSync(path.join(FIXTURES, 'valid'))) {
    const r = fixture(`valid/${f}`);
    const lines = r.text.split('\n');
    for (const d of r.documents) {
      const stack: { v: unknown; p: (string | number)[] }[] = [{ v: d.value, p: [] }];
      let checked = 0;
      while (stack.length > 0) {
        const { v, p } = stack.pop()!;
        if (Array.isArray(v)) v.forEach((x, i) => stack.push({ v: x, p: [...p, i] }));
        else if (v !== null && typeof v === 'object') {
          for (const [k, x] of Object.entries(v)) {
            const at = d.locate([...p, k]);
            assert.ok(at, `${f}: ${JSON.stringify([...p, k])} not located`);
            assert.ok(lines[at.line - 1]!.slice(at.col - 1).startsWith(k), `${f}:${at.line}:${at.col} is not the key ${k}`);
            checked++;
            stack.push({ v: x, p: [...p, k] });
          }
        }
      }
      assert.ok(checked > 5, `${f}: only ${checked} keys`);
    }
  }
});

test('every finding of every fixture points inside its file, with the excerpt of that line', () => {
  for (const dir of ['yaml', 'schema', 'api', 'bad-input', 'valid']) {
    for (const f of readdirSync(path.join(FIXTURES, dir))) {
      const r = fixture(`${dir}/${f}`);
      const lines = r.text.split('\n');
      for (const x of r.findings) {
        if (x.line === undefined) continue;
        assert.ok(x.line >= 1 && x.line <= lines.length, `${dir}/${f}: line ${x.line}`);
        assert.equal(x.excerpt, lines[x.line - 1]);
        assert.ok(x.col! >= 1 && x.col! <= lines[x.line - 1]!.length + 1, `${dir}/${f}: col ${x.col}`);
      }
    }
  }
});

test('every document of a multi-kind file is checked; its findings carry its index; valid ones keep their object', () => {
  const r = fixture('workloads/mixed-kinds-errors.yaml');
  assert.deepEqual(r.findings.map((f) => [f.doc, f.path]), [
    [0, 'spec.template.spec.containers[0].livenessProbe.httpGet.port'],
    [2, 'spec.template.spec.restartPolicy'],
  ]);
  assert.deepEqual(r.documents.map((d) => [d.index, d.kind, d.object?.kind]), [[0, 'Deployment', undefined], [1, 'Service', 'Service'], [2, 'Job', undefined]]);
  const svc = r.documents[1]?.object;
  assert.ok(svc?.kind === 'Service');
  assert.equal(svc.spec?.ports?.[0]?.protocol, 'TCP');
  assert.equal(svc.spec?.type, 'ClusterIP');
});

test('the same object twice is a warning on the second copy; another namespace is another object', () => {
  const r = fixture('workloads/duplicate-objects.yaml');
  assert.equal(r.ok, true);
  assert.deepEqual(r.findings.map((f) => [f.severity, f.doc, f.line, f.path]), [['warning', 1, 14, 'metadata.name']]);
  assert.deepEqual(r.documents.map((d) => d.object?.metadata?.namespace), ['default', 'default', 'staging']);
});

test('a valid Deployment is stored with the apps/v1 defaults and its template with the pod spec defaults only', () => {
  const [d] = fixture('valid/deployment.yaml').documents;
  assert.ok(d?.object?.kind === 'Deployment');
  const spec = d.object.spec!;
  assert.equal(spec.revisionHistoryLimit, 10);
  assert.equal(spec.progressDeadlineSeconds, 600);
  assert.deepEqual(spec.strategy, { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: '25%' } });
  const pod = spec.template.spec!;
  assert.equal(pod.restartPolicy, 'Always');
  assert.equal(pod.serviceAccountName, undefined, 'the ServiceAccount admission plugin sets it on the Pod, not the template');
  assert.equal(pod.enableServiceLinks, undefined, 'SetDefaults_Pod only');
  assert.equal(pod.containers[0]?.readinessProbe?.periodSeconds, 10);
  assert.equal(d.pod, undefined);
});
