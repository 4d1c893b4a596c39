import { Entity, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Client } from './client.entity';
import { Module } from './module.entity';
import { ModuleRow } from './module-row.entity';
import { ClientData } from '../deletion/erasure-rules';

@ClientData({ category: 'Client account' })
@Entity({ tableName: 'module_client_meta' })
export class ModuleClientMeta {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Module, { fieldName: 'module_id', deleteRule: 'no action' })
  module!: Rel<Module>;

  @ManyToOne(() => ModuleRow, { fieldName: 'module_row_id', deleteRule: 'no action' })
  moduleRow!: Rel<ModuleRow>;

  @ManyToOne(() => Client, { fieldName: 'client_id', deleteRule: 'no action' })
  client!: Rel<Client>;

  @Property({ length: 255, fieldName: 'key' })
  key!: string;

  @Property({ type: 'text', nullable: true })
  value?: string | null;
}
