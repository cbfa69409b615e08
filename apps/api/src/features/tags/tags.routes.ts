import { initServer } from '@ts-rest/express';
import { tagsContract } from '@shelf/contracts';
import * as tags from './tags.service.js';
import type { TagsDeps } from './tags.service.js';

const s = initServer();

/** HTTP adapter of the tags feature. */
export const createTagsRouter = (deps: TagsDeps) =>
  s.router(tagsContract, {
    list: async ({ query }) => ({ status: 200, body: await tags.listTags(deps, query) }),
  });
