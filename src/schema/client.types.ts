import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import type { ClientFilter, ClientSummary } from '../clients/clients.service';
import { formatIdCode } from '../clients/clients.service';
import type { ContactSummary } from '../clients/client-loaders';
import { PageInfo } from './pagination';

// GraphQL enum names in upper case; the values are Blesta's column values.
export enum ClientStatusValue {
  ACTIVE = 'active',
  INACTIVE = 'inactive',
  FRAUD = 'fraud',
}
registerEnumType(ClientStatusValue, { name: 'ClientStatus' });

export enum ContactTypeValue {
  PRIMARY = 'primary',
  BILLING = 'billing',
  OTHER = 'other',
}
registerEnumType(ContactTypeValue, { name: 'ContactType' });

@ObjectType('Contact', { description: 'A contact of a client (the primary one or another).' })
export class ContactObject {
  @Field(() => ID)
  id!: string;

  @Field(() => ContactTypeValue)
  contactType!: ContactTypeValue;

  @Field()
  firstName!: string;

  @Field()
  lastName!: string;

  @Field()
  email!: string;

  @Field(() => String, { nullable: true })
  company!: string | null;

  static from(contact: ContactSummary): ContactObject {
    return Object.assign(new ContactObject(), {
      id: String(contact.id),
      contactType: contact.contactType as ContactTypeValue,
      firstName: contact.firstName,
      lastName: contact.lastName,
      email: contact.email,
      company: contact.company,
    });
  }
}

@ObjectType('Client', { description: 'A client of the signed-in staff member’s company.' })
export class ClientObject {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'The client number as staff know it, e.g. "1500".' })
  idCode!: string;

  @Field(() => ClientStatusValue)
  status!: ClientStatusValue;

  /** The row id, for the field resolvers. */
  rowId!: number;

  static from(client: ClientSummary): ClientObject {
    return Object.assign(new ClientObject(), {
      id: String(client.id),
      idCode: formatIdCode(client.idFormat, client.idValue),
      status: client.status as ClientStatusValue,
      rowId: client.id,
    });
  }
}

@ObjectType()
export class ClientEdge {
  @Field()
  cursor!: string;

  @Field(() => ClientObject)
  node!: ClientObject;
}

@ObjectType({ description: 'A page of clients, in id order.' })
export class ClientConnection {
  @Field(() => [ClientEdge])
  edges!: ClientEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  /** The filter of this page, to count every match when `totalCount` is asked for. */
  filter!: ClientFilter;
}
