import type { RequestContext } from '../context';
import { EmSqlRunner } from '../db/sql-runner';
import { Sql, ident, sql } from '../db/sql';
import type { ContactKind } from '../entities/contact.entity';
import { BatchLoader } from '../graphql/batch-loader';

/** A contact as the API shows it. */
export interface ContactSummary {
  readonly id: number;
  readonly clientId: number;
  readonly contactType: ContactKind;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly company: string | null;
}

/**
 * Per-request loaders for the fields of `Client`. They take ids of clients that were already read
 * through the company-scoped queries of clients.service, so they need no company filter of their
 * own; counts are computed by the database, never by loading the rows.
 */
export interface ClientLoaders {
  readonly primaryContact: BatchLoader<number, ContactSummary | null>;
  readonly contacts: BatchLoader<number, ContactSummary[]>;
  readonly invoiceCount: BatchLoader<number, number>;
  readonly serviceCount: BatchLoader<number, number>;
}

const loadersByRequest = new WeakMap<RequestContext, ClientLoaders>();

export function clientLoaders(ctx: RequestContext): ClientLoaders {
  let loaders = loadersByRequest.get(ctx);
  if (!loaders) {
    loaders = createLoaders(ctx);
    loadersByRequest.set(ctx, loaders);
  }
  return loaders;
}

interface ContactRow {
  id: number;
  client_id: number;
  contact_type: ContactKind;
  first_name: string;
  last_name: string;
  email: string;
  company: string | null;
}

function toContact(row: ContactRow): ContactSummary {
  return {
    id: Number(row.id),
    clientId: Number(row.client_id),
    contactType: row.contact_type,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    company: row.company ?? null,
  };
}

function idList(ids: readonly number[]): Sql {
  return Sql.join(
    ids.map((id) => sql`${id}`),
    ', ',
  );
}

function createLoaders(ctx: RequestContext): ClientLoaders {
  const runner = new EmSqlRunner(ctx.em, ctx.app.driver);

  const readContacts = (clientIds: readonly number[], primaryOnly: boolean) =>
    runner.rows<ContactRow>(sql`
      SELECT id, client_id, contact_type, first_name, last_name, email, company
        FROM contacts
       WHERE client_id IN (${idList(clientIds)})${primaryOnly ? Sql.raw(` AND contact_type = 'primary'`) : Sql.raw('')}
       ORDER BY client_id, id
    `);

  const countPerClient = async (table: 'invoices' | 'services', clientIds: readonly number[]) => {
    const rows = await runner.rows<{ client_id: number; n: number }>(sql`
      SELECT client_id, COUNT(*) AS n FROM ${ident(table)}
       WHERE client_id IN (${idList(clientIds)})
       GROUP BY client_id
    `);
    return new Map(rows.map((r) => [Number(r.client_id), Number(r.n)]));
  };

  return {
    primaryContact: new BatchLoader(async (ids) => {
      const byClient = new Map<number, ContactSummary>();
      // Blesta keeps one primary contact per client; should there be more, the oldest wins.
      for (const row of await readContacts(ids, true)) {
        const contact = toContact(row);
        if (!byClient.has(contact.clientId)) byClient.set(contact.clientId, contact);
      }
      return byClient;
    }, null),
    contacts: new BatchLoader(async (ids) => {
      const byClient = new Map<number, ContactSummary[]>();
      for (const row of await readContacts(ids, false)) {
        const contact = toContact(row);
        const list = byClient.get(contact.clientId) ?? [];
        list.push(contact);
        byClient.set(contact.clientId, list);
      }
      return byClient;
    }, []),
    invoiceCount: new BatchLoader((ids) => countPerClient('invoices', ids), 0),
    serviceCount: new BatchLoader((ids) => countPerClient('services', ids), 0),
  };
}
