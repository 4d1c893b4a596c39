import { Entity, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Client } from './client.entity';
import { ClientField } from './client-field.entity';
import { ClientData } from '../deletion/erasure-rules';

/** A client's value of a custom client field. No id in Blesta: surrogate integer id added. */
@ClientData({ category: 'Client account' })
@Entity({ tableName: 'client_values' })
export class ClientValue {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => ClientField, { fieldName: 'client_field_id', deleteRule: 'no action' })
  clientField!: Rel<ClientField>;

  @ManyToOne(() => Client, { fieldName: 'client_id', deleteRule: 'no action' })
  client!: Rel<Client>;

  @Property({ type: 'text' })
  value!: string;

  @Property({ type: 'boolean' })
  encrypted: boolean = false;
}
