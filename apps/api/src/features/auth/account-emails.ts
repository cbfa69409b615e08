import { ACCOUNT_TOKEN_LIFETIME_SECONDS } from '@shelf/contracts';
import { escapeHtml } from '../../mail/escape-html.js';
import type { OutgoingMail } from '../../mail/mailer.js';

/**
 * The account emails, each a plain-text part and an HTML part written from the same paragraphs.
 * Everything interpolated is escaped in the HTML part; links are the web app's URLs with the token
 * in the fragment, which browsers never send to a server (no access log, no Referer holds it).
 */

const RESET_MINUTES = ACCOUNT_TOKEN_LIFETIME_SECONDS.passwordReset / 60;
const VERIFY_HOURS = ACCOUNT_TOKEN_LIFETIME_SECONDS.emailChange / 3600;

/** A paragraph: plain text, with at most one link, shown after it. */
interface Paragraph {
  text: string;
  link?: string;
}

const composeMail = (to: string, subject: string, paragraphs: Paragraph[]): OutgoingMail => ({
  to,
  subject,
  text: `${paragraphs
    .map(({ text, link }) => (link === undefined ? text : `${text}\n${link}`))
    .join('\n\n')}\n`,
  html: [
    '<!doctype html>',
    `<html><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family: sans-serif; line-height: 1.5">',
    ...paragraphs.map(({ text, link }) =>
      link === undefined
        ? `<p>${escapeHtml(text)}</p>`
        : `<p>${escapeHtml(text)}<br><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>`,
    ),
    '</body></html>',
  ].join('\n'),
});

/** The link to the web app's page `path` carrying `token` in the fragment. */
export const accountLink = (appUrl: string, path: string, token: string): string =>
  `${appUrl}/${path}#token=${encodeURIComponent(token)}`;

/** To the account's address: the single-use password reset link. */
export const passwordResetEmail = (to: string, username: string, link: string): OutgoingMail =>
  composeMail(to, 'Reset your Shelf password', [
    {
      text: `Someone (hopefully you) asked to reset the password of the Shelf account ${username}.`,
    },
    {
      text: `To choose a new password, open this link within ${RESET_MINUTES} minutes. It works once.`,
      link,
    },
    {
      text: 'If you did not ask, ignore this email: your password stays as it is.',
    },
  ]);

/** To the new address: the link that attaches it to the account. */
export const emailVerificationEmail = (to: string, username: string, link: string): OutgoingMail =>
  composeMail(to, 'Confirm your new Shelf email address', [
    { text: `The Shelf account ${username} asked to use this email address.` },
    {
      text: `To confirm it, open this link within ${VERIFY_HOURS} hours. It works once.`,
      link,
    },
    { text: 'If you did not ask, ignore this email: the address will not be used.' },
  ]);

/** To the account's current address, when a change to another was asked for. */
export const emailChangeNoticeEmail = (
  to: string,
  username: string,
  newAddress: string,
): OutgoingMail =>
  composeMail(to, 'Your Shelf email address is about to change', [
    {
      text: `Someone signed in to the Shelf account ${username} asked to change its email address to ${newAddress}. The change happens only when the link sent to that address is opened.`,
    },
    {
      text: 'If this was not you, change your password now: that cancels the change and signs out every session.',
    },
  ]);

/** To an address another account already uses, instead of a verification link. */
export const emailInUseNoticeEmail = (to: string): OutgoingMail =>
  composeMail(to, 'Someone tried to use your email address on Shelf', [
    {
      text: 'Someone signed in to another Shelf account asked to use this email address. It already belongs to an account, so nothing changed and no link was sent.',
    },
    {
      text: 'If you forgot your password, ask for a password reset with this address on the sign-in page.',
    },
  ]);
