import { Entity, Enum, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Gateway } from './gateway.entity';
import { Staff } from './staff.entity';

/** Gateway request/response log. Kept on client deletion: its rotation is the operator's policy. */
@Entity({ tableName: 'log_gateways' })
export class LogGateway {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Staff, { fieldName: 'staff_id', nullable: true, deleteRule: 'no action' })
  staff?: Rel<Staff> | null;

  @ManyToOne(() => Gateway, { fieldName: 'gateway_id', deleteRule: 'no action' })
  gateway!: Rel<Gateway>;

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
