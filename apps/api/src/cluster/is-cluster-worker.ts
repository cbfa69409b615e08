import cluster from 'node:cluster';
import type { Config } from '../config.js';

/**
 * True in a worker Shelf's own primary forked (API_WORKERS > 1). A process that merely runs under
 * another node:cluster supervisor (PM2 cluster mode) with API_WORKERS=1 has no Shelf primary to
 * share counters or metrics with, so it must behave as a single process.
 */
export const isClusterWorker = (config: Config): boolean => config.workers > 1 && cluster.isWorker;
