import { Entity, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { InvoiceRecur } from './invoice-recur.entity';
import { ClientData } from '../deletion/erasure-rules';

@ClientData({ category: 'Recurring invoices' })
@Entity({ tableName: 'invoice_recur_delivery' })
export class InvoiceRecurDelivery {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => InvoiceRecur, { fieldName: 'invoice_recur_id', deleteRule: 'no action' })
  invoiceRecur!: Rel<InvoiceRecur>;

  @Property({ length: 32 })
  method!: string;
}
