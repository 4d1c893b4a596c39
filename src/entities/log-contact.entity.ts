import { Entity, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Contact } from './contact.entity';
import { ClientData } from '../deletion/erasure-rules';

@ClientData({ category: 'Contacts' })
@Entity({ tableName: 'log_contacts' })
export class LogContact {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Contact, { fieldName: 'contact_id', deleteRule: 'no action' })
  contact!: Rel<Contact>;

  @Property({ type: 'text', fieldName: 'change' })
  change!: string;

  @Property({ type: 'datetime' })
  dateChanged: Date = new Date();
}
