import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { PasswordSchema, UsernameSchema } from '@shelf/contracts';

const booleanString = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const port = z.coerce.number().int().min(0).max(65535);
const positiveSeconds = z.coerce.number().int().min(1);

const originList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((origin) => origin.trim())
      .filter((origin) => origin.length > 0),
  )
  .pipe(
    z.array(
      z
        .string()
        .refine(
          (origin) => origin !== '*' && URL.canParse(origin) && new URL(origin).origin === origin,
          'must list origins such as https://app.example.com (scheme, host, optional port; no path, no *)',
        ),
    ),
  );

/** The highest API_RATE_LIMIT: far above any load, so a benchmark can set it out of reach. */
export const MAX_API_RATE_LIMIT = 1_000_000_000;

/** The longest ACCESS_TOKEN_TTL allows; verification refuses a token whose exp - iat is longer. */
export const MAX_ACCESS_TOKEN_TTL_SECONDS = 86_400;

const databaseUrl = z
  .string()
  .regex(
    /^(sqlite:.+|postgres(ql)?:\/\/.+)$/,
    'must be sqlite:PATH or postgres://user@host:port/database',
  );

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: port.default(3000).describe('TCP port to listen on; 0 picks a free one'),
  HOST: z.string().min(1).default('127.0.0.1').describe('Interface to bind; 0.0.0.0 in containers'),
  DATABASE_URL: databaseUrl.default('sqlite:./data/shelf.db'),
  JWT_SECRET: z
    .string()
    .refine((secret) => Buffer.byteLength(secret) >= 32, 'must be at least 32 bytes')
    .optional(),
  ACCESS_TOKEN_TTL: positiveSeconds.max(MAX_ACCESS_TOKEN_TTL_SECONDS).default(900),
  TOKEN_VERSION_CACHE_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(5000)
    .default(5000)
    .describe(
      'How long an instance may trust its cached token version of a user: access tokens issued before a password change work here for at most this long; 0 reads the database every time',
    ),
  REFRESH_TOKEN_TTL: positiveSeconds.default(30 * 24 * 3600),
  REFRESH_REUSE_GRACE: z.coerce.number().int().min(0).max(300).default(30),
  CORS_ORIGINS: originList.default('http://localhost:5173'),
  ALLOW_REGISTRATION: booleanString.default('true'),
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  API_RATE_LIMIT: z.coerce
    .number()
    .int()
    .min(0)
    .max(MAX_API_RATE_LIMIT)
    .default(600)
    .describe(
      'Requests a minute on every route per authenticated user, or per client IP for anonymous requests and failed authentication; 0 disables',
    ),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z
    .enum(['pretty', 'json'])
    .optional()
    .describe(
      'pretty: readable coloured lines; json: one JSON object a line. Default pretty on a terminal outside production, else json',
    ),
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  COOKIE_SECURE: booleanString.optional(),
  SEED_DEMO_DATA: booleanString.optional(),
  ADMIN_USERNAME: UsernameSchema.optional(),
  ADMIN_PASSWORD: PasswordSchema.optional(),
  API_WORKERS: z
    .union([z.literal('auto'), z.coerce.number().int().min(1).max(256)])
    .default(1)
    .describe(
      'HTTP worker processes on one port: a number, or auto for one per core; 1 = no cluster',
    ),
  METRICS_ENABLED: booleanString
    .default('false')
    .describe('Serve GET /metrics (Prometheus text format)'),
  METRICS_TOKEN: z
    .string()
    .min(16)
    .optional()
    .describe('Bearer token GET /metrics requires; required in production when metrics are on'),
  PURGE_INTERVAL_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .max(86_400)
    .default(600)
    .describe(
      'Seconds between purges of expired refresh tokens, idempotency keys and rate-limit counters; 0 disables',
    ),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/.+/, 'must be smtp://[user:password@]host:port or smtps://…')
    .optional()
    .describe(
      'Where account emails (password reset, email verification) are sent; unset: to the log in development and test, and those endpoints answer 503 in production',
    ),
  MAIL_FROM: z
    .string()
    .min(3)
    .max(320)
    .refine((from) => !/[\r\n]/.test(from), 'must be one line')
    .default('Shelf <no-reply@localhost>')
    .describe('The From of account emails, e.g. "Shelf <no-reply@shelf.example.com>"'),
  APP_URL: z
    .string()
    .refine(
      (url) => URL.canParse(url) && /^https?:$/.test(new URL(url).protocol),
      'must be the web app’s http(s) URL, such as https://shelf.example.com',
    )
    .optional()
    .describe(
      'The web app’s URL, where emailed links point (APP_URL/reset-password#token=…); default the first CORS origin',
    ),
});

