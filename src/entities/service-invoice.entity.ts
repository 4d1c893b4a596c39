import { Entity, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Invoice } from './invoice.entity';
import { Service } from './service.entity';
import { ClientData } from '../deletion/erasure-rules';

/** Links a service to an invoice that renews it. No id in Blesta: surrogate integer id added. */
@ClientData({ category: 'Services' })
@Entity({ tableName: 'service_invoices' })
export class ServiceInvoice {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Service, { fieldName: 'service_id', deleteRule: 'no action' })
  service!: Rel<Service>;

  @ManyToOne(() => Invoice, { fieldName: 'invoice_id', deleteRule: 'no action' })
  invoice!: Rel<Invoice>;

  @Property({ type: 'integer' })
  failedAttempts: number = 0;
}
