import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { verify } from 'otplib';
import type { App } from '../app';
import { withRetry } from '../db/retry';
import { UserOtp } from '../entities/user-otp.entity';
import type { User } from '../entities/user.entity';

/** TOTP as authenticator apps do it (RFC 6238): SHA-1, six digits, a new code every 30 seconds. */
export const TOTP_STEP_SECONDS = 30;
/**
 * Clock drift allowed between the authenticator and the service: the codes of the previous and
 * the next step are accepted too.
 */
export const TOTP_TOLERANCE_SECONDS = 30;
/**
 * How long a used code is remembered in `user_otps`. Far longer than any code stays acceptable
 * (about a minute and a half), so a replay is always caught; older rows are deleted on the way,
 * so the unique key never refuses a fresh code because it happened to be used weeks ago.
 */
export const USED_CODE_MEMORY_MS = 10 * 60 * 1000;

const CODE_SHAPE = /^\d{6}$/;

export type SecondFactorOutcome =
  /** No second factor, or the code was right and is now used up. */
  | 'ok'
  /** The user has TOTP on and no code was given. */
  | 'required'
  /** Wrong, stale, malformed or already used code; or a key that cannot produce codes. */
  | 'invalid'
  /** A mode this service does not implement (Blesta's mOTP). */
  | 'unsupported';

export interface SecondFactorUser {
  readonly userId: number;
  readonly mode: User['twoFactorMode'];
  /** `users.two_factor_key`: the TOTP secret in base32, as authenticator apps take it. */
  readonly key: string | null;
}

/**
 * Checks the second factor of a user whose password was right. A right TOTP code is used up at
 * once by inserting it into `user_otps`, whose unique key on (user_id, otp) lets only one request
 * use it: on this process, on another replica or through another cluster node alike.
 *
 * @param onUnusableKey told (without the key) when the stored key cannot produce codes.
 */
export async function checkSecondFactor(
  app: App,
  user: SecondFactorUser,
  otp: string | null | undefined,
  onUnusableKey: () => void,
): Promise<SecondFactorOutcome> {
  if (user.mode === 'none') return 'ok';
  if (user.mode !== 'totp') return 'unsupported';
  const code = (otp ?? '').replace(/\s+/g, '');
  if (code === '') return 'required';
  if (!CODE_SHAPE.test(code)) return 'invalid';

  const now = app.clock.now();
  let valid: boolean;
  try {
    const result = await verify({
      // Authenticator apps show keys in groups and either case; base32 is upper case.
      secret: (user.key ?? '').replace(/[\s-]+/g, '').toUpperCase(),
      token: code,
      epoch: Math.floor(now.getTime() / 1000),
      period: TOTP_STEP_SECONDS,
      epochTolerance: TOTP_TOLERANCE_SECONDS,
    });
    valid = result.valid;
  } catch {
    // A missing, malformed or too short key. The error may quote the key: it is not passed on.
    onUnusableKey();
    return 'invalid';
  }
  if (!valid) return 'invalid';
  return (await useCode(app, user.userId, code, now)) ? 'ok' : 'invalid';
}

/**
 * Records the code as used; false when it was used before (a replay). Retried when the database
 * refuses the writes: two requests using the same code through different cluster nodes conflict at
 * certification (a deadlock error, not a duplicate key), and the loser's retry then finds the code
 * used. The code is verified once, before: a retry only repeats these writes.
 */
async function useCode(app: App, userId: number, code: string, now: Date): Promise<boolean> {
  return withRetry(app, 'one_time_code', async () => {
    const em = app.orm.em.fork();
    await em.nativeDelete(UserOtp, {
      user: userId,
      dateAdded: { $lt: new Date(now.getTime() - USED_CODE_MEMORY_MS) },
    });
    try {
      await em.insert(UserOtp, { user: userId, otp: code, dateAdded: now });
      return true;
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) return false;
      throw error;
    }
  });
}
