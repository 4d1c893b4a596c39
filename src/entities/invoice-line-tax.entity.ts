import { Entity, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { InvoiceLine } from './invoice-line.entity';
import { Tax } from './tax.entity';
import { ClientData } from '../deletion/erasure-rules';

/** A tax applied to an invoice line. No id in Blesta: surrogate integer id added. */
@ClientData({ category: 'Invoices' })
@Entity({ tableName: 'invoice_line_taxes' })
export class InvoiceLineTax {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => InvoiceLine, { fieldName: 'line_id', deleteRule: 'no action' })
  line!: Rel<InvoiceLine>;

  @ManyToOne(() => Tax, { fieldName: 'tax_id', deleteRule: 'no action' })
  tax!: Rel<Tax>;

  @Property({ type: 'boolean' })
  cascade: boolean = false;
}
