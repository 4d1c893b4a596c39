import { setTimeout as sleep } from 'node:timers/promises';
import { DeadlockException, LockWaitTimeoutException } from '@mikro-orm/core';
import type { Logger } from 'pino';
import type { ServiceMetrics } from '../metrics';

// Retrying what the database asks to retry (SPEC 2.3 "Retried"). A write transaction is run by a
// function that opens it; when the database refuses it with a deadlock it is run again as a whole,
// a bounded number of times with jittered exponential backoff, and then the caller gets
// DatabaseBusyError (answered as the thrown, retryable DATABASE_BUSY). What is retried must be the
// whole transaction and nothing outside it: a password comparison, a one-time code or a lockout
// reservation made before the transaction is never repeated.

/** MariaDB's ER_LOCK_DEADLOCK: an InnoDB deadlock, and a Galera certification conflict. */
export const ER_LOCK_DEADLOCK = 1213;
/** MariaDB's ER_LOCK_WAIT_TIMEOUT: a lock waited for longer than innodb_lock_wait_timeout. */
export const ER_LOCK_WAIT_TIMEOUT = 1205;

/**
 * Why the database refused a transaction in a way that a later attempt may get through:
 *
 * - `deadlock` — InnoDB chose this transaction as a deadlock victim, or (on Galera) another node's
 *   transaction on the same rows was certified first: "Deadlock found when trying to get lock; try
 *   restarting transaction", errno 1213, at a statement or at COMMIT. The transaction was rolled
 *   back whole and the rows it conflicted with have moved on, so running it again is what the
 *   database asks for, and it usually succeeds at once. Retried.
 * - `lock_wait_timeout` — errno 1205: a lock was awaited for innodb_lock_wait_timeout (50 s by
 *   default). Answered as busy, but **not retried here**: the request has already waited that long
 *   for a transaction that is still holding the lock (a large deletion sharing a row), so each
 *   retry would most likely wait as long again, holding the caller's request for minutes, past any
 *   load balancer's timeout. The caller is told to try again later instead. (MariaDB rolls back
 *   only the timed-out statement; the transaction around it is rolled back by the ORM as the error
 *   leaves it, so nothing is half done either.)
 */
export type BusyReason = 'deadlock' | 'lock_wait_timeout';

/**
 * The busy reason carried by an error, or null for any other error. Looks through the ORM's
 * exception classes and the driver's `errno` along the cause chain: a conflict found at COMMIT
 * reaches the caller as the driver's own error, which MikroORM does not convert.
 */
export function busyReasonOf(error: unknown): BusyReason | null {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && typeof current === 'object' && current !== null; depth++) {
    if (current instanceof DeadlockException) return 'deadlock';
    if (current instanceof LockWaitTimeoutException) return 'lock_wait_timeout';
    const errno = (current as { errno?: unknown }).errno;
    if (errno === ER_LOCK_DEADLOCK) return 'deadlock';
    if (errno === ER_LOCK_WAIT_TIMEOUT) return 'lock_wait_timeout';
    const next = current as { cause?: unknown; previous?: unknown };
    current = next.cause ?? next.previous;
  }
  return null;
}

/** How often and how patiently a transaction is retried. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly attempts: number;
  /** Backoff before the first retry; doubled before each further one… */
  readonly baseDelayMs: number;
  /** …up to this. */
  readonly maxDelayMs: number;
}

/**
 * Four attempts, waiting about 25–50, 50–100 and 100–200 ms in between: a conflict between two
 * requests is over as soon as the winner commits, so the loser's second attempt normally passes,
 * and even the fourth ends well within a second of the first failure.
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 4, baseDelayMs: 50, maxDelayMs: 1000 };

/**
 * The pause before retry number `retry` (1 for the first): exponential, with "equal jitter" — a
 * random point in the upper half of the window — so two transactions that conflicted once do not
 * start again in lockstep, and no retry starts at once.
 */
export function backoffDelayMs(
  retry: number,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  random = Math.random,
) {
  const window = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return window / 2 + (random() * window) / 2;
}

/**
 * The database kept refusing the transaction (SPEC 3, `DATABASE_BUSY`): every attempt was rolled
 * back, nothing was changed, and the caller may try again. Its message names no SQL; the last
 * refusal is its `cause`, for the logs.
 */
export class DatabaseBusyError extends Error {
  override name = 'DatabaseBusyError';

  constructor(
    /** What was being written, e.g. `deletion` (a metrics label: a fixed word, never input). */
    readonly operation: string,
    readonly reason: BusyReason,
    /** Attempts made. */
    readonly attempts: number,
    options: { cause: unknown },
  ) {
    super(
      `${operation}: the database refused ${attempts} attempt(s) (${reason}); nothing was changed`,
      options,
    );
  }
}

