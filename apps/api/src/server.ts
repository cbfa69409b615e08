import { createServer, type Server } from 'node:http';
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

/**
 * Stops accepting connections, lets requests in flight finish, and closes keep-alive sockets as soon
 * as they fall idle (rather than at their keep-alive timeout); after `timeoutMs`, drops whatever is
 * left.
 */
export const closeGracefully = (server: Server, timeoutMs: number): Promise<void> =>
  new Promise((resolve) => {
    const deadline = setTimeout(() => server.closeAllConnections(), timeoutMs);
    const sweeper = setInterval(() => server.closeIdleConnections(), 100);
    deadline.unref();
    sweeper.unref();
    server.close(() => {
      clearTimeout(deadline);
      clearInterval(sweeper);
      resolve();
    });
    server.closeIdleConnections();
  });
