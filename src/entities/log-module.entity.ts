import { Entity, Enum, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Module } from './module.entity';
import { Staff } from './staff.entity';

/** Module request/response log. Kept on client deletion: its rotation is the operator's policy. */
@Entity({ tableName: 'log_modules' })
export class LogModule {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Staff, { fieldName: 'staff_id', nullable: true, deleteRule: 'no action' })
  staff?: Rel<Staff> | null;

  @ManyToOne(() => Module, { fieldName: 'module_id', deleteRule: 'no action' })
  module!: Rel<Module>;

  @Enum({ items: ['input', 'output'] })
  direction!: 'input' | 'output';

  @Property({ type: 'text' })
  url!: string;

  @Property({ type: 'text', nullable: true })
  data?: string | null;

  @Property({ type: 'datetime' })
  dateAdded: Date = new Date();

  @Enum({ items: ['error', 'success'] })
  status!: 'error' | 'success';

  @Property({ columnType: 'char(8)', fieldName: 'group' })
  group!: string;
}
