import { Entity, Enum, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Order } from './order.entity';
import { OrderAffiliate } from './order-affiliate.entity';
import { ClientData } from '../../../deletion/erasure-rules';

@ClientData({ category: 'Orders' })
@Entity({ tableName: 'order_affiliate_referrals' })
export class OrderAffiliateReferral {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => OrderAffiliate, { fieldName: 'affiliate_id', deleteRule: 'no action' })
  affiliate!: Rel<OrderAffiliate>;

  @ManyToOne(() => Order, { fieldName: 'order_id', deleteRule: 'no action' })
  order!: Rel<Order>;

  @Property({ length: 255 })
  name!: string;

  @Property({ type: 'decimal', precision: 12, scale: 4 })
  amount!: string;

  @Enum({ items: ['pending', 'mature', 'canceled'] })
  status!: 'pending' | 'mature' | 'canceled';

  @Property({ type: 'datetime' })
  dateAdded: Date = new Date();
}
