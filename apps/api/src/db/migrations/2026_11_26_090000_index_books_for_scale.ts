import { sql, SqliteAdapter, type Kysely, type Transaction } from 'kysely';

/**
 * Books at scale: sort and search keys stored beside each book, an index for every keyset order the
 * contract allows (alone and per tag), a trigram text index for `q` and `author`, and the tags as
 * JSON on the book so a page is one query. `book_tags` becomes the per-tag index: it carries copies
 * of its book's sort keys so a tag filter with any sort walks one index.
 *
 * Frozen in time: the key function below is a copy, not an import.
 */

const MISSING_YEAR_SORT_KEY = -1_000_000;
const searchKey = (text: string): string => text.normalize('NFKC').toLowerCase();
/** Rows per statement: 3 parameters each, well under SQLite's 32,766. */
const BATCH = 2000;

interface TextRow {
  id: string;
  title: string;
  author: string;
}

/**
 * SQL's `lower()` has filled the keys; it agrees with `searchKey` on printable ASCII, so only rows
 * with other characters are recomputed here, a batch per statement (VALUES columns are named
 * column1… on both engines).
 */
const recomputeNonAsciiKeys = async (
  db: Kysely<unknown> | Transaction<unknown>,
  nonAscii: (column: string) => ReturnType<typeof sql.raw>,
) => {
  let afterId = '';
  for (;;) {
    const { rows } = await sql<TextRow>`
      select id, title, author from books
      where (${nonAscii('title')} or ${nonAscii('author')}) and id > ${afterId}
      order by id limit ${BATCH}`.execute(db);
    if (rows.length > 0) {
      const values = rows.map(
        (row) => sql`(${row.id}, ${searchKey(row.title)}, ${searchKey(row.author)})`,
      );
      await sql`update books set title_key = v.column2, author_key = v.column3
        from (values ${sql.join(values)}) as v where books.id = v.column1`.execute(db);
    }
    const last = rows.at(-1);
    if (last === undefined || rows.length < BATCH) return;
    afterId = last.id;
  }
};

const upSqlite = async (db: Kysely<unknown>): Promise<void> => {
  // Rebuilding a table that others reference needs foreign keys off (outside any transaction).
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await db.transaction().execute(async (trx) => {
      await sql`create table books_next (
        seq integer primary key,
        id text not null unique,
        title text not null,
        author text not null,
        isbn text unique,
        published_year integer,
        owner_id text not null references users(id),
        created_at text not null,
        updated_at text not null,
        tags text not null default '[]',
        title_key text not null,
        author_key text not null
      )`.execute(trx);
      await sql`insert into books_next
          (id, title, author, isbn, published_year, owner_id, created_at, updated_at, tags, title_key, author_key)
        select b.id, b.title, b.author, b.isbn, b.published_year, b.owner_id, b.created_at, b.updated_at,
          (select json_group_array(tag) from
            (select t.tag from book_tags t where t.book_id = b.id order by t.position)),
          lower(b.title), lower(b.author)
        from books b order by b.created_at, b.id`.execute(trx);

      await sql`drop table books`.execute(trx);
      await sql`alter table books_next rename to books`.execute(trx);
      await recomputeNonAsciiKeys(trx, (column) => sql.raw(`${column} glob '*[^ -~]*'`));

      await sql`create table book_tags_next (
        book_id text not null references books(id) on delete cascade,
        tag text not null,
        created_at text not null,
        title_key text not null,
        year_key integer not null,
        primary key (book_id, tag)
      ) without rowid`.execute(trx);
      await sql`insert into book_tags_next (book_id, tag, created_at, title_key, year_key)
        select t.book_id, t.tag, b.created_at, b.title_key,
          coalesce(b.published_year, ${sql.lit(MISSING_YEAR_SORT_KEY)})
        from book_tags t join books b on b.id = t.book_id`.execute(trx);
      await sql`drop table book_tags`.execute(trx);
      await sql`alter table book_tags_next rename to book_tags`.execute(trx);

      await createBookIndexes(trx);
      await sql`create virtual table books_search using fts5(
        title_key, author_key, content='books', content_rowid='seq', tokenize='trigram case_sensitive 1'
      )`.execute(trx);
      await sql`insert into books_search(books_search) values ('rebuild')`.execute(trx);
      await sql`create trigger books_search_insert after insert on books begin
        insert into books_search(rowid, title_key, author_key) values (new.seq, new.title_key, new.author_key);
      end`.execute(trx);
      await sql`create trigger books_search_delete after delete on books begin
        insert into books_search(books_search, rowid, title_key, author_key)
          values ('delete', old.seq, old.title_key, old.author_key);
      end`.execute(trx);
      await sql`create trigger books_search_update after update of title_key, author_key on books begin
        insert into books_search(books_search, rowid, title_key, author_key)
          values ('delete', old.seq, old.title_key, old.author_key);
        insert into books_search(rowid, title_key, author_key) values (new.seq, new.title_key, new.author_key);
      end`.execute(trx);

      const { rows } = await sql`pragma foreign_key_check`.execute(trx);
      if (rows.length > 0) throw new Error(`foreign key check failed: ${JSON.stringify(rows)}`);
    });
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
};

