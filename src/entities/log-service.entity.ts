import { Entity, Enum, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Service } from './service.entity';
import { Staff } from './staff.entity';
import { ClientData } from '../deletion/erasure-rules';

@ClientData({ category: 'Services' })
@Entity({ tableName: 'log_services' })
export class LogService {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Service, { fieldName: 'service_id', deleteRule: 'no action' })
  service!: Rel<Service>;

  @ManyToOne(() => Staff, { fieldName: 'staff_id', nullable: true, deleteRule: 'no action' })
  staff?: Rel<Staff> | null;

  @Enum({ items: ['suspended', 'unsuspended'] })
  status!: 'suspended' | 'unsuspended';

  @Property({ type: 'datetime' })
  dateAdded: Date = new Date();
}
