/**
 * A low-rate `/health` prober in a process of its own: how long other requests wait while the
 * server runs a query, i.e. its event-loop delay seen from outside. On SIGTERM it prints its
 * latencies (ms) as JSON after the marker and exits.
 *
 * Usage: node --import tsx bench/health-prober.ts <server url> [interval ms]
 */
const PROBE_RESULT_MARKER = 'PROBE_RESULT ';

const url = `${process.argv[2] ?? ''}/health`;
const intervalMs = Number(process.argv[3] ?? 50);
const latencies: number[] = [];
let failures = 0;
const state = { isStopping: false };

process.once('SIGTERM', () => {
  state.isStopping = true;
});

while (!state.isStopping) {
  const started = performance.now();
  try {
    const response = await fetch(url);
    await response.arrayBuffer();
    if (response.ok) latencies.push(performance.now() - started);
    else failures++;
  } catch {
    failures++;
  }
  await new Promise((resolve) => setTimeout(resolve, intervalMs));
}
process.stdout.write(`${PROBE_RESULT_MARKER}${JSON.stringify({ latencies, failures })}\n`);
