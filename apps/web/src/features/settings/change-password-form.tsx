import { useState, type SyntheticEvent } from 'react';
import { ChangePasswordBodySchema } from '@shelf/client';
import { Field } from '../../components/field.js';
import { FormProblems } from '../../components/form-problems.js';
import { fromProblemErrors, fromZodError } from '../../lib/field-errors.js';
import { NETWORK_ERROR_TEXT } from '../../lib/network-error.js';
import { useNotice } from '../../lib/notice.js';
import { useSession } from '../../lib/session.js';
import { useFormErrors } from '../../lib/use-form-errors.js';

const FIELDS = [{ name: 'current_password' }, { name: 'new_password' }] as const;
const fieldId = (name: string) => `settings-${name.replace('_', '-')}`;

/** Changing the password (POST /api/me/password); the session continues with the new one. */
export const ChangePasswordForm = () => {
  const session = useSession();
  const { notify } = useNotice();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const form = useFormErrors();
  const [isSaving, setIsSaving] = useState(false);

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    const parsed = ChangePasswordBodySchema.safeParse({
      current_password: current,
      new_password: next,
    });
    if (!parsed.success) {
      form.fail(fromZodError(parsed.error));
      return;
    }
    setIsSaving(true);
    try {
      const result = await session.client.auth.changePassword(current, next);
      if (result.status === 200) {
        form.clear();
        setCurrent('');
        setNext('');
        notify('Your password has been changed.');
      } else if (result.status === 403) {
        form.fail({ current_password: 'The current password is not right' });
      } else if (result.status === 400) {
        form.fail(fromProblemErrors(result.body.errors ?? []));
      } else {
        form.fail({}, result.body.detail);
      }
    } catch {
      form.fail({}, NETWORK_ERROR_TEXT);
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <section className="card" aria-labelledby="password-title">
      <h2 id="password-title">Change your password</h2>
      <FormProblems form={form} fields={FIELDS} fieldId={fieldId} />
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Field
          id={fieldId('current_password')}
          label="Current password"
          type="password"
          autoComplete="current-password"
          required
          value={current}
          error={form.fieldErrors.current_password}
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
          error={form.fieldErrors.new_password}
          onChange={(event) => setNext(event.target.value)}
        />
        <button type="submit" disabled={isSaving}>
          {isSaving ? 'Changing…' : 'Change password'}
        </button>
      </form>
    </section>
  );
};
