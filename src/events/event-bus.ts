import type { ClientRef } from '../deletion/deleter';
import type { SqlRunner } from '../deletion/client-graph';
import type { Em } from '../db/orm';

/** Published inside the deletion's transaction, before the core's tables are deleted. */
export interface ClientDeletingEvent {
  readonly client: ClientRef;
  /** The transaction: everything a handler writes commits or rolls back with the deletion. */
  readonly db: SqlRunner;
  readonly em: Em;
  /** Deletes the client's rows of a deleter's tables, in graph order, and records their counts. */
  runDeleter(name: string): Promise<void>;
  /** Queues an after-commit event in the outbox, in the same transaction. */
  enqueue(event: string, payload: Record<string, unknown>): Promise<void>;
  /**
   * Queues one after-commit event per row of the client's `table`, set based (no rows are read
   * into memory): the payload is `{ [key]: row.column }`. Call it before the table is deleted.
   */
  enqueueFrom(event: string, table: string, column: string, key: string): Promise<void>;
}

/** Delivered after commit through the outbox. Carries no personal data. */
export interface ClientDeletedEvent {
  readonly deletionId: number;
  readonly companyId: number;
  readonly clientId: number;
  readonly counts: Record<string, number>;
}

export type DeletingHandler = (event: ClientDeletingEvent) => Promise<void>;
export type OutboxHandler = (payload: Record<string, unknown>) => Promise<void>;

/**
 * Two kinds of subscribers, as in Vendure's event bus: blocking handlers that run inside the
 * transaction (a throw rolls the deletion back), and after-commit handlers that the outbox
 * delivers once the deletion is committed, retried until they succeed or run out of attempts.
 */
export class EventBus {
  private readonly deleting: { name: string; handler: DeletingHandler }[] = [];
  private readonly afterCommit = new Map<string, OutboxHandler[]>();

  /** Registers an in-transaction handler for `client.deleting`. */
  onClientDeleting(name: string, handler: DeletingHandler): void {
    this.deleting.push({ name, handler });
  }

  /** Registers an after-commit handler for an outbox event, e.g. `client.deleted`. */
  onCommitted(event: string, handler: OutboxHandler): void {
    const list = this.afterCommit.get(event) ?? [];
    list.push(handler);
    this.afterCommit.set(event, list);
  }

  async publishDeleting(event: ClientDeletingEvent): Promise<void> {
    for (const { handler } of this.deleting) await handler(event);
  }

  handlersFor(event: string): readonly OutboxHandler[] {
    return this.afterCommit.get(event) ?? [];
  }
}
