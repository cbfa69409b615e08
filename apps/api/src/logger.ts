import { pino, type DestinationStream, type Logger } from 'pino';

/** Paths pino must never write: credentials travel in these. */
const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'password',
  'refresh_token',
  'access_token',
];

/** The process logger: JSON lines on stdout (or `destination`), secrets redacted. */
export const createLogger = (level: string, destination?: DestinationStream): Logger =>
  pino({ level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, destination);

export type { Logger };
