import { Entity, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Invoice } from './invoice.entity';
import { ClientData } from '../deletion/erasure-rules';

@ClientData({ category: 'Invoices' })
@Entity({ tableName: 'invoice_late_fees' })
export class InvoiceLateFee {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Invoice, { fieldName: 'invoice_id', deleteRule: 'no action' })
  invoice!: Rel<Invoice>;

  @Property({ type: 'decimal', precision: 12, scale: 4 })
  amount!: string;

  @Property({ type: 'datetime' })
  dateApplied: Date = new Date();
}
