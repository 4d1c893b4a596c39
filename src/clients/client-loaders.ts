import type { RequestContext } from '../context';
import { EmSqlRunner } from '../db/sql-runner';
import { Sql, ident, sql } from '../db/sql';
import type { ContactKind } from '../entities/contact.entity';
import type DataLoader from 'dataloader';
import { requestLoader } from '../graphql/request-loader';

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
 * A client's rows of one table: all of them, and those that would block its deletion (SPEC 2.1).
 */
export interface RowCounts {
  readonly all: number;
  readonly blocking: number;
}

/**
 * Per-request loaders for the fields of `Client`. They take ids of clients that were already read
 * through the company-scoped queries of clients.service, so they need no company filter of their
 * own; counts are computed by the database, never by loading the rows. Each count loader reads
 * both of its counts in one query, so a page costs one query per table whichever counts it asks.
 */
export interface ClientLoaders {
  readonly primaryContact: DataLoader<number, ContactSummary | null>;
  readonly contacts: DataLoader<number, ContactSummary[]>;
  /** `blocking`: open invoices (active or proforma, not closed). */
  readonly invoiceCounts: DataLoader<number, RowCounts>;
  /** `blocking`: active or suspended services. */
  readonly serviceCounts: DataLoader<number, RowCounts>;
}

/**
 * The rows that block a deletion, as the core's blockers define them (SPEC 2.1): the list shows
 * the same numbers the deletion preview will.
 */
const BLOCKING: Record<'invoices' | 'services', Sql> = {
  invoices: Sql.raw(`status IN ('active', 'proforma') AND date_closed IS NULL`),
  services: Sql.raw(`status IN ('active', 'suspended')`),
};

const NO_ROWS: RowCounts = { all: 0, blocking: 0 };

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
    const rows = await runner.rows<{ client_id: number; n: number; blocking: number | null }>(sql`
      SELECT client_id, COUNT(*) AS n, SUM(CASE WHEN ${BLOCKING[table]} THEN 1 ELSE 0 END) AS blocking
        FROM ${ident(table)}
       WHERE client_id IN (${idList(clientIds)})
       GROUP BY client_id
    `);
    return new Map<number, RowCounts>(
      rows.map((r) => [Number(r.client_id), { all: Number(r.n), blocking: Number(r.blocking ?? 0) }]),
    );
  };

  return {
    primaryContact: requestLoader(async (ids) => {
      const byClient = new Map<number, ContactSummary>();
      // Blesta keeps one primary contact per client; should there be more, the oldest wins.
      for (const row of await readContacts(ids, true)) {
        const contact = toContact(row);
        if (!byClient.has(contact.clientId)) byClient.set(contact.clientId, contact);
      }
      return byClient;
    }, null),
    contacts: requestLoader(async (ids) => {
      const byClient = new Map<number, ContactSummary[]>();
      for (const row of await readContacts(ids, false)) {
        const contact = toContact(row);
        const list = byClient.get(contact.clientId) ?? [];
        list.push(contact);
        byClient.set(contact.clientId, list);
      }
      return byClient;
    }, []),
    invoiceCounts: requestLoader((ids) => countPerClient('invoices', ids), NO_ROWS),
    serviceCounts: requestLoader((ids) => countPerClient('services', ids), NO_ROWS),
  };
}
