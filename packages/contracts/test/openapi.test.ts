import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OPENAPI_FILE, serializeOpenApiDocument } from '../scripts/openapi-file.js';
import { ListBooksQuerySchema, SINGLE_LINE_PATTERN } from '../src/index.js';

interface Operation {
  requestBody?: { required?: boolean };
  responses: Record<string, { content?: Record<string, unknown> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { example?: unknown }> };
}

const committed = readFileSync(OPENAPI_FILE, 'utf8');
const document = JSON.parse(committed) as Document;
const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({ id: `${method} ${path}`, operation })),
);

describe('the committed OpenAPI document', () => {
  it('is what the contract generates: run `pnpm openapi` after changing the API', () => {
    expect(committed).toBe(serializeOpenApiDocument());
  });

  it('names every DTO in components.schemas, each with an example', () => {
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining([
        'Book',
        'BookPage',
        'CreateBookBody',
        'ReplaceBookBody',
        'UpdateBookBody',
        'User',
        'TokenResponse',
        'Problem',
        'ValidationProblem',
        'OAuthError',
      ]),
    );
    for (const [name, schema] of Object.entries(document.components.schemas))
      expect(schema.example, name).toBeDefined();
  });

  it('requires the body of every operation but refresh and logout, whose body is optional', () => {
    const optional = operations
      .filter(({ operation }) => operation.requestBody?.required === false)
      .map(({ id }) => id);
    expect(optional.sort()).toEqual(['post /auth/logout', 'post /auth/refresh']);
    const withBody = operations.filter(({ operation }) => operation.requestBody !== undefined);
    expect(withBody.length).toBe(16);
  });

  it('uses no regex syntax only some dialects read (\\p{…}, \\u{…})', () => {
    expect(committed).not.toMatch(/\\\\[pP]\{|\\\\u\{/);
  });
});

describe('the single-line pattern', () => {
  it('refuses exactly the control characters, with or without the u flag', () => {
    const withoutU = new RegExp(SINGLE_LINE_PATTERN.source);
    const withU = new RegExp(SINGLE_LINE_PATTERN.source, 'u');
    for (const code of [0x00, 0x0a, 0x1b, 0x1f, 0x7f, 0x85, 0x9f]) {
      const text = `a${String.fromCodePoint(code)}b`;
      expect(withoutU.test(text), code.toString(16)).toBe(false);
      expect(withU.test(text), code.toString(16)).toBe(false);
    }
    for (const text of ['Dickens', 'Brontë', 'Ōe Kenzaburō', 'a\u00a0b', '🙂'])
      expect(withoutU.test(text) && withU.test(text), text).toBe(true);
  });

  it('keeps search parameters free of control characters', () => {
    expect(ListBooksQuerySchema.safeParse({ q: 'Dickens' }).success).toBe(true);
    expect(ListBooksQuerySchema.safeParse({ q: 'a\u0000' }).success).toBe(false);
  });
});
