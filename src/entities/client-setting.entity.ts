import { Entity, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Client } from './client.entity';
import { ClientData } from '../deletion/erasure-rules';

/**
 * Blesta keys this table by (key, client_id); a surrogate id keeps bulk tooling uniform and the
 * pair stays unique.
 */
@ClientData({ category: 'Client account' })
@Entity({ tableName: 'client_settings' })
export class ClientSetting {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Property({ length: 32, fieldName: 'key' })
  key!: string;

  @ManyToOne(() => Client, { fieldName: 'client_id', deleteRule: 'no action' })
  client!: Rel<Client>;

  @Property({ type: 'text' })
  value!: string;

  @Property({ type: 'boolean' })
  encrypted: boolean = false;
}
