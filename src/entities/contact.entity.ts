import { Entity, Enum, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Client } from './client.entity';
import { ContactType } from './contact-type.entity';
import { User } from './user.entity';

export const CONTACT_TYPES = ['primary', 'billing', 'other'] as const;
export type ContactKind = (typeof CONTACT_TYPES)[number];

@Entity({ tableName: 'contacts' })
export class Contact {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Client, { fieldName: 'client_id', deleteRule: 'no action' })
  client!: Rel<Client>;

  @ManyToOne(() => User, { fieldName: 'user_id', nullable: true, deleteRule: 'no action' })
  user?: Rel<User> | null;

  @Enum({ items: () => CONTACT_TYPES })
  contactType!: ContactKind;

  @ManyToOne(() => ContactType, { fieldName: 'contact_type_id', nullable: true, deleteRule: 'no action' })
  contactTypeRef?: Rel<ContactType> | null;

  @Property({ length: 128 })
  firstName!: string;

  @Property({ length: 128 })
  lastName!: string;

  @Property({ length: 64, nullable: true })
  title?: string | null;

  @Property({ length: 64, nullable: true })
  company?: string | null;

  @Property({ length: 255, index: true })
  email!: string;

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

  @Property({ type: 'datetime' })
  dateAdded: Date = new Date();
}
