import { Entity, Enum, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Invoice } from '../../../entities';
import { OrderForm } from './order-form.entity';

/** An order; it belongs to a client only through its invoice (orders have no `client_id`). */
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
}
