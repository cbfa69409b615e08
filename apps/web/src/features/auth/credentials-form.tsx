import { useState, type ReactNode, type SyntheticEvent } from 'react';
import { Alert } from '../../components/alert.js';
import { Field } from '../../components/field.js';
import type { FieldErrors } from '../../lib/field-errors.js';

/** What a submission produced: nothing on success, else a message and per-field errors. */
export interface CredentialsOutcome {
  error?: string;
  fieldErrors?: FieldErrors;
}

interface CredentialsFormProps {
  title: string;
  submitLabel: string;
  pendingLabel: string;
  isNewAccount: boolean;
  notice?: ReactNode;
  footer: ReactNode;
  onSubmit: (username: string, password: string) => Promise<CredentialsOutcome>;
}

const NETWORK_ERROR = 'Could not reach the server. Check your connection and try again.';

/** The username and password card shared by sign in and sign up. */
export const CredentialsForm = ({
  title,
  submitLabel,
  pendingLabel,
  isNewAccount,
  notice,
  footer,
  onSubmit,
}: CredentialsFormProps) => {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [outcome, setOutcome] = useState<CredentialsOutcome>({});
  const [isSubmitting, setIsSubmitting] = useState(false);

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    setIsSubmitting(true);
    setOutcome({});
    try {
      setOutcome(await onSubmit(username, password));
    } catch {
      setOutcome({ error: NETWORK_ERROR });
    } finally {
      setIsSubmitting(false);
    }
  };

  const fieldErrors = outcome.fieldErrors ?? {};
  return (
    <section className="card narrow" aria-labelledby="credentials-title">
      <h1 id="credentials-title">{title}</h1>
      {notice}
      {outcome.error !== undefined && <Alert kind="error">{outcome.error}</Alert>}
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Field
          label="Username"
          name="username"
          autoComplete="username"
          {...(isNewAccount ? { hint: '3-32 characters: a-z, 0-9, _ . -' } : {})}
          value={username}
          onChange={(event) => setUsername(event.target.value)}
          error={fieldErrors.username}
          required
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete={isNewAccount ? 'new-password' : 'current-password'}
          {...(isNewAccount ? { hint: '8-128 characters' } : {})}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={fieldErrors.password}
          required
        />
        <button type="submit" disabled={isSubmitting}>
          {isSubmitting ? pendingLabel : submitLabel}
        </button>
      </form>
      <p className="muted">{footer}</p>
    </section>
  );
};