/** Shelf's configuration, parsed once at start-up from the environment. */
export interface Config {
  env: 'development' | 'test' | 'production';
  port: number;
  host: string;
  database: { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };
  jwt: { secret: string; isGenerated: boolean; issuer: string; audience: string };
  accessTokenTtlSeconds: number;
  /** Milliseconds a user's token version stays cached in this process (0-5000). */
  tokenVersionCacheMs: number;
  refreshTokenTtlSeconds: number;
  refreshReuseGraceSeconds: number;
  corsOrigins: string[];
  allowRegistration: boolean;
  loginRateLimitPerMinute: number;
  /** API_RATE_LIMIT: requests a minute per user, or per client IP when anonymous; 0 = no limit. */
  apiRateLimitPerMinute: number;
  logLevel: string;
  /** LOG_FORMAT: `pretty` for a developer's terminal, `json` (one object a line) for everything else. */
  logFormat: 'pretty' | 'json';
  trustProxyHops: number;
  cookieSecure: boolean;
  seedDemoData: boolean;
  initialAdmin?: { username: string; password: string };
  /** Worker processes serving HTTP on one port (node:cluster); 1 runs a single process, no cluster. */
  workers: number;
  /** GET /metrics: served only when enabled, and only to the bearer of `token` when one is set. */
  metrics: { isEnabled: boolean; token?: string };
  /** Seconds between housekeeping purges (features/housekeeping); 0 runs none. */
  purgeIntervalSeconds: number;
  /**
   * Account emails. `smtpUrl` undefined: emails go to the log, except in production, where the
   * endpoints that send them answer 503 (email-unavailable). `appUrl` has no trailing slash.
   */
  mail: { smtpUrl?: string; from: string; appUrl: string };
}

/** Thrown when the environment does not describe a valid configuration; names each variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const issueToProblem = (issue: z.ZodIssue): string => `${issue.path.join('.')}: ${issue.message}`;

/**
 * Parses and checks the environment. Empty strings count as unset, so `.env` templates with blank
 * values keep the defaults. `isTerminal` (stdout is a TTY) picks the default LOG_FORMAT.
 */
export const parseConfig = (rawEnv: NodeJS.ProcessEnv, { isTerminal = false } = {}): Config => {
  const env = Object.fromEntries(
    Object.entries(rawEnv).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map(issueToProblem));
  const values = parsed.data;
  const isProduction = values.NODE_ENV === 'production';

  const problems: string[] = [];
  if (isProduction && values.JWT_SECRET === undefined) {
    problems.push(
      'JWT_SECRET: required in production (at least 32 bytes, e.g. `openssl rand -base64 48`)',
    );
  }
  if ((values.ADMIN_USERNAME === undefined) !== (values.ADMIN_PASSWORD === undefined)) {
    problems.push('ADMIN_USERNAME and ADMIN_PASSWORD: set both or neither');
  }
  const workers = values.API_WORKERS === 'auto' ? availableParallelism() : values.API_WORKERS;
  if (workers > 1 && values.DATABASE_URL.startsWith('sqlite:')) {
    problems.push(
      `API_WORKERS>1 needs PostgreSQL: API_WORKERS=${String(values.API_WORKERS)} asks for ${workers} processes, ` +
        'but SQLite has one writer and better-sqlite3 waits for its lock synchronously, freezing a worker ' +
        'for up to ~100 ms under write contention. Set API_WORKERS=1, or DATABASE_URL=postgres://...',
    );
  }
  if (isProduction && values.METRICS_ENABLED && values.METRICS_TOKEN === undefined) {
    problems.push(
      'METRICS_TOKEN: required in production when METRICS_ENABLED=true (e.g. `openssl rand -hex 32`)',
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const secret = values.JWT_SECRET;
  return {
    env: values.NODE_ENV,
    port: values.PORT,
    host: values.HOST,
    database: values.DATABASE_URL.startsWith('sqlite:')
      ? { kind: 'sqlite', path: values.DATABASE_URL.slice('sqlite:'.length) }
      : { kind: 'postgres', url: values.DATABASE_URL },
    jwt: {
      secret: secret ?? randomBytes(48).toString('base64'),
      isGenerated: secret === undefined,
      issuer: 'shelf',
      audience: 'shelf-api',
    },
    accessTokenTtlSeconds: values.ACCESS_TOKEN_TTL,
    tokenVersionCacheMs: values.TOKEN_VERSION_CACHE_MS,
    refreshTokenTtlSeconds: values.REFRESH_TOKEN_TTL,
    refreshReuseGraceSeconds: values.REFRESH_REUSE_GRACE,
    corsOrigins: values.CORS_ORIGINS,
    allowRegistration: values.ALLOW_REGISTRATION,
    loginRateLimitPerMinute: values.LOGIN_RATE_LIMIT,
    apiRateLimitPerMinute: values.API_RATE_LIMIT,
    logLevel: values.LOG_LEVEL,
    logFormat: values.LOG_FORMAT ?? (isTerminal && !isProduction ? 'pretty' : 'json'),
    trustProxyHops: values.TRUST_PROXY,
    cookieSecure: values.COOKIE_SECURE ?? isProduction,
    seedDemoData: !isProduction && (values.SEED_DEMO_DATA ?? true),
    workers,
    ...(values.ADMIN_USERNAME !== undefined && values.ADMIN_PASSWORD !== undefined
      ? { initialAdmin: { username: values.ADMIN_USERNAME, password: values.ADMIN_PASSWORD } }
      : {}),
    metrics: {
      isEnabled: values.METRICS_ENABLED,
      ...(values.METRICS_TOKEN !== undefined ? { token: values.METRICS_TOKEN } : {}),
    },
    purgeIntervalSeconds: values.PURGE_INTERVAL_SECONDS,
    mail: {
      ...(values.SMTP_URL !== undefined ? { smtpUrl: values.SMTP_URL } : {}),
      from: values.MAIL_FROM,
      appUrl: (values.APP_URL ?? values.CORS_ORIGINS[0] ?? 'http://localhost:5173').replace(
        /\/+$/,
        '',
      ),
    },
  };
};
