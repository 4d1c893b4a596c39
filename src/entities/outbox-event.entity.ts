import { JsonTextType } from '../db/json-text.type';
import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';

export const OUTBOX_STATUSES = ['pending', 'done', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * A side effect outside the database (attachment file removal, notification), recorded in the
 * deleting transaction and run after commit; retried on restart (service table, not Blesta's).
 */
@Entity({ tableName: 'outbox_events' })
@Index({ properties: ['status', 'availableAt'] })
export class OutboxEvent {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Property({ length: 64 })
  event!: string;

  @Property({ type: JsonTextType })
  payload!: Record<string, unknown>;

  @Enum({ items: () => OUTBOX_STATUSES, default: 'pending' })
  status: OutboxStatus = 'pending';

  @Property({ type: 'integer', default: 0 })
  attempts: number = 0;

  @Property({ type: 'datetime' })
  availableAt: Date = new Date();

  @Property({ type: 'text', nullable: true })
  lastError?: string | null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  processedAt?: Date | null;
}
