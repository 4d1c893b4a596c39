import {
  Cascade,
  Collection,
  Entity,
  Enum,
  ManyToOne,
  OneToMany,
  PrimaryKey,
  Property,
  type Rel,
} from '@mikro-orm/core';
import { Invoice } from '../../../entities';
import { OrderForm } from './order-form.entity';
import { ClientData } from '../../../deletion/erasure-rules';
import { OrderAffiliateReferral } from './order-affiliate-referral.entity';
import { OrderService } from './order-service.entity';

/** An order; it belongs to a client only through its invoice (orders have no `client_id`). */
@ClientData({ category: 'Orders', erasedWith: ['invoice'] })
@Entity({ tableName: 'orders' })
export class Order {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Property({ length: 16 })
  orderNumber!: string;

  @ManyToOne(() => OrderForm, { fieldName: 'order_form_id', deleteRule: 'no action' })
  orderForm!: Rel<OrderForm>;

  @ManyToOne(() => Invoice, { fieldName: 'invoice_id', deleteRule: 'no action' })
  invoice!: Rel<Invoice>;

  @Enum({ items: ['pending', 'accepted', 'fraud', 'canceled'] })
  status!: 'pending' | 'accepted' | 'fraud' | 'canceled';

  @Property({ type: 'datetime' })
  dateAdded: Date = new Date();

  // What is erased with this order (SPEC 2.2). The erasure plan compiles these cascades into
  // set-based deletes (src/deletion); em.remove() is never the bulk path and loads nothing.
  @OneToMany(() => OrderService, (row) => row.order, { cascade: [Cascade.REMOVE] })
  services = new Collection<OrderService>(this);
  @OneToMany(() => OrderAffiliateReferral, (row) => row.order, { cascade: [Cascade.REMOVE] })
  referrals = new Collection<OrderAffiliateReferral>(this);
}
