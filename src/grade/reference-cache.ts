// On-disk cache of what grading derives from the exercise itself (the parsed starter and reference
// Pods and the reference pod's trace), so `kubedrill check` simulates only the learner's pod. Keyed
// by the build of kubedrill that made it and the stamps (inode, size, mtime) of the files it reads.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Exercise } from '../exercises/types.js';
import { writeFileInside } from '../exercises/workspace.js';
import type { Finding, Pod } from '../manifest/types.js';
import type { Trace } from '../sim/trace.js';

export interface ParsedFile {
  text: string;
  pod?: Pod;
  findings: Finding[];
}

export interface ReferenceRecord {
  starter: ParsedFile;
  solution: ParsedFile;
  trace?: Trace;
}

const FORMAT = 'kubedrill-reference/1';

function stamp(file: string): string | undefined {
  try {
    const st = statSync(file);
    return `${st.ino}:${st.size}:${st.mtimeMs}`;
  } catch {
    return undefined;
  }
}

/** The cache file for this exercise, build and seed; undefined when a file it depends on is missing. */
export function referenceCacheFile(cacheDir: string, buildStamp: string, ex: Exercise, seed: number): string | undefined {
  const starter = stamp(ex.starterPath ?? path.join(ex.path, ex.file));
  const solution = stamp(ex.solutionPath);
  if (!starter || !solution) return undefined;
  const key = [FORMAT, buildStamp, ex.path, starter, ex.solutionPath, solution, ex.simulate?.forMs ?? '', seed, JSON.stringify(ex.images ?? [])].join('\0');
  let h = 0x811c9dc5;
  let g = 0x12345678;
  for (let i = 0; i < key.length; i++) {
    h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
    g = Math.imul(g ^ key.charCodeAt(i), 0x5bd1e995);
  }
  return path.join(cacheDir, `reference-${ex.dir}-${(h >>> 0).toString(16).padStart(8, '0')}${(g >>> 0).toString(16).padStart(8, '0')}.json`);
}

export function readReference(file: string): ReferenceRecord | undefined {
  try {
    const r = JSON.parse(readFileSync(file, 'utf8')) as ReferenceRecord & { format?: string };
    return r.format === FORMAT && typeof r.starter?.text === 'string' && typeof r.solution?.text === 'string' ? r : undefined;
  } catch {
    return undefined;
  }
}

/** Best effort: a read-only or vanished workspace (or a cache folder that links out of it) just means no cache. */
export function writeReference(file: string, rec: ReferenceRecord): void {
  try {
    writeFileInside(path.dirname(path.dirname(file)), file, JSON.stringify({ format: FORMAT, ...rec }));
  } catch {
    // ignore
  }
}

/** Identity of the running build: the stamp of the bundled module, or undefined when running from source. */
export function buildStampOf(moduleFile: string): string | undefined {
  if (!/[\\/]dist[\\/]/.test(moduleFile)) return undefined;
  return stamp(moduleFile);
}
