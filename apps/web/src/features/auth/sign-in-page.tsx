import { SkeletonList } from '../../components/skeleton-list.js';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { Alert } from '../../components/alert.js';
import { fromProblemErrors } from '../../lib/field-errors.js';
import { CredentialsForm } from './credentials-form.js';
import { useSession } from '../../lib/session.js';

interface LocationState {
  from?: string;
  hasExpired?: boolean;
}

export const SignInPage = () => {
  const session = useSession();
  const navigate = useNavigate();
  const state = (useLocation().state ?? {}) as LocationState;
  const destination = state.from ?? '/';

  if (session.status === 'signed-in') return <Navigate to={destination} replace />;
  if (session.status === 'loading') return <SkeletonList label="Loading your session…" rows={3} />;

  return (
    <CredentialsForm
      title="Sign in"
      submitLabel="Sign in"
      pendingLabel="Signing in…"
      isNewAccount={false}
      notice={
        state.hasExpired === true && (
          <Alert kind="info">Your session has ended. Please sign in again.</Alert>
        )
      }
      footer={
        <>
          <Link to="/forgot-password">Forgot password?</Link>
          <br />
          No account yet? <Link to="/sign-up">Sign up</Link>
        </>
      }
      onSubmit={async (username, password) => {
        const result = await session.signIn(username, password);
        if (result.status === 200) {
          await navigate(destination, { replace: true });
          return {};
        }
        return {
          error:
            result.status === 403
              ? 'This account has been disabled. Ask an admin to enable it again.'
              : result.body.detail,
          fieldErrors: result.status === 400 ? fromProblemErrors(result.body.errors ?? []) : {},
        };
      }}
    />
  );
};
