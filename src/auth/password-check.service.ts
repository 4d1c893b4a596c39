import bcrypt from 'bcrypt';
import type { App } from '../app';
import type { RequestContext } from '../context';
import { withRetry } from '../db/retry';
import { LogUser } from '../entities/log-user.entity';
import { unauthenticatedError } from '../graphql/errors';
import { InvalidPasswordError, TooManyAttemptsError } from '../schema/errors';
import {
  countedAttempts,
  insertAttempt,
  pruneAttempts,
  settleAttempt,
  type CountedAttempt,
} from './auth-attempts';
import { clientAddressOf } from './client-address';
import { findStaffWithSignIn } from './staff.repository';

/** Failed checks that lock a sign-in name's password checks… */
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

/** A password check the lockout let through. Settle it once, with what the comparison decided. */
export interface GrantedCheck {
  readonly granted: true;
  settle(result: 'success' | 'failure'): Promise<void>;
}

export interface RefusedCheck {
  readonly granted: false;
  /** When checks for this sign-in name are allowed again. */
  readonly retryAfter: Date;
}

/**
 * When the counted attempts lock their sign-in name, or null. `newestFirst` holds the times of the
 * newest attempts that count (failed or still in progress, after the last success), newest first.
 * A lock starts when LOCKOUT_THRESHOLD of them fall within LOCKOUT_WINDOW_MS and ends
 * LOCKOUT_DURATION_MS after the newest; refused attempts are not counted, so knocking on a locked
 * door does not keep it locked.
 */
export function lockedUntil(newestFirst: readonly Date[], now: Date): Date | null {
  if (newestFirst.length < LOCKOUT_THRESHOLD) return null;
  const newest = newestFirst[0].getTime();
  const oldest = newestFirst[LOCKOUT_THRESHOLD - 1].getTime();
  if (newest - oldest >= LOCKOUT_WINDOW_MS) return null;
  const until = newest + LOCKOUT_DURATION_MS;
  return now.getTime() < until ? new Date(until) : null;
}

/** How many counted attempts one decision reads at most: enough to see past a burst's reservations. */
const DECISION_ROWS = 100;

/** Pauses before reading again while later reservations of a burst are still undecided. */
const RECHECK_DELAYS_MS = [10, 25, 50, 100, 200];

/**
 * Asks the lockout for one password comparison under the email's keyed hash, whether or not such
 * a user exists. Call it before looking anything up, compare only when it is granted, and settle
 * the grant with the outcome.
 *
 * Atomic without locks, across processes and cluster nodes: the attempt is first written as
 * `pending` in its own committed statement (a reservation), and only then are the attempts that
 * count read back, this one excluded; reservations count like failures until settled. A check is
 * granted only when that read shows the name unlocked. Of any six granted checks, the one whose
 * read came last would have seen the other five reservations (committed before their own reads)
 * or their failures, all within the window, and been refused: so at most LOCKOUT_THRESHOLD
 * comparisons happen per name per window however many requests arrive at once, on however many
 * replicas.
 *
 * In a burst, a lock seen only because of reservations made *after* this one (higher ids, still
 * pending) is not final: those attempts are most likely about to be refused themselves, so the
 * read is repeated a few times, briefly, before refusing. The first attempts of a burst are then
 * the ones compared, and the bound above is untouched: every grant still rests on a read taken
 * after its own reservation committed. An attempt whose process dies before settling stays
 * `pending` and counts as a failure.
 */
export async function reservePasswordCheck(app: App, email: string): Promise<GrantedCheck | RefusedCheck> {
  const subject = app.signInHasher.subjectOf(email);
  const id = await insertAttempt(app, subject, app.clock.now());
  for (let round = 0; ; round += 1) {
    const now = app.clock.now();
    const since = new Date(now.getTime() - LOCKOUT_WINDOW_MS - LOCKOUT_DURATION_MS);
    const counted = await countedAttempts(app, subject, id, since, DECISION_ROWS);
    const retryAfter = lockedUntil(timesOf(counted), now);
    if (!retryAfter) return grant(app, id);
    // Locked even without the later reservations still in progress: final.
    const earlier = counted.filter((a) => a.result === 'failure' || a.id < id);
    const final = lockedUntil(timesOf(earlier), now) !== null;
    if (final || round === RECHECK_DELAYS_MS.length) {
      await settleAttempt(app, id, 'refused');
      return { granted: false, retryAfter };
    }
    await new Promise((resolve) => setTimeout(resolve, RECHECK_DELAYS_MS[round]));
  }
}

function timesOf(attempts: readonly CountedAttempt[]): Date[] {
  return attempts.map((a) => a.attemptedAt);
}

function grant(app: App, id: number): GrantedCheck {
  let settled = false;
  return {
    granted: true,
    async settle(result) {
      if (settled) throw new Error('a password check is settled once');
      settled = true;
      await settleAttempt(app, id, result);
      await pruneAttempts(app, app.clock.now());
    },
  };
}

/**
 * Records a password check of a known user in `log_users`, Blesta's authentication log, through its
 * own EntityManager so that it stays even when the caller's work rolls back. The lockout does not
 * read it.
 */
export async function recordPasswordAttempt(
  app: App,
  subject: PasswordSubject,
  result: 'success' | 'failure',
): Promise<void> {
  const now = app.clock.now();
  await withRetry(app, 'auth_log', () =>
    app.orm.em.fork().insert(LogUser, {
      user: subject.userId,
      company: subject.companyId,
      ipAddress: subject.ipAddress,
      dateAdded: now,
      dateUpdated: now,
      result,
    }),
  );
}

/**
 * Re-checks the signed-in staff member's own password, e.g. to confirm a deletion. It counts under
 * the same name as their sign-in (their email), towards the same lockout.
 *
 * The attempt is written through separate units of work on their own connections. Call this
 * *before* opening a transaction: on SQLite there is a single connection, and the writes would
 * wait for the caller's transaction to finish.
 *
 * @throws GraphQLError UNAUTHENTICATED when nobody is signed in.
 */
export async function verifyStaffPassword(
  ctx: RequestContext,
  password: string,
): Promise<'ok' | InvalidPasswordError | TooManyAttemptsError> {
  const staff = ctx.staff;
  if (!staff) throw unauthenticatedError();
  const { app } = ctx;
  const row = await findStaffWithSignIn(app.orm.em.fork(), staff.staffId);
  if (!row) throw unauthenticatedError();

  const check = await reservePasswordCheck(app, row.email);
  if (!check.granted) {
    ctx.logger.warn({ staffId: staff.staffId }, 'password check refused: too many failed attempts');
    app.metrics.lockedOut('deletion_confirmation');
    return new TooManyAttemptsError(check.retryAfter);
  }
  const matches = await bcrypt.compare(password, row.user.password);
  await check.settle(matches ? 'success' : 'failure');
  const subject = { userId: staff.userId, companyId: staff.companyId, ipAddress: clientAddressOf(ctx) };
  await recordPasswordAttempt(app, subject, matches ? 'success' : 'failure');
  if (!matches) {
    ctx.logger.info({ staffId: staff.staffId }, 'password check failed');
    return new InvalidPasswordError();
  }
  return 'ok';
}
