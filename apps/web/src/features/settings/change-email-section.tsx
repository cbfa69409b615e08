import { useState, type SyntheticEvent } from 'react';
import { ChangeEmailBodySchema } from '@shelf/client';
import { Alert } from '../../components/alert.js';
import { Field } from '../../components/field.js';
import { FormProblems } from '../../components/form-problems.js';
import { accountEmail } from '../../lib/account-email.js';
import { withEmailMessage } from '../../lib/email-errors.js';
import { fromProblemErrors, fromZodError, type FieldErrors } from '../../lib/field-errors.js';
import { NETWORK_ERROR_TEXT } from '../../lib/network-error.js';
import { useSession } from '../../lib/session.js';
import { useFormErrors } from '../../lib/use-form-errors.js';
import { useMe } from './use-me.js';

const FIELDS = [{ name: 'email' }, { name: 'password' }];
const fieldId = (name: string) => `settings-email-${name}`;

/** The account's email address, and changing it: a link to the new address confirms it. */
export const ChangeEmailSection = () => {
  const session = useSession();
  const me = useMe();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [sentTo, setSentTo] = useState<string>();
  const form = useFormErrors();
  const [isSending, setIsSending] = useState(false);
  const current = me.data?.email ?? (session.status === 'signed-in' ? session.user.email : null);

  const fail = (errors: FieldErrors, text?: string) => {
    setSentTo(undefined);
    form.fail(errors, text);
  };

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    const parsed = ChangeEmailBodySchema.safeParse({ email, password });
    if (!parsed.success) {
      fail(withEmailMessage(fromZodError(parsed.error)));
      return;
    }
    setIsSending(true);
    try {
      const result = await accountEmail(session.client).changeEmail(
        parsed.data.email,
        parsed.data.password,
      );
      if (result.ok) {
        form.clear();
        setEmail('');
        setPassword('');
        setSentTo(parsed.data.email);
      } else if (result.status === 403) {
        fail({ password: 'The password is not right' });
      } else if (result.status === 400) {
        fail(withEmailMessage(fromProblemErrors(result.problem.errors ?? [])));
      } else {
        fail({}, result.problem.detail);
      }
    } catch {
      fail({}, NETWORK_ERROR_TEXT);
    } finally {
      setIsSending(false);
    }
  };

  return (
    <section className="card" aria-labelledby="email-title">
      <h2 id="email-title">Email address</h2>
      <p>
        {current === null ? (
          'You have no email address yet. Add one so you can reset a forgotten password.'
        ) : (
          <>
            Your address is <strong className="wrap-anywhere">{current}</strong>.
          </>
        )}
      </p>
      <FormProblems form={form} fields={FIELDS} fieldId={fieldId} />
      {sentTo !== undefined && (
        <Alert kind="info">
          <p>
            We’ve sent a link to <strong className="wrap-anywhere">{sentTo}</strong>. Your address
            changes when you open it; the link works for 24 hours.
          </p>
        </Alert>
      )}
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Field
          id={fieldId('email')}
          label="New email address"
          type="email"
          autoComplete="email"
          required
          value={email}
          error={form.fieldErrors.email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <Field
          id={fieldId('password')}
          label="Your password"
          type="password"
          autoComplete="current-password"
          hint="To confirm it’s you"
          required
          value={password}
          error={form.fieldErrors.password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <button type="submit" disabled={isSending}>
          {isSending ? 'Sending…' : 'Send confirmation link'}
        </button>
      </form>
    </section>
  );
};
