import { Entity, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Service } from './service.entity';
import { ClientData } from '../deletion/erasure-rules';

@ClientData({ category: 'Services' })
@Entity({ tableName: 'service_options' })
export class ServiceOption {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Service, { fieldName: 'service_id', deleteRule: 'no action' })
  service!: Rel<Service>;

  /** Not a foreign key: configurable options are not modelled. */
  @Property({ type: 'integer' })
  optionPricingId!: number;

  @Property({ type: 'integer' })
  qty: number = 1;
}
