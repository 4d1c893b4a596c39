import 'reflect-metadata';
import {
  DeadlockException,
  LockWaitTimeoutException,
  UniqueConstraintViolationException,
} from '@mikro-orm/core';
import { allow } from 'graphql-shield';
import { Query, Resolver } from 'type-graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app';
import type { DatabaseConfig } from '../src/config';
import { createOrm, type Orm } from '../src/db/orm';
import {
  DEFAULT_RETRY_POLICY,
  DatabaseBusyError,
  backoffDelayMs,
  busyReasonOf,
  retryTransaction,
  withRetry,
} from '../src/db/retry';
import { buildAppSchema } from '../src/graphql/schema';
import { createLogger } from '../src/logger';
import { ServiceMetrics } from '../src/metrics';
import { startServer, type RunningServer } from '../src/server';
import { createTestApp, LogCapture } from './support/app';
import { testDatabases } from './support/databases';
import { gql } from './support/http';

/** A refusal as MikroORM reports it for a statement: the driver's error, converted. */
function deadlock(): DeadlockException {
  const driverError = Object.assign(
    new Error('UPDATE t SET v = 1 - Deadlock found when trying to get lock; try restarting transaction'),
    { errno: 1213, code: 'ER_LOCK_DEADLOCK', sqlState: '40001' },
  );
  return new DeadlockException(driverError);
}

/** A certification conflict at COMMIT, as the driver reports it: not converted by MikroORM. */
function commitConflict(): Error {
  return Object.assign(
    new Error('COMMIT; - Deadlock found when trying to get lock; try restarting transaction'),
    { errno: 1213, code: 'ER_LOCK_DEADLOCK' },
  );
}

function lockWaitTimeout(): LockWaitTimeoutException {
  return new LockWaitTimeoutException(
    Object.assign(new Error('Lock wait timeout exceeded; try restarting transaction'), { errno: 1205 }),
  );
}

/** A transaction that is refused `times` times with `refusal`, then commits `result`. */
function refusedTimes<T>(times: number, refusal: () => Error, result: T) {
  const attempts: number[] = [];
  const work = async (attempt: number) => {
    attempts.push(attempt);
    if (attempts.length <= times) throw refusal();
    return result;
  };
  return { work, attempts };
}

function noPause() {
  const pauses: number[] = [];
  return { pauses, sleep: async (ms: number) => void pauses.push(ms) };
}

describe('busyReasonOf', () => {
  it("recognises MikroORM's deadlock and lock wait timeout exceptions", () => {
    expect(busyReasonOf(deadlock())).toBe('deadlock');
    expect(busyReasonOf(lockWaitTimeout())).toBe('lock_wait_timeout');
  });

  it("recognises the driver's errno 1213 of a conflict at COMMIT, also down the cause chain", () => {
    expect(busyReasonOf(commitConflict())).toBe('deadlock');
    expect(busyReasonOf(new Error('wrapped', { cause: commitConflict() }))).toBe('deadlock');
    expect(busyReasonOf(Object.assign(new Error('lock wait'), { errno: 1205 }))).toBe('lock_wait_timeout');
  });

  it('leaves every other error alone', () => {
    expect(busyReasonOf(new Error('boom'))).toBeNull();
    expect(busyReasonOf(Object.assign(new Error('duplicate'), { errno: 1062 }))).toBeNull();
    expect(busyReasonOf(new UniqueConstraintViolationException(new Error('duplicate')))).toBeNull();
    expect(busyReasonOf(undefined)).toBeNull();
    expect(busyReasonOf('1213')).toBeNull();
  });
});

describe('backoffDelayMs', () => {
  it('doubles from the base up to the maximum, in the upper half of each window', () => {
    const policy = { attempts: 10, baseDelayMs: 50, maxDelayMs: 300 };
    expect(backoffDelayMs(1, policy, () => 0)).toBe(25);
    expect(backoffDelayMs(1, policy, () => 1)).toBe(50);
    expect(backoffDelayMs(2, policy, () => 0)).toBe(50);
    expect(backoffDelayMs(3, policy, () => 0.5)).toBe(150);
    expect(backoffDelayMs(4, policy, () => 1)).toBe(300);
    expect(backoffDelayMs(9, policy, () => 1)).toBe(300);
  });

  it('differs between two transactions that failed together (jitter)', () => {
    const seen = new Set(Array.from({ length: 20 }, () => backoffDelayMs(1)));
    expect(seen.size).toBeGreaterThan(1);
  });
});

