import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { App } from '../src/app';
import { startServer, type RunningServer } from '../src/server';
import { createTestApp } from './support/app';
import { describeEachDatabase } from './support/databases';
import {
  addContact,
  addInvoice,
  addService,
  createClient,
  createCompanyWithStaff,
  type ClientFixture,
} from './support/fixtures';
import { ClientDocument, ClientsDocument, type ClientsQuery } from '../src/generated/graphql';
import { gql, signIn } from './support/http';
import { recordQueries } from './support/queries';

type Page = NonNullable<ClientsQuery['clients']>;

describeEachDatabase('clients', (db) => {
  let app: App;
  let server: RunningServer;
  let token: string;
  let companyId: number;
  let ours: ClientFixture[];
  let theirs: ClientFixture[];
  let special: ClientFixture;

  async function page(variables: Record<string, unknown>): Promise<Page> {
    const res = await gql(server.url, ClientsDocument, variables, token);
    expect(res.errors).toBeUndefined();
    return res.data!.clients;
  }

  async function searchIds(search: string): Promise<number[]> {
    const result = await page({ search, first: 100 });
    expect(result.totalCount).toBe(result.edges.length);
    return result.edges.map((e) => Number(e.node.id));
  }

  beforeAll(async () => {
    app = await createTestApp(await db.create());
    server = await startServer(app, { port: 0, host: '127.0.0.1' });

    const us = await createCompanyWithStaff(app, ['admin_clients.view']);
    const them = await createCompanyWithStaff(app, ['admin_clients.view']);
    companyId = us.companyId;
    token = await signIn(server.url, us.staff.email, us.staff.password);

    ours = [];
    for (let i = 0; i < 24; i += 1) ours.push(await createClient(app, companyId, { firstName: `Ours${i}` }));
    special = await createClient(app, companyId, {
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ada@analytical.example',
      company: 'Engines 100% Ltd',
      idFormat: 'CL-{num}',
      idValue: 4242,
    });
    ours.push(special);
    theirs = [
      await createClient(app, them.companyId, {
        firstName: 'Ada',
        lastName: 'Lovelace',
        email: 'ada@other.example',
      }),
      await createClient(app, them.companyId, { firstName: 'Other' }),
    ];
  });

  afterAll(async () => {
    await server?.close();
    await app?.close();
    await db.drop();
  });

  describe('clients', () => {
    it('pages through every client of the company in id order', async () => {
      const seen: number[] = [];
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        const result: Page = await page({ first: 10, after });
        pages += 1;
        expect(result.totalCount).toBe(ours.length);
        seen.push(...result.edges.map((e) => Number(e.node.id)));
        expect(result.pageInfo.endCursor).toBe(result.edges.at(-1)?.cursor ?? null);
        if (!result.pageInfo.hasNextPage) break;
        after = result.pageInfo.endCursor;
      }
      expect(pages).toBe(3);
      expect(seen).toEqual(ours.map((c) => c.clientId).sort((a, b) => a - b));
    });

    it('returns 20 clients unless told otherwise', async () => {
      const result = await page({});
      expect(result.edges).toHaveLength(20);
      expect(result.pageInfo.hasNextPage).toBe(true);
    });

    it('answers an empty page after the last client', async () => {
      const all = await page({ first: 100 });
      expect(all.pageInfo.hasNextPage).toBe(false);
      const after = await page({ first: 10, after: all.pageInfo.endCursor });
      expect(after).toEqual({
        totalCount: ours.length,
        edges: [],
        pageInfo: { hasNextPage: false, endCursor: null },
      });
    });

    it('counts without listing when first is 0', async () => {
      const result = await page({ first: 0 });
      expect(result).toMatchObject({ totalCount: ours.length, edges: [], pageInfo: { hasNextPage: true } });
    });

    it('never lists another company’s clients', async () => {
      const ids = (await page({ first: 100 })).edges.map((e) => Number(e.node.id));
      for (const client of theirs) expect(ids).not.toContain(client.clientId);
    });
  });

  describe('clients(search)', () => {
    it('matches first name, last name, email and company, ignoring case', async () => {
      expect(await searchIds('ada')).toEqual([special.clientId]);
      expect(await searchIds('LOVELACE')).toEqual([special.clientId]);
      expect(await searchIds('analytical.example')).toEqual([special.clientId]);
      expect(await searchIds('engines')).toEqual([special.clientId]);
    });

    it('matches the client id', async () => {
      expect(await searchIds(String(special.clientId))).toContain(special.clientId);
    });

    it('needs every word to match', async () => {
      expect(await searchIds('Ada Lovelace')).toEqual([special.clientId]);
      expect(await searchIds('Ada Babbage')).toEqual([]);
    });

    it('matches any contact of the client, not only the primary one', async () => {
      const client = await createClient(app, companyId, { firstName: 'Primary' });
      await addContact(app, client.clientId, 'billing', { firstName: 'Bartholomew' });
      try {
        expect(await searchIds('bartholomew')).toEqual([client.clientId]);
      } finally {
        ours.push(client);
      }
    });

    it('takes % and _ literally', async () => {
      expect(await searchIds('100%')).toEqual([special.clientId]);
      expect(await searchIds('%')).toEqual([special.clientId]);
      expect(await searchIds('_')).toEqual([]);
    });

    it('does not find another company’s client, whatever matches', async () => {
      expect(await searchIds('ada@other.example')).toEqual([]);
      expect(await searchIds(String(theirs[1].clientId))).not.toContain(theirs[1].clientId);
    });

    it('pages through the matches', async () => {
      const first = await page({ search: 'ours1', first: 3 });
      expect(first.totalCount).toBe(11); // Ours1, Ours10 … Ours19
      expect(first.edges).toHaveLength(3);
      const rest = await page({ search: 'ours1', first: 100, after: first.pageInfo.endCursor });
      expect(rest.edges).toHaveLength(8);
      expect(rest.pageInfo.hasNextPage).toBe(false);
    });
  });

  describe('client', () => {
    it('shows the client number, status, contacts and counts', async () => {
      const billing = await addContact(app, special.clientId, 'billing', { firstName: 'Bill' });
      for (const status of ['active', 'draft', 'void'] as const)
        await addInvoice(app, special.clientId, status);
      await addService(app, companyId, special.clientId, 'active');
      await addService(app, companyId, special.clientId, 'canceled');
      await addService(app, companyId, special.clientId, 'suspended');

      const res = await gql(server.url, ClientDocument, { id: String(special.clientId) }, token);
      expect(res.errors).toBeUndefined();
      expect(res.data?.client).toEqual({
        id: String(special.clientId),
        idCode: 'CL-4242',
        status: 'ACTIVE',
        primaryContact: {
          id: String(special.primaryContactId),
          contactType: 'PRIMARY',
          firstName: 'Ada',
          lastName: 'Lovelace',
          email: 'ada@analytical.example',
          company: 'Engines 100% Ltd',
        },
        contacts: [
          {
            id: String(special.primaryContactId),
            contactType: 'PRIMARY',
            firstName: 'Ada',
            lastName: 'Lovelace',
            email: 'ada@analytical.example',
            company: 'Engines 100% Ltd',
          },
          expect.objectContaining({ id: String(billing), contactType: 'BILLING', firstName: 'Bill' }),
        ],
        invoiceCount: 3,
        // The active one; draft and void invoices are not open.
        openInvoiceCount: 1,
        serviceCount: 3,
        // Active and suspended: what blocks a deletion.
        activeServiceCount: 2,
      });
    });

    it('reports another company’s client exactly like one that does not exist', async () => {
      const foreign = await gql(server.url, ClientDocument, { id: String(theirs[0].clientId) }, token);
      const missing = await gql(server.url, ClientDocument, { id: '987654321' }, token);
      expect(foreign.status).toBe(missing.status);
      expect({ data: foreign.data, errors: foreign.errors }).toEqual({
        data: { client: null },
        errors: undefined,
      });
      expect({ data: missing.data, errors: missing.errors }).toEqual({
        data: { client: null },
        errors: undefined,
      });
    });
  });

  describe('loading', () => {
    afterEach(() => vi.restoreAllMocks());

    it('reads a page with a fixed number of queries, whatever its size', async () => {
      const query = `query($first: Int) { clients(first: $first) { totalCount edges { node {
        idCode primaryContact { email } contacts { id } invoiceCount openInvoiceCount serviceCount
        activeServiceCount } } } }`;
      const queries = recordQueries(app);
      const counts: number[] = [];
      for (const first of [2, 20]) {
        queries.clear();
        const res = await gql(server.url, query, { first }, token);
        expect(res.errors).toBeUndefined();
        expect(res.data.clients.edges).toHaveLength(first);
        counts.push(queries.texts.length);
      }
      expect(counts[1]).toBe(counts[0]);
      // session + permissions, the page, its total, and one per field of Client (the invoice
      // counts share one query, the service counts another).
      expect(counts[0]).toBe(8);
    });
  });
});
