import type { Request } from 'express';
import { contractRouteOf } from '../../http/contract-route.js';

/** The label of requests no route answered (404, 405), so raw URLs never become label values. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * The route a request is counted under: its contract path (`/api/books/:id`), else the path of the
 * Express route that answered it (`/metrics`, `/openapi.json`), else `unmatched`.
 */
export const routeLabelOf = (req: Request): string => {
  const contractRoute = contractRouteOf(req);
  if (contractRoute !== undefined) return contractRoute.path;
  const expressRoute: unknown = req.route;
  if (typeof expressRoute === 'object' && expressRoute !== null && 'path' in expressRoute) {
    return typeof expressRoute.path === 'string'
      ? req.baseUrl + expressRoute.path
      : UNMATCHED_ROUTE;
  }
  return UNMATCHED_ROUTE;
};
