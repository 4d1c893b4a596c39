import { randomBytes } from 'node:crypto';
import bcrypt from 'bcrypt';
import type { App } from '../app';
import type { RequestContext } from '../context';
import { EmSqlRunner } from '../db/sql-runner';
import { sql } from '../deletion/sql';
import type { User } from '../entities/user.entity';
import {
  InvalidCredentialsError,
  SecondFactorRequiredError,
  SecondFactorUnsupportedError,
  TooManyAttemptsError,
} from '../schema/errors';
import { clientAddressOf } from './client-address';
import { recordPasswordAttempt, reservePasswordCheck } from './password-check.service';
import { checkSecondFactor } from './second-factor';
import { createSession, endSession, type IssuedSession } from './session.service';
import { loadStaffAccess } from './staff-access';

/** A staff member as the API shows them. */
export interface StaffProfile {
  readonly id: number;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly permissions: readonly string[];
}

export interface SignedIn {
  readonly session: IssuedSession;
  readonly staff: StaffProfile;
}

export type LoginOutcome =
  | SignedIn
  | InvalidCredentialsError
  | TooManyAttemptsError
  | SecondFactorRequiredError
  | SecondFactorUnsupportedError;

interface StaffRow {
  id: number;
  user_id: number;
  first_name: string;
  last_name: string;
  email: string;
  status: string;
  password: string;
  two_factor_mode: User['twoFactorMode'];
  two_factor_key: string | null;
}

// One per app, so its cost matches the configured bcrypt rounds of real hashes.
const dummyHashes = new WeakMap<App, Promise<string>>();

/**
 * A hash no password matches, compared when the email is unknown so that an unknown email costs
 * the same bcrypt work as a wrong password and sign-in timing does not reveal which emails exist.
 */
function dummyHash(app: App): Promise<string> {
  let hash = dummyHashes.get(app);
  if (!hash) {
    hash = bcrypt.hash(randomBytes(32).toString('hex'), app.config.bcryptRounds);
    dummyHashes.set(app, hash);
  }
  return hash;
}

/**
 * Signs a staff member in.
 *
 * The lockout is asked first, under a keyed hash of the email, before anything is looked up: a
 * locked name gets TooManyAttemptsError without a comparison, and an unknown email is counted,
 * locked and answered exactly like a real one. Unknown emails, inactive staff, staff in no group
 * and wrong passwords all give the same InvalidCredentialsError after the same bcrypt work.
 *
 * Staff with two-factor sign-in (TOTP) also give the current code of their authenticator app as
 * `otp`. Only after the right password: no code gives SecondFactorRequiredError, a wrong, stale or
 * already used code InvalidCredentialsError (a wrong code is a wrong credential), and Blesta's
 * mOTP, which this service does not implement, SecondFactorUnsupportedError. Each of these counts
 * as a failed attempt: only a complete sign-in is a success, and only a success resets the count.
 */
export async function login(
  ctx: RequestContext,
  email: string,
  password: string,
  otp?: string | null,
): Promise<LoginOutcome> {
  const { app } = ctx;
  const check = await reservePasswordCheck(app, email);
  if (!check.granted) {
    ctx.logger.warn('sign-in refused: too many failed attempts');
    app.metrics.lockedOut('sign_in');
    return new TooManyAttemptsError(check.retryAfter);
  }

  const runner = new EmSqlRunner(ctx.em, app.driver);
  // LOWER on both sides: MariaDB's collation ignores case, SQLite's does not.
  const [row] = await runner.rows<StaffRow>(sql`
    SELECT st.id AS id, st.user_id AS user_id, st.first_name AS first_name, st.last_name AS last_name,
           st.email AS email, st.status AS status, u.password AS password,
           u.two_factor_mode AS two_factor_mode, u.two_factor_key AS two_factor_key
      FROM staff st
      JOIN users u ON u.id = st.user_id
     WHERE LOWER(st.email) = LOWER(${email.trim()})
     ORDER BY st.id
     LIMIT 1
  `);
  const access =
    row && row.status === 'active' ? await loadStaffAccess(ctx.em, app.driver, Number(row.id)) : null;
  if (!row || !access) {
    await bcrypt.compare(password, await dummyHash(app));
    await check.settle('failure');
    ctx.logger.info('sign-in refused');
    app.metrics.signInFailed('invalid_credentials');
    return new InvalidCredentialsError();
  }

  const staffId = Number(row.id);
  const userId = Number(row.user_id);
  const subject = { userId, companyId: access.companyId, ipAddress: clientAddressOf(ctx) };
  if (!(await bcrypt.compare(password, row.password))) {
    await check.settle('failure');
    await recordPasswordAttempt(app, subject, 'failure');
    ctx.logger.info({ staffId }, 'sign-in refused');
    app.metrics.signInFailed('invalid_credentials');
    return new InvalidCredentialsError();
  }

  const secondFactor = await checkSecondFactor(
    app,
    { userId, mode: row.two_factor_mode, key: row.two_factor_key },
    otp,
    () => ctx.logger.error({ staffId }, 'two-factor key unusable: this staff member cannot sign in'),
  );
  if (secondFactor !== 'ok') {
    await check.settle('failure');
    await recordPasswordAttempt(app, subject, 'failure');
    ctx.logger.info({ staffId, secondFactor }, 'sign-in refused: second factor');
    if (secondFactor === 'required') {
      app.metrics.signInFailed('second_factor_required');
      return new SecondFactorRequiredError();
    }
    if (secondFactor === 'unsupported') {
      app.metrics.signInFailed('second_factor_unsupported');
      return new SecondFactorUnsupportedError();
    }
    app.metrics.signInFailed('invalid_credentials');
    return new InvalidCredentialsError();
  }

  await check.settle('success');
  await recordPasswordAttempt(app, subject, 'success');

  const session = await createSession(app, ctx.em, userId);
  ctx.logger.info({ staffId }, 'signed in');
  return {
    session,
    staff: {
      id: staffId,
      firstName: row.first_name,
      lastName: row.last_name,
      email: row.email,
      permissions: [...access.permissions].sort(),
    },
  };
}

/** Ends this request's session. */
export async function logout(ctx: RequestContext): Promise<void> {
  await endSession(ctx);
  ctx.logger.info({ staffId: ctx.staff?.staffId }, 'signed out');
}

/** The signed-in staff member, or null. */
export async function currentStaff(ctx: RequestContext): Promise<StaffProfile | null> {
  const identity = ctx.staff;
  if (!identity) return null;
  const [row] = await new EmSqlRunner(ctx.em, ctx.app.driver).rows<Omit<StaffRow, 'password'>>(sql`
    SELECT id, user_id, first_name, last_name, email, status FROM staff WHERE id = ${identity.staffId}
  `);
  if (!row) return null;
  return {
    id: identity.staffId,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    permissions: [...identity.permissions].sort(),
  };
}
