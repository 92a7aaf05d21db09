// Grades a batch of submissions and hands the rows on in submission order: in a pool of worker
// threads (node:worker_threads), or in this thread for a handful. Rows arrive in any order and
// leave in order through a bounded window, so memory holds only the rows in flight. A worker that
// dies (a bug, an out-of-memory, a hang stopped by the watchdog) costs the submission it was
// grading one internal-error row; the rest of its work goes to a new worker.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { B, loc } from './messages.js';
import { checkColumns, createRowGrader, internalErrorRow, rejectedRow } from './rows.js';
import type { BatchRow, FromWorker, GraderInit, Submission, ToWorker } from './types.js';

export interface PoolOptions {
  /** worker threads to run */
  size: number;
  /** the worker's entry file (default: the bundled grade-worker.js, or worker.ts from source) */
  workerFile?: string;
  resourceLimits?: ResourceLimits;
  /** a worker with work that sends nothing for this long is stopped (0: never) */
  stallMs?: number;
  /** submissions sent to a worker at a time (the next batch goes when half of it is left) */
  chunk?: number;
}

export interface RunStats {
  /** worker threads started (replacements included); 0 in-process */
  workersStarted: number;
  /** workers that died while grading */
  workersLost: number;
  /** the largest heap a worker reported after a chunk, in bytes */
  workerHeapPeak: number;
  /** the pool could not start its workers and graded in this thread instead */
  fellBack: boolean;
}

/** Most rows waiting for an earlier one, per worker and submission in a chunk. */
const WINDOW_PER_SLOT = 8;
/** Workers that die before their first submission, in a row, before the pool gives up on threads. */
const MAX_START_FAILURES = 3;
/** The watchdog's tick; a longer gap between ticks means this thread itself was busy, not the workers. */
const TICK_MS = 1000;

/**
 * Rows in submission order. `emit` is called exactly once per submission, with index 0, 1, 2, ...
 * Rejected submissions (see collect.ts) are never sent to a grader.
 */
class InOrder {
  private next = 0;
  private readonly waiting = new Map<number, BatchRow>();
  constructor(
    private readonly subs: readonly Submission[],
    private readonly rejected: (s: Submission) => BatchRow,
    private readonly emit: (row: BatchRow) => void,
  ) {
    this.flush();
  }
  get emitted(): number {
    return this.next;
  }
  get done(): boolean {
    return this.next >= this.subs.length;
  }
  put(row: BatchRow): void {
    if (row.index < this.next || this.waiting.has(row.index)) return; // a duplicate after a re-send
    this.waiting.set(row.index, row);
    this.flush();
  }
  private flush(): void {
    for (;;) {
      const s = this.subs[this.next];
      if (!s) return;
      let row: BatchRow | undefined;
      if (s.rejected !== undefined) row = this.rejected(s);
      else {
        row = this.waiting.get(this.next);
        if (!row) return;
        this.waiting.delete(this.next);
      }
      this.next++;
      this.emit(row);
    }
  }
}

/** Grades every submission in this thread. */
export async function gradeInProcess(subs: readonly Submission[], init: GraderInit, emit: (row: BatchRow) => void): Promise<RunStats> {
  const grade = await createRowGrader(init);
  for (const s of subs) emit(grade(s));
  return { workersStarted: 0, workersLost: 0, workerHeapPeak: 0, fellBack: false };
}

/** The worker entry to start: the bundle's sibling, or (running from source) worker.ts through tsx. */
function defaultWorkerFile(): string {
  const here = fileURLToPath(import.meta.url);
  return here.endsWith('.ts') ? path.join(path.dirname(here), 'worker.ts') : path.join(path.dirname(here), 'grade-worker.js');
}

/**
 * A TypeScript entry (kubedrill run from source, as the tests do) is loaded through tsx's ESM
 * API: a worker thread does not inherit the `--import tsx` of its process.
 */
function entryFor(file: string): string | URL {
  if (!file.endsWith('.ts')) return file;
  const pkgFile = createRequire(import.meta.url).resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  const api = pathToFileURL(path.join(path.dirname(pkgFile), pkg.exports['./esm/api']!.import.default)).href;
  const src = `import { register } from ${JSON.stringify(api)};\nregister();\nawait import(${JSON.stringify(pathToFileURL(file).href)});\n`;
  return new URL(`data:text/javascript,${encodeURIComponent(src)}`);
}

interface Slot {
  worker: Worker;
  ready: boolean;
  /** sent and not answered yet, in the order the worker grades them */
  pending: Submission[];
  lastProgress: number;
  /** why it died, when the pool knows better than the exit code */
  death?: string;
}

