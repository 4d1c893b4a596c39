import { Entity, ManyToOne, PrimaryKey, type Rel } from '@mikro-orm/core';
import { Invoice } from './invoice.entity';
import { Quotation } from './quotation.entity';
import { ClientData } from '../deletion/erasure-rules';

/** Links a quotation to an invoice made from it. No id in Blesta: surrogate integer id added. */
@ClientData({ category: 'Quotations' })
@Entity({ tableName: 'quotation_invoices' })
export class QuotationInvoice {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Quotation, { fieldName: 'quotation_id', deleteRule: 'no action' })
  quotation!: Rel<Quotation>;

  @ManyToOne(() => Invoice, { fieldName: 'invoice_id', deleteRule: 'no action' })
  invoice!: Rel<Invoice>;
}
