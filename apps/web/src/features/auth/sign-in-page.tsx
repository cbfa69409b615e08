import { useState, type SyntheticEvent } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { Alert } from '../../components/alert.js';
import { Field } from '../../components/field.js';
import { fromProblemErrors, type FieldErrors } from '../../lib/field-errors.js';
import { useSession } from './session-context.js';

interface LocationState {
  from?: string;
  hasExpired?: boolean;
}

export const SignInPage = () => {
  const session = useSession();
  const navigate = useNavigate();
  const state = (useLocation().state ?? {}) as LocationState;
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [isSubmitting, setIsSubmitting] = useState(false);

  if (session.status === 'signed-in') return <Navigate to={state.from ?? '/'} replace />;

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    setIsSubmitting(true);
    setError(undefined);
    setFieldErrors({});
    try {
      const result = await session.signIn(username, password);
      if (result.status === 200) {
        void navigate(state.from ?? '/', { replace: true });
        return;
      }
      setError(result.body.detail);
      if (result.status === 400) setFieldErrors(fromProblemErrors(result.body.errors ?? []));
    } catch {
      setError('Could not reach the server. Check your connection and try again.');
    } finally {
      setIsSubmitting(false);
    }
  };

  return (
    <section className="card narrow" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">Sign in</h1>
      {state.hasExpired === true && (
        <Alert kind="info">Your session has ended. Please sign in again.</Alert>
      )}
      {error !== undefined && <Alert kind="error">{error}</Alert>}
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Field
          label="Username"
          name="username"
          autoComplete="username"
          value={username}
          onChange={(event) => setUsername(event.target.value)}
          error={fieldErrors.username}
          required
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={fieldErrors.password}
          required
        />
        <button type="submit" disabled={isSubmitting}>
          {isSubmitting ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p className="muted">
        No account yet? <Link to="/sign-up">Sign up</Link>
      </p>
    </section>
  );
};
