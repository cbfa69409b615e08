/**
 * autocannon in its own process, for machines without `wrk`: reads a LoadSpec from argv, prints a
 * LoadResult after load.ts's marker.
 */
import autocannon from 'autocannon';
import { LOAD_RESULT_MARKER, type LoadResult, type LoadSpec } from './load.js';

const spec = JSON.parse(process.argv[2] ?? '{}') as LoadSpec;

const result = await autocannon({
  url: spec.url,
  method: spec.method,
  headers: spec.headers,
  connections: spec.connections,
  duration: spec.durationSeconds,
  // autocannon puts a random id where the body says [<id>].
  ...(spec.bodyTemplate === undefined
    ? {}
    : { body: spec.bodyTemplate.replaceAll('{n}', '[<id>]'), idReplacement: true }),
});

const figures: LoadResult = {
  requests: result.requests.total,
  requestsPerSecond: result.requests.total / result.duration,
  p50Ms: result.latency.p50,
  p99Ms: result.latency.p99,
  non2xx: result.non2xx,
  socketErrors: result.errors + result.timeouts,
};
process.stdout.write(`${LOAD_RESULT_MARKER}${JSON.stringify(figures)}\n`);
