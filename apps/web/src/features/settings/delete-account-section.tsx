import { useState, type SyntheticEvent } from 'react';
import { useNavigate } from 'react-router';
import { DeleteAccountBodySchema } from '@shelf/client';
import { ConfirmDialog } from '../../components/confirm-dialog.js';
import { Field } from '../../components/field.js';
import { FormProblems } from '../../components/form-problems.js';
import { fromZodError, type FieldErrors } from '../../lib/field-errors.js';
import { NETWORK_ERROR_TEXT } from '../../lib/network-error.js';
import { useNotice } from '../../lib/notice.js';
import { useSession } from '../../lib/session.js';
import { useFormErrors } from '../../lib/use-form-errors.js';

const FIELDS = [{ name: 'password' }] as const;
const fieldId = () => 'delete-account-password';

/** Deleting the account (DELETE /api/me) with its books, after the password and a confirmation. */
export const DeleteAccountSection = () => {
  const session = useSession();
  const navigate = useNavigate();
  const { notify } = useNotice();
  const [password, setPassword] = useState('');
  const form = useFormErrors();
  const [isConfirming, setIsConfirming] = useState(false);
  const [isDeleting, setIsDeleting] = useState(false);

  const fail = (errors: FieldErrors, text?: string) => {
    setIsConfirming(false);
    form.fail(errors, text);
  };

  const ask = (event: SyntheticEvent) => {
    event.preventDefault();
    const parsed = DeleteAccountBodySchema.safeParse({ password });
    if (!parsed.success) {
      fail(fromZodError(parsed.error));
      return;
    }
    form.clear();
    setIsConfirming(true);
  };

  const deleteAccount = async () => {
    setIsDeleting(true);
    try {
      const result = await session.client.auth.deleteAccount(password);
      if (result.status === 204) {
        notify('Your account and its books have been deleted.', { afterNavigation: true });
        session.endSession();
        await navigate('/sign-in', { replace: true });
        return;
      }
      if (result.status === 403) fail({ password: 'The password is not right' });
      else fail({}, result.body.detail);
    } catch {
      fail({}, NETWORK_ERROR_TEXT);
    } finally {
      setIsDeleting(false);
    }
  };

  return (
    <section className="card danger-zone" aria-labelledby="delete-account-title">
      <h2 id="delete-account-title">Delete your account</h2>
      <p>Your account and every book you added will be deleted. This cannot be undone.</p>
      <FormProblems form={form} fields={FIELDS} fieldId={fieldId} />
      <form onSubmit={ask} noValidate>
        <Field
          id={fieldId()}
          label="Your password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          error={form.fieldErrors.password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <button type="submit" className="danger">
          Delete account
        </button>
      </form>
      <ConfirmDialog
        isOpen={isConfirming}
        title="Delete your account?"
        confirmLabel="Delete my account"
        pendingLabel="Deleting…"
        isPending={isDeleting}
        onConfirm={() => void deleteAccount()}
        onCancel={() => setIsConfirming(false)}
      >
        <p>Your account and all your books will be deleted for good.</p>
      </ConfirmDialog>
    </section>
  );
};
