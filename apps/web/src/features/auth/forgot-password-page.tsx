import { useState, type SyntheticEvent } from 'react';
import { Link } from 'react-router';
import { RequestPasswordResetBodySchema } from '@shelf/client';
import { Field } from '../../components/field.js';
import { FormProblems } from '../../components/form-problems.js';
import { OutcomePanel } from '../../components/outcome-panel.js';
import { accountEmail } from '../../lib/account-email.js';
import { withEmailMessage } from '../../lib/email-errors.js';
import { fromProblemErrors, fromZodError } from '../../lib/field-errors.js';
import { NETWORK_ERROR_TEXT } from '../../lib/network-error.js';
import { useShelfClient } from '../../lib/session.js';
import { useFormErrors } from '../../lib/use-form-errors.js';

const FIELDS = [{ name: 'email' }];
const fieldId = () => 'forgot-email';

/**
 * Asks for a password reset link. Whether or not an account has the address, the answer is the
 * same, so the page tells nobody which addresses are registered.
 */
export const ForgotPasswordPage = () => {
  const client = useShelfClient();
  const [email, setEmail] = useState('');
  const [isSent, setIsSent] = useState(false);
  const form = useFormErrors();
  const [isSending, setIsSending] = useState(false);

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    const parsed = RequestPasswordResetBodySchema.safeParse({ email });
    if (!parsed.success) {
      form.fail(withEmailMessage(fromZodError(parsed.error)));
      return;
    }
    setIsSending(true);
    try {
      const result = await accountEmail(client).requestPasswordReset(parsed.data.email);
      if (result.ok) setIsSent(true);
      else if (result.status === 400)
        form.fail(withEmailMessage(fromProblemErrors(result.problem.errors ?? [])));
      else form.fail({}, result.problem.detail);
    } catch {
      form.fail({}, NETWORK_ERROR_TEXT);
    } finally {
      setIsSending(false);
    }
  };

  if (isSent) {
    return (
      <OutcomePanel title="Check your email">
        <p>
          If an account has this address, we’ve sent a link to it. Open the link to choose a new
          password; it works once, for 30 minutes.
        </p>
        <p className="muted">
          No email? Check your spam folder, or ask an admin to add your address.
        </p>
        <p>
          <Link to="/sign-in">Back to sign in</Link>
        </p>
      </OutcomePanel>
    );
  }

  return (
    <section className="card narrow" aria-labelledby="forgot-title">
      <h1 id="forgot-title">Forgot your password?</h1>
      <p>Enter your account’s email address and we’ll send you a link to choose a new password.</p>
      <FormProblems form={form} fields={FIELDS} fieldId={fieldId} />
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Field
          id={fieldId()}
          label="Email address"
          type="email"
          autoComplete="email"
          required
          value={email}
          error={form.fieldErrors.email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <button type="submit" disabled={isSending}>
          {isSending ? 'Sending…' : 'Send link'}
        </button>
      </form>
      <p className="muted">
        Remembered it? <Link to="/sign-in">Sign in</Link>
      </p>
    </section>
  );
};
