/**
 * Writers that stream creates and updates at an API which may die at any moment, and a ledger of
 * what each acknowledged (2xx) write promised: what must be in the database afterwards.
 */

/** Fields a test writes; PATCH sends these two, so author stays as created. */
interface Written {
  title: string;
  tags: string[];
}

interface BookRecord {
  author: string;
  /** The stream that writes this book: one writer per book, so acknowledgements are ordered. */
  stream: number;
  acknowledged: Written;
  /** PATCHes sent after the last acknowledgement that got no answer: committed or not, unknown. */
  unanswered: Written[];
}

/** Every write of a test, across server restarts. */
export interface WriteLedger {
  books: Map<string, BookRecord>;
  createsAcknowledged: number;
  updatesAcknowledged: number;
  /** Writes in flight when the server died (their outcome is unknown, so nothing is asserted). */
  unanswered: number;
  /** Answers other than the expected 201/200 while the server ran: each is a failure. */
  unexpected: string[];
}

export const createLedger = (): WriteLedger => ({
  books: new Map(),
  createsAcknowledged: 0,
  updatesAcknowledged: 0,
  unanswered: 0,
  unexpected: [],
});

/** Upper bound of writes per stream and run, so a writer never loops unbounded. */
const MAX_WRITES_PER_STREAM = 2000;

let sequence = 0;

const send = (url: string, authorization: string, method: string, body: unknown) =>
  fetch(url, {
    method,
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });

/** One sequential writer: true while the server keeps answering. */
const writeOnce = async (
  ledger: WriteLedger,
  baseUrl: string,
  authorization: string,
  stream: number,
): Promise<boolean> => {
  const own = [...ledger.books.entries()].filter(([, book]) => book.stream === stream);
  const n = ++sequence;
  const written: Written = { title: `Fault book ${n}`, tags: [`w${n}`, `s${stream}`] };
  const target = own.length < 3 || Math.random() < 0.4 ? undefined : own[n % own.length];
  const request =
    target === undefined
      ? send(`${baseUrl}/api/books`, authorization, 'POST', { ...written, author: `Writer ${n}` })
      : send(`${baseUrl}/api/books/${target[0]}`, authorization, 'PATCH', written);
  let response: Response;
  try {
    response = await request;
  } catch {
    // The server died with this write in flight.
    ledger.unanswered += 1;
    target?.[1].unanswered.push(written);
    return false;
  }
  const text = await response.text().catch(() => '');
  if (target === undefined && response.status === 201) {
    const id = response.headers.get('location')?.split('/').pop() ?? '';
    ledger.books.set(id, {
      author: `Writer ${n}`,
      stream,
      acknowledged: written,
      unanswered: [],
    });
    ledger.createsAcknowledged += 1;
    return true;
  }
  if (target !== undefined && response.status === 200) {
    target[1].acknowledged = written;
    target[1].unanswered = [];
    ledger.updatesAcknowledged += 1;
    return true;
  }
  ledger.unexpected.push(`${target === undefined ? 'POST' : 'PATCH'} ${response.status} ${text}`);
  return false;
};

/**
 * Runs `streams` writers side by side, each writing one request after another until the server
 * stops answering (or `MAX_WRITES_PER_STREAM`). Each stream updates only books it created.
 */
export const streamWrites = async ({
  ledger,
  baseUrl,
  authorization,
  streams,
}: {
  ledger: WriteLedger;
  baseUrl: string;
  authorization: string;
  streams: number;
}): Promise<void> => {
  const runStream = async (stream: number) => {
    for (let i = 0; i < MAX_WRITES_PER_STREAM; i++) {
      if (!(await writeOnce(ledger, baseUrl, authorization, stream))) return;
    }
  };
  await Promise.all(Array.from({ length: streams }, (_, stream) => runStream(stream)));
};

const sameWrite = (book: { title: string; tags: string[] }, written: Written) =>
  book.title === written.title && JSON.stringify(book.tags) === JSON.stringify(written.tags);

/**
 * Reads every book of the ledger back through the API: each must hold its last acknowledged write,
 * or a later one that was in flight when the server died. Returns what did not match.
 */
export const verifyLedger = async (
  ledger: WriteLedger,
  baseUrl: string,
  authorization: string,
): Promise<{ verified: number; problems: string[] }> => {
  const problems: string[] = [];
  let verified = 0;
  const entries = [...ledger.books.entries()];
  const check = async ([id, expected]: [string, BookRecord]) => {
    const response = await fetch(`${baseUrl}/api/books/${id}`, {
      headers: { authorization },
      signal: AbortSignal.timeout(10_000),
    });
    if (response.status !== 200) {
      problems.push(`${id}: GET answered ${response.status} ${await response.text()}`);
      return;
    }
    const book = (await response.json()) as { title: string; author: string; tags: string[] };
    const candidates = [expected.acknowledged, ...expected.unanswered];
    if (book.author !== expected.author || !candidates.some((c) => sameWrite(book, c))) {
      problems.push(
        `${id}: holds ${JSON.stringify(book)}, expected ${JSON.stringify(expected.acknowledged)}` +
          (expected.unanswered.length > 0 ? ` or ${JSON.stringify(expected.unanswered)}` : ''),
      );
      return;
    }
    verified += 1;
  };
  const CONCURRENCY = 8;
  for (let i = 0; i < entries.length; i += CONCURRENCY) {
    await Promise.all(entries.slice(i, i + CONCURRENCY).map(check));
  }
  return { verified, problems };
};
