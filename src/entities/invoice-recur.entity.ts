import { Entity, Enum, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Client } from './client.entity';

/** A recurring invoice template of a client. */
@Entity({ tableName: 'invoices_recur' })
export class InvoiceRecur {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Client, { fieldName: 'client_id', deleteRule: 'no action' })
  client!: Rel<Client>;

  @Property({ type: 'smallint' })
  term!: number;

  @Enum({ items: ['day', 'week', 'month', 'year'] })
  period!: 'day' | 'week' | 'month' | 'year';

  @Property({ type: 'smallint', nullable: true })
  duration?: number | null;

  @Property({ columnType: 'char(3)' })
  currency!: string;

  @Property({ type: 'datetime' })
  dateRenews!: Date;

  @Property({ type: 'datetime', nullable: true })
  dateLastRenewed?: Date | null;

  @Property({ type: 'text', nullable: true })
  notePublic?: string | null;

  @Property({ type: 'text', nullable: true })
  notePrivate?: string | null;
}
