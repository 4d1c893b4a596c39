import type { IsolationLevel } from '@mikro-orm/core';
import type { Knex } from '@mikro-orm/knex';
import type { Logger } from 'pino';
import { sql, type Sql } from './sql';
import { driverOf, type Em, type Orm } from './orm';

// MariaDB Galera clusters (SPEC 7). What the service does differently on a Galera node:
// - a large write transaction (the deletion) streams its write set to the other nodes in fragments
//   (streaming replication), so that a million-row deletion neither exceeds wsrep_max_ws_size nor
//   makes the whole cluster wait while one huge write set is certified and applied at commit;
// - reads that must see everything the cluster has committed (the lockout's count, the session
//   behind a token, the start of a deletion) first wait until this node has applied it
//   (wsrep_sync_wait): Galera applies other nodes' commits asynchronously;
// - /readyz also asks whether the node is a synced member of the primary component.
// Galera does not replicate explicit table locks, GET_LOCK() or non-InnoDB tables; the service uses
// none of them (docs/operations.md#galera). Temporary tables are never replicated and need not be:
// the deletion's staging tables live and die in its own session.

/** MariaDB's ER_UNKNOWN_SYSTEM_VARIABLE: MySQL, or MariaDB built without wsrep. */
const ER_UNKNOWN_SYSTEM_VARIABLE = 1193;
/** ER_WRONG_VALUE_FOR_VAR: e.g. streaming replication on a Galera 3 provider. */
const ER_WRONG_VALUE_FOR_VAR = 1231;

interface PoolState {
  /** Whether the server is a Galera node; settled once per pool. */
  galera?: Promise<boolean>;
  /** Set when the node refused streaming replication: large transactions then run without it. */
  streamingRefused?: boolean;
}

// One entry per ORM, i.e. per connection pool: every connection of a pool goes to the same server.
const pools = new WeakMap<Orm, PoolState>();

function stateOf(orm: Orm): PoolState {
  let state = pools.get(orm);
  if (!state) {
    state = {};
    pools.set(orm, state);
  }
  return state;
}

/**
 * Whether the ORM's database is a Galera node: `wsrep_on` is ON and a provider is loaded. Asked
 * once per pool. A plain MariaDB server (wsrep_on OFF, or no provider) and MySQL (no such
 * variable) answer false; SQLite is never one. A failure to ask (the server is unreachable) is
 * passed on and the question is asked again next time.
 */
export function isGaleraNode(orm: Orm): Promise<boolean> {
  if (driverOf(orm) !== 'mysql') return Promise.resolve(false);
  const state = stateOf(orm);
  state.galera ??= orm.em
    .fork()
    .execute<{ wsrep_on: number | string | null; provider: string | null }[]>(
      'SELECT @@wsrep_on AS wsrep_on, @@wsrep_provider AS provider',
    )
    .then(([row]) => Number(row?.wsrep_on) === 1 && !!row?.provider && row.provider !== 'none')
    .catch((error: { errno?: number }) => {
      if (error.errno === ER_UNKNOWN_SYSTEM_VARIABLE) return false;
      state.galera = undefined;
      throw error;
    });
  return state.galera;
}

/**
 * The query, made to wait until this node has applied every write-set the cluster committed
 * before it started (`wsrep_sync_wait = 1`, for this statement only). Use it where a read must not
 * miss what was just committed through another node. Only on a Galera node (see {@link
 * isGaleraNode}); elsewhere run the query as it is.
 */
export function syncWaitSql(query: Sql): Sql {
  return sql`SET STATEMENT wsrep_sync_wait = 1 FOR ${query}`;
}

/** `query` as is, or waiting for the cluster on a Galera node (see {@link syncWaitSql}). */
export async function latestSql(orm: Orm, query: Sql): Promise<Sql> {
  return (await isGaleraNode(orm)) ? syncWaitSql(query) : query;
}

/** What a large transaction needs of the app. */
export interface LargeTransactionApp {
  readonly orm: Orm;
  readonly logger: Logger;
  readonly config: { readonly galeraFragmentRows: number };
}

export interface LargeTransactionOptions {
  isolationLevel?: IsolationLevel;
  /**
   * On a Galera node, wait before the transaction starts until the node has applied everything the
   * cluster committed (default true): its first read — the client row under lock — then sees a
   * twin deletion committed through another node a moment ago, instead of conflicting with it at
   * commit.
   */
  latest?: boolean;
}

/** The bits of a pooled mysql2 connection used here (knex lends the driver's own connection). */
interface PooledConnection {
  query(sql: string, callback: (error: Error | null) => void): void;
  destroy(): void;
}

