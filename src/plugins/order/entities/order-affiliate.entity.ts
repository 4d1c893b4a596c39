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
import { Client } from '../../../entities';
import { ClientData } from '../../../deletion/erasure-rules';
import { OrderAffiliateReferral } from './order-affiliate-referral.entity';

@ClientData({ category: 'Orders', erasedWith: ['client'] })
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

  // What is erased with this order affiliate (SPEC 2.2). The erasure plan compiles these cascades into
  // set-based deletes (src/deletion); em.remove() is never the bulk path and loads nothing.
  @OneToMany(() => OrderAffiliateReferral, (row) => row.affiliate, { cascade: [Cascade.REMOVE] })
  referrals = new Collection<OrderAffiliateReferral>(this);
}