/** Grades every submission in a pool of worker threads. */
export function gradeInPool(subs: readonly Submission[], init: GraderInit, opts: PoolOptions, emit: (row: BatchRow) => void): Promise<RunStats> {
  const { exercise: ex, lang } = init;
  const columns = checkColumns(ex, lang);
  const size = Math.max(1, opts.size);
  const chunk = Math.max(1, opts.chunk ?? 8);
  const window = Math.max(64, size * chunk * WINDOW_PER_SLOT);
  const stallMs = opts.stallMs ?? 0;
  const entry = entryFor(opts.workerFile ?? defaultWorkerFile());
  const stats: RunStats = { workersStarted: 0, workersLost: 0, workerHeapPeak: 0, fellBack: false };
  const order = new InOrder(subs, (s) => rejectedRow(s, ex, columns, lang), emit);
  const todo = subs.filter((s) => s.rejected === undefined);
  /** sent back by a dead worker: graded before the rest, in order */
  const again: Submission[] = [];
  let nextTodo = 0;
  let startFailures = 0;
  const slots = new Set<Slot>();

  return new Promise<RunStats>((resolve, reject) => {
    let finished = false;
    let lastTick = Date.now();
    const timer =
      stallMs > 0
        ? setInterval(() => {
            const now = Date.now();
            // This thread was busy (writing a slow pipe, say): the workers' silence is not theirs.
            if (now - lastTick > 3 * TICK_MS) for (const s of slots) s.lastProgress = now;
            lastTick = now;
            for (const s of slots) {
              if (s.pending.length > 0 && s.death === undefined && now - s.lastProgress > stallMs) {
                s.death = loc(B.workerStalled(Math.round(stallMs / 1000)), lang);
                void s.worker.terminate();
              }
            }
          }, TICK_MS)
        : undefined;

    const finish = (err?: unknown) => {
      if (finished) return;
      finished = true;
      if (timer) clearInterval(timer);
      for (const s of slots) void s.worker.terminate();
      slots.clear();
      if (err) reject(err);
      else resolve(stats);
    };

    const remaining = () => again.length > 0 || nextTodo < todo.length;

    const take = (): Submission[] => {
      const out: Submission[] = [];
      while (out.length < chunk) {
        if (again.length > 0) out.push(again.shift()!);
        else if (nextTodo < todo.length && todo[nextTodo]!.index < order.emitted + window) out.push(todo[nextTodo++]!);
        else break;
      }
      return out;
    };

    const feed = (slot: Slot) => {
      // Sent before the worker runs dry, so it never waits for this thread between batches.
      if (finished || !slot.ready || slot.pending.length > chunk / 2 || slot.death !== undefined) return;
      const tasks = take();
      if (tasks.length === 0) return;
      if (slot.pending.length === 0) slot.lastProgress = Date.now();
      slot.pending.push(...tasks);
      slot.lastProgress = Date.now();
      slot.worker.postMessage({ type: 'grade', tasks } satisfies ToWorker);
    };
    const feedAll = () => {
      for (const s of slots) feed(s);
    };

    const put = (row: BatchRow) => {
      try {
        order.put(row);
      } catch (err) {
        finish(err); // the output could not be written: stop
        return;
      }
      if (order.done) finish();
    };

    const fallBack = async () => {
      // Threads cannot start here (a broken install, no memory for one): grade the rest in this thread.
      stats.fellBack = true;
      if (timer) clearInterval(timer);
      const rest = [...again, ...todo.slice(nextTodo)];
      again.length = 0;
      nextTodo = todo.length;
      try {
        const grade = await createRowGrader(init);
        for (const s of rest) {
          if (finished) return;
          put(grade(s));
        }
      } catch (err) {
        finish(err);
      }
    };

    const start = () => {
      const worker = new Worker(entry, {
        workerData: { init } satisfies { init: GraderInit },
        ...(opts.resourceLimits ? { resourceLimits: opts.resourceLimits } : {}),
        stdout: false,
        stderr: false,
      });
      stats.workersStarted++;
      const slot: Slot = { worker, ready: false, pending: [], lastProgress: Date.now() };
      slots.add(slot);
      worker.on('message', (m: FromWorker) => {
        if (finished) return;
        slot.lastProgress = Date.now();
        switch (m.type) {
          case 'ready':
            slot.ready = true;
            startFailures = 0;
            feed(slot);
            return;
          case 'row': {
            const i = slot.pending.findIndex((s) => s.index === m.row.index);
            if (i >= 0) slot.pending.splice(i, 1);
            if (m.heapUsed !== undefined) stats.workerHeapPeak = Math.max(stats.workerHeapPeak, m.heapUsed);
            put(m.row);
            feedAll(); // this worker has room, and the window may have moved
            return;
          }
        }
      });
      worker.on('error', (err: Error & { code?: string }) => {
        slot.death ??= err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? loc(B.workerOutOfMemory, lang) : loc(B.workerFailed(err.message), lang);
      });
      worker.on('exit', (code) => {
        slots.delete(slot);
        if (finished) return;
        const why = slot.death ?? loc(B.workerExited(code), lang);
        if (!slot.ready) {
          // Died before grading anything: nobody's submission is to blame.
          if (++startFailures >= MAX_START_FAILURES) {
            if (slots.size === 0) void fallBack();
            return;
          }
        } else {
          stats.workersLost++;
          const [blamed, ...rest] = slot.pending;
          again.unshift(...rest);
          if (blamed) put(internalErrorRow(blamed, ex, why, lang));
          if (finished) return;
        }
        if (remaining()) start();
        feedAll();
      });
    };

    if (order.done) return finish();
    if (todo.length === 0) return; // only rejected rows, all emitted by InOrder already (done above)
    for (let i = 0; i < Math.min(size, todo.length); i++) start();
  });
}
