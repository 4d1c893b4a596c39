import {
  Cascade,
  Collection,
  Entity,
  Enum,
  ManyToOne,
  OneToMany,
  PrimaryKey,
  Property,
  type Rel,
} from '@mikro-orm/core';
import { Client } from './client.entity';
import { Gateway } from './gateway.entity';
import { TransactionType } from './transaction-type.entity';
import { ClientData } from '../deletion/erasure-rules';
import { LogTransaction } from './log-transaction.entity';
import { TransactionApplied } from './transaction-applied.entity';

export const TRANSACTION_STATUSES = [
  'approved',
  'declined',
  'void',
  'error',
  'pending',
  'refunded',
  'returned',
] as const;
export type TransactionStatus = (typeof TRANSACTION_STATUSES)[number];

/** A payment (or credit) received from a client. */
@ClientData({ category: 'Transactions' })
@Entity({ tableName: 'transactions' })
export class Transaction {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Client, { fieldName: 'client_id', deleteRule: 'no action' })
  client!: Rel<Client>;

  @Property({ type: 'decimal', precision: 12, scale: 4 })
  amount!: string;

  @Property({ columnType: 'char(3)' })
  currency!: string;

  @Enum({ items: ['cc', 'ach', 'other'] })
  type!: 'cc' | 'ach' | 'other';

  @ManyToOne(() => TransactionType, {
    fieldName: 'transaction_type_id',
    nullable: true,
    deleteRule: 'no action',
  })
  transactionType?: Rel<TransactionType> | null;

  /** Polymorphic: the `accounts_cc`/`accounts_ach` id paid from, qualified by `type`. Not a foreign key. */
  @Property({ type: 'integer', nullable: true })
  accountId?: number | null;

  @ManyToOne(() => Gateway, { fieldName: 'gateway_id', nullable: true, deleteRule: 'no action' })
  gateway?: Rel<Gateway> | null;

  /** The gateway's transaction reference (a string, not a row id). */
  @Property({ length: 128, nullable: true })
  transactionId?: string | null;

  @Property({ length: 128, nullable: true })
  parentTransactionId?: string | null;

  @Property({ length: 128, nullable: true })
  referenceId?: string | null;

  @Enum({ items: () => TRANSACTION_STATUSES, default: 'approved' })
  status: TransactionStatus = 'approved';

  @Property({ type: 'datetime' })
  dateAdded: Date = new Date();

  // What is erased with this transaction (SPEC 2.2). The erasure plan compiles these cascades into
  // set-based deletes (src/deletion); em.remove() is never the bulk path and loads nothing.
  @OneToMany(() => TransactionApplied, (row) => row.transaction, { cascade: [Cascade.REMOVE] })
  applied = new Collection<TransactionApplied>(this);
  @OneToMany(() => LogTransaction, (row) => row.transaction, { cascade: [Cascade.REMOVE] })
  logs = new Collection<LogTransaction>(this);
}
