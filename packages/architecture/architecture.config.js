import { readdirSync } from 'node:fs';
import path from 'node:path';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';

/**
 * Shelf's import directions, so a wrong-way import fails `pnpm lint` instead of review: contracts
 * import nothing of ours, the client only the contracts, the web app reaches the API only through
 * the client and keeps its features apart, the API runs routes → services → repositories one way,
 * and migrations stay frozen. `no-restricted-paths` zones judge resolved files (relative imports);
 * `no-restricted-imports` judges package names; `no-cycle` forbids import loops everywhere.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const TS = '**/*.{ts,tsx}';

/** Every folder of the web app's features/: each may import none of the others. */
const webFeatures = () =>
  readdirSync(path.join(ROOT, 'apps/web/src/features'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);

const zones = (...list) => ['error', { basePath: ROOT, zones: list }];

/** `no-restricted-imports` patterns: each group names packages and says why they are refused. */
const packages = (...patterns) => ['error', { patterns }];

const OUR_PACKAGES = {
  group: ['@shelf/*'],
  message: 'Contracts import nothing of ours: they are the root every other package depends on.',
};
const EXPRESS = {
  group: ['express', 'express-serve-static-core', '@ts-rest/express', 'cookie-parser', 'cors'],
  message: 'Only the HTTP layer (http/, *.routes.ts) knows Express; pass plain values in.',
};
const SQL = {
  group: ['kysely', 'pg', 'better-sqlite3'],
  message: 'Routes run no SQL: ask a service, which asks a repository.',
};

const API = 'apps/api/src';
const SERVICE = `${API}/**/*.service.ts`;
const REPOSITORY = `${API}/**/*.repository.ts`;
const ROUTES = `${API}/**/*.routes.ts`;
const MIGRATIONS = `${API}/db/migrations`;

/** @type {import('eslint').Linter.Config[]} */
export default [
  {
    files: [TS],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': importX.flatConfigs.typescript.settings['import-x/extensions'],
      'import-x/parsers': importX.flatConfigs.typescript.settings['import-x/parsers'],
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: [`${ROOT}/apps/*/tsconfig.json`, `${ROOT}/packages/*/tsconfig.json`],
          noWarnOnMultipleProjects: true,
        }),
      ],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    files: ['packages/contracts/src/**'],
    rules: {
      'no-restricted-imports': packages(OUR_PACKAGES),
      'import-x/no-restricted-paths': zones({
        target: 'packages/contracts/src',
        from: ['apps', 'packages/client', 'packages/contract-tests', 'packages/openapi-consumer'],
        message: 'Contracts import nothing of ours.',
      }),
    },
  },
  {
    files: ['packages/client/src/**'],
    rules: {
      'no-restricted-imports': packages({
        group: ['@shelf/*', '!@shelf/contracts', '!@shelf/contracts/*'],
        message: 'The client imports only the contracts.',
      }),
      'import-x/no-restricted-paths': zones({
        target: 'packages/client/src',
        from: ['apps', 'packages/contract-tests', 'packages/openapi-consumer'],
        message: 'The client imports only the contracts.',
      }),
    },
  },
  {
    files: ['apps/web/src/**'],
    rules: {
      'no-restricted-imports': packages({
        group: ['@shelf/api', '@shelf/api/*', '@shelf/contracts', '@shelf/contracts/*'],
        message: 'The web app reaches the API only through @shelf/client.',
      }),
      'import-x/no-restricted-paths': zones(
        {
          target: 'apps/web/src',
          from: ['apps/api', 'packages/contracts'],
          message: 'The web app reaches the API only through @shelf/client.',
        },
        ...webFeatures().map((feature) => ({
          target: `apps/web/src/features/${feature}`,
          from: 'apps/web/src/features',
          except: [`./${feature}`],
          message:
            'Features do not import each other; move what they share to components/ or lib/.',
        })),
        {
          target: ['apps/web/src/features', 'apps/web/src/components', 'apps/web/src/lib'],
          from: 'apps/web/src/app',
          message: 'Only app/ composes the features; nothing imports app/.',
        },
        {
          target: ['apps/web/src/components', 'apps/web/src/lib'],
          from: 'apps/web/src/features',
          message: 'Shared pieces in components/ and lib/ import no feature.',
        },
      ),
    },
  },
  {
    files: [ROUTES],
    rules: { 'no-restricted-imports': packages(SQL) },
  },
  {
    files: [SERVICE],
    rules: {
      'no-restricted-imports': packages(EXPRESS),
      'import-x/no-restricted-paths': zones(
        {
          target: SERVICE,
          from: [ROUTES],
          message: 'Services never import routes: routes → services → repositories.',
        },
        {
          target: SERVICE,
          from: [`${API}/http/**`],
          message: 'Services know no HTTP; they throw their own errors for the routes to map.',
        },
      ),
    },
  },
  {
    files: [REPOSITORY],
    rules: {
      'no-restricted-imports': packages(EXPRESS),
      'import-x/no-restricted-paths': zones(
        {
          target: REPOSITORY,
          from: [ROUTES, SERVICE],
          message: 'Repositories import no routes or services: routes → services → repositories.',
        },
        {
          target: REPOSITORY,
          from: [`${API}/http/**`, `${API}/errors/**`],
          message:
            'Repositories know no HTTP and no AppError; they return outcomes or throw domain errors.',
        },
      ),
    },
  },
  {
    files: [`${MIGRATIONS}/**`],
    rules: {
      'no-restricted-imports': packages({
        group: ['@shelf/*'],
        message: 'Migrations are frozen in time: they import no application code.',
      }),
      'import-x/no-restricted-paths': zones({
        target: MIGRATIONS,
        from: API,
        except: ['./db/migrations'],
        message: 'Migrations are frozen in time: they import no application code.',
      }),
    },
  },
];
