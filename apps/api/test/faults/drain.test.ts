import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { waitUntil } from '../run-main.js';
import { signUp, startApiProcess, stopApiProcess, type ApiProcess } from './api-process.js';
import { startKeepAliveLoad, type RequestOutcome } from './keep-alive-load.js';
import {
  createPostgresDatabase,
  createSqliteDatabase,
  POSTGRES_URL,
  warnIfPostgresSkipped,
  type FaultDatabase,
} from './test-databases.js';
import { postgresOnly } from '../postgres-only.js';

warnIfPostgresSkipped('faults/drain.test.ts');

const GET_CLIENTS = 3;
const POST_CLIENTS = 2;
/** Requests answered before SIGTERM, so the load is in full swing when it arrives. */
const WARM_UP_REQUESTS = 150;

let api: ApiProcess | undefined;
let database: FaultDatabase | undefined;

afterEach(async () => {
  await stopApiProcess(api);
  await database?.drop();
  api = undefined;
  database = undefined;
});

const describeOutcome = (outcome: RequestOutcome, stoppedAt: number) =>
  `${outcome.method} sent ${outcome.sentAt === undefined ? 'never' : `${outcome.sentAt - stoppedAt} ms`} ` +
  `from the server's "shutting down": ${outcome.status ?? outcome.error ?? '?'}`;

/** When the server logged "shutting down" (its clock), just before it stopped listening. */
const shuttingDownAt = (output: string): number => {
  const line = output.split('\n').find((l) => l.includes('"msg":"shutting down"'));
  if (line === undefined) throw new Error(`no "shutting down" line in:\n${output}`);
  return (JSON.parse(line) as { time: number }).time;
};

/**
 * SIGTERM while keep-alive clients list and create books without pause. A request is accepted when
 * the whole of it was written before the server logged "shutting down" (it stops listening right
 * after, in the same tick; both clocks are this machine's): each must be answered. Later requests
 * may also find the port closed (refused) or, having been written to a connection the server was
 * closing, be reset; no request is answered with an error, and the process exits 0.
 */
const drainUnderLoad = async (own: FaultDatabase) => {
  database = own;
  api = await startApiProcess(own.url);
  const authorization = await signUp(api.url, `drain_${randomBytes(4).toString('hex')}`);
  const load = startKeepAliveLoad({
    baseUrl: api.url,
    authorization,
    getClients: GET_CLIENTS,
    postClients: POST_CLIENTS,
    maxDurationMs: 20_000,
  });
  await waitUntil(
    () => (load.outcomes.length >= WARM_UP_REQUESTS ? true : undefined),
    () => `warming up: ${load.outcomes.length} requests answered`,
  );
  api.child.kill('SIGTERM');
  const { clientsRefused } = await load.done;
  const exitCode = await api.exited;

  const stoppedAt = shuttingDownAt(api.output());
  const { outcomes } = load;
  const isAccepted = (o: RequestOutcome) => o.sentAt !== undefined && o.sentAt < stoppedAt;
  const accepted = outcomes.filter(isAccepted);
  const later = outcomes.filter((o) => !isAccepted(o));
  const count = (list: RequestOutcome[], test: (o: RequestOutcome) => boolean) =>
    list.filter(test).length;
  const isReset = (o: RequestOutcome) => o.error !== undefined && o.error !== 'ECONNREFUSED';
  process.stdout.write(
    `faults/drain (${own.kind}): ${outcomes.length} requests; ${accepted.length} accepted ` +
      `(${count(accepted, (o) => o.finishedAt > stoppedAt)} answered after "shutting down"); ` +
      `after it ${count(later, (o) => o.status !== undefined)} answered, ` +
      `${count(later, (o) => o.error === 'ECONNREFUSED')} refused, ${count(later, isReset)} reset ` +
      `[${later
        .filter(isReset)
        .map((o) => describeOutcome(o, stoppedAt))
        .join('; ')}]\n`,
  );

  expect(
    accepted.filter((o) => o.status === undefined).map((o) => describeOutcome(o, stoppedAt)),
  ).toEqual([]);
  expect(
    outcomes
      .filter((o) => o.status !== undefined && o.status !== (o.method === 'POST' ? 201 : 200))
      .map((o) => describeOutcome(o, stoppedAt)),
  ).toEqual([]);
  expect(count(accepted, (o) => o.finishedAt > stoppedAt)).toBeGreaterThan(0);
  expect(clientsRefused).toBe(GET_CLIENTS + POST_CLIENTS);
  expect(exitCode).toBe(0);
  expect(api.output()).toContain('"msg":"stopped"');
};

describe('SIGTERM under sustained keep-alive load', () => {
  it(
    'answers every accepted request, then refuses connections and exits 0 (SQLite)',
    () => drainUnderLoad(createSqliteDatabase()),
    40_000,
  );

  it.skipIf(POSTGRES_URL === '')(
    postgresOnly(
      'answers every accepted request, then refuses connections and exits 0 (PostgreSQL)',
    ),
    async () => drainUnderLoad(await createPostgresDatabase()),
    40_000,
  );
});
