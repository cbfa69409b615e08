import type { Kysely } from 'kysely';

export const up = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema
    .createTable('books')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('author', 'text', (col) => col.notNull())
    .addColumn('isbn', 'text', (col) => col.unique())
    .addColumn('published_year', 'integer')
    .addColumn('owner_id', 'text', (col) => col.notNull().references('users.id'))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('books_created_at_id_idx')
    .on('books')
    .columns(['created_at', 'id'])
    .execute();
  await db.schema.createIndex('books_owner_id_idx').on('books').column('owner_id').execute();

  await db.schema
    .createTable('book_tags')
    .addColumn('book_id', 'text', (col) => col.notNull().references('books.id').onDelete('cascade'))
    .addColumn('tag', 'text', (col) => col.notNull())
    .addColumn('position', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('book_tags_pk', ['book_id', 'tag'])
    .execute();
  await db.schema.createIndex('book_tags_tag_idx').on('book_tags').column('tag').execute();
};

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema.dropTable('book_tags').execute();
  await db.schema.dropTable('books').execute();
};
