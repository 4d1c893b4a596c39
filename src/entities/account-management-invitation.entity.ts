import { Entity, Enum, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Client } from './client.entity';
import { ClientData } from '../deletion/erasure-rules';

@ClientData({ category: 'Client account' })
@Entity({ tableName: 'account_management_invitations' })
export class AccountManagementInvitation {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Client, { fieldName: 'client_id', deleteRule: 'no action' })
  client!: Rel<Client>;

  @Property({ length: 255 })
  email!: string;

  @Property({ length: 64, hidden: true })
  token!: string;

  @Enum({ items: ['pending', 'accepted', 'declined'] })
  status!: 'pending' | 'accepted' | 'declined';

  @Property({ type: 'datetime' })
  dateSent: Date = new Date();
}
