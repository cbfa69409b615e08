/**
 * The API as a library, for tests and tools that run the real server in-process.
 *
 * @example
 * import { createLogger, parseConfig, startServer } from '@shelf/api';
 * const api = await startServer({ config: parseConfig({ PORT: '0', DATABASE_URL: 'sqlite:/tmp/shelf.db' }), logger: createLogger('silent') });
 */
export { createApp, type AppDeps } from './app.js';
export { ConfigError, parseConfig, type Config } from './config.js';
export { createLogger, type Logger } from './logger.js';
export { startServer, type RunningServer } from './start-server.js';
export { DEMO_USERS } from './features/demo/demo-data.js';
