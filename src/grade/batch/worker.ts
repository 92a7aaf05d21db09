// Entry point of a grading worker thread (bundled as dist/commands/grade-worker.js): serves the pool.
import { parentPort, workerData } from 'node:worker_threads';
import { serveGrading } from './serve.js';
import type { GraderInit } from './types.js';

if (parentPort) void serveGrading(parentPort, (workerData as { init: GraderInit & { current: Int32Array } }).init);
