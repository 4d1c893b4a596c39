import { Entity, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Client } from './client.entity';
import { Contact } from './contact.entity';
import { ClientData } from '../deletion/erasure-rules';

/** Grants a contact an area of a client's account; the client may be another client than the contact's own. */
@ClientData({ category: 'Contacts' })
@Entity({ tableName: 'contact_permissions' })
export class ContactPermission {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Contact, { fieldName: 'contact_id', deleteRule: 'no action' })
  contact!: Rel<Contact>;

  @ManyToOne(() => Client, { fieldName: 'client_id', deleteRule: 'no action' })
  client!: Rel<Client>;

  @Property({ length: 255 })
  area!: string;
}
