// Grades a batch of submissions and hands the rows on in submission order: in a pool of worker
// threads (node:worker_threads), or in this thread for a handful. Workers get submissions a batch
// at a time and answer a batch at a time; rows leave in order through a bounded window, so memory
// holds only the rows in flight. A worker that dies (a bug, an out-of-memory, a hang stopped by
// the watchdog) costs the submission it was grading one internal-error row; the rest of its work
// goes to a new worker.
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
  /** submissions sent to a worker at a time (two batches are in flight per worker) */
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
  /** shared with the worker: the index of the submission it is grading, -1 between batches */
  current: Int32Array;
  /** what `current` held at the watchdog's last look */
  seen: number;
  lastProgress: number;
  /** why it died, when the pool knows better than the exit code */
  death?: string;
}

/** Submissions sent back by dying workers this often without being blamed are blamed anyway. */
const MAX_RESENDS = 3;

/**
 * A pool of grading workers. They start loading at once (while the caller is still finding the
 * submissions); `run` grades one batch with them, `close` stops them.
 */
export class GradingPool {
  private readonly slots = new Set<Slot>();
  private readonly entry: string | URL;
  private readonly size: number;
  private readonly chunk: number;
  private startFailures = 0;
  private closed = false;
  private readonly stats: RunStats = { workersStarted: 0, workersLost: 0, workerHeapPeak: 0, fellBack: false };
  /** the batch being graded: set by run() */
  private job: Job | undefined;

  constructor(
    private readonly init: GraderInit,
    private readonly opts: PoolOptions,
  ) {
    this.size = Math.max(1, opts.size);
    this.chunk = Math.max(1, opts.chunk ?? 16);
    this.entry = entryFor(opts.workerFile ?? defaultWorkerFile());
    for (let i = 0; i < this.size; i++) this.start();
  }

  /** Grades every submission; `emit` gets the rows in submission order. One batch per pool. */
  run(subs: readonly Submission[], emit: (row: BatchRow) => void): Promise<RunStats> {
    if (this.job || this.closed) throw new Error('GradingPool.run: the pool has already been used');
    const { exercise: ex, lang } = this.init;
    const columns = checkColumns(ex, lang);
    return new Promise<RunStats>((resolve, reject) => {
      const job: Job = {
        order: new InOrder(subs, (s) => rejectedRow(s, ex, columns, lang), emit),
        todo: subs.filter((s) => s.rejected === undefined),
        nextTodo: 0,
        again: [],
        resends: new Map(),
        window: Math.max(64, this.size * this.chunk * WINDOW_PER_SLOT),
        resolve,
        reject,
        timer: undefined,
        lastTick: Date.now(),
      };
      this.job = job;
      if (job.order.done) return this.finish();
      const stallMs = this.opts.stallMs ?? 0;
      if (stallMs > 0) job.timer = setInterval(() => this.watch(stallMs), TICK_MS);
      if (this.slots.size === 0) return void this.fallBack();
      this.feedAll();
    });
  }

  /** Stops the workers (a pool that was not needed, or after its batch). */
  close(): void {
    this.closed = true;
    if (this.job?.timer) clearInterval(this.job.timer);
    for (const s of this.slots) void s.worker.terminate();
    this.slots.clear();
  }

  private start(): void {
    const current = new Int32Array(new SharedArrayBuffer(4));
    current[0] = -1;
    const worker = new Worker(this.entry, {
      workerData: { init: { ...this.init, current } },
      ...(this.opts.resourceLimits ? { resourceLimits: this.opts.resourceLimits } : {}),
    });
    this.stats.workersStarted++;
    const slot: Slot = { worker, ready: false, pending: [], current, seen: -1, lastProgress: Date.now() };
    this.slots.add(slot);
    worker.on('message', (m: FromWorker) => this.onMessage(slot, m));
    worker.on('error', (err: Error & { code?: string }) => {
      const lang = this.init.lang;
      slot.death ??= err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? loc(B.workerOutOfMemory, lang) : loc(B.workerFailed(err.message), lang);
    });
    worker.on('exit', (code) => this.onExit(slot, code));
  }

  private onMessage(slot: Slot, m: FromWorker): void {
    if (this.closed) return;
    slot.lastProgress = Date.now();
    switch (m.type) {
      case 'ready':
        slot.ready = true;
        this.startFailures = 0;
        this.feed(slot);
        return;
      case 'rows': {
        const done = new Set(m.rows.map((r) => r.index));
        slot.pending = slot.pending.filter((s) => !done.has(s.index));
        this.stats.workerHeapPeak = Math.max(this.stats.workerHeapPeak, m.heapUsed);
        for (const r of m.rows) if (!this.put(r)) return;
        this.feedAll(); // this worker has room, and the window may have moved
        return;
      }
    }
  }

