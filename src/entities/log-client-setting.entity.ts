import { Entity, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Client } from './client.entity';
import { ClientData } from '../deletion/erasure-rules';

@ClientData({ category: 'Client account' })
@Entity({ tableName: 'log_client_settings' })
export class LogClientSetting {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Client, { fieldName: 'client_id', deleteRule: 'no action' })
  client!: Rel<Client>;

  /** Not a foreign key: the log outlives the user who made the change. */
  @Property({ type: 'integer', nullable: true })
  byUserId?: number | null;

  @Property({ type: 'text', nullable: true })
  fields?: string | null;

  @Property({ type: 'datetime' })
  dateChanged: Date = new Date();
}
