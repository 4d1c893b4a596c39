import { Entity, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Contact } from './contact.entity';

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
