import { initServer } from '@ts-rest/express';
import { healthContract } from '@shelf/contracts';
import type { Db } from '../../db/database.js';
import { AppError } from '../../errors/app-error.js';
import { pingDatabase } from './health.repository.js';

const s = initServer();

/** Liveness answers from memory; readiness asks the database. */
export const createHealthRouter = (deps: { db: Db }) =>
  s.router(healthContract, {
    live: () => Promise.resolve({ status: 200 as const, body: { status: 'ok' as const } }),
    ready: async ({ req }) => {
      try {
        await pingDatabase(deps.db);
      } catch (error) {
        req.log.warn({ err: error }, 'readiness check failed');
        throw new AppError('database-unavailable', 'The database does not answer', 503);
      }
      return { status: 200, body: { status: 'ok' } };
    },
  });
