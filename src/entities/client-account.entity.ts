import { Entity, Enum, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Client } from './client.entity';
import { ClientData } from '../deletion/erasure-rules';

/** A client's auto-debit payment account. No id in Blesta: surrogate integer id added. */
@ClientData({ category: 'Client account' })
@Entity({ tableName: 'client_account' })
export class ClientAccount {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Client, { fieldName: 'client_id', deleteRule: 'no action' })
  client!: Rel<Client>;

  /** Polymorphic: an `accounts_cc` or `accounts_ach` id, qualified by `type`. Not a foreign key. */
  @Property({ type: 'integer', index: true })
  accountId!: number;

  @Enum({ items: ['ach', 'cc'] })
  type!: 'ach' | 'cc';
}
