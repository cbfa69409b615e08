import { useState, type ReactNode, type SyntheticEvent } from 'react';
import { Field } from '../../components/field.js';
import { FormProblems } from '../../components/form-problems.js';
import type { FieldErrors } from '../../lib/field-errors.js';
import { NETWORK_ERROR_TEXT } from '../../lib/network-error.js';
import { useFormErrors } from '../../lib/use-form-errors.js';

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

const FIELDS = [{ name: 'username' }, { name: 'password' }] as const;
const fieldId = (name: string) => `credentials-${name}`;

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
  const form = useFormErrors();
  const [isSubmitting, setIsSubmitting] = useState(false);

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    setIsSubmitting(true);
    form.clear();
    try {
      // Every outcome counts as an attempt; a success's empty one shows nothing.
      const { fieldErrors = {}, error } = await onSubmit(username, password);
      form.fail(fieldErrors, error);
    } catch {
      form.fail({}, NETWORK_ERROR_TEXT);
    } finally {
      setIsSubmitting(false);
    }
  };

  return (
    <section className="card narrow" aria-labelledby="credentials-title">
      <h1 id="credentials-title">{title}</h1>
      {notice}
      <FormProblems form={form} fields={FIELDS} fieldId={fieldId} />
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Field
          id={fieldId('username')}
          label="Username"
          name="username"
          autoComplete="username"
          {...(isNewAccount ? { hint: '3-32 characters: a-z, 0-9, _ . -' } : {})}
          value={username}
          onChange={(event) => setUsername(event.target.value)}
          error={form.fieldErrors.username}
          required
        />
        <Field
          id={fieldId('password')}
          label="Password"
          name="password"
          type="password"
          autoComplete={isNewAccount ? 'new-password' : 'current-password'}
          {...(isNewAccount ? { hint: '8-128 characters' } : {})}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={form.fieldErrors.password}
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
