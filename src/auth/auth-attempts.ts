import { raw } from '@mikro-orm/core';
import type { App } from '../app';
import { latestSql } from '../db/galera';
import { withRetry } from '../db/retry';
import { Sql } from '../db/sql';
import { AuthAttempt, type AuthAttemptResult } from '../entities/auth-attempt.entity';

// Database access for the lockout's counter, `auth_attempts`. Every statement runs on a fresh
// fork of the app's EntityManager, outside any transaction of the caller, and commits on its own:
// a reservation must be visible to every other process before this one compares a password, and
// a failure must count even when the caller's work rolls back. The two writes are single
// statements, retried on their own when the database refuses them (a deadlock, or a conflict with
// another cluster node's prune): a refused insert wrote nothing, so its retry counts once.

/** Rows older than this are no use to any lockout decision and are deleted on the way. */
export const ATTEMPT_RETENTION_MS = 60 * 60 * 1000;

/** At most one prune per process per minute: a burst of attempts needs no burst of deletes. */
const PRUNE_INTERVAL_MS = 60 * 1000;

/** Writes a `pending` attempt under the subject and returns its id. Commits before returning. */
export async function insertAttempt(app: App, subjectHash: string, at: Date): Promise<number> {
  const id = await withRetry(app, 'sign_in_attempt', () =>
    app.orm.em.fork().insert(AuthAttempt, { subjectHash, attemptedAt: at, result: 'pending' }),
  );
  return Number(id);
}

/** Settles an attempt written by `insertAttempt`. */
export async function settleAttempt(
  app: App,
  id: number,
  result: Exclude<AuthAttemptResult, 'pending'>,
): Promise<void> {
  await withRetry(app, 'sign_in_attempt', () =>
    app.orm.em.fork().nativeUpdate(AuthAttempt, { id }, { result }),
  );
}

/** An attempt that counts against its subject: failed, or still in progress. */
export interface CountedAttempt {
  readonly id: number;
  readonly attemptedAt: Date;
  readonly result: 'pending' | 'failure';
}

/**
 * The newest attempts that count against the subject, newest first (at most `limit`): `pending`
 * and `failure` rows after its latest success (by id), attempted after `since`, other than the
 * attempt `exceptId`. Concurrent attempts' reservations are among them as soon as they committed.
 *
 * On a Galera node the read first waits until the node has applied every write-set the cluster
 * committed before it (`wsrep_sync_wait`), so a reservation committed through another node is
 * never missed.
 */
export async function countedAttempts(
  app: App,
  subjectHash: string,
  exceptId: number,
  since: Date,
  limit: number,
): Promise<CountedAttempt[]> {
  const em = app.orm.em.fork();
  const lastSuccess = em
    .createQueryBuilder(AuthAttempt, 's')
    .select(raw('max(s.id)'))
    .where({ subjectHash, result: 'success' });
  const counted = em
    .createQueryBuilder(AuthAttempt, 'a')
    .select(['a.id', 'a.attemptedAt', 'a.result'])
    .where({
      subjectHash,
      result: { $in: ['pending', 'failure'] },
      attemptedAt: { $gt: since },
      id: { $ne: exceptId, $gt: raw(`coalesce((${lastSuccess.getQuery()}), 0)`, lastSuccess.getParams()) },
    })
    .orderBy({ attemptedAt: 'desc', id: 'desc' })
    .limit(limit);
  // The query builder writes the SELECT, but cannot put MariaDB's per-statement setting in front of
  // it: the statement is sent as text, with the wait for the cluster on a Galera node (latestSql),
  // and its rows are mapped back to entities by the ORM.
  const query = await latestSql(app.orm, new Sql(counted.getQuery(), counted.getParams()));
  const rows = await em.execute<Record<string, unknown>[]>(query.text, [...query.params]);
  return rows.map((row) => {
    const attempt = em.map(AuthAttempt, row);
    return {
      id: attempt.id,
      attemptedAt: attempt.attemptedAt,
      result: attempt.result === 'pending' ? 'pending' : 'failure',
    };
  });
}

const pruned = new WeakMap<App, number>();

/**
 * Deletes attempts older than ATTEMPT_RETENTION_MS, set based, at most once a minute per process.
 * Best effort: a failure (e.g. two nodes pruning the same rows at once) is logged and left for the
 * next prune; it never fails the sign-in.
 */
export async function pruneAttempts(app: App, now: Date): Promise<void> {
  const last = pruned.get(app);
  if (last !== undefined && now.getTime() - last < PRUNE_INTERVAL_MS) return;
  pruned.set(app, now.getTime());
  try {
    await app.orm.em
      .fork()
      .nativeDelete(AuthAttempt, { attemptedAt: { $lt: new Date(now.getTime() - ATTEMPT_RETENTION_MS) } });
  } catch (error) {
    app.logger.warn({ errorName: (error as Error).name }, 'pruning old sign-in attempts failed');
  }
}
