import cluster from 'node:cluster';
import { AggregatorRegistry, type Registry } from 'prom-client';
import { AppError } from '../../errors/app-error.js';

const REQUEST = 'shelf:metrics-request';
const REPLY = 'shelf:metrics-reply';
/** prom-client gives up on silent workers after 5 s; answer just after it. */
const REPLY_TIMEOUT_MS = 6000;

interface MetricsRequest {
  type: typeof REQUEST;
  id: number;
}
type MetricsReply = { type: typeof REPLY; id: number } & ({ text: string } | { error: string });

const isMessageOfType = <T extends { type: string }>(
  message: unknown,
  type: T['type'],
): message is T =>
  typeof message === 'object' && message !== null && 'type' in message && message.type === type;

/**
 * In the cluster primary, before forking: answers a worker's request for metrics with the sum over
 * every worker, gathered by prom-client's AggregatorRegistry (histograms and counters are summed,
 * the default process metrics aggregated as prom-client defines).
 */
export const serveClusterMetrics = (): void => {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker, message: unknown) => {
    if (!isMessageOfType<MetricsRequest>(message, REQUEST)) return;
    // The worker may have exited while the others answered: drop the reply rather than let the
    // send error (an unhandled 'error' event) bring the primary down.
    const reply = (body: { text: string } | { error: string }) => {
      if (!worker.isConnected()) return;
      worker.send({ type: REPLY, id: message.id, ...body } satisfies MetricsReply, () => undefined);
    };
    aggregator.clusterMetrics().then(
      (text) => reply({ text }),
      (error: unknown) => reply({ error: String(error) }),
    );
  });
};

/**
 * In a cluster worker: makes `registry` the one the primary's AggregatorRegistry reads, and returns
 * how GET /metrics collects: by asking the primary (serveClusterMetrics) for the whole cluster, so
 * whichever worker a scrape lands on answers for all of them.
 */
export const shareMetricsWithPrimary = (registry: Registry): (() => Promise<string>) => {
  AggregatorRegistry.setRegistries([registry]);
  // The constructor installs the worker's listener that answers the primary with `registry`.
  new AggregatorRegistry();

  let lastId = 0;
  const pending = new Map<number, (reply: MetricsReply | undefined) => void>();
  process.on('message', (message: unknown) => {
    if (isMessageOfType<MetricsReply>(message, REPLY)) pending.get(message.id)?.(message);
  });

  return () =>
    new Promise<string>((resolve, reject) => {
      const id = ++lastId;
      const settle = (reply: MetricsReply | undefined) => {
        clearTimeout(timer);
        pending.delete(id);
        if (reply !== undefined && 'text' in reply) resolve(reply.text);
        else
          reject(
            new AppError(
              'metrics-unavailable',
              `The cluster's metrics could not be gathered${reply === undefined ? '' : `: ${reply.error}`}`,
              503,
            ),
          );
      };
      const timer = setTimeout(settle, REPLY_TIMEOUT_MS, undefined);
      pending.set(id, settle);
      if (process.send === undefined) settle(undefined);
      else process.send({ type: REQUEST, id } satisfies MetricsRequest);
    });
};
