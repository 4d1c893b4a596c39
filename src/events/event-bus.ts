import type { Em } from '../db/orm';
import type { SqlRunner } from '../db/sql-runner';
import type { ClientRef } from '../deletion/erasure-rules';

/** Published inside the deletion's transaction, before the core's tables are deleted. */
export interface ClientDeletingEvent {
  readonly client: ClientRef;
  /** The transaction: everything a handler writes commits or rolls back with the deletion. */
  readonly db: SqlRunner;
  readonly em: Em;
  /**
   * Deletes the client's rows of the tables `owner` declared (a plugin's name, or `core`), in plan
   * order, each verified right after its delete. A plugin calls it with its own name.
   */
  deleteTablesOf(owner: string): Promise<void>;
  /** Queues an after-commit event in the outbox, in the same transaction. */
  enqueue<K extends keyof CommittedEvents>(event: K, payload: CommittedEvents[K]): Promise<void>;
  /**
   * Queues one after-commit event per row of the client's `table`, set based (no rows are read
   * into memory): the payload is `{ [key]: row.column }`. Call it before the table is deleted.
   */
  enqueueFrom<K extends keyof CommittedEvents>(
    event: K,
    table: string,
    column: string,
    key: keyof CommittedEvents[K] & string,
  ): Promise<void>;
}

/** Queued in every deletion's transaction, delivered after commit: ids and counts, nothing personal. */
export const CLIENT_DELETED = 'client.deleted';

/** Delivered after commit through the outbox. Carries no personal data. */
export interface ClientDeletedEvent {
  readonly deletionId: number;
  readonly companyId: number;
  readonly clientId: number;
  readonly counts: Record<string, number>;
}

/**
 * Events handled inside the deletion's transaction, by name. A plugin that publishes events of its
 * own adds them by declaration merging (`declare module`).
 */
export interface TransactionEvents {
  'client.deleting': ClientDeletingEvent;
}

/**
 * Events delivered after commit through the outbox, by name, with their payloads (stored as JSON).
 * Plugins add theirs by declaration merging, e.g.
 * `declare module '../../events/event-bus' { interface CommittedEvents { 'loyalty.purged': { points: number } } }`.
 */
export interface CommittedEvents {
  [CLIENT_DELETED]: ClientDeletedEvent;
}

export type TransactionHandler<K extends keyof TransactionEvents> = (
  event: TransactionEvents[K],
) => Promise<void>;
export type CommittedHandler<K extends keyof CommittedEvents> = (
  payload: CommittedEvents[K],
) => Promise<void>;

/**
 * Two kinds of subscribers, as in Vendure's event bus: blocking handlers that run inside the
 * transaction (a throw rolls the deletion back), and after-commit handlers that the outbox
 * delivers once the deletion is committed, retried until they succeed or run out of attempts.
 */
export class EventBus {
  private readonly inTransaction = new Map<
    string,
    { name: string; handler: (event: never) => Promise<void> }[]
  >();
  private readonly afterCommit = new Map<string, ((payload: never) => Promise<void>)[]>();

  /** Registers a named in-transaction handler; handlers run in registration order. */
  onTransaction<K extends keyof TransactionEvents>(
    event: K,
    name: string,
    handler: TransactionHandler<K>,
  ): void {
    const list = this.inTransaction.get(event) ?? [];
    list.push({ name, handler });
    this.inTransaction.set(event, list);
  }

  /** Registers an after-commit handler for an outbox event, e.g. `client.deleted`. */
  onCommitted<K extends keyof CommittedEvents>(event: K, handler: CommittedHandler<K>): void {
    const list = this.afterCommit.get(event) ?? [];
    list.push(handler);
    this.afterCommit.set(event, list);
  }

  /** Runs the in-transaction handlers of `event` one after the other; the first throw stops them. */
  async publish<K extends keyof TransactionEvents>(event: K, payload: TransactionEvents[K]): Promise<void> {
    for (const { handler } of this.inTransaction.get(event) ?? []) {
      await (handler as TransactionHandler<K>)(payload);
    }
  }

  /** The after-commit handlers of an outbox event as stored (its name is data, read back from the outbox). */
  handlersFor(event: string): readonly ((payload: unknown) => Promise<void>)[] {
    return (this.afterCommit.get(event) ?? []) as ((payload: unknown) => Promise<void>)[];
  }
}
