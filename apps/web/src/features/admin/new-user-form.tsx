import { useState, type SyntheticEvent } from 'react';
import {
  CreateUserBodySchema,
  ROLES,
  ShelfApiError,
  type CreateUserBody,
  type Role,
} from '@shelf/client';
import { Field } from '../../components/field.js';
import { FormProblems } from '../../components/form-problems.js';
import { withEmailMessage } from '../../lib/email-errors.js';
import { fromProblemErrors, fromZodError, type FieldErrors } from '../../lib/field-errors.js';
import { useFormErrors } from '../../lib/use-form-errors.js';
import { adminProblemText } from './admin-problem-text.js';

const FIELDS = [{ name: 'username' }, { name: 'password' }, { name: 'email' }, { name: 'role' }];
const fieldId = (name: string) => `new-user-${name}`;
const ROLE_LABELS: Record<Role, string> = { user: 'User', admin: 'Admin' };

/** What a refused create says, by field where it can. */
const errorsOf = (caught: unknown): { fieldErrors: FieldErrors; message?: string } => {
  if (caught instanceof ShelfApiError) {
    if (caught.code === 'username-taken') {
      return { fieldErrors: { username: 'This username is taken' } };
    }
    if (caught.code === 'email-taken') {
      return { fieldErrors: { email: 'Another account uses this email address' } };
    }
    const fieldErrors = withEmailMessage(fromProblemErrors(caught.errors));
    if (Object.keys(fieldErrors).length > 0) return { fieldErrors };
  }
  return { fieldErrors: {}, message: adminProblemText(caught) };
};

interface NewUserFormProps {
  onCreate: (body: CreateUserBody) => Promise<void>;
  onCancel: () => void;
}

/** The new account's username, first password, optional email and role, checked by the contract. */
export const NewUserForm = ({ onCreate, onCancel }: NewUserFormProps) => {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('user');
  const form = useFormErrors();
  const [isSaving, setIsSaving] = useState(false);

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    const body: CreateUserBody = {
      username: username.trim(),
      password,
      role,
      ...(email.trim() === '' ? {} : { email }),
    };
    const parsed = CreateUserBodySchema.safeParse(body);
    if (!parsed.success) {
      form.fail(withEmailMessage(fromZodError(parsed.error)));
      return;
    }
    setIsSaving(true);
    try {
      await onCreate(body);
    } catch (caught) {
      const outcome = errorsOf(caught);
      form.fail(outcome.fieldErrors, outcome.message);
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <FormProblems form={form} fields={FIELDS} fieldId={fieldId} />
      <Field
        id={fieldId('username')}
        label="Username"
        autoComplete="off"
        hint="3-32 characters: a-z, 0-9, _ . -"
        required
        value={username}
        error={form.fieldErrors.username}
        onChange={(event) => setUsername(event.target.value)}
      />
      <Field
        id={fieldId('password')}
        label="Password"
        type="password"
        autoComplete="new-password"
        hint="8-128 characters. Tell the user, and ask them to change it."
        required
        value={password}
        error={form.fieldErrors.password}
        onChange={(event) => setPassword(event.target.value)}
      />
      <Field
        id={fieldId('email')}
        label="Email"
        type="email"
        autoComplete="off"
        hint="Optional. Lets them reset a forgotten password."
        value={email}
        error={form.fieldErrors.email}
        onChange={(event) => setEmail(event.target.value)}
      />
      <div className="field">
        <label htmlFor={fieldId('role')}>Role</label>
        <select
          id={fieldId('role')}
          value={role}
          onChange={(event) => {
            const chosen = ROLES.find((option) => option === event.target.value);
            if (chosen !== undefined) setRole(chosen);
          }}
        >
          {ROLES.map((option) => (
            <option key={option} value={option}>
              {ROLE_LABELS[option]}
            </option>
          ))}
        </select>
      </div>
      <div className="actions">
        <button type="submit" disabled={isSaving}>
          {isSaving ? 'Creating…' : 'Create user'}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
};
