import { pino, type DestinationStream, type Logger, type TransportSingleOptions } from 'pino';

/** Paths pino must never write: credentials travel in these. */
const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'password',
  'refresh_token',
  'access_token',
];

/**
 * LOG_FORMAT=pretty: one coloured line per entry for a developer's terminal, the access line as
 * `request completed: GET /api/books → 200 in 3 ms`. pino-pretty runs in a worker thread (a pino
 * transport), so the request path still only serialises JSON.
 */
const PRETTY_TRANSPORT: TransportSingleOptions = {
  target: 'pino-pretty',
  options: {
    colorize: true,
    singleLine: true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,req,res,responseTime',
    messageFormat:
      '{msg}{if req.method}: {req.method} {req.url}{end}{if res.statusCode} → {res.statusCode} in {responseTime} ms{end}',
  },
};

/**
 * The process logger, secrets redacted: JSON lines on stdout (or `destination`), or, with
 * `'pretty'`, human-readable lines on stdout (see config.ts LOG_FORMAT for when).
 */
export const createLogger = (level: string, destination?: DestinationStream | 'pretty'): Logger =>
  destination === 'pretty'
    ? pino({
        level,
        redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
        transport: PRETTY_TRANSPORT,
      })
    : pino({ level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, destination);

export type { Logger };
