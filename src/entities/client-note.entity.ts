import { Entity, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Client } from './client.entity';
import { Staff } from './staff.entity';
import { ClientData } from '../deletion/erasure-rules';

@ClientData({ category: 'Client account' })
@Entity({ tableName: 'client_notes' })
export class ClientNote {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Client, { fieldName: 'client_id', deleteRule: 'no action' })
  client!: Rel<Client>;

  @ManyToOne(() => Staff, { fieldName: 'staff_id', deleteRule: 'no action' })
  staff!: Rel<Staff>;

  @Property({ length: 255 })
  title!: string;

  @Property({ type: 'text', nullable: true })
  description?: string | null;

  @Property({ type: 'boolean' })
  stickied: boolean = false;

  @Property({ type: 'datetime' })
  dateAdded: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  dateUpdated?: Date | null;
}
