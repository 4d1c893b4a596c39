import { randomBytes } from 'node:crypto';
import bcrypt from 'bcrypt';
import type { App } from '../app';
import type { RequestContext } from '../context';
import { findStaffBySignInEmail, findStaff } from './staff.repository';
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

  const staff = await findStaffBySignInEmail(ctx.em, email);
  const access = staff?.status === 'active' ? await loadStaffAccess(ctx.em, staff.id) : null;
  if (!staff || !access) {
    await bcrypt.compare(password, await dummyHash(app));
    await check.settle('failure');
    ctx.logger.info('sign-in refused');
    app.metrics.signInFailed('invalid_credentials');
    return new InvalidCredentialsError();
  }

  const staffId = staff.id;
  const userId = staff.user.id;
  const subject = { userId, companyId: access.companyId, ipAddress: clientAddressOf(ctx) };
  if (!(await bcrypt.compare(password, staff.user.password))) {
    await check.settle('failure');
    await recordPasswordAttempt(app, subject, 'failure');
    ctx.logger.info({ staffId }, 'sign-in refused');
    app.metrics.signInFailed('invalid_credentials');
    return new InvalidCredentialsError();
  }

  const secondFactor = await checkSecondFactor(
    app,
    { userId, mode: staff.user.twoFactorMode, key: staff.user.twoFactorKey ?? null },
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
      firstName: staff.firstName,
      lastName: staff.lastName,
      email: staff.email,
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
  const staff = await findStaff(ctx.em, identity.staffId);
  if (!staff) return null;
  return {
    id: identity.staffId,
    firstName: staff.firstName,
    lastName: staff.lastName,
    email: staff.email,
    permissions: [...identity.permissions].sort(),
  };
}
