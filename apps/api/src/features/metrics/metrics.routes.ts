import { Router } from 'express';
import { AppError } from '../../errors/app-error.js';
import { bearerTokenMatcher } from './bearer-token.js';

export interface MetricsRouteDeps {
  /** The Prometheus text to answer with (this process's registry, or the cluster's aggregate). */
  collect: () => Promise<string>;
  contentType: string;
  /** When set, only `Authorization: Bearer <token>` is answered. */
  token?: string | undefined;
}

const missingToken = () => new AppError('unauthenticated', 'Unauthorized', 401);
const wrongToken = () =>
  new AppError('invalid-token', 'Invalid metrics token', 401, {
    headers: { 'WWW-Authenticate': 'Bearer realm="shelf", error="invalid_token"' },
  });

/** GET /metrics in Prometheus text format; mounted only when METRICS_ENABLED=true. */
export const createMetricsRouter = ({ collect, contentType, token }: MetricsRouteDeps): Router => {
  const isToken = token === undefined ? undefined : bearerTokenMatcher(token);
  const router = Router();
  router.get('/metrics', (req, res, next) => {
    if (isToken !== undefined) {
      const authorization = req.headers.authorization;
      if (authorization === undefined || authorization.trim() === '') {
        next(missingToken());
        return;
      }
      if (!isToken(authorization)) {
        next(wrongToken());
        return;
      }
    }
    collect().then((text) => {
      res.setHeader('Content-Type', contentType);
      res.setHeader('Cache-Control', 'no-store');
      // end(), not send(): send() would reorder the parameters of prom-client's content type.
      res.end(text);
    }, next);
  });
  return router;
};
