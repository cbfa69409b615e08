import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One email the catcher received, parsed. */
export interface CaughtMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
}

export interface MailCatcher {
  /** Pass as SMTP_URL. */
  smtpUrl: string;
  /** Every email received so far, oldest first. */
  mails: CaughtMail[];
  /** The first email to `address` received after `since` mails, waiting up to `timeoutMs`. */
  waitForMail(
    address: string,
    options?: { since?: number; timeoutMs?: number },
  ): Promise<CaughtMail>;
  /** The emails received for `address`. */
  mailsTo(address: string): CaughtMail[];
  close(): Promise<void>;
}

const addressesOf = (field: unknown): string[] => {
  const groups = (Array.isArray(field) ? field : [field]) as {
    value?: { address?: string }[];
  }[];
  return groups.flatMap((group) => group.value?.map((entry) => entry.address ?? '') ?? []);
};

/**
 * A real SMTP server on an ephemeral loopback port (`smtp-server`), parsing every email it receives
 * (`mailparser`), so tests read what the API sent as a mail client would. No TLS, no AUTH.
 */
export const startMailCatcher = async (): Promise<MailCatcher> => {
  const mails: CaughtMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          mails.push({
            from: parsed.from?.text ?? '',
            to: addressesOf(parsed.to),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
          });
          callback();
        })
        .catch((error: unknown) => callback(error as Error));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  const mailsTo = (address: string) => mails.filter((mail) => mail.to.includes(address));
  return {
    smtpUrl: `smtp://127.0.0.1:${port}`,
    mails,
    mailsTo,
    async waitForMail(address, { since = 0, timeoutMs = 5000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = mails.slice(since).find((mail) => mail.to.includes(address));
        if (found !== undefined) return found;
        if (Date.now() > deadline) throw new Error(`no email to ${address} within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

/** The token of an emailed link `…/<path>#token=…` in a mail's text. */
export const tokenFromLink = (mail: CaughtMail, appUrl: string, path: string): string => {
  const escaped = `${appUrl}/${path}#token=`.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const match = new RegExp(`${escaped}([A-Za-z0-9_%-]+)`).exec(mail.text);
  if (match?.[1] === undefined) throw new Error(`no ${path} link in: ${mail.text}`);
  return decodeURIComponent(match[1]);
};
