import nodemailer from 'nodemailer';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';

/** One email, with a plain-text part and an HTML part. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * Where account emails go: over SMTP (SMTP_URL), or, without SMTP_URL in development and test, to
 * the log at info, whole (the links are what a developer needs). In production without SMTP_URL
 * nothing can be sent: `canSend` is false, and the endpoints that send email answer 503 rather than
 * pretend.
 */
export interface Mailer {
  /** False in production without SMTP_URL. */
  readonly canSend: boolean;
  /** Sends, or logs; rejects when the SMTP server refuses or cannot be reached. */
  send(mail: OutgoingMail): Promise<void>;
}

/** Seconds an SMTP connection, greeting or exchange may take before a send fails. */
const SMTP_TIMEOUT_MS = 10_000;

/** The mailer the configuration describes (see Mailer). */
export const createMailer = (config: Pick<Config, 'env' | 'mail'>, logger: Logger): Mailer => {
  const { smtpUrl, from } = config.mail;
  if (smtpUrl === undefined) {
    const canSend = config.env !== 'production';
    return {
      canSend,
      send(mail) {
        if (!canSend) return Promise.reject(new Error('SMTP_URL is not configured'));
        logger.info(
          { mail: { from, to: mail.to, subject: mail.subject } },
          `email (SMTP_URL unset, so logged, not sent):\n${mail.text}`,
        );
        return Promise.resolve();
      },
    };
  }
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: SMTP_TIMEOUT_MS,
    greetingTimeout: SMTP_TIMEOUT_MS,
    socketTimeout: SMTP_TIMEOUT_MS,
  });
  return {
    canSend: true,
    async send(mail) {
      await transport.sendMail({ from, ...mail });
    },
  };
};
