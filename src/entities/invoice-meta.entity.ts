import { Entity, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Invoice } from './invoice.entity';
import { ClientData } from '../deletion/erasure-rules';

/** Key/value meta data of an invoice. No id in Blesta: surrogate integer id added. */
@ClientData({ category: 'Invoices' })
@Entity({ tableName: 'invoice_meta' })
export class InvoiceMeta {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Invoice, { fieldName: 'invoice_id', deleteRule: 'no action' })
  invoice!: Rel<Invoice>;

  @Property({ length: 32, fieldName: 'key' })
  key!: string;

  @Property({ type: 'text' })
  value!: string;
}
