import { useRef, useState, type FormEvent } from 'react';
import { ApiError, describeError, request, saveSession, type Session } from './api';
import { LoginDocument } from '../../src/generated/graphql';
import { time } from './format';

interface Props {
  /** Why the staff member is here again, e.g. their session ended. */
  notice: string | null;
  onSignedIn: (session: Session, permissions: readonly string[]) => void;
}

/** Email and password, then the one-time code when the service asks for one. */
export function SignIn({ notice, onSignedIn }: Props) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [otp, setOtp] = useState('');
  const [needsCode, setNeedsCode] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const codeField = useRef<HTMLInputElement>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { login } = await request(LoginDocument, {
        email,
        password,
        otp: needsCode ? otp.replace(/\s+/g, '') : null,
      });
      switch (login.__typename) {
        case 'LoginSuccess':
          saveSession({ token: login.token, email: login.staff.email });
          onSignedIn({ token: login.token, email: login.staff.email }, login.staff.permissions);
          return;
        case 'SecondFactorRequiredError':
          setNeedsCode(true);
          setError(needsCode ? 'The one-time code is not correct, or was already used.' : login.message);
          // After React has shown the field.
          setTimeout(() => codeField.current?.focus(), 0);
          break;
        case 'TooManyAttemptsError':
          setError(`Too many failed attempts. You can try again after ${time(login.retryAfter)}.`);
          break;
        default:
          setError(
            needsCode && login.errorCode === 'INVALID_CREDENTIALS'
              ? 'The email, password or one-time code is not correct.'
              : login.message,
          );
      }
    } catch (failure) {
      setError(failure instanceof ApiError ? describeError(failure) : String(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="sign-in">
      <h1>Staff console</h1>
      <p className="muted">Client erasure service</p>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <form onSubmit={submit} aria-labelledby="sign-in-title">
        <h2 id="sign-in-title">Sign in</h2>
        <label htmlFor="email">Email</label>
        <input
          id="email"
          type="email"
          autoComplete="username"
          required
          autoFocus
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <label htmlFor="password">Password</label>
        <input
          id="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        {needsCode && (
          <>
            <label htmlFor="otp">One-time code</label>
            <input
              id="otp"
              ref={codeField}
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9 ]{6,8}"
              required
              aria-describedby="otp-help"
              value={otp}
              onChange={(e) => setOtp(e.target.value)}
            />
            <p id="otp-help" className="muted">
              The six-digit code your authenticator app shows now.
            </p>
          </>
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          Sign in
        </button>
      </form>
    </main>
  );
}
