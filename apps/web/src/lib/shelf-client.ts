import { createShelfClient, type ShelfClient } from '@shelf/client';

/** Where the API lives; set VITE_API_URL at build time for other deployments. */
export const API_URL: string =
  (import.meta.env.VITE_API_URL as string | undefined) ?? 'http://localhost:3000';

/**
 * The app's SDK instance. The refresh token stays in the API's HttpOnly cookie; the access token only
 * in this client's memory.
 */
export const createAppClient = (onSessionExpired: () => void): ShelfClient =>
  createShelfClient({ baseUrl: API_URL, useRefreshCookie: true, onSessionExpired });
