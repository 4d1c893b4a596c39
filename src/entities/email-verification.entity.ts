import { Entity, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Contact } from './contact.entity';
import { ClientData } from '../deletion/erasure-rules';

@ClientData({ category: 'Contacts' })
@Entity({ tableName: 'email_verifications' })
export class EmailVerification {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Contact, { fieldName: 'contact_id', deleteRule: 'no action' })
  contact!: Rel<Contact>;

  @Property({ length: 255 })
  email!: string;

  @Property({ length: 64, hidden: true })
  token!: string;

  @Property({ type: 'boolean' })
  verified: boolean = false;

  @Property({ type: 'datetime' })
  dateSent: Date = new Date();
}
