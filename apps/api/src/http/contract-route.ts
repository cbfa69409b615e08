import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { AppRoute, FlattenAppRouter } from '@ts-rest/core';
import type { TsRestRequestHandler } from '@ts-rest/express';
import { contract, type Contract } from '@shelf/contracts';

/** A middleware ts-rest runs for every contract route, after it has named the route. */
export type ContractMiddleware = TsRestRequestHandler<FlattenAppRouter<Contract>>;

/** The contract route ts-rest matched; middlewares read its metadata. */
export const contractRouteOf = (req: Request): AppRoute | undefined => {
  const route: unknown = (req as Request & { tsRestRoute?: unknown }).tsRestRoute;
  return typeof route === 'object' && route !== null && 'path' in route
    ? (route as AppRoute)
    : undefined;
};

/**
 * Runs a plain Express middleware as a contract middleware. ts-rest narrows the request's generic
 * parameters per route, which plain handlers (and body parsers) do not need; the request object is
 * the same one Express created.
 */
export const asContractMiddleware =
  (handler: RequestHandler): ContractMiddleware =>
  (req, res: Response, next: NextFunction) =>
    handler(req as unknown as Request, res, next);

/** Every route of the contract with the group (auth, books, health) it is declared in. */
export const CONTRACT_ROUTES: readonly { group: string; route: AppRoute }[] = Object.entries(
  contract,
).flatMap(([group, routes]) =>
  Object.values(routes as Record<string, AppRoute>).map((route) => ({ group, route })),
);
