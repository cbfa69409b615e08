import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backgroundCheckpoints, type BackgroundCheckpoints } from './background-checkpoints.js';

let folder: string;
let path: string;
let writer: SQLite.Database;
let checkpoints: BackgroundCheckpoints | undefined;

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'shelf-checkpoints-'));
  path = join(folder, 'db.sqlite');
  writer = new SQLite(path);
  writer.pragma('journal_mode = WAL');
  // The writer never checkpoints by itself: whatever reaches the database file, the thread moved.
  writer.pragma('wal_autocheckpoint = 0');
  writer.exec('create table pages (body text not null)');
});
afterEach(async () => {
  await checkpoints?.close();
  checkpoints = undefined;
  writer.close();
  rmSync(folder, { recursive: true, force: true });
});

const writePages = (count: number) => {
  const insert = writer.prepare('insert into pages (body) values (?)');
  for (let n = 0; n < count; n++) insert.run('x'.repeat(3000));
};

describe('backgroundCheckpoints', () => {
  it('copies committed pages from the WAL into the database file, from its own thread', async () => {
    writePages(200);
    const before = statSync(path).size;
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(200 * 3000);

    checkpoints = backgroundCheckpoints(path);
    await vi.waitFor(() => expect(statSync(path).size).toBeGreaterThan(before + 200 * 3000), {
      timeout: 5000,
      interval: 50,
    });
    expect(writer.prepare('select count(*) as n from pages').get()).toEqual({ n: 200 });
  });
});
