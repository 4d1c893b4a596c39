import { Entity, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Invoice } from './invoice.entity';
import { ClientData } from '../deletion/erasure-rules';

@ClientData({ category: 'Invoices' })
@Entity({ tableName: 'invoice_delivery' })
export class InvoiceDelivery {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Invoice, { fieldName: 'invoice_id', deleteRule: 'no action' })
  invoice!: Rel<Invoice>;

  @Property({ length: 32 })
  method!: string;

  @Property({ type: 'datetime', nullable: true })
  dateSent?: Date | null;
}
