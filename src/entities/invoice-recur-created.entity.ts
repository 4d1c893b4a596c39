import { Entity, ManyToOne, PrimaryKey, type Rel } from '@mikro-orm/core';
import { Invoice } from './invoice.entity';
import { InvoiceRecur } from './invoice-recur.entity';
import { ClientData } from '../deletion/erasure-rules';

/** Links a recurring invoice to an invoice it generated. No id in Blesta: surrogate integer id added. */
@ClientData({ category: 'Recurring invoices' })
@Entity({ tableName: 'invoices_recur_created' })
export class InvoiceRecurCreated {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => InvoiceRecur, { fieldName: 'invoice_recur_id', deleteRule: 'no action' })
  invoiceRecur!: Rel<InvoiceRecur>;

  @ManyToOne(() => Invoice, { fieldName: 'invoice_id', deleteRule: 'no action' })
  invoice!: Rel<Invoice>;
}
