import { Entity, Enum, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Client } from '../../../entities';

@Entity({ tableName: 'order_affiliates' })
export class OrderAffiliate {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Client, { fieldName: 'client_id', deleteRule: 'no action' })
  client!: Rel<Client>;

  @Property({ length: 64 })
  code!: string;

  @Enum({ items: ['active', 'inactive'] })
  status!: 'active' | 'inactive';

  @Property({ type: 'datetime' })
  dateAdded: Date = new Date();
}
