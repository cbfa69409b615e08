import { expect, type APIRequestContext } from '@playwright/test';
import { MAIL_URL } from '../../playwright.config.js';

interface CaughtEmail {
  to: { address: string }[];
  subject: string;
  text: string;
}

/**
 * The link to the web app's `path` in the newest email the e2e mail catcher (maildev) holds for
 * `to`, waiting for it to arrive (the API sends after answering).
 */
export const emailedLink = async (
  request: APIRequestContext,
  to: string,
  path: '/reset-password' | '/verify-email',
): Promise<string> => {
  const pattern = new RegExp(`https?://\\S+${path}#token=[\\w%.~-]+`);
  let link: string | undefined;
  await expect
    .poll(
      async () => {
        const response = await request.get(`${MAIL_URL}/email`);
        const emails = (await response.json()) as CaughtEmail[];
        const found = emails
          .filter((email) => email.to.some((recipient) => recipient.address === to))
          .map((email) => pattern.exec(email.text)?.[0])
          .filter((match) => match !== undefined);
        link = found.at(-1);
        return link;
      },
      { message: `an email to ${to} with a ${path} link`, timeout: 15_000 },
    )
    .toBeDefined();
  if (link === undefined) throw new Error(`no ${path} link for ${to}`);
  return link;
};

/** An address nobody else's test uses. */
export const uniqueEmail = (prefix: string): string =>
  `${prefix}.${Date.now().toString(36)}.${Math.floor(Math.random() * 1e6).toString(36)}@example.com`;
