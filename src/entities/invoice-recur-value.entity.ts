import { Entity, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { InvoiceField } from './invoice-field.entity';
import { InvoiceRecur } from './invoice-recur.entity';
import { ClientData } from '../deletion/erasure-rules';

/** A recurring invoice's value of a custom invoice field. No id in Blesta: surrogate integer id added. */
@ClientData({ category: 'Recurring invoices' })
@Entity({ tableName: 'invoice_recur_values' })
export class InvoiceRecurValue {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => InvoiceField, { fieldName: 'invoice_field_id', deleteRule: 'no action' })
  invoiceField!: Rel<InvoiceField>;

  @ManyToOne(() => InvoiceRecur, { fieldName: 'invoice_recur_id', deleteRule: 'no action' })
  invoiceRecur!: Rel<InvoiceRecur>;

  @Property({ type: 'text' })
  value!: string;
}
