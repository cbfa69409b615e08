/** Clients that hammer an API over keep-alive connections and record the fate of every request. */
import { Agent, request } from 'node:http';

/** What became of one request. Times are `Date.now()`, comparable with the server's log times. */
export interface RequestOutcome {
  method: 'GET' | 'POST';
  /** When the whole request had been handed to the socket; undefined if it never was. */
  sentAt: number | undefined;
  status?: number;
  /** The socket error's code (ECONNREFUSED, ECONNRESET, ...) when no response came. */
  error?: string;
  finishedAt: number;
}

/** A load under way: every outcome so far, and when it ends, how many clients ended refused. */
export interface KeepAliveLoad {
  outcomes: RequestOutcome[];
  done: Promise<{ clientsRefused: number }>;
}

const errorCode = (error: unknown): string =>
  typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : String(error);

const sendOne = (
  agent: Agent,
  url: URL,
  method: 'GET' | 'POST',
  authorization: string,
  n: number,
): Promise<RequestOutcome> =>
  new Promise((resolve) => {
    const body =
      method === 'POST' ? JSON.stringify({ title: `Drain book ${n}`, author: 'Drain' }) : '';
    let sentAt: number | undefined;
    const outgoing = request(
      url,
      {
        agent,
        method,
        path: method === 'POST' ? '/api/books' : '/api/books?limit=20',
        headers: {
          authorization,
          ...(method === 'POST'
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }
            : {}),
        },
        timeout: 15_000,
      },
      (response) => {
        response.resume();
        response.on('end', () =>
          resolve({
            method,
            sentAt,
            status: response.statusCode ?? 0,
            finishedAt: Date.now(),
          }),
        );
        response.on('error', (error) =>
          resolve({ method, sentAt, error: errorCode(error), finishedAt: Date.now() }),
        );
      },
    );
    outgoing.on('finish', () => (sentAt = Date.now()));
    outgoing.on('timeout', () => outgoing.destroy(new Error('client timeout')));
    outgoing.on('error', (error) =>
      resolve({ method, sentAt, error: errorCode(error), finishedAt: Date.now() }),
    );
    outgoing.end(body);
  });

/**
 * Runs `getClients` clients listing books and `postClients` creating them, each over one keep-alive
 * connection, one request after another, until its connection is refused (the server stopped
 * listening) or `maxDurationMs` has passed.
 */
export const startKeepAliveLoad = ({
  baseUrl,
  authorization,
  getClients,
  postClients,
  maxDurationMs,
}: {
  baseUrl: string;
  authorization: string;
  getClients: number;
  postClients: number;
  maxDurationMs: number;
}): KeepAliveLoad => {
  const url = new URL(baseUrl);
  const deadline = performance.now() + maxDurationMs;
  const outcomes: RequestOutcome[] = [];
  let clientsRefused = 0;
  let n = 0;
  const runClient = async (method: 'GET' | 'POST') => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      while (performance.now() < deadline) {
        const outcome = await sendOne(agent, url, method, authorization, ++n);
        outcomes.push(outcome);
        if (outcome.error === 'ECONNREFUSED') {
          clientsRefused += 1;
          return;
        }
      }
    } finally {
      agent.destroy();
    }
  };
  const done = Promise.all([
    ...Array.from({ length: getClients }, () => runClient('GET')),
    ...Array.from({ length: postClients }, () => runClient('POST')),
  ]).then(() => ({ clientsRefused }));
  return { outcomes, done };
};