/** Sort indexes shared by both engines; descending sorts walk them backwards. */
const createBookIndexes = async (db: Kysely<unknown> | Transaction<unknown>): Promise<void> => {
  const statements = [
    sql`create index books_created_at_id_idx on books (created_at, id)`,
    sql`create index books_owner_id_idx on books (owner_id)`,
    sql`create index books_title_key_id_idx on books (title_key, id)`,
    sql`create index books_year_key_id_idx on books
      ((coalesce(published_year, ${sql.lit(MISSING_YEAR_SORT_KEY)})), id)`,
    sql`create index book_tags_tag_created_at_idx on book_tags (tag, created_at, book_id)`,
    sql`create index book_tags_tag_title_key_idx on book_tags (tag, title_key, book_id)`,
    sql`create index book_tags_tag_year_key_idx on book_tags (tag, year_key, book_id)`,
  ];
  for (const statement of statements) await statement.execute(db);
};

/** PostgreSQL runs every pending migration in one transaction already. */
const upPostgres = async (db: Kysely<unknown>): Promise<void> => {
  await sql`create extension if not exists pg_trgm with schema public`.execute(db);
  await sql`alter table books
    add column tags text not null default '[]',
    add column title_key text collate "C",
    add column author_key text collate "C"`.execute(db);
  await sql`update books b set
    tags = coalesce((select json_agg(t.tag order by t.position)::text from book_tags t where t.book_id = b.id), '[]'),
    title_key = lower(b.title collate "C"),
    author_key = lower(b.author collate "C")`.execute(db);
  await recomputeNonAsciiKeys(db, (column) => sql.raw(`${column} ~ '[^ -~]'`));
  await sql`alter table books
    alter column title_key set not null,
    alter column author_key set not null`.execute(db);

  await sql`drop index books_created_at_id_idx`.execute(db);
  await sql`drop index books_owner_id_idx`.execute(db);
  await sql`drop index book_tags_tag_idx`.execute(db);
  await sql`alter table book_tags
    drop column position,
    add column created_at text,
    add column title_key text collate "C",
    add column year_key integer`.execute(db);
  await sql`update book_tags t set
    created_at = b.created_at,
    title_key = b.title_key,
    year_key = coalesce(b.published_year, ${sql.lit(MISSING_YEAR_SORT_KEY)})
    from books b where b.id = t.book_id`.execute(db);
  await sql`alter table book_tags
    alter column created_at set not null,
    alter column title_key set not null,
    alter column year_key set not null`.execute(db);

  await createBookIndexes(db);
  await sql`create index books_title_key_trgm_idx on books using gin (title_key public.gin_trgm_ops)`.execute(
    db,
  );
  await sql`create index books_author_key_trgm_idx on books using gin (author_key public.gin_trgm_ops)`.execute(
    db,
  );
};

export const up = async (db: Kysely<unknown>): Promise<void> => {
  await (db.getExecutor().adapter instanceof SqliteAdapter ? upSqlite(db) : upPostgres(db));
};
