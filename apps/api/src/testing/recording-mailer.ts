import type { Mailer, OutgoingMail } from '../mail/mailer.js';

/** A mailer that keeps every email in memory instead of sending it. */
export interface RecordingMailer extends Mailer {
  /** Every email "sent", oldest first. */
  readonly mails: OutgoingMail[];
}

/**
 * For `startTestApi({ recordMail: true })`: suites that only need the emailed link (the SDK's) read
 * it from `api.mails` without an SMTP server.
 *
 * @example
 * const mailer = createRecordingMailer();
 * await mailer.send({ to: 'a@example.com', subject: 'Hi', text: 'Hello', html: '<p>Hello</p>' });
 * mailer.mails.length; // 1
 */
export const createRecordingMailer = (): RecordingMailer => {
  const mails: OutgoingMail[] = [];
  return {
    canSend: true,
    mails,
    send(mail) {
      mails.push(mail);
      return Promise.resolve();
    },
  };
};
