import { Entity, ManyToOne, PrimaryKey, type Rel } from '@mikro-orm/core';
import { Service } from '../../../entities';
import { Order } from './order.entity';
import { ClientData } from '../../../deletion/erasure-rules';

/** Links an order to a service it provisioned. No id in Blesta: surrogate integer id added. */
@ClientData({ category: 'Orders', erasedWith: ['service'] })
@Entity({ tableName: 'order_services' })
export class OrderService {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Order, { fieldName: 'order_id', deleteRule: 'no action' })
  order!: Rel<Order>;

  @ManyToOne(() => Service, { fieldName: 'service_id', deleteRule: 'no action' })
  service!: Rel<Service>;
}
