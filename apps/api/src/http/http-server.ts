import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Express } from 'express';

/** Starts listening; resolves with the server once the port is bound. */
export const listen = (app: Express, port: number, host: string): Promise<Server> =>
  new Promise((resolve, reject) => {
    const server = createServer(app);
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });

/** Asks the client to close its connection after this response: the server is draining. */
const closeAfterResponse = (_req: IncomingMessage, res: ServerResponse): void => {
  res.setHeader('Connection', 'close');
};

/**
 * Runs `task` once the event loop has polled for I/O at least once more: a signal handler runs
 * amid a poll, so data that reached other sockets in the meantime is only read by the next one.
 */
const afterNextPoll = (task: () => void): void => {
  setImmediate(() => setImmediate(task));
};

/**
 * Stops listening. `http.Server#close` would also close idle keep-alive connections on the spot,
 * resetting a request that has reached one but is not read yet; they are closed after the next
 * poll instead, once such a request has been read (and its connection is busy).
 */
const stopListening = (server: Server, onClosed: () => void): void => {
  Object.defineProperty(server, 'closeIdleConnections', {
    value: () => undefined,
    configurable: true,
  });
  try {
    server.close(onClosed);
  } finally {
    Reflect.deleteProperty(server, 'closeIdleConnections');
  }
};

/**
 * Stops accepting connections and lets requests in flight finish. Requests that reach an open
 * connection meanwhile are still served, answered with `Connection: close`; idle connections are
 * closed at once and then every 100 ms (rather than at their keep-alive timeout), each time after
 * reading what has arrived, so no request already sent is reset. After `timeoutMs`, drops whatever
 * is left.
 */
export const closeGracefully = (server: Server, timeoutMs: number): Promise<void> =>
  new Promise((resolve) => {
    server.prependListener('request', closeAfterResponse);
    const closeIdle = () => afterNextPoll(() => server.closeIdleConnections());
    const deadline = setTimeout(() => server.closeAllConnections(), timeoutMs);
    const sweeper = setInterval(closeIdle, 100);
    deadline.unref();
    sweeper.unref();
    stopListening(server, () => {
      clearTimeout(deadline);
      clearInterval(sweeper);
      resolve();
    });
    closeIdle();
  });
