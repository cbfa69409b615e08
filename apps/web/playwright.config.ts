import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig, devices } from '@playwright/test';

/**
 * Browser journeys against the built web app and the built API, on two origins (different ports),
 * so CORS and the refresh cookie are exercised as in production. Access tokens live 3 s here, so
 * every journey also crosses silent refreshes.
 */
const API_PORT = 3100;
const WEB_PORT = 5180;
export const API_URL = `http://127.0.0.1:${API_PORT}`;
const WEB_URL = `http://127.0.0.1:${WEB_PORT}`;
/** maildev catches the API's emails (password reset, email change); specs read them over HTTP. */
const MAIL_SMTP_PORT = 1125;
const MAIL_WEB_PORT = 1180;
export const MAIL_URL = `http://127.0.0.1:${MAIL_WEB_PORT}`;

const systemChromium = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium';
const executablePath = existsSync(systemChromium) ? systemChromium : undefined;

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  reporter: [['list']],
  use: {
    baseURL: WEB_URL,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      ...(executablePath === undefined ? {} : { executablePath }),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
      ],
    },
  },
  projects: [
    {
      name: 'desktop',
      use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 800 } },
    },
    {
      name: 'phone',
      // Swagger UI is the API's page, not the app's: one viewport is enough for it.
      testIgnore: 'api-docs.spec.ts',
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
      },
    },
  ],
  webServer: [
    {
      command: `../../node_modules/.bin/maildev --smtp ${MAIL_SMTP_PORT} --web ${MAIL_WEB_PORT} --ip 127.0.0.1 --silent`,
      url: `${MAIL_URL}/healthz`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: 'node ../api/dist/main.js',
      url: `${API_URL}/health/ready`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: {
        NODE_ENV: 'test',
        HOST: '127.0.0.1',
        PORT: String(API_PORT),
        DATABASE_URL: `sqlite:${join(tmpdir(), `shelf-e2e-${process.pid}-${Date.now()}.db`)}`,
        JWT_SECRET: 'e2e-secret-that-is-at-least-32-bytes-long',
        ACCESS_TOKEN_TTL: '3',
        CORS_ORIGINS: WEB_URL,
        LOGIN_RATE_LIMIT: '1000',
        API_RATE_LIMIT: '0',
        LOG_LEVEL: 'warn',
        SMTP_URL: `smtp://127.0.0.1:${MAIL_SMTP_PORT}`,
        APP_URL: WEB_URL,
      },
    },
    {
      command: `vite build --outDir dist-e2e --emptyOutDir --logLevel warn && vite preview --outDir dist-e2e --host 127.0.0.1 --port ${WEB_PORT} --strictPort`,
      url: WEB_URL,
      reuseExistingServer: false,
      timeout: 120_000,
      env: { VITE_API_URL: API_URL },
    },
  ],
});
