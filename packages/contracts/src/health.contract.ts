import { initContract } from '@ts-rest/core';
import { z } from 'zod';
import { problem, publicRouteProblems } from './common/problem.js';
import type { RouteMetadata } from './common/route-metadata.js';

const c = initContract();
const publicRoute: RouteMetadata = { isPublic: true };

/** The body of both probes when healthy. */
export const HealthSchema = z.object({ status: z.literal('ok') });

/** Liveness and readiness probes for load balancers and orchestrators. */
export const healthContract = c.router(
  {
    live: {
      method: 'GET',
      path: '/health',
      responses: { 200: HealthSchema.describe('The process is up'), ...publicRouteProblems },
      metadata: publicRoute,
      summary: 'Liveness',
      description: 'Answers while the process runs; does not touch the database.',
    },
    ready: {
      method: 'GET',
      path: '/health/ready',
      responses: {
        200: HealthSchema.describe('The database answers'),
        503: problem('The database does not answer'),
        ...publicRouteProblems,
      },
      metadata: publicRoute,
      summary: 'Readiness',
      description: 'Answers 200 only when the database answers a query.',
    },
  },
  { strictStatusCodes: true },
);

export type Health = z.infer<typeof HealthSchema>;
