import { Entity, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Invoice } from './invoice.entity';
import { InvoiceField } from './invoice-field.entity';
import { ClientData } from '../deletion/erasure-rules';

/** An invoice's value of a custom invoice field. No id in Blesta: surrogate integer id added. */
@ClientData({ category: 'Invoices' })
@Entity({ tableName: 'invoice_values' })
export class InvoiceValue {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => InvoiceField, { fieldName: 'invoice_field_id', deleteRule: 'no action' })
  invoiceField!: Rel<InvoiceField>;

  @ManyToOne(() => Invoice, { fieldName: 'invoice_id', deleteRule: 'no action' })
  invoice!: Rel<Invoice>;

  @Property({ type: 'text' })
  value!: string;
}
