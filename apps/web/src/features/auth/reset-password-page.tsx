import { useState, type SyntheticEvent } from 'react';
import { Link } from 'react-router';
import { ConfirmPasswordResetBodySchema } from '@shelf/client';
import { Alert } from '../../components/alert.js';
import { ErrorSummary } from '../../components/error-summary.js';
import { Field } from '../../components/field.js';
import { OutcomePanel } from '../../components/outcome-panel.js';
import { accountEmail } from '../../lib/account-email.js';
import { fromProblemErrors, fromZodError, type FieldErrors } from '../../lib/field-errors.js';
import { useFragmentToken } from '../../lib/fragment-token.js';
import { NETWORK_ERROR_TEXT } from '../../lib/network-error.js';
import { useSession } from '../../lib/session.js';
import { toSummaryErrors } from '../../lib/summary-errors.js';
import { InvalidLink } from './invalid-link.js';

const FIELDS = [{ name: 'new_password' }];
const fieldId = () => 'reset-new-password';

type Outcome = 'form' | 'done' | 'invalid-link';

/** Choosing a new password with the token of an emailed link (`/reset-password#token=…`). */
export const ResetPasswordPage = () => {
  const session = useSession();
  const token = useFragmentToken();
  const [password, setPassword] = useState('');
  const [isShown, setIsShown] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(token === undefined ? 'invalid-link' : 'form');
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
    const parsed = ConfirmPasswordResetBodySchema.safeParse({ token, new_password: password });
    if (!parsed.success) {
      const errors = fromZodError(parsed.error);
      if (errors.token !== undefined) setOutcome('invalid-link');
      else fail(errors);
      return;
    }
    setIsSaving(true);
    try {
      const result = await accountEmail(session.client).confirmPasswordReset(
        parsed.data.token,
        parsed.data.new_password,
      );
      if (result.ok) {
        // Every session of the account ended, this browser's included.
        if (session.status === 'signed-in') session.endSession();
        setOutcome('done');
      } else if (result.problem.code === 'invalid-reset-token') {
        setOutcome('invalid-link');
      } else if (result.status === 400) {
        fail(fromProblemErrors(result.problem.errors ?? []));
      } else {
        fail({}, result.problem.detail);
      }
    } catch {
      fail({}, NETWORK_ERROR_TEXT);
    } finally {
      setIsSaving(false);
    }
  };

  if (outcome === 'invalid-link') {
    return <InvalidResetLink />;
  }
  if (outcome === 'done') {
    return (
      <OutcomePanel title="Your password has been reset">
        <p>You have been signed out everywhere. Sign in with your new password.</p>
        <p>
          <Link to="/sign-in">Sign in</Link>
        </p>
      </OutcomePanel>
    );
  }

  return (
    <section className="card narrow" aria-labelledby="reset-title">
      <h1 id="reset-title">Choose a new password</h1>
      <ErrorSummary errors={toSummaryErrors(fieldErrors, FIELDS, fieldId)} attempt={attempt} />
      {message !== undefined && <Alert kind="error">{message}</Alert>}
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Field
          id={fieldId()}
          label="New password"
          type={isShown ? 'text' : 'password'}
          autoComplete="new-password"
          hint="8-128 characters"
          required
          value={password}
          error={fieldErrors.new_password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <div className="field field-checkbox">
          <input
            id="reset-show-password"
            type="checkbox"
            checked={isShown}
            onChange={(event) => setIsShown(event.target.checked)}
          />
          <label htmlFor="reset-show-password">Show password</label>
        </div>
        <button type="submit" disabled={isSaving}>
          {isSaving ? 'Resetting…' : 'Reset password'}
        </button>
      </form>
    </section>
  );
};

const InvalidResetLink = () => (
  <InvalidLink
    text="The link is incomplete, has expired or was already used. A reset link works once, for 30 minutes."
    to="/forgot-password"
    linkLabel="Request a new link"
  />
);