describe('retryTransaction', () => {
  it('runs a transaction refused twice by deadlocks a third time, and returns its result', async () => {
    const { work, attempts } = refusedTimes(2, deadlock, 'committed');
    const { pauses, sleep } = noPause();
    const retries: number[] = [];
    const result = await retryTransaction('deletion', work, {
      sleep,
      onRetry: (e) => retries.push(e.attempt),
    });
    expect(result).toBe('committed');
    expect(attempts).toEqual([1, 2, 3]);
    expect(retries).toEqual([1, 2]);
    expect(pauses).toHaveLength(2);
    expect(pauses[0]).toBeGreaterThanOrEqual(DEFAULT_RETRY_POLICY.baseDelayMs / 2);
    expect(pauses[0]).toBeLessThanOrEqual(DEFAULT_RETRY_POLICY.baseDelayMs);
    expect(pauses[1]).toBeGreaterThanOrEqual(DEFAULT_RETRY_POLICY.baseDelayMs);
    expect(pauses[1]).toBeLessThanOrEqual(DEFAULT_RETRY_POLICY.baseDelayMs * 2);
  });

  it('retries a certification conflict reported at COMMIT by the driver', async () => {
    const { work, attempts } = refusedTimes(1, commitConflict, 42);
    expect(await retryTransaction('deletion', work, noPause())).toBe(42);
    expect(attempts).toEqual([1, 2]);
  });

  it('gives up after four attempts with DatabaseBusyError, the last refusal as its cause', async () => {
    const { work, attempts } = refusedTimes(10, deadlock, 'never');
    const given: number[] = [];
    const error = await retryTransaction('deletion', work, {
      ...noPause(),
      onGiveUp: (e) => given.push(e.attempt),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseBusyError);
    const busy = error as DatabaseBusyError;
    expect(busy.attempts).toBe(4);
    expect(busy.reason).toBe('deadlock');
    expect(busy.operation).toBe('deletion');
    expect(busy.cause).toBeInstanceOf(DeadlockException);
    expect(busy.message).not.toMatch(/UPDATE|Deadlock found/);
    expect(attempts).toEqual([1, 2, 3, 4]);
    expect(given).toEqual([4]);
  });

  it('answers a lock wait timeout as busy at once, without waiting for the lock again', async () => {
    const { work, attempts } = refusedTimes(1, lockWaitTimeout, 'never');
    const error = await retryTransaction('deletion', work, noPause()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseBusyError);
    expect((error as DatabaseBusyError).reason).toBe('lock_wait_timeout');
    expect(attempts).toEqual([1]);
  });

  it('passes any other error on at once, unchanged', async () => {
    const failure = new Error('a plugin failed');
    const { work, attempts } = refusedTimes(1, () => failure, 'never');
    await expect(retryTransaction('deletion', work, noPause())).rejects.toBe(failure);
    expect(attempts).toEqual([1]);
  });

  it('honours a policy of fewer attempts', async () => {
    const { work, attempts } = refusedTimes(5, deadlock, 'never');
    await expect(
      retryTransaction('deletion', work, { ...noPause(), policy: { ...DEFAULT_RETRY_POLICY, attempts: 2 } }),
    ).rejects.toBeInstanceOf(DatabaseBusyError);
    expect(attempts).toEqual([1, 2]);
  });
});

describe('withRetry', () => {
  function reporting() {
    const log = new LogCapture();
    return { metrics: new ServiceMetrics(), logger: createLogger('debug', log.stream), log };
  }

  it('counts each retry, and the give-up, in the metrics and logs them without SQL', async () => {
    const app = reporting();
    const { work } = refusedTimes(1, deadlock, 'ok');
    await withRetry(app, 'session', work, { sleep: async () => undefined });
    const busy = refusedTimes(10, commitConflict, 'never');
    await expect(
      withRetry(app, 'deletion', busy.work, { sleep: async () => undefined }),
    ).rejects.toBeInstanceOf(DatabaseBusyError);
    const text = (await app.metrics.scrape()).body;
    expect(text).toContain('client_erasure_db_retries_total{operation="session",reason="deadlock"} 1');
    expect(text).toContain('client_erasure_db_retries_total{operation="deletion",reason="deadlock"} 3');
    expect(text).toContain('client_erasure_db_busy_total{operation="deletion",reason="deadlock"} 1');
    const lines = app.log.lines.map((l) => JSON.parse(l) as { msg: string; errno?: number });
    const gaveUp = lines.find((l) => l.msg.includes('answered DATABASE_BUSY'));
    expect(gaveUp?.errno).toBe(1213);
    expect(app.log.text).not.toMatch(/COMMIT;|Deadlock found/);
  });
});

describe('DATABASE_BUSY over GraphQL', () => {
  @Resolver()
  class BusyResolver {
    @Query(() => Boolean)
    busyProbe(): boolean {
      throw new DatabaseBusyError('deletion', 'deadlock', 4, { cause: commitConflict() });
    }
  }

  let app: App;
  let server: RunningServer;
  const log = new LogCapture();

  beforeAll(async () => {
    app = await createTestApp({ driver: 'sqlite', file: ':memory:' }, { log });
    const schema = await buildAppSchema(app, [BusyResolver], { Query: { busyProbe: allow } });
    server = await startServer(app, { port: 0, host: '127.0.0.1', schema });
  });

  afterAll(async () => {
    await server?.close();
    await app?.close();
  });

  it('is thrown with code DATABASE_BUSY, retryable, and a message without SQL', async () => {
    const res = await gql(server.url, '{ busyProbe }');
    expect(res.status).toBe(200);
    expect(res.errors).toHaveLength(1);
    const [error] = res.errors!;
    expect(error.extensions).toEqual({ code: 'DATABASE_BUSY', retryable: true });
    expect(error.message).toMatch(/nothing was changed/i);
    expect(error.message).not.toMatch(/COMMIT|Deadlock|1213|SELECT|UPDATE/);
    expect(JSON.stringify(res)).not.toMatch(/COMMIT;|Deadlock found|stack/);
  });

  it('is not logged again as a request failure (the retries logged it)', () => {
    expect(log.text).not.toMatch(/"msg":"request failed"/);
  });
});

// A real deadlock between two transactions on MariaDB (TEST_MYSQL_URL); SQLite has one writer.
for (const db of testDatabases().filter((d) => d.name === 'mysql')) {
  describe('withRetry on MariaDB', () => {
    let database: DatabaseConfig;
    let orm: Orm;

    beforeAll(async () => {
      database = await db.create();
      orm = await createOrm({ database, plugins: [] });
      await orm.em
        .fork()
        .execute('CREATE TABLE retry_probe (id INT PRIMARY KEY, v INT NOT NULL) ENGINE=InnoDB');
      await orm.em.fork().execute('INSERT INTO retry_probe (id, v) VALUES (1, 0), (2, 0)');
    });

    afterAll(async () => {
      await orm?.close();
      await db.drop();
    });

    it('retries the victim of a deadlock between two transactions to success', async () => {
      const app = { metrics: new ServiceMetrics(), logger: createLogger('silent') };
      // Each transaction locks one row, waits until the other has locked its row, then asks for
      // the other row: InnoDB sees the cycle and rolls one back. Only the first attempts meet.
      let arrived = 0;
      let bothLocked!: () => void;
      const meeting = new Promise<void>((resolve) => (bothLocked = resolve));
      const attemptsOf: Record<string, number[]> = { a: [], b: [] };
      const transfer = (name: 'a' | 'b', first: number, second: number) =>
        withRetry(app, 'deletion', (attempt) =>
          orm.em.fork().transactional(async (em) => {
            attemptsOf[name].push(attempt);
            await em.execute(`UPDATE retry_probe SET v = v + 1 WHERE id = ${first}`);
            if (attempt === 1) {
              if (++arrived === 2) bothLocked();
              await meeting;
            }
            await em.execute(`UPDATE retry_probe SET v = v + 1 WHERE id = ${second}`);
            return name;
          }),
        );
      const results = await Promise.all([transfer('a', 1, 2), transfer('b', 2, 1)]);
      expect(results).toEqual(['a', 'b']);
      // One of them was the victim and ran twice; both committed in the end, once each.
      expect([attemptsOf.a.length, attemptsOf.b.length].sort()).toEqual([1, 2]);
      const rows = await orm.em
        .fork()
        .execute<{ id: number; v: number }[]>('SELECT id, v FROM retry_probe ORDER BY id');
      expect(rows.map((r) => Number(r.v))).toEqual([2, 2]);
      const text = (await app.metrics.scrape()).body;
      expect(text).toContain('client_erasure_db_retries_total{operation="deletion",reason="deadlock"} 1');
    });
  });
}
