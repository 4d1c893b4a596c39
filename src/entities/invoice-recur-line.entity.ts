import { Entity, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { InvoiceRecur } from './invoice-recur.entity';
import { ClientData } from '../deletion/erasure-rules';

@ClientData({ category: 'Recurring invoices' })
@Entity({ tableName: 'invoice_recur_lines' })
export class InvoiceRecurLine {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => InvoiceRecur, { fieldName: 'invoice_recur_id', deleteRule: 'no action' })
  invoiceRecur!: Rel<InvoiceRecur>;

  @Property({ type: 'text' })
  description!: string;

  @Property({ type: 'decimal', precision: 12, scale: 4 })
  qty!: string;

  @Property({ type: 'decimal', precision: 12, scale: 4 })
  amount!: string;

  @Property({ type: 'boolean' })
  taxable: boolean = false;

  @Property({ type: 'smallint', fieldName: 'order' })
  order: number = 0;
}
