import { useState, type SyntheticEvent } from 'react';
import { Link, Navigate, useNavigate } from 'react-router';
import { RegisterBodySchema } from '@shelf/client';
import { Alert } from '../../components/alert.js';
import { Field } from '../../components/field.js';
import { fromProblemErrors, fromZodError, type FieldErrors } from '../../lib/field-errors.js';
import { useSession } from './session-context.js';

export const SignUpPage = () => {
  const session = useSession();
  const navigate = useNavigate();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [isSubmitting, setIsSubmitting] = useState(false);

  if (session.status === 'signed-in') return <Navigate to="/" replace />;

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    setError(undefined);
    const parsed = RegisterBodySchema.safeParse({ username, password });
    if (!parsed.success) {
      setFieldErrors(fromZodError(parsed.error));
      return;
    }
    setFieldErrors({});
    setIsSubmitting(true);
    try {
      const registered = await session.client.auth.register({ body: parsed.data });
      if (registered.status !== 201) {
        setError(registered.body.detail);
        setFieldErrors(
          registered.status === 409
            ? { username: 'This username is taken' }
            : fromProblemErrors(registered.body.errors ?? []),
        );
        return;
      }
      const login = await session.signIn(username, password);
      if (login.status === 200) void navigate('/', { replace: true });
      else setError(login.body.detail);
    } catch {
      setError('Could not reach the server. Check your connection and try again.');
    } finally {
      setIsSubmitting(false);
    }
  };

  return (
    <section className="card narrow" aria-labelledby="sign-up-title">
      <h1 id="sign-up-title">Create an account</h1>
      {error !== undefined && <Alert kind="error">{error}</Alert>}
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Field
          label="Username"
          name="username"
          autoComplete="username"
          hint="3-32 characters: a-z, 0-9, _ . -"
          value={username}
          onChange={(event) => setUsername(event.target.value)}
          error={fieldErrors.username}
          required
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          hint="8-128 characters"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={fieldErrors.password}
          required
        />
        <button type="submit" disabled={isSubmitting}>
          {isSubmitting ? 'Creating…' : 'Sign up'}
        </button>
      </form>
      <p className="muted">
        Already have an account? <Link to="/sign-in">Sign in</Link>
      </p>
    </section>
  );
};
