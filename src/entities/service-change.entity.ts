import { Entity, Enum, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Invoice } from './invoice.entity';
import { Service } from './service.entity';
import { ClientData } from '../deletion/erasure-rules';

/** A queued service upgrade/downgrade, applied once its invoice is paid. */
@ClientData({ category: 'Services' })
@Entity({ tableName: 'service_changes' })
export class ServiceChange {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Service, { fieldName: 'service_id', deleteRule: 'no action' })
  service!: Rel<Service>;

  @ManyToOne(() => Invoice, { fieldName: 'invoice_id', deleteRule: 'no action' })
  invoice!: Rel<Invoice>;

  @Enum({ items: ['pending', 'canceled', 'error', 'completed'] })
  status!: 'pending' | 'canceled' | 'error' | 'completed';

  @Property({ type: 'text', nullable: true })
  data?: string | null;

  @Property({ type: 'datetime' })
  dateAdded: Date = new Date();
}