export interface RetryEvent {
  readonly operation: string;
  /** The attempt that failed (1 for the first). */
  readonly attempt: number;
  readonly reason: BusyReason;
  readonly error: unknown;
}

export interface RetryOptions {
  policy?: RetryPolicy;
  /** Told before each retry, with the pause it is about to take. */
  onRetry?(event: RetryEvent & { delayMs: number }): void;
  /** Told once when the attempts are over (or the refusal is not one to retry). */
  onGiveUp?(event: RetryEvent): void;
  /** For tests: the pause, and the jitter's random source. */
  sleep?(ms: number): Promise<unknown>;
  random?(): number;
}

/**
 * Runs `work` — a function that opens, runs and commits one whole transaction, e.g.
 * `() => em.fork().transactional(...)` — and runs it again when the database refuses it with a
 * deadlock or a cluster certification conflict, up to `policy.attempts` times in all, with
 * jittered exponential backoff. Then, or at once for a lock wait timeout, throws DatabaseBusyError
 * with the last refusal as its cause. Any other error is passed on unchanged, at once.
 *
 * `work` receives the attempt number (1, 2, …). It must start from scratch each time: a fresh
 * EntityManager fork (a failed attempt's identity map holds rows that were never written), no
 * state carried over from the failed attempt, and nothing done outside the transaction that must
 * not happen twice.
 */
export async function retryTransaction<T>(
  operation: string,
  work: (attempt: number) => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const policy = options.policy ?? DEFAULT_RETRY_POLICY;
  const pause = options.sleep ?? sleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work(attempt);
    } catch (error) {
      const reason = busyReasonOf(error);
      if (!reason) throw error;
      const event: RetryEvent = { operation, attempt, reason, error };
      if (reason !== 'deadlock' || attempt >= policy.attempts) {
        options.onGiveUp?.(event);
        throw new DatabaseBusyError(operation, reason, attempt, { cause: error });
      }
      const delayMs = backoffDelayMs(attempt, policy, options.random);
      options.onRetry?.({ ...event, delayMs });
      await pause(delayMs);
    }
  }
}

/**
 * The writes that are retried, as they are named in the logs and in the `operation` label of the
 * retry metrics (a fixed list, so the label's values stay few).
 */
export type RetriedOperation =
  /** deleteClient's transaction (wired by the deletion engine). */
  | 'deletion'
  /** The lockout's reservation and settlement of a password check (`auth_attempts`). */
  | 'sign_in_attempt'
  /** Blesta's authentication log (`log_users`). */
  | 'auth_log'
  /** Opening and ending sessions. */
  | 'session'
  /** Using up a one-time code (`user_otps`). */
  | 'one_time_code'
  /** The outbox's claims and their outcome. */
  | 'outbox';

/** What {@link withRetry} reports to: the app's metrics and logger. */
export interface RetryReporting {
  readonly metrics: ServiceMetrics;
  readonly logger: Logger;
}

/**
 * {@link retryTransaction} with the app's reporting: each retry counted in
 * `client_erasure_db_retries_total` and logged at debug, giving up counted in
 * `client_erasure_db_busy_total` and logged as a warning (the error's number, never its SQL).
 *
 * @example
 *   const outcome = await withRetry(app, 'deletion', () => em.fork().transactional(async (tx) => …));
 */
export function withRetry<T>(
  app: RetryReporting,
  operation: RetriedOperation,
  work: (attempt: number) => Promise<T>,
  options: Omit<RetryOptions, 'onRetry' | 'onGiveUp'> = {},
): Promise<T> {
  return retryTransaction(operation, work, {
    ...options,
    onRetry(event) {
      app.metrics.retried(operation, event.reason);
      app.logger.debug(
        { operation, attempt: event.attempt, reason: event.reason, delayMs: Math.round(event.delayMs) },
        'database refused a transaction; retrying it',
      );
    },
    onGiveUp(event) {
      app.metrics.databaseBusy(operation, event.reason);
      app.logger.warn(
        { operation, attempts: event.attempt, reason: event.reason, errno: errnoOf(event.error) },
        'database kept refusing a transaction; answered DATABASE_BUSY',
      );
    },
  });
}

function errnoOf(error: unknown): number | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && typeof current === 'object' && current !== null; depth++) {
    const errno = (current as { errno?: unknown }).errno;
    if (typeof errno === 'number') return errno;
    const next = current as { cause?: unknown; previous?: unknown };
    current = next.cause ?? next.previous;
  }
  return undefined;
}
