import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../src/config.js';

const secret = 'a'.repeat(32);

describe('parseConfig', () => {
  it('uses documented defaults', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({
      env: 'development',
      port: 3000,
      host: '127.0.0.1',
      database: { kind: 'sqlite', path: './data/shelf.db' },
      accessTokenTtlSeconds: 900,
      refreshTokenTtlSeconds: 2_592_000,
      corsOrigins: ['http://localhost:5173'],
      allowRegistration: true,
      loginRateLimitPerMinute: 10,
      seedDemoData: true,
      cookieSecure: false,
    });
    expect(config.jwt.isGenerated).toBe(true);
  });

  it('refuses to start in production without a JWT_SECRET', () => {
    expect(() => parseConfig({ NODE_ENV: 'production' })).toThrow(
      /JWT_SECRET: required in production/,
    );
  });

  it('refuses a JWT_SECRET shorter than 32 bytes', () => {
    expect(() => parseConfig({ JWT_SECRET: 'short' })).toThrow(
      /JWT_SECRET: must be at least 32 bytes/,
    );
  });

  it('never seeds demo data in production and uses secure cookies there', () => {
    const config = parseConfig({
      NODE_ENV: 'production',
      JWT_SECRET: secret,
      SEED_DEMO_DATA: 'true',
    });
    expect(config.seedDemoData).toBe(false);
    expect(config.cookieSecure).toBe(true);
  });

  it('names every invalid variable', () => {
    try {
      parseConfig({
        PORT: 'eighty',
        CORS_ORIGINS: '*',
        DATABASE_URL: 'mysql://x',
        ALLOW_REGISTRATION: 'maybe',
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as ConfigError).message;
      for (const name of ['PORT', 'CORS_ORIGINS', 'DATABASE_URL', 'ALLOW_REGISTRATION'])
        expect(message).toContain(name);
    }
  });

  it('parses a comma-separated origin list and sqlite paths', () => {
    const config = parseConfig({
      CORS_ORIGINS: 'https://a.example, http://localhost:8080',
      DATABASE_URL: 'sqlite:/var/lib/shelf.db',
    });
    expect(config.corsOrigins).toEqual(['https://a.example', 'http://localhost:8080']);
    expect(config.database).toEqual({ kind: 'sqlite', path: '/var/lib/shelf.db' });
    expect(parseConfig({ DATABASE_URL: 'postgres://shelf@db:5432/shelf' }).database).toEqual({
      kind: 'postgres',
      url: 'postgres://shelf@db:5432/shelf',
    });
  });

  it('logs pretty lines on a terminal outside production, JSON otherwise, unless LOG_FORMAT says', () => {
    const terminal = { isTerminal: true };
    expect(parseConfig({}).logFormat).toBe('json');
    expect(parseConfig({}, terminal).logFormat).toBe('pretty');
    expect(parseConfig({ NODE_ENV: 'production', JWT_SECRET: secret }, terminal).logFormat).toBe(
      'json',
    );
    expect(parseConfig({ LOG_FORMAT: 'json' }, terminal).logFormat).toBe('json');
    expect(parseConfig({ LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
    expect(() => parseConfig({ LOG_FORMAT: 'text' })).toThrow(/LOG_FORMAT/);
  });

  it('requires ADMIN_USERNAME and ADMIN_PASSWORD together', () => {
    expect(() => parseConfig({ ADMIN_USERNAME: 'root' })).toThrow(/set both or neither/);
    expect(
      parseConfig({ ADMIN_USERNAME: 'root', ADMIN_PASSWORD: 'long enough' }).initialAdmin,
    ).toEqual({
      username: 'root',
      password: 'long enough',
    });
  });
});

describe('parseConfig: account emails', () => {
  it('defaults: no SMTP, the documented From, links to the first CORS origin', () => {
    expect(parseConfig({}).mail).toEqual({
      from: 'Shelf <no-reply@localhost>',
      appUrl: 'http://localhost:5173',
    });
    expect(
      parseConfig({ CORS_ORIGINS: 'https://shelf.example.com,https://other.example.com' }).mail
        .appUrl,
    ).toBe('https://shelf.example.com');
  });

  it('reads SMTP_URL, MAIL_FROM and APP_URL (without a trailing slash)', () => {
    expect(
      parseConfig({
        SMTP_URL: 'smtps://mailer:secret@smtp.example.com:465',
        MAIL_FROM: 'Shelf <shelf@example.com>',
        APP_URL: 'https://shelf.example.com/',
      }).mail,
    ).toEqual({
      smtpUrl: 'smtps://mailer:secret@smtp.example.com:465',
      from: 'Shelf <shelf@example.com>',
      appUrl: 'https://shelf.example.com',
    });
  });

  it('refuses an SMTP_URL that is no smtp URL and an APP_URL that is no http URL, naming them', () => {
    const problemsOf = (env: Record<string, string>) => {
      try {
        parseConfig(env);
        return [];
      } catch (error) {
        return error instanceof ConfigError ? error.problems : [];
      }
    };
    expect(problemsOf({ SMTP_URL: 'mail.example.com' })).toEqual([
      expect.stringMatching(/^SMTP_URL: must be smtp:\/\//) as unknown,
    ]);
    expect(problemsOf({ APP_URL: 'javascript:alert(1)' })).toEqual([
      expect.stringMatching(/^APP_URL: must be the web app’s http\(s\) URL/) as unknown,
    ]);
    expect(problemsOf({ MAIL_FROM: 'Shelf <a@b.c>\nBcc: x@y.z' })).toEqual([
      expect.stringMatching(/^MAIL_FROM: must be one line/) as unknown,
    ]);
  });

  it('starts in production without SMTP_URL (the email endpoints answer 503 instead)', () => {
    const config = parseConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) });
    expect(config.mail.smtpUrl).toBeUndefined();
  });
});
