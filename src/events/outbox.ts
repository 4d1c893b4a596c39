import type { AppCore } from '../app';
import { OutboxEvent } from '../entities';
import { withRetry } from '../db/retry';
import { EmSqlRunner, type SqlRunner } from '../db/sql-runner';
import { type Sql, ident, sql } from '../db/sql';
import type { OutboxBacklog } from '../metrics';

/** Attempts before an event is parked as `failed` for an operator to look at. */
export const MAX_ATTEMPTS = 6;
/** How long a claimed event is hidden from other processors while its handlers run. */
const LEASE_MS = 60_000;
const BATCH = 100;

function backoffMs(attempts: number): number {
  return Math.min(2 ** attempts * 1000, 10 * 60_000);
}

/** Writes an outbox row in the caller's transaction. */
export async function enqueue(db: SqlRunner, now: Date, event: string, payload: object) {
  await db.run(
    sql`INSERT INTO outbox_events (event, payload, status, attempts, available_at, created_at)
        VALUES (${event}, ${JSON.stringify(payload)}, 'pending', 0, ${db.date(now)}, ${db.date(now)})`,
  );
}

/**
 * Writes one outbox row per row selected by `rows` (a sub-select over alias `t`), in one
 * INSERT … SELECT: nothing is read into memory, however many rows there are.
 */
export async function enqueueFromRows(
  db: SqlRunner,
  now: Date,
  event: string,
  key: string,
  column: string,
  from: Sql,
) {
  await db.run(
    sql`INSERT INTO outbox_events (event, payload, status, attempts, available_at, created_at)
        SELECT ${event}, json_object(${key}, t.${ident(column)}), 'pending', 0, ${db.date(now)}, ${db.date(now)}
        FROM ${from}`,
  );
}

export interface DrainResult {
  delivered: number;
  retrying: number;
  failed: number;
}

/**
 * Delivers committed outbox events to their after-commit handlers. Each event is claimed with a
 * conditional update, so two processes never run the same event at once; a delivered event is
 * removed (its payload may name files), a failing one is retried with backoff and finally
 * parked as `failed`. Runs after each deletion, at start-up and on a timer.
 */
export class OutboxProcessor {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<DrainResult> | undefined;
  private queued: Promise<DrainResult> | undefined;

  constructor(private readonly app: AppCore) {}

  /**
   * Processes every event that is due now. A call during a run waits for it and then runs once
   * more, so events committed after the run's first read are never missed.
   */
  drain(): Promise<DrainResult> {
    if (this.running) {
      this.queued ??= this.running.then(() => {
        this.queued = undefined;
        return this.drain();
      });
      return this.queued;
    }
    this.running = this.drainOnce().finally(() => (this.running = undefined));
    return this.running;
  }

  start(intervalMs = 30_000): void {
    this.timer = setInterval(() => {
      this.drain().catch((error) => this.app.logger.error({ err: error }, 'outbox drain failed'));
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
    await this.queued?.catch(() => undefined);
  }

  private async drainOnce(): Promise<DrainResult> {
    const result: DrainResult = { delivered: 0, retrying: 0, failed: 0 };
    // Every event handled below leaves the due set (delivered ones are removed, the others get a
    // later availableAt), so the loop ends.
    for (;;) {
      const em = this.app.orm.em.fork();
      const due = await em.find(
        OutboxEvent,
        { status: 'pending', availableAt: { $lte: this.app.clock.now() } },
        { orderBy: { id: 'asc' }, limit: BATCH },
      );
      if (due.length === 0) return result;
      for (const event of due) {
        await this.deliver(event, result);
      }
    }
  }

  /**
   * What the metrics report of the outbox: events not delivered yet, parked ones, and the age of
   * the oldest not delivered. Read at each scrape of /metrics.
   */
  async backlog(): Promise<OutboxBacklog> {
    const db = new EmSqlRunner(this.app.orm.em.fork(), this.app.driver);
    const rows = await db.rows<{ status: string; n: number | string; oldest: Date | number | string | null }>(
      sql`SELECT status AS status, COUNT(*) AS n, MIN(created_at) AS oldest
            FROM outbox_events WHERE status IN ('pending', 'failed') GROUP BY status`,
    );
    const pending = rows.find((r) => r.status === 'pending');
    const oldest = pending?.oldest == null ? null : toDate(pending.oldest);
    return {
      pending: Number(pending?.n ?? 0),
      failed: Number(rows.find((r) => r.status === 'failed')?.n ?? 0),
      oldestPendingSeconds: oldest
        ? Math.max(0, (this.app.clock.now().getTime() - oldest.getTime()) / 1000)
        : 0,
    };
  }

  // The claim and the two outcomes are single statements, each retried on its own when the
  // database refuses it (two processes claiming the same event through different cluster nodes):
  // a retried claim finds the event claimed and leaves it. The handlers are never run twice by
  // such a retry: they run between the statements.
  private async deliver(event: OutboxEvent, result: DrainResult) {
    const em = this.app.orm.em.fork();
    const now = this.app.clock.now();
    const claimed = await withRetry(this.app, 'outbox', () =>
      em.nativeUpdate(
        OutboxEvent,
        { id: event.id, attempts: event.attempts, status: 'pending' },
        { attempts: event.attempts + 1, availableAt: new Date(now.getTime() + LEASE_MS) },
      ),
    );
    if (claimed !== 1) return; // another process has it
    const attempts = event.attempts + 1;
    try {
      for (const handler of this.app.events.handlersFor(event.event)) await handler(event.payload);
      await withRetry(this.app, 'outbox', () => em.nativeDelete(OutboxEvent, { id: event.id }));
      result.delivered++;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const failed = attempts >= MAX_ATTEMPTS;
      await withRetry(this.app, 'outbox', () =>
        em.nativeUpdate(
          OutboxEvent,
          { id: event.id },
          {
            status: failed ? 'failed' : 'pending',
            lastError: message.slice(0, 1000),
            availableAt: new Date(now.getTime() + backoffMs(attempts)),
          },
        ),
      );
      this.app.metrics.outboxDeliveryFailed(failed);
      this.app.logger.warn(
        { outboxId: event.id, event: event.event, attempts, failed },
        'outbox event failed',
      );
      if (failed) result.failed++;
      else result.retrying++;
    }
  }
}

function toDate(value: Date | number | string): Date {
  if (value instanceof Date) return value;
  // SQLite keeps MikroORM's epoch milliseconds; a driver may hand a numeric string.
  if (typeof value === 'number' || /^\d+$/.test(value)) return new Date(Number(value));
  return new Date(value);
}
