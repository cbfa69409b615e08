import { describe, expect, it } from 'vitest';
import {
  accountLink,
  emailChangeNoticeEmail,
  emailInUseNoticeEmail,
  passwordResetEmail,
} from './account-emails.js';

describe('account emails', () => {
  it('put the token in the link’s fragment, URL-encoded', () => {
    expect(accountLink('https://shelf.example.com', 'reset-password', 'a+b/c')).toBe(
      'https://shelf.example.com/reset-password#token=a%2Bb%2Fc',
    );
  });

  it('have the same words in the text and HTML parts, the HTML escaped', () => {
    const mail = emailChangeNoticeEmail('old@example.com', 'alice', `o'brien<x>@example.com`);

    expect(mail.to).toBe('old@example.com');
    expect(mail.text).toContain(`o'brien<x>@example.com`);
    expect(mail.html).toContain('o&#39;brien&lt;x&gt;@example.com');
    expect(mail.html).not.toMatch(/o'brien|<x>/);
  });

  it('link the reset page in both parts, escaping the link in the attribute', () => {
    const link = 'https://shelf.example.com/reset-password#token=abc"&def';
    const mail = passwordResetEmail('alice@example.com', 'alice', link);

    expect(mail.text).toContain(`\n${link}\n`);
    expect(mail.html).toContain(
      '<a href="https://shelf.example.com/reset-password#token=abc&quot;&amp;def">',
    );
  });

  it('tell the owner of a taken address nothing about who asked, and carry no link', () => {
    const mail = emailInUseNoticeEmail('taken@example.com');

    expect(mail.text).not.toMatch(/https?:|#token=/);
    expect(mail.html).not.toMatch(/<a /);
  });
});