/**
 * Runs `work` in one transaction, like `em.fork().transactional(work, options)`, made ready for a
 * large write on a Galera node:
 *
 * - the transaction runs on a connection of its own, taken from the pool for the duration;
 * - before BEGIN, the session is set to streaming replication: `wsrep_trx_fragment_unit = 'rows'`,
 *   `wsrep_trx_fragment_size = GALERA_FRAGMENT_ROWS` (default 10,000; 0 turns it off), so the
 *   write set is certified and replicated every that many rows instead of all at once at commit;
 * - before BEGIN, with `latest`, the node catches up with the cluster (`wsrep_sync_wait`);
 * - after COMMIT or ROLLBACK — whichever way the transaction ended, outside it — the session is
 *   reset (`wsrep_trx_fragment_size = 0`) before the connection goes back to the pool, so no other
 *   request inherits the setting. Should the reset fail, the connection is closed instead of
 *   returned: the pool then opens a fresh one.
 *
 * Elsewhere (plain MariaDB, MySQL, SQLite) it is exactly `em.fork().transactional(work, options)`.
 * `work` gets a fork of `em` bound to the transaction; it is flushed before COMMIT, as
 * `transactional` does. Errors reach the caller as `transactional` passes them (a conflict at
 * COMMIT as the driver's error with errno 1213): wrap the call in `withRetry` to retry it.
 */
export async function largeTransaction<T>(
  app: LargeTransactionApp,
  em: Em,
  work: (em: Em) => Promise<T>,
  options: LargeTransactionOptions = {},
): Promise<T> {
  const { isolationLevel } = options;
  if (!(await isGaleraNode(app.orm))) return em.fork().transactional(work, { isolationLevel });

  const state = stateOf(app.orm);
  const fragmentRows = state.streamingRefused ? 0 : app.config.galeraFragmentRows;
  const knex: Knex = em.getKnex('write');
  const connection = (await knex.client.acquireConnection()) as PooledConnection;
  let streaming = false;
  try {
    if (fragmentRows > 0) {
      try {
        await run(
          connection,
          `SET SESSION wsrep_trx_fragment_unit = 'rows', wsrep_trx_fragment_size = ${Math.floor(fragmentRows)}`,
        );
        streaming = true;
      } catch (error) {
        if ((error as { errno?: number }).errno !== ER_WRONG_VALUE_FOR_VAR) throw error;
        // A provider without streaming replication (Galera 3): run as one write set, say so once.
        state.streamingRefused = true;
        app.logger.warn(
          { err: error },
          'this Galera node refuses streaming replication: large transactions replicate at commit',
        );
      }
    }
    if (options.latest ?? true) await run(connection, 'SET STATEMENT wsrep_sync_wait = 1 FOR SELECT 1');

    const trx = await knex.transaction(null, { connection, isolationLevel });
    const fork = em.fork();
    fork.setTransactionContext(trx);
    try {
      const result = await work(fork);
      await fork.flush();
      // As MikroORM commits: knex reports a failed COMMIT through executionPromise.
      void trx.commit();
      await trx.executionPromise;
      return result;
    } catch (error) {
      if (!trx.isCompleted()) await trx.rollback().catch(() => undefined);
      throw error;
    } finally {
      fork.resetTransactionContext();
    }
  } finally {
    let reusable = true;
    if (streaming) {
      reusable = await run(
        connection,
        'SET SESSION wsrep_trx_fragment_size = 0, wsrep_trx_fragment_unit = DEFAULT',
      ).then(
        () => true,
        () => false,
      );
    }
    if (!reusable) connection.destroy();
    knex.client.releaseConnection(connection);
  }
}

function run(connection: PooledConnection, statement: string): Promise<void> {
  return new Promise((resolve, reject) =>
    connection.query(statement, (error) => (error ? reject(error) : resolve())),
  );
}

/** A Galera node's own view of whether it can serve. */
export interface NodeReadiness {
  readonly ready: boolean;
  /** wsrep_local_state_comment, e.g. `Synced`, `Joining`, `Donor/Desynced`, `Initialized`. */
  readonly state: string;
  /** wsrep_cluster_status: `Primary` when the node is part of the cluster's quorum. */
  readonly cluster: string;
}

/**
 * Whether this Galera node can serve: it accepts queries (`wsrep_ready`), belongs to the primary
 * component (the part of the cluster with quorum) and is Synced (neither still joining nor a
 * desynced donor behind the others). A node that lost the others answers `SELECT 1` but refuses
 * every table, so a plain ping is not enough. SHOW STATUS is answered in every state.
 */
export async function nodeReadiness(orm: Orm): Promise<NodeReadiness> {
  const rows = await orm.em
    .fork()
    .execute<{ Variable_name: string; Value: string }[]>(
      "SHOW GLOBAL STATUS WHERE Variable_name IN ('wsrep_ready', 'wsrep_cluster_status', 'wsrep_local_state_comment')",
    );
  const status = new Map(rows.map((r) => [r.Variable_name.toLowerCase(), String(r.Value)]));
  const state = status.get('wsrep_local_state_comment') ?? 'unknown';
  const cluster = status.get('wsrep_cluster_status') ?? 'unknown';
  const ready = status.get('wsrep_ready') === 'ON' && cluster === 'Primary' && state === 'Synced';
  return { ready, state, cluster };
}
