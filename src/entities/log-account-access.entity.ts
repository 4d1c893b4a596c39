import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { CARD_TYPES } from './account-cc.entity';
import { Staff } from './staff.entity';
import { sql } from '../db/sql';
import { ClientData, matching } from '../deletion/erasure-rules';

export const ACCESSED_ACCOUNT_TYPES = ['checking', 'savings', ...CARD_TYPES] as const;
export type AccessedAccountType = (typeof ACCESSED_ACCOUNT_TYPES)[number];

/** A staff member viewing a payment account. */
/**
 * Polymorphic: `type` says which accounts table `account_id` points into, so no foreign key can:
 * a row goes with the client's card or bank account it names.
 */
@ClientData({
  category: 'Payment accounts',
  links: (['cc', 'ach'] as const).map((type) =>
    matching({
      reads: [`accounts_${type}`],
      columns: ['type', 'account_id'],
      description: `type = '${type}' and account_id names one of the client's accounts_${type} rows`,
      where: (row, scope) =>
        sql`${row}.type = ${type} AND ${row}.account_id IN (${scope.idsOf(`accounts_${type}`)})`,
    }),
  ),
})
@Entity({ tableName: 'log_account_access' })
@Index({ properties: ['type', 'accountId'] })
export class LogAccountAccess {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Staff, { fieldName: 'staff_id', deleteRule: 'no action' })
  staff!: Rel<Staff>;

  @Property({ length: 128 })
  firstName!: string;

  @Property({ length: 128 })
  lastName!: string;

  @Enum({ items: ['ach', 'cc'] })
  type!: 'ach' | 'cc';

  @Enum({ items: () => ACCESSED_ACCOUNT_TYPES })
  accountType!: AccessedAccountType;

  @Property({ length: 128, nullable: true })
  last4?: string | null;

  /** Polymorphic: an `accounts_cc` or `accounts_ach` id, qualified by `type`. Not a foreign key. */
  @Property({ type: 'integer' })
  accountId!: number;

  @Property({ type: 'datetime' })
  dateAccessed: Date = new Date();
}
