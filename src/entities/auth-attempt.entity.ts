import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';

export const AUTH_ATTEMPT_RESULTS = ['pending', 'failure', 'success', 'refused'] as const;
export type AuthAttemptResult = (typeof AUTH_ATTEMPT_RESULTS)[number];

/**
 * One password check, for the lockout (service table, not Blesta's). Counted per keyed hash of the
 * sign-in email, whether or not such a user exists: no email in clear and no foreign key, so the
 * table neither identifies anyone nor outlives a deleted client's data in any readable form, and it
 * stays outside the client graph. A row is written `pending` before the password is compared and
 * settled afterwards; `refused` rows were turned away by the lockout and never compared. Rows older
 * than an hour are pruned on the way.
 */
@Entity({ tableName: 'auth_attempts' })
@Index({ properties: ['subjectHash', 'result', 'attemptedAt'] })
@Index({ properties: ['attemptedAt'] })
export class AuthAttempt {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  /** HMAC-SHA256 (hex) of the trimmed, lower-cased email. */
  @Property({ columnType: 'char(64)' })
  subjectHash!: string;

  @Property({ type: 'datetime' })
  attemptedAt!: Date;

  @Enum({ items: () => AUTH_ATTEMPT_RESULTS })
  result!: AuthAttemptResult;
}
