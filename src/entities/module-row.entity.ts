import { Entity, ManyToOne, PrimaryKey, type Rel } from '@mikro-orm/core';
import { Module } from './module.entity';

/** A server (row) of a module. Company data: kept on client deletion. */
@Entity({ tableName: 'module_rows' })
export class ModuleRow {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Module, { fieldName: 'module_id', deleteRule: 'no action' })
  module!: Rel<Module>;
}
