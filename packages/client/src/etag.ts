/**
 * The `ETag` of a result (a book's version), to send back as `if-match` on a conditional write or
 * `if-none-match` on a read; undefined when the response had none.
 *
 * @example
 * const result = await client.books.get({ params: { id } });
 * await client.books.update({ params: { id }, body: { title }, headers: { 'if-match': etagOf(result) ?? '*' } });
 */
export const etagOf = (result: { headers: Headers }): string | undefined =>
  result.headers.get('etag') ?? undefined;
