import { Entity, Enum, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Contact } from './contact.entity';
import { ClientData } from '../deletion/erasure-rules';

@ClientData({ category: 'Contacts' })
@Entity({ tableName: 'contact_numbers' })
export class ContactNumber {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Contact, { fieldName: 'contact_id', deleteRule: 'no action' })
  contact!: Rel<Contact>;

  @Property({ length: 64 })
  number!: string;

  @Enum({ items: ['phone', 'fax'] })
  type!: 'phone' | 'fax';

  @Enum({ items: ['home', 'work', 'mobile'] })
  location!: 'home' | 'work' | 'mobile';
}
