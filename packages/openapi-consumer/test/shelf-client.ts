import createClient from 'openapi-fetch';
import type { paths } from '../generated/shelf-api.js';

/** A client of the whole API, typed only by what openapi-typescript generated from the document. */
export const createShelfClient = (baseUrl: string) => createClient<paths>({ baseUrl });

/** Sends the access token on every request the client makes after it is set. */
export const authenticate = (client: ReturnType<typeof createShelfClient>, accessToken: string) => {
  client.use({
    onRequest({ request }) {
      request.headers.set('Authorization', `Bearer ${accessToken}`);
      return request;
    },
  });
};
