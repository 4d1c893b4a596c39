import { Entity, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Service } from './service.entity';
import { ClientData } from '../deletion/erasure-rules';

/** Module meta data of a service. No id in Blesta: surrogate integer id added. */
@ClientData({ category: 'Services' })
@Entity({ tableName: 'service_fields' })
export class ServiceField {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Service, { fieldName: 'service_id', deleteRule: 'no action' })
  service!: Rel<Service>;

  @Property({ length: 32, fieldName: 'key' })
  key!: string;

  @Property({ type: 'text', columnType: 'mediumtext' })
  value!: string;

  @Property({ type: 'boolean' })
  serialized: boolean = false;

  @Property({ type: 'boolean' })
  encrypted: boolean = false;
}
