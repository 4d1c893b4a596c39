import { Entity, Enum, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { ClientGroup } from './client-group.entity';
import { User } from './user.entity';

export const CLIENT_STATUSES = ['active', 'inactive', 'fraud'] as const;
export type ClientStatus = (typeof CLIENT_STATUSES)[number];

@Entity({ tableName: 'clients' })
export class Client {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Property({ length: 64 })
  idFormat!: string;

  @Property({ type: 'integer' })
  idValue!: number;

  @ManyToOne(() => User, { fieldName: 'user_id', deleteRule: 'no action' })
  user!: Rel<User>;

  @ManyToOne(() => ClientGroup, { fieldName: 'client_group_id', deleteRule: 'no action' })
  clientGroup!: Rel<ClientGroup>;

  /** Polymorphic: an `accounts_cc` or `accounts_ach` id, qualified by `primaryAccountType`. */
  @Property({ type: 'integer', nullable: true })
  primaryAccountId?: number | null;

  @Enum({ items: ['ach', 'cc'], nullable: true })
  primaryAccountType?: 'ach' | 'cc' | null;

  @Enum({ items: () => CLIENT_STATUSES, default: 'active' })
  status: ClientStatus = 'active';
}
