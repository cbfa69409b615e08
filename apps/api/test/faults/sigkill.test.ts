import { randomBytes } from 'node:crypto';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { waitUntil } from '../run-main.js';
import { logIn, signUp, startApiProcess, stopApiProcess, type ApiProcess } from './api-process.js';
import {
  createPostgresDatabase,
  createSqliteDatabase,
  POSTGRES_URL,
  warnIfPostgresSkipped,
  type FaultDatabase,
} from './test-databases.js';
import { createLedger, streamWrites, verifyLedger, type WriteLedger } from './write-ledger.js';
import { postgresOnly } from '../postgres-only.js';

warnIfPostgresSkipped('faults/sigkill.test.ts');

const KILLS = 3;
const WRITE_STREAMS = 3;
/** Each run is killed once it has at least this many acknowledged writes. */
const WRITES_BEFORE_KILL = 10;
/** The kill lands after a random number of further acknowledged writes, up to this many. */
const MAX_EXTRA_WRITES = 40;

let api: ApiProcess | undefined;
let database: FaultDatabase | undefined;

afterEach(async () => {
  await stopApiProcess(api);
  await database?.drop();
  api = undefined;
  database = undefined;
});

const acknowledged = (ledger: WriteLedger) =>
  ledger.createsAcknowledged + ledger.updatesAcknowledged;

const integrityCheck = (path: string): unknown => {
  const sqlite = new SQLite(path);
  try {
    return sqlite.pragma('integrity_check', { simple: true });
  } finally {
    sqlite.close();
  }
};

/**
 * Starts the API, streams writes at it and SIGKILLs it at a random moment, `KILLS` times on the same
 * database; then starts it once more and reads every acknowledged write back.
 */
const killWhileWriting = async (own: FaultDatabase) => {
  database = own;
  const ledger = createLedger();
  const username = `sigkill_${randomBytes(4).toString('hex')}`;
  const kills: string[] = [];
  for (let run = 1; run <= KILLS; run++) {
    api = await startApiProcess(own.url);
    const authorization =
      run === 1 ? await signUp(api.url, username) : await logIn(api.url, username);
    const before = acknowledged(ledger);
    let isWriting = true;
    const started = Date.now();
    const writing = streamWrites({
      ledger,
      baseUrl: api.url,
      authorization,
      streams: WRITE_STREAMS,
    }).finally(() => (isWriting = false));
    // A random moment, counted in writes rather than slept: the kill lands amid writes in flight.
    const extraWrites = Math.floor(Math.random() * MAX_EXTRA_WRITES);
    await waitUntil(
      () =>
        acknowledged(ledger) - before >= WRITES_BEFORE_KILL + extraWrites || !isWriting
          ? true
          : undefined,
      () => `run ${run}: ${acknowledged(ledger) - before} writes acknowledged`,
    );
    expect(isWriting, `writers stopped before the kill: ${ledger.unexpected.join('; ')}`).toBe(
      true,
    );
    api.child.kill('SIGKILL');
    await writing;
    await api.exited;
    expect(api.child.signalCode).toBe('SIGKILL');
    kills.push(
      `run ${run}: killed ${Date.now() - started} ms into writing (after ${WRITES_BEFORE_KILL} + ${extraWrites} writes), ` +
        `${acknowledged(ledger) - before} writes acknowledged`,
    );
    if (own.path !== undefined) expect(integrityCheck(own.path)).toBe('ok');
  }

  api = await startApiProcess(own.url);
  const { verified, problems } = await verifyLedger(
    ledger,
    api.url,
    await logIn(api.url, username),
  );
  process.stdout.write(
    `faults/sigkill (${own.kind}): ${kills.join('; ')}. ${ledger.createsAcknowledged} creates and ` +
      `${ledger.updatesAcknowledged} updates acknowledged, ${ledger.unanswered} unanswered; ` +
      `${verified} books verified\n`,
  );
  expect(ledger.unexpected).toEqual([]);
  expect(problems).toEqual([]);
  expect(verified).toBe(ledger.books.size);
  expect(ledger.updatesAcknowledged).toBeGreaterThan(0);

  api.child.kill('SIGTERM');
  expect(await api.exited).toBe(0);
  if (own.path !== undefined) expect(integrityCheck(own.path)).toBe('ok');
};

describe('SIGKILL while writing', () => {
  it(
    'keeps every acknowledged create and update through three kills on SQLite, and the file passes integrity_check',
    () => killWhileWriting(createSqliteDatabase()),
    60_000,
  );

  it.skipIf(POSTGRES_URL === '')(
    postgresOnly('keeps every acknowledged create and update through three kills on PostgreSQL'),
    async () => killWhileWriting(await createPostgresDatabase()),
    60_000,
  );
});
