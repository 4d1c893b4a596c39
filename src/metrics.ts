import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { DatabaseBusyError, type BusyReason, type RetriedOperation } from './db/retry';

// Prometheus metrics of one app (SPEC 7), served on GET /metrics. Each app has its own registry,
// never prom-client's global one: tests run several apps in one process, and each must count only
// its own work. Every label takes its values from a fixed list in this file, so the number of
// series stays bounded whatever callers send. docs/operations.md#metrics lists them with the
// alerts to set.

/** How a `deleteClient` call ended. */
export type DeletionOutcome =
  /** The client was deleted by this call. */
  | 'deleted'
  /** The client was gone already; the stored receipt was returned (a repeat, or a twin's loser). */
  | 'already_deleted'
  | 'not_found'
  | 'blocked'
  | 'invalid_password'
  | 'too_many_attempts'
  | 'preview_stale'
  /** The database kept refusing the transaction (DATABASE_BUSY). */
  | 'database_busy'
  /** Anything else thrown (INTERNAL_SERVER_ERROR): a verification failure, a lost connection… */
  | 'failed';

export const DELETION_OUTCOMES: readonly DeletionOutcome[] = [
  'deleted',
  'already_deleted',
  'not_found',
  'blocked',
  'invalid_password',
  'too_many_attempts',
  'preview_stale',
  'database_busy',
  'failed',
];

/** Why a sign-in did not succeed (a lockout is counted in `lockouts`, not here). */
export type SignInFailure = 'invalid_credentials' | 'second_factor_required' | 'second_factor_unsupported';
const SIGN_IN_FAILURES: readonly SignInFailure[] = [
  'invalid_credentials',
  'second_factor_required',
  'second_factor_unsupported',
];

/** Which password check the lockout refused. */
export type PasswordCheck = 'sign_in' | 'deletion_confirmation';
const PASSWORD_CHECKS: readonly PasswordCheck[] = ['sign_in', 'deletion_confirmation'];

/**
 * Operation names counted under their own name: the example operations (`examples/*.graphql`, the
 * ones the typed client and the console send) and graphql-js's introspection query. Any other name
 * is counted as `other`, a request without one as `anonymous`: a caller cannot add series.
 */
export const KNOWN_OPERATIONS: ReadonlySet<string> = new Set([
  'Login',
  'Logout',
  'Me',
  'Client',
  'Clients',
  'ClientDeletionPreview',
  'DeleteClient',
  'ClientDeletions',
  'IntrospectionQuery',
]);

const OPERATION_TYPES = new Set(['query', 'mutation', 'subscription']);

/** The connection pool, as read at scrape time. */
export interface PoolState {
  /** Connections lent out to a request or transaction. */
  readonly inUse: number;
  /** Open connections waiting in the pool. */
  readonly idle: number;
  /** Requests waiting for a connection. */
  readonly waiting: number;
  /** The most connections the pool opens. */
  readonly max: number;
}

/** The outbox, as read at scrape time. */
export interface OutboxBacklog {
  /** Events committed and not delivered yet (including those waiting for a retry). */
  readonly pending: number;
  /** Events parked after their last attempt failed; an operator must look at them. */
  readonly failed: number;
  /** Age of the oldest pending event, in seconds (0 when none). */
  readonly oldestPendingSeconds: number;
}

/** Where the gauges read on scrape come from. */
export interface MetricSources {
  pool(): PoolState;
  outbox(): Promise<OutboxBacklog>;
}

/** How long a scrape waits for the database before reporting it down. */
const SCRAPE_QUERY_TIMEOUT_MS = 2_000;

/**
 * The app's counters, histograms and gauges. Services call the methods below as things happen;
 * the gauges (pool, outbox, database up) are read when /metrics is scraped.
 */
export class ServiceMetrics {
  readonly registry = new Registry();

  private readonly deletions: Counter<'outcome'>;
  private readonly deletionSeconds: Histogram;
  private readonly deletionRows: Histogram;
  private readonly previewSeconds: Histogram;
  private readonly signInFailures: Counter<'reason'>;
  private readonly lockouts: Counter<'check'>;
  private readonly retries: Counter<'operation' | 'reason'>;
  private readonly busy: Counter<'operation' | 'reason'>;
  private readonly outboxFailures: Counter<'parked'>;
  private readonly requests: Counter<'operation' | 'type' | 'outcome'>;
  private readonly requestSeconds: Histogram<'operation'>;
  private sources: MetricSources | undefined;

