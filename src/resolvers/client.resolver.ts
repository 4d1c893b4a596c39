import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { clientLoaders } from '../clients/client-loaders';
import { countClients, getClient, listClients } from '../clients/clients.service';
import type { RequestContext } from '../context';
import { ClientConnection, ClientObject, ContactObject } from '../schema/client.types';
import { parseId } from '../schema/ids';
import { decodeCursor, encodeCursor, parsePageSize } from '../schema/pagination';

@Resolver(() => ClientObject)
export class ClientResolver {
  @Query(() => ClientObject, {
    nullable: true,
    description: 'A client of your company; null when no such client exists in it.',
  })
  async client(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<ClientObject | null> {
    const client = await getClient(ctx, parseId(id, 'id'));
    return client ? ClientObject.from(client) : null;
  }

  @Query(() => ClientConnection, { description: 'Clients of your company, in id order.' })
  async clients(
    @Ctx() ctx: RequestContext,
    @Arg('search', () => String, {
      nullable: true,
      description: 'Matches a contact’s first or last name, email or company, or the client id.',
    })
    search: string | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size: 20 unless given, at most 100.' })
    first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page.' })
    after: string | null,
  ): Promise<ClientConnection> {
    const page = await listClients(ctx, {
      search: search ?? null,
      first: parsePageSize(first),
      afterId: after ? decodeCursor(after) : null,
    });
    const edges = page.clients.map((c) => ({ cursor: encodeCursor(c.id), node: ClientObject.from(c) }));
    return Object.assign(new ClientConnection(), {
      edges,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
      filter: page.filter,
    });
  }

  @FieldResolver(() => ContactObject, { nullable: true })
  async primaryContact(
    @Ctx() ctx: RequestContext,
    @Root() client: ClientObject,
  ): Promise<ContactObject | null> {
    const contact = await clientLoaders(ctx).primaryContact.load(client.rowId);
    return contact ? ContactObject.from(contact) : null;
  }

  @FieldResolver(() => [ContactObject], { description: 'Every contact, the primary one first.' })
  async contacts(@Ctx() ctx: RequestContext, @Root() client: ClientObject): Promise<ContactObject[]> {
    const contacts = await clientLoaders(ctx).contacts.load(client.rowId);
    const primaryFirst = [...contacts].sort(
      (a, b) => Number(b.contactType === 'primary') - Number(a.contactType === 'primary'),
    );
    return primaryFirst.map((c) => ContactObject.from(c));
  }

  @FieldResolver(() => Int, { description: 'Invoices of any status.' })
  async invoiceCount(@Ctx() ctx: RequestContext, @Root() client: ClientObject): Promise<number> {
    return (await clientLoaders(ctx).invoiceCounts.load(client.rowId)).all;
  }

  @FieldResolver(() => Int, {
    description: 'Open invoices: active or proforma and not closed. Any of them blocks a deletion.',
  })
  async openInvoiceCount(@Ctx() ctx: RequestContext, @Root() client: ClientObject): Promise<number> {
    return (await clientLoaders(ctx).invoiceCounts.load(client.rowId)).blocking;
  }

  @FieldResolver(() => Int, { description: 'Services of any status, add-ons included.' })
  async serviceCount(@Ctx() ctx: RequestContext, @Root() client: ClientObject): Promise<number> {
    return (await clientLoaders(ctx).serviceCounts.load(client.rowId)).all;
  }

  @FieldResolver(() => Int, {
    description: 'Active or suspended services, add-ons included. Any of them blocks a deletion.',
  })
  async activeServiceCount(@Ctx() ctx: RequestContext, @Root() client: ClientObject): Promise<number> {
    return (await clientLoaders(ctx).serviceCounts.load(client.rowId)).blocking;
  }
}

@Resolver(() => ClientConnection)
export class ClientConnectionResolver {
  @FieldResolver(() => Int, { description: 'Clients matching the search, across all pages.' })
  totalCount(@Ctx() ctx: RequestContext, @Root() connection: ClientConnection): Promise<number> {
    return countClients(ctx, connection.filter);
  }
}
