import { Entity, Enum, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Contact } from './contact.entity';
import { Gateway } from './gateway.entity';
import { ClientData } from '../deletion/erasure-rules';

export const ACCOUNT_CC_STATUSES = ['active', 'inactive'] as const;
export type AccountCcStatus = (typeof ACCOUNT_CC_STATUSES)[number];

export const CARD_TYPES = [
  'amex',
  'bc',
  'cup',
  'dc-cb',
  'dc-er',
  'dc-int',
  'dc-uc',
  'disc',
  'ipi',
  'jcb',
  'lasr',
  'maes',
  'mc',
  'solo',
  'switch',
  'visa',
] as const;
export type CardType = (typeof CARD_TYPES)[number];

/** A credit card payment account of a contact. */
@ClientData({ category: 'Payment accounts' })
@Entity({ tableName: 'accounts_cc' })
export class AccountCc {
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

  /** Encrypted card number. */
  @Property({ type: 'text', nullable: true, hidden: true })
  number?: string | null;

  /** Encrypted expiry date. */
  @Property({ length: 128, hidden: true })
  expiration!: string;

  @Property({ length: 128, nullable: true })
  last4?: string | null;

  @Enum({ items: () => CARD_TYPES })
  type!: CardType;

  @ManyToOne(() => Gateway, { fieldName: 'gateway_id', nullable: true, deleteRule: 'no action' })
  gateway?: Rel<Gateway> | null;

  @Property({ length: 128, nullable: true })
  clientReferenceId?: string | null;

  @Property({ length: 128, nullable: true })
  referenceId?: string | null;

  @Enum({ items: () => ACCOUNT_CC_STATUSES, default: 'active' })
  status: AccountCcStatus = 'active';
}