  constructor() {
    const registers = [this.registry];
    this.deletions = new Counter({
      name: 'client_erasure_deletions_total',
      help: 'deleteClient calls by outcome.',
      labelNames: ['outcome'],
      registers,
    });
    for (const outcome of DELETION_OUTCOMES) this.deletions.inc({ outcome }, 0);
    this.deletionSeconds = new Histogram({
      name: 'client_erasure_deletion_duration_seconds',
      help: 'Time of each deletion that deleted a client, from the call to the commit (password check included).',
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600],
      registers,
    });
    this.deletionRows = new Histogram({
      name: 'client_erasure_deletion_rows',
      help: 'Rows deleted by each deletion that deleted a client (the receipt total).',
      buckets: [10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000],
      registers,
    });
    this.previewSeconds = new Histogram({
      name: 'client_erasure_preview_duration_seconds',
      help: 'Time of each clientDeletionPreview, from the call to its answer.',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.signInFailures = new Counter({
      name: 'client_erasure_sign_in_failures_total',
      help: 'Sign-ins refused after a password comparison, by reason (lockouts are counted apart).',
      labelNames: ['reason'],
      registers,
    });
    for (const reason of SIGN_IN_FAILURES) this.signInFailures.inc({ reason }, 0);
    this.lockouts = new Counter({
      name: 'client_erasure_lockouts_total',
      help: 'Password checks refused by the lockout (TooManyAttemptsError), by check.',
      labelNames: ['check'],
      registers,
    });
    for (const check of PASSWORD_CHECKS) this.lockouts.inc({ check }, 0);
    this.retries = new Counter({
      name: 'client_erasure_db_retries_total',
      help: 'Transactions run again after the database refused them (deadlock or Galera certification conflict).',
      labelNames: ['operation', 'reason'],
      registers,
    });
    this.busy = new Counter({
      name: 'client_erasure_db_busy_total',
      help: 'Transactions given up after the database kept refusing them (answered DATABASE_BUSY).',
      labelNames: ['operation', 'reason'],
      registers,
    });
    this.outboxFailures = new Counter({
      name: 'client_erasure_outbox_delivery_failures_total',
      help: 'Failed deliveries of after-commit events; parked="true" when it was the last attempt.',
      labelNames: ['parked'],
      registers,
    });
    this.outboxFailures.inc({ parked: 'false' }, 0);
    this.outboxFailures.inc({ parked: 'true' }, 0);
    this.requests = new Counter({
      name: 'client_erasure_graphql_requests_total',
      help: 'GraphQL requests by operation name (known names only), operation type and outcome (ok or the error code).',
      labelNames: ['operation', 'type', 'outcome'],
      registers,
    });
    this.requestSeconds = new Histogram({
      name: 'client_erasure_graphql_request_duration_seconds',
      help: 'Time of each GraphQL request, by operation name (known names only).',
      labelNames: ['operation'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });

    // Read at scrape time, from the sources given by `observe`.
    const poolState = () => this.sources?.pool();
    new Gauge({
      name: 'client_erasure_db_pool_connections',
      help: 'Database connections of this process by state: in_use (lent out) or idle (open in the pool).',
      labelNames: ['state'],
      registers,
      collect() {
        const state = poolState();
        if (!state) return;
        this.set({ state: 'in_use' }, state.inUse);
        this.set({ state: 'idle' }, state.idle);
      },
    });
    new Gauge({
      name: 'client_erasure_db_pool_waiting',
      help: 'Requests waiting for a database connection of this process.',
      registers,
      collect() {
        const state = poolState();
        if (state) this.set(state.waiting);
      },
    });
    new Gauge({
      name: 'client_erasure_db_pool_max',
      help: 'The most database connections this process opens (1 on SQLite).',
      registers,
      collect() {
        const state = poolState();
        if (state) this.set(state.max);
      },
    });
    // One query serves the three database gauges below, once per scrape.
    let scrape: Promise<OutboxBacklog | null> | undefined;
    const backlog = () =>
      (scrape ??= this.readOutbox().finally(() => setImmediate(() => (scrape = undefined))));
    new Gauge({
      name: 'client_erasure_database_up',
      help: "Whether the database answered the scrape's outbox query (1) or not within 2 s (0).",
      registers,
      async collect() {
        this.set((await backlog()) ? 1 : 0);
      },
    });
    new Gauge({
      name: 'client_erasure_outbox_events',
      help: 'Outbox events in the database by status: pending (not delivered yet) or failed (parked).',
      labelNames: ['status'],
      registers,
      async collect() {
        const outbox = await backlog();
        if (!outbox) return this.reset();
        this.set({ status: 'pending' }, outbox.pending);
        this.set({ status: 'failed' }, outbox.failed);
      },
    });
    new Gauge({
      name: 'client_erasure_outbox_oldest_pending_seconds',
      help: 'Age of the oldest outbox event not delivered yet (0 when none).',
      registers,
      async collect() {
        const outbox = await backlog();
        if (!outbox) return this.reset();
        this.set(outbox.oldestPendingSeconds);
      },
    });
  }

  /** Connects the scrape-time gauges to the app's pool and outbox. */
  observe(sources: MetricSources): void {
    this.sources = sources;
  }

  /**
   * Node.js process metrics (CPU, memory, event loop lag, …) in this registry. Called by the
   * service's process (src/main.ts), not by tests: each call starts an event-loop monitor that is
   * never stopped.
   */
  collectProcessMetrics(): void {
    collectDefaultMetrics({ register: this.registry, prefix: 'client_erasure_' });
  }

  /**
   * A `deleteClient` call ended. `seconds` and `rows` (the receipt's total) are observed in the
   * duration and rows histograms only for `deleted`: the other outcomes delete nothing.
   */
  deletionFinished(outcome: DeletionOutcome, seconds: number, rows = 0): void {
    this.deletions.inc({ outcome });
    if (outcome !== 'deleted') return;
    this.deletionSeconds.observe(seconds);
    this.deletionRows.observe(rows);
  }

  /** A `clientDeletionPreview` answered (whatever it answered). */
  previewFinished(seconds: number): void {
    this.previewSeconds.observe(seconds);
  }

  signInFailed(reason: SignInFailure): void {
    this.signInFailures.inc({ reason });
  }

  lockedOut(check: PasswordCheck): void {
    this.lockouts.inc({ check });
  }

  retried(operation: RetriedOperation, reason: BusyReason): void {
    this.retries.inc({ operation, reason });
  }

  databaseBusy(operation: RetriedOperation, reason: BusyReason): void {
    this.busy.inc({ operation, reason });
  }

  outboxDeliveryFailed(parked: boolean): void {
    this.outboxFailures.inc({ parked: String(parked) });
  }

  /**
   * A GraphQL request was answered. `operationName` is whatever the caller sent: only known names
   * become label values. `outcome` is `ok`, or the code of the first error in the response.
   */
  graphqlRequest(
    operationName: string | null | undefined,
    type: string | null | undefined,
    outcome: string,
    seconds: number,
  ): void {
    const operation = !operationName
      ? 'anonymous'
      : KNOWN_OPERATIONS.has(operationName)
        ? operationName
        : 'other';
    this.requests.inc({ operation, type: type && OPERATION_TYPES.has(type) ? type : 'unknown', outcome });
    this.requestSeconds.observe({ operation }, seconds);
  }

  /** The text of GET /metrics. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  private async readOutbox(): Promise<OutboxBacklog | null> {
    if (!this.sources) return null;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), SCRAPE_QUERY_TIMEOUT_MS);
    });
    try {
      return await Promise.race([this.sources.outbox().catch(() => null), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * The outcome of a `deleteClient` result for {@link ServiceMetrics.deletionFinished}: the result
 * union's error code, or `deleted` / `already_deleted` for a receipt (`deletedNow` false when the
 * receipt is one stored by an earlier call).
 */
export function deletionOutcomeOf(
  result: { readonly errorCode?: string } | { readonly receipt: unknown },
  deletedNow: boolean,
): DeletionOutcome {
  if ('receipt' in result) return deletedNow ? 'deleted' : 'already_deleted';
  switch ('errorCode' in result ? result.errorCode : undefined) {
    case 'CLIENT_NOT_FOUND':
      return 'not_found';
    case 'DELETION_BLOCKED':
      return 'blocked';
    case 'INVALID_PASSWORD':
      return 'invalid_password';
    case 'TOO_MANY_ATTEMPTS':
      return 'too_many_attempts';
    case 'PREVIEW_STALE':
      return 'preview_stale';
    default:
      return 'failed';
  }
}

/** The outcome of a `deleteClient` call that threw: DATABASE_BUSY, or anything else. */
export function deletionOutcomeOfError(error: unknown): DeletionOutcome {
  return error instanceof DatabaseBusyError ? 'database_busy' : 'failed';
}
