import bcrypt from 'bcrypt';
import type { App } from '../app';
import type { RequestContext } from '../context';
import { LogUser } from '../entities/log-user.entity';
import { User } from '../entities/user.entity';
import { unauthenticatedError } from '../graphql/errors';
import { InvalidPasswordError, TooManyAttemptsError } from '../schema/errors';
import { clientAddressOf } from './client-address';

/** Failed checks that lock a user's password checks… */
export const LOCKOUT_THRESHOLD = 5;
/** …when they all fall within this window… */
export const LOCKOUT_WINDOW_MS = 15 * 60 * 1000;
/** …for this long after the last of them. */
export const LOCKOUT_DURATION_MS = 15 * 60 * 1000;

/** Whose password is checked, and what the authentication log records about the attempt. */
export interface PasswordSubject {
  readonly userId: number;
  readonly companyId: number;
  readonly ipAddress: string;
}

export type PasswordCheckOutcome =
  { result: 'ok' } | { result: 'invalid' } | { result: 'locked'; retryAfter: Date };

/**
 * When the user's password checks are allowed again, or null when they are not locked.
 *
 * The counter is the `log_users` table itself, so every process on the database shares it. Only
 * failures after the last success count (by row id, which orders attempts even when two share a
 * timestamp). A lock starts when the latest failures reach the threshold within the window and
 * ends LOCKOUT_DURATION_MS after the last of them; no attempt is recorded while it holds, so the
 * latest failures are always the ones that started it.
 */
export async function lockedUntil(app: App, userId: number): Promise<Date | null> {
  const em = app.orm.em.fork();
  const lastSuccess = await em.findOne(
    LogUser,
    { user: userId, result: 'success' },
    { orderBy: { id: 'desc' }, fields: ['id'] },
  );
  const failures = await em.find(
    LogUser,
    { user: userId, result: 'failure', ...(lastSuccess ? { id: { $gt: lastSuccess.id } } : {}) },
    { orderBy: { id: 'desc' }, limit: LOCKOUT_THRESHOLD, fields: ['dateAdded'] },
  );
  if (failures.length < LOCKOUT_THRESHOLD) return null;
  const times = failures.map((f) => f.dateAdded.getTime());
  const newest = Math.max(...times);
  if (newest - Math.min(...times) >= LOCKOUT_WINDOW_MS) return null;
  const until = newest + LOCKOUT_DURATION_MS;
  return app.clock.now().getTime() < until ? new Date(until) : null;
}

/**
 * Records one password check in `log_users` through its own EntityManager, outside any
 * transaction of the caller: a failed attempt must count even when the caller's work rolls back.
 */
export async function recordPasswordAttempt(
  app: App,
  subject: PasswordSubject,
  result: 'success' | 'failure',
): Promise<void> {
  const now = app.clock.now();
  await app.orm.em.fork().insert(LogUser, {
    user: subject.userId,
    company: subject.companyId,
    ipAddress: subject.ipAddress,
    dateAdded: now,
    dateUpdated: now,
    result,
  });
}

/**
 * Checks a password against a bcrypt hash under the lockout rules: refuses without comparing while
 * the user is locked, and records the outcome of every comparison.
 */
export async function checkPassword(
  app: App,
  subject: PasswordSubject,
  password: string,
  hash: string,
): Promise<PasswordCheckOutcome> {
  const retryAfter = await lockedUntil(app, subject.userId);
  if (retryAfter) return { result: 'locked', retryAfter };
  const matches = await bcrypt.compare(password, hash);
  await recordPasswordAttempt(app, subject, matches ? 'success' : 'failure');
  return matches ? { result: 'ok' } : { result: 'invalid' };
}

/**
 * Re-checks the signed-in staff member's own password, e.g. to confirm a deletion. Failures count
 * towards the same lockout as sign-in.
 *
 * The attempt is written in a separate unit of work on its own connection. Call this *before*
 * opening a transaction: on SQLite there is a single connection, and the write would wait for the
 * caller's transaction to finish.
 *
 * @throws GraphQLError UNAUTHENTICATED when nobody is signed in.
 */
export async function verifyStaffPassword(
  ctx: RequestContext,
  password: string,
): Promise<'ok' | InvalidPasswordError | TooManyAttemptsError> {
  const staff = ctx.staff;
  if (!staff) throw unauthenticatedError();
  const user = await ctx.app.orm.em.fork().findOne(User, staff.userId, { fields: ['password'] });
  if (!user) throw unauthenticatedError();
  const subject = { userId: staff.userId, companyId: staff.companyId, ipAddress: clientAddressOf(ctx) };
  const outcome = await checkPassword(ctx.app, subject, password, user.password);
  if (outcome.result === 'locked') {
    ctx.logger.warn({ staffId: staff.staffId }, 'password check refused: too many failed attempts');
    return new TooManyAttemptsError(outcome.retryAfter);
  }
  if (outcome.result === 'invalid') {
    ctx.logger.info({ staffId: staff.staffId }, 'password check failed');
    return new InvalidPasswordError();
  }
  return 'ok';
}
