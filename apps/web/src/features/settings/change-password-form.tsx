import { useState, type SyntheticEvent } from 'react';
import { ChangePasswordBodySchema } from '@shelf/client';
import { Alert } from '../../components/alert.js';
import { ErrorSummary } from '../../components/error-summary.js';
import { Field } from '../../components/field.js';
import { fromProblemErrors, fromZodError, type FieldErrors } from '../../lib/field-errors.js';
import { NETWORK_ERROR_TEXT } from '../../lib/network-error.js';
import { useNotice } from '../../lib/notice.js';
import { useSession } from '../../lib/session.js';
import { toSummaryErrors } from '../../lib/summary-errors.js';

const FIELDS = [{ name: 'current_password' }, { name: 'new_password' }] as const;
const fieldId = (name: string) => `settings-${name.replace('_', '-')}`;

/** Changing the password (POST /api/me/password); the session continues with the new one. */
export const ChangePasswordForm = () => {
  const session = useSession();
  const { notify } = useNotice();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string>();
  const [attempt, setAttempt] = useState(0);
  const [isSaving, setIsSaving] = useState(false);

  const fail = (errors: FieldErrors, text?: string) => {
    setFieldErrors(errors);
    setMessage(text);
    setAttempt((count) => count + 1);
  };

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    const parsed = ChangePasswordBodySchema.safeParse({
      current_password: current,
      new_password: next,
    });
    if (!parsed.success) {
      fail(fromZodError(parsed.error));
      return;
    }
    setIsSaving(true);
    try {
      const result = await session.client.auth.changePassword(current, next);
      if (result.status === 200) {
        setFieldErrors({});
        setMessage(undefined);
        setCurrent('');
        setNext('');
        notify('Your password has been changed.');
      } else if (result.status === 403) {
        fail({ current_password: 'The current password is not right' });
      } else if (result.status === 400) {
        fail(fromProblemErrors(result.body.errors ?? []));
      } else {
        fail({}, result.body.detail);
      }
    } catch {
      fail({}, NETWORK_ERROR_TEXT);
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <section className="card" aria-labelledby="password-title">
      <h2 id="password-title">Change your password</h2>
      <ErrorSummary errors={toSummaryErrors(fieldErrors, FIELDS, fieldId)} attempt={attempt} />
      {message !== undefined && <Alert kind="error">{message}</Alert>}
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Field
          id={fieldId('current_password')}
          label="Current password"
          type="password"
          autoComplete="current-password"
          required
          value={current}
          error={fieldErrors.current_password}
          onChange={(event) => setCurrent(event.target.value)}
        />
        <Field
          id={fieldId('new_password')}
          label="New password"
          type="password"
          autoComplete="new-password"
          hint="8-128 characters. Other devices will be signed out."
          required
          value={next}
          error={fieldErrors.new_password}
          onChange={(event) => setNext(event.target.value)}
        />
        <button type="submit" disabled={isSaving}>
          {isSaving ? 'Changing…' : 'Change password'}
        </button>
      </form>
    </section>
  );
};
