import { Entity, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Invoice } from './invoice.entity';
import { Transaction } from './transaction.entity';
import { ClientData } from '../deletion/erasure-rules';

/** An amount of a transaction applied to an invoice. No id in Blesta: surrogate integer id added. */
@ClientData({ category: 'Transactions' })
@Entity({ tableName: 'transaction_applied' })
export class TransactionApplied {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Transaction, { fieldName: 'transaction_id', deleteRule: 'no action' })
  transaction!: Rel<Transaction>;

  @ManyToOne(() => Invoice, { fieldName: 'invoice_id', deleteRule: 'no action' })
  invoice!: Rel<Invoice>;

  @Property({ type: 'decimal', precision: 12, scale: 4 })
  amount!: string;

  @Property({ type: 'datetime' })
  date: Date = new Date();
}
