import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { OutcomePanel } from '../../components/outcome-panel.js';
import { SkeletonList } from '../../components/skeleton-list.js';
import { accountEmail, type AccountEmailResult } from '../../lib/account-email.js';
import { useFragmentToken } from '../../lib/fragment-token.js';
import { NETWORK_ERROR_TEXT } from '../../lib/network-error.js';
import { useSession } from '../../lib/session.js';
import { InvalidLink } from './invalid-link.js';

/** Undefined while asking; `unreachable` when the API could not be reached. */
type Outcome = AccountEmailResult | 'unreachable' | undefined;

const INVALID_TEXT =
  'The link is incomplete, has expired or was already used (a link works once, for 24 hours, and not after a password change).';

/** Confirms a new email address with the token of an emailed link (`/verify-email#token=…`). */
export const VerifyEmailPage = () => {
  const session = useSession();
  const queryClient = useQueryClient();
  const token = useFragmentToken();
  const [outcome, setOutcome] = useState<Outcome>();
  const hasAsked = useRef(false);

  useEffect(() => {
    // A token works once: ask once, even when effects run twice.
    if (token === undefined || hasAsked.current) return;
    hasAsked.current = true;
    accountEmail(session.client)
      .confirmEmail(token)
      .then(async (result) => {
        setOutcome(result);
        if (result.ok) await queryClient.invalidateQueries({ queryKey: ['me'] });
      })
      .catch(() => setOutcome('unreachable'));
  }, [token, session.client, queryClient]);

  const settings =
    session.status === 'signed-in'
      ? { to: '/settings', label: 'Go to your settings' }
      : { to: '/sign-in', label: 'Sign in' };

  if (token === undefined) {
    return <InvalidLink text={INVALID_TEXT} to={settings.to} linkLabel={settings.label} />;
  }
  if (outcome === undefined)
    return <SkeletonList label="Confirming your email address…" rows={2} />;
  if (outcome === 'unreachable') {
    return (
      <OutcomePanel title="Your email address is not confirmed yet" kind="error">
        <p>{NETWORK_ERROR_TEXT} Then open the link again.</p>
      </OutcomePanel>
    );
  }
  if (outcome.ok) {
    return (
      <OutcomePanel title="Your email address is confirmed">
        <p>Shelf will use it from now on, for example to reset a forgotten password.</p>
        <p>
          <Link to={settings.to}>{settings.label}</Link>
        </p>
      </OutcomePanel>
    );
  }
  if (outcome.problem.code === 'email-taken') {
    return (
      <InvalidLink
        text="Another account has started using this address meanwhile, so it can’t be yours. Choose another address in your settings."
        to={settings.to}
        linkLabel={settings.label}
      />
    );
  }
  return (
    <InvalidLink
      text={`${INVALID_TEXT} Ask for a new link in your settings.`}
      to={settings.to}
      linkLabel={settings.label}
    />
  );
};
