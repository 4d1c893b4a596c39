import { Entity, Enum, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Contact } from './contact.entity';
import { Gateway } from './gateway.entity';
import { ClientData } from '../deletion/erasure-rules';

export const ACCOUNT_ACH_STATUSES = ['active', 'inactive', 'unverified'] as const;
export type AccountAchStatus = (typeof ACCOUNT_ACH_STATUSES)[number];

/** A bank (ACH) payment account of a contact. */
@ClientData({ category: 'Payment accounts' })
@Entity({ tableName: 'accounts_ach' })
export class AccountAch {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Contact, { fieldName: 'contact_id', deleteRule: 'no action' })
  contact!: Rel<Contact>;

  @Property({ length: 128 })
  firstName!: string;

  @Property({ length: 128 })
  lastName!: string;

  @Property({ length: 255, nullable: true })
  address1?: string | null;

  @Property({ length: 255, nullable: true })
  address2?: string | null;

  @Property({ length: 255, nullable: true })
  city?: string | null;

  @Property({ length: 3, nullable: true })
  state?: string | null;

  @Property({ length: 128, nullable: true })
  zip?: string | null;

  @Property({ length: 2 })
  country!: string;

  /** Encrypted account number. */
  @Property({ type: 'text', nullable: true, hidden: true })
  account?: string | null;

  /** Encrypted routing number. */
  @Property({ type: 'text', nullable: true, hidden: true })
  routing?: string | null;

  @Property({ length: 128, nullable: true })
  last4?: string | null;

  @Enum({ items: ['checking', 'savings'] })
  type!: 'checking' | 'savings';

  @ManyToOne(() => Gateway, { fieldName: 'gateway_id', nullable: true, deleteRule: 'no action' })
  gateway?: Rel<Gateway> | null;

  @Property({ length: 128, nullable: true })
  clientReferenceId?: string | null;

  @Property({ length: 128, nullable: true })
  referenceId?: string | null;

  @Enum({ items: () => ACCOUNT_ACH_STATUSES, default: 'active' })
  status: AccountAchStatus = 'active';
}
