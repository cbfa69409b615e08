import { initContract } from '@ts-rest/core';
import { authContract } from './auth.contract.js';
import { booksContract } from './books.contract.js';
import { healthContract } from './health.contract.js';
import { tagsContract } from './tags.contract.js';
import { usersContract } from './users.contract.js';

const c = initContract();

/**
 * The whole Shelf API. Servers implement it with `@ts-rest/express`; clients call it with
 * `@ts-rest/core`'s `initClient` or `@shelf/client`.
 *
 * @example
 * import { initClient } from '@ts-rest/core';
 * const client = initClient(contract, { baseUrl: 'http://localhost:3000' });
 * const { status, body } = await client.health.live();
 */
export const contract = c.router({
  auth: authContract,
  books: booksContract,
  tags: tagsContract,
  users: usersContract,
  health: healthContract,
});

/** The contract's type, for typing servers, clients and middleware against it. */
export type Contract = typeof contract;