  private onExit(slot: Slot, code: number): void {
    this.slots.delete(slot);
    const job = this.job;
    if (this.closed) return;
    const lang = this.init.lang;
    if (!slot.ready) {
      // Died before grading anything: nobody's submission is to blame.
      if (++this.startFailures >= MAX_START_FAILURES) {
        if (this.slots.size === 0 && job) void this.fallBack();
        return;
      }
      this.start();
      return;
    }
    if (!job) {
      this.start(); // lost while waiting for its batch: just replace it
      return;
    }
    this.stats.workersLost++;
    const why = slot.death ?? loc(B.workerExited(code), lang);
    const at = Atomics.load(slot.current, 0);
    let blamed = slot.pending.find((s) => s.index === at);
    const rest = slot.pending.filter((s) => s !== blamed);
    // Died between two submissions (its rows not sent yet): grade them again, but not forever.
    if (!blamed) {
      blamed = rest.find((s) => (job.resends.get(s.index) ?? 0) + 1 >= MAX_RESENDS);
      for (const s of rest) job.resends.set(s.index, (job.resends.get(s.index) ?? 0) + 1);
    }
    job.again.unshift(...rest.filter((s) => s !== blamed));
    job.again.sort((a, b) => a.index - b.index);
    if (blamed && !this.put(internalErrorRow(blamed, this.init.exercise, why, lang))) return;
    if (this.job && !job.order.done && (job.again.length > 0 || job.nextTodo < job.todo.length)) this.start();
    this.feedAll();
  }

  /** Hands a row on in order; false once the batch is over (finished, or the output failed). */
  private put(row: BatchRow): boolean {
    const job = this.job!;
    try {
      job.order.put(row);
    } catch (err) {
      this.finish(err); // the output could not be written: stop
      return false;
    }
    if (job.order.done) {
      this.finish();
      return false;
    }
    return true;
  }

  private take(): Submission[] {
    const job = this.job!;
    const out: Submission[] = [];
    while (out.length < this.chunk) {
      if (job.again.length > 0) out.push(job.again.shift()!);
      else if (job.nextTodo < job.todo.length && job.todo[job.nextTodo]!.index < job.order.emitted + job.window) out.push(job.todo[job.nextTodo++]!);
      else break;
    }
    return out;
  }

  private feed(slot: Slot): void {
    // Two batches in flight: the worker never waits for this thread between them.
    if (!this.job || this.closed || !slot.ready || slot.death !== undefined || slot.pending.length >= 2 * this.chunk) return;
    const tasks = this.take();
    if (tasks.length === 0) return;
    if (slot.pending.length === 0) slot.lastProgress = Date.now();
    slot.pending.push(...tasks);
    slot.worker.postMessage({ type: 'grade', tasks } satisfies ToWorker);
  }

  private feedAll(): void {
    for (const s of this.slots) this.feed(s);
  }

  private watch(stallMs: number): void {
    const job = this.job!;
    const now = Date.now();
    // This thread was busy (writing a slow pipe, say): the workers' silence is not theirs.
    if (now - job.lastTick > 3 * TICK_MS) for (const s of this.slots) s.lastProgress = now;
    job.lastTick = now;
    for (const s of this.slots) {
      const at = Atomics.load(s.current, 0);
      if (at !== s.seen) {
        s.seen = at;
        s.lastProgress = now;
      }
      if (s.pending.length > 0 && s.death === undefined && now - s.lastProgress > stallMs) {
        s.death = loc(B.workerStalled(Math.round(stallMs / 1000)), this.init.lang);
        void s.worker.terminate();
      }
    }
  }

  /** Threads cannot start here (a broken install, no memory for one): grade the rest in this thread. */
  private async fallBack(): Promise<void> {
    const job = this.job!;
    this.stats.fellBack = true;
    if (job.timer) clearInterval(job.timer);
    const rest = [...job.again, ...job.todo.slice(job.nextTodo)].sort((a, b) => a.index - b.index);
    job.again.length = 0;
    job.nextTodo = job.todo.length;
    try {
      const grade = await createRowGrader(this.init);
      for (const s of rest) if (!this.put(grade(s))) return;
    } catch (err) {
      this.finish(err);
    }
  }

  private finish(err?: unknown): void {
    const job = this.job!;
    if (this.closed) return;
    this.close();
    if (err) job.reject(err);
    else job.resolve(this.stats);
  }
}

interface Job {
  order: InOrder;
  todo: Submission[];
  nextTodo: number;
  /** sent back by a dead worker: graded before the rest, in order */
  again: Submission[];
  /** how often each submission was sent back without being blamed */
  resends: Map<number, number>;
  window: number;
  resolve: (s: RunStats) => void;
  reject: (e: unknown) => void;
  timer: ReturnType<typeof setInterval> | undefined;
  lastTick: number;
}

/** Grades every submission in a pool of worker threads started for it. */
export function gradeInPool(subs: readonly Submission[], init: GraderInit, opts: PoolOptions, emit: (row: BatchRow) => void): Promise<RunStats> {
  return new GradingPool(init, opts).run(subs, emit);
}
