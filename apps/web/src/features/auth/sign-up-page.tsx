import { SkeletonList } from '../../components/skeleton-list.js';
import { Link, Navigate, useNavigate } from 'react-router';
import { RegisterBodySchema } from '@shelf/client';
import { fromProblemErrors, fromZodError } from '../../lib/field-errors.js';
import { CredentialsForm, type CredentialsOutcome } from './credentials-form.js';
import { useSession } from '../../lib/session.js';

export const SignUpPage = () => {
  const session = useSession();
  const navigate = useNavigate();

  if (session.status === 'signed-in') return <Navigate to="/" replace />;
  if (session.status === 'loading') return <SkeletonList label="Loading your session…" rows={3} />;

  const signUp = async (username: string, password: string): Promise<CredentialsOutcome> => {
    const parsed = RegisterBodySchema.safeParse({ username, password });
    if (!parsed.success) return { fieldErrors: fromZodError(parsed.error) };
    const registered = await session.client.auth.register({ body: parsed.data });
    if (registered.status !== 201) {
      return {
        error: registered.body.detail,
        fieldErrors:
          registered.status === 409
            ? { username: 'This username is taken' }
            : fromProblemErrors(registered.body.errors ?? []),
      };
    }
    const login = await session.signIn(username, password);
    if (login.status !== 200) return { error: login.body.detail };
    await navigate('/', { replace: true });
    return {};
  };

  return (
    <CredentialsForm
      title="Create an account"
      submitLabel="Sign up"
      pendingLabel="Creating…"
      isNewAccount
      footer={
        <>
          Already have an account? <Link to="/sign-in">Sign in</Link>
        </>
      }
      onSubmit={signUp}
    />
  );
};
