import { Entity, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Staff } from './staff.entity';
import { Transaction } from './transaction.entity';
import { ClientData } from '../deletion/erasure-rules';

@ClientData({ category: 'Transactions' })
@Entity({ tableName: 'log_transactions' })
export class LogTransaction {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Staff, { fieldName: 'staff_id', nullable: true, deleteRule: 'no action' })
  staff?: Rel<Staff> | null;

  @ManyToOne(() => Transaction, { fieldName: 'transaction_id', deleteRule: 'no action' })
  transaction!: Rel<Transaction>;

  @Property({ type: 'text', fieldName: 'change' })
  change!: string;

  @Property({ type: 'datetime' })
  dateChanged: Date = new Date();
}
