import {
  Cascade,
  Collection,
  Entity,
  Enum,
  ManyToOne,
  OneToMany,
  PrimaryKey,
  Property,
  type Rel,
} from '@mikro-orm/core';
import { Client } from './client.entity';
import { sql } from '../db/sql';
import { BlocksDeletion, ClientData } from '../deletion/erasure-rules';
import { InvoiceRecurCreated } from './invoice-recur-created.entity';
import { InvoiceRecurDelivery } from './invoice-recur-delivery.entity';
import { InvoiceRecurLine } from './invoice-recur-line.entity';
import { InvoiceRecurValue } from './invoice-recur-value.entity';

/** A recurring invoice template of a client. */
@ClientData({ category: 'Recurring invoices' })
@BlocksDeletion({
  code: 'RECURRING_INVOICES',
  message: 'The client has {count} recurring invoice(s); delete them first.',
  ids: (client) => sql`SELECT r.id AS id FROM invoices_recur r WHERE r.client_id = ${client.id}`,
})
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

  // What is erased with this invoice recur (SPEC 2.2). The erasure plan compiles these cascades into
  // set-based deletes (src/deletion); em.remove() is never the bulk path and loads nothing.
  @OneToMany(() => InvoiceRecurLine, (row) => row.invoiceRecur, { cascade: [Cascade.REMOVE] })
  lines = new Collection<InvoiceRecurLine>(this);
  @OneToMany(() => InvoiceRecurDelivery, (row) => row.invoiceRecur, { cascade: [Cascade.REMOVE] })
  deliveries = new Collection<InvoiceRecurDelivery>(this);
  @OneToMany(() => InvoiceRecurValue, (row) => row.invoiceRecur, { cascade: [Cascade.REMOVE] })
  customValues = new Collection<InvoiceRecurValue>(this);
  @OneToMany(() => InvoiceRecurCreated, (row) => row.invoiceRecur, { cascade: [Cascade.REMOVE] })
  created = new Collection<InvoiceRecurCreated>(this);
}
