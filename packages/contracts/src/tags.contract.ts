import { initContract } from '@ts-rest/core';
import { z } from 'zod';
import { MAX_TAG_LENGTH } from './books.contract.js';
import { LimitSchema } from './common/pagination.js';
import { problem, protectedRouteProblems } from './common/problem.js';
import { singleLine } from './common/single-line.js';
import { normalizeTag } from './common/tags.js';

const c = initContract();

/**
 * The query of GET /api/tags. `q` is normalised like a tag (so `SCI` finds `sci-fi`); `%` and `_`
 * in it are literal.
 *
 * @example
 * ListTagsQuerySchema.parse({ q: ' Sci', limit: '5' }); // { q: 'sci', limit: 5 }
 */
export const ListTagsQuerySchema = z.object({
  q: singleLine(
    z.string().trim().max(MAX_TAG_LENGTH, 'Tag prefix must be 32 characters or fewer'),
    'Tag prefix must be on one line, without control characters',
  )
    .transform(normalizeTag)
    .optional()
    .describe('Only tags starting with this prefix (normalised like tags; % and _ are literal)'),
  limit: LimitSchema.describe('How many tags, 1-100'),
});

/** A tag and how many books carry it. */
export const TagCountSchema = z.object({
  name: singleLine(z.string().min(1).max(MAX_TAG_LENGTH)).describe('The tag, normalised'),
  count: z.number().int().min(1).max(2_147_483_647).describe('Books carrying the tag'),
});

/** What GET /api/tags returns: the most used tags first, then by name. */
export const TagListSchema = z.object({
  items: z
    .array(TagCountSchema)
    .max(100)
    .describe('At most `limit` tags, by count (descending) then name'),
});

/** Tags: what books are tagged with, for suggestions. Every route needs credentials. */
export const tagsContract = c.router(
  {
    list: {
      method: 'GET',
      path: '/api/tags',
      query: ListTagsQuerySchema,
      responses: {
        200: TagListSchema.describe('The tags in use, most used first'),
        400: problem('Invalid query parameter; errors lists each field'),
        ...protectedRouteProblems,
      },
      summary: 'List tags',
      description:
        'The tags books carry, with how many books carry each, ordered by that count (descending) then by name: for suggestions while typing a tag. `q` keeps the tags that start with it. A tag no book carries any more is not listed. The counts change with every write, in the same transaction.',
    },
  },
  { strictStatusCodes: true },
);

/** DTO types, inferred from the schemas above (never redeclared). */
export type ListTagsQuery = z.output<typeof ListTagsQuerySchema>;
export type TagCount = z.infer<typeof TagCountSchema>;
export type TagList = z.infer<typeof TagListSchema>;
