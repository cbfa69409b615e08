import { useState, type SyntheticEvent } from 'react';
import { Link } from 'react-router';
import { ConfirmPasswordResetBodySchema } from '@shelf/client';
import { Field } from '../../components/field.js';
import { FormProblems } from '../../components/form-problems.js';
import { OutcomePanel } from '../../components/outcome-panel.js';
import { accountEmail } from '../../lib/account-email.js';
import { fromProblemErrors, fromZodError } from '../../lib/field-errors.js';
import { useFragmentToken } from '../../lib/fragment-token.js';
import { NETWORK_ERROR_TEXT } from '../../lib/network-error.js';
import { useSession } from '../../lib/session.js';
import { useFormErrors } from '../../lib/use-form-errors.js';
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
  const form = useFormErrors();
  const [isSaving, setIsSaving] = useState(false);

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    const parsed = ConfirmPasswordResetBodySchema.safeParse({ token, new_password: password });
    if (!parsed.success) {
      const errors = fromZodError(parsed.error);
      if (errors.token !== undefined) setOutcome('invalid-link');
      else form.fail(errors);
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
        form.fail(fromProblemErrors(result.problem.errors ?? []));
      } else {
        form.fail({}, result.problem.detail);
      }
    } catch {
      form.fail({}, NETWORK_ERROR_TEXT);
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
      <FormProblems form={form} fields={FIELDS} fieldId={fieldId} />
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Field
          id={fieldId()}
          label="New password"
          type={isShown ? 'text' : 'password'}
          autoComplete="new-password"
          hint="8-128 characters"
          required
          value={password}
          error={form.fieldErrors.new_password}
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
