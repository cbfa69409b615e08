import type { ListTagsQuery, TagList } from '@shelf/contracts';
import type { Db } from '../../db/database.js';
import type { ReadRunner } from '../../db/read-runner.js';
import { listTagCounts } from './tags.repository.js';

export interface TagsDeps {
  db: Db;
  /** Where indexed reads run. */
  reads: ReadRunner;
}

/** The tags in use with their book counts, most used first; `q` keeps those starting with it. */
export const listTags = async (deps: TagsDeps, query: ListTagsQuery): Promise<TagList> => ({
  items: await listTagCounts(deps.db, deps.reads, { prefix: query.q, limit: query.limit }),
});
