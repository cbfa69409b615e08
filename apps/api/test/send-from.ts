import { request as httpRequest } from 'node:http';

/** A response as the tests read it: header names lower-case, repeated fields kept apart too. */
export interface RawReply {
  status: number;
  /** Each header, repeated fields joined with ", " (as fetch and supertest show them). */
  headers: Record<string, string>;
  /** Each header field as sent, one item per field line (two WWW-Authenticate challenges). */
  headerFields: Record<string, string[]>;
  /** The parsed JSON body, the text of any other body, or undefined when empty. */
  body: unknown;
}

export interface RawRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/** The headers and body of a JSON request: spread it into a `RawRequest`. */
export const json = (body: unknown) => ({
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});

/**
 * One request on a new connection from the loopback address `from` (Linux routes all of
 * 127.0.0.0/8 to the loopback interface), so the server sees it as that client IP.
 */
export const sendFrom = (baseUrl: string, from: string, request: RawRequest): Promise<RawReply> =>
  new Promise((resolve, reject) => {
    const url = new URL(request.path, baseUrl);
    const outgoing = httpRequest(
      {
        hostname: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method: request.method ?? 'GET',
        headers: request.headers,
        localAddress: from,
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const isJson = /[/+]json(;|$)/.test(response.headers['content-type'] ?? '');
          resolve({
            status: response.statusCode ?? 0,
            headers: Object.fromEntries(
              Object.entries(response.headersDistinct).map(([name, values]) => [
                name,
                (values ?? []).join(', '),
              ]),
            ),
            headerFields: Object.fromEntries(
              Object.entries(response.headersDistinct).map(([name, values]) => [
                name,
                values ?? [],
              ]),
            ),
            body: text === '' ? undefined : isJson ? (JSON.parse(text) as unknown) : text,
          });
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });

let addressCount = 0;

/**
 * A loopback address no other request of this test file used, so each test starts with a fresh
 * per-IP budget: 127.0.<1-250>.<1-250>.
 */
export const freshIp = (): string => {
  const n = addressCount++;
  return `127.0.${1 + Math.floor(n / 250)}.${1 + (n % 250)}`;
};
