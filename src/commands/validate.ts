// `kubedrill validate FILE... [--json]`: YAML syntax, the strict schema of each kind and the API server's rules.
import { parseArgs } from 'node:util';
import path from 'node:path';
import { EXIT, type Io } from './io.js';
import { checkManifestBytes, isReadFailure, MAX_DOCUMENTS, MAX_MANIFEST_BYTES, readBounded, readManifestFile } from '../manifest/index.js';
import { formatBytes } from '../manifest/messages.js';
import { findingsToJson, formatFindings, summarize } from '../report/findings.js';
import type { Finding, ManifestResult } from '../manifest/types.js';

export const USAGE = 'Usage: kubedrill validate FILE... [--json]   (FILE - reads standard input)\n';

export const HELP = `kubedrill validate — check Kubernetes manifests the way kubectl and the API server would

${USAGE}
Checks each FILE (every YAML document in it; documents may mix kinds): YAML syntax, the kind
(v1 Pod and Service, apps/v1 Deployment and ReplicaSet, batch/v1 Job), its strict schema
(Kubernetes 1.30; unknown fields, wrong types, required fields), the API server's validation
rules (as of Kubernetes 1.33) with kubectl's own messages, and the same object defined twice.
Findings are printed compiler style (FILE:LINE:COL: error: MESSAGE) so editors can jump to them.
Files over ${formatBytes(MAX_MANIFEST_BYTES)} or with more than ${MAX_DOCUMENTS} documents are refused.

Options:
  --json      print the findings as a JSON array instead of text
  -h, --help  show this help

Exit codes: 0 valid (warnings allowed), 1 problems found, 2 usage error or a file that cannot be read.
`;

export async function run(args: string[], io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (err) {
    io.stderr.write(`kubedrill validate: ${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return EXIT.usage;
  }
  if (parsed.values.help) {
    io.stdout.write(HELP);
    return EXIT.ok;
  }
  const files = parsed.positionals;
  if (files.length === 0) {
    io.stderr.write(`kubedrill validate: no FILE given\n${USAGE}`);
    return EXIT.usage;
  }

  const color = io.stdout.isTTY === true && !io.env.NO_COLOR;
  const results: ManifestResult[] = files.map((f) => (f === '-' ? readStdin() : readManifestFile(path.resolve(io.cwd, f), f)));

  let code: number = EXIT.ok;
  for (const r of results) {
    if (isReadFailure(r)) code = EXIT.usage;
    else if (!r.ok && code === EXIT.ok) code = EXIT.failed;
  }

  if (parsed.values.json) {
    const all: Finding[] = results.flatMap((r) => r.findings);
    io.stdout.write(findingsToJson(all));
    return code;
  }

  for (const r of results) {
    if (isReadFailure(r)) {
      io.stderr.write(formatFindings(r.findings));
      continue;
    }
    if (r.findings.length > 0) io.stdout.write(formatFindings(r.findings, { color }));
    if (r.ok) {
      const objects = r.documents.flatMap((d) => (d.object ? [`${d.object.kind} ${d.object.metadata?.name ?? `${d.object.metadata?.generateName ?? ''}…`}`] : []));
      io.stdout.write(`${r.file}: OK (${objects.join(', ')})\n`);
    } else {
      io.stdout.write(`${summarize(r.findings, r.file)}\n`);
    }
  }
  return code;
}

function readStdin(): ManifestResult {
  const name = '<stdin>';
  try {
    return checkManifestBytes(readBounded(0, MAX_MANIFEST_BYTES + 1), name);
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? String(err);
    return {
      file: name,
      text: '',
      findings: [{ code: 'read/unreadable', stage: 'read', severity: 'error', message: `cannot read standard input: ${reason}`, file: name }],
      documents: [],
      ok: false,
    };
  }
}
