import type { RequestContext } from '../context';
import { requireStaff } from '../auth/require-staff';
import { type Sql, sql } from '../db/sql';
import type { SqlRunner } from '../db/sql-runner';
import type { ClientRef } from '../deletion/erasure-rules';
import type { Client, ClientStatus } from '../entities/client.entity';
import * as clients from './client.repository';

/** A client row as listed. */
export interface ClientSummary {
  readonly id: number;
  readonly idFormat: string;
  readonly idValue: number;
  readonly status: ClientStatus;
}

/** What `clients(search)` filters on, kept for counting the same set. */
export interface ClientFilter {
  readonly companyId: number;
  readonly search: string | null;
}

export interface ClientPage {
  readonly clients: ClientSummary[];
  readonly hasNextPage: boolean;
  readonly filter: ClientFilter;
}

// Bounds the SQL a search can produce.
const MAX_SEARCH_TERMS = 8;
const MAX_TERM_LENGTH = 100;

/**
 * 1 when the client exists in the company, else 0, as an expression: the company scope of every
 * client read, also counted within the preview's one statement.
 */
export function clientInCompany(client: ClientRef): Sql {
  return sql`(SELECT COUNT(*) FROM clients c JOIN client_groups g ON g.id = c.client_group_id
    WHERE c.id = ${client.id} AND g.company_id = ${client.companyId})`;
}

/**
 * The client with this id if it belongs to the company, else null. Another company's client and
 * a client that does not exist are indistinguishable on purpose: staff must not learn which ids
 * exist elsewhere. With `forUpdate` the row is locked for the caller's transaction (MariaDB;
 * SQLite's single writer serialises transactions instead).
 *
 * SQL through the caller's SqlRunner, unlike the reads below: the deletion engine calls it inside
 * its own transaction, and the locking read must stay exactly this statement (see below).
 */
export async function findClientInCompany(
  db: SqlRunner,
  id: number,
  companyId: number,
  options: { forUpdate?: boolean } = {},
): Promise<ClientRef | null> {
  const inCompany = async () => {
    const [{ n }] = await db.rows<{ n: number | string }>(
      sql`SELECT ${clientInCompany({ id, companyId })} AS n`,
    );
    return Number(n) > 0;
  };
  // A plain read first: another company's client is never locked, not even for a moment.
  if (!(await inCompany())) return null;
  if (options.forUpdate && db.driver === 'mysql') {
    // The clients row alone, by primary key. MariaDB has no FOR UPDATE OF: a locking read through
    // the join would also lock the client group, and every sign-up into that group would wait
    // for the deletion (its foreign key check reads the group row with a shared lock).
    const [locked] = await db.rows<{ id: number }>(
      sql`SELECT c.id AS id FROM clients c WHERE c.id = ${id} FOR UPDATE`,
    );
    // Deleted (a twin deletion committed while this one waited) or moved to another company
    // meanwhile: the locking read and this plain one see what is committed now (READ COMMITTED).
    if (!locked || !(await inCompany())) return null;
  }
  return { id, companyId };
}

function toSummary(client: Client): ClientSummary {
  return { id: client.id, idFormat: client.idFormat, idValue: client.idValue, status: client.status };
}

/** One client of the company, or null (see findClientInCompany). */
export async function getClient(ctx: RequestContext, id: number): Promise<ClientSummary | null> {
  const { companyId } = requireStaff(ctx);
  const client = await clients.findClientOfCompany(ctx.em, id, companyId);
  return client ? toSummary(client) : null;
}

/**
 * The terms of a search, each of which must match: whitespace-separated, at most
 * MAX_SEARCH_TERMS of at most MAX_TERM_LENGTH characters (bounding the SQL a search can produce).
 * A term matches the client id, or a first name, last name, email or company of one of the
 * client's contacts, ignoring case (ASCII) and taking `%` and `_` literally.
 */
function criteriaOf(filter: ClientFilter): clients.ClientCriteria {
  const terms = (filter.search ?? '')
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, MAX_SEARCH_TERMS)
    .map((t) => t.slice(0, MAX_TERM_LENGTH));
  return { companyId: filter.companyId, terms };
}

/**
 * A page of the company's clients in id order, after the client `afterId` when given. Reads one
 * row more than asked to learn whether another page follows.
 */
export async function listClients(
  ctx: RequestContext,
  options: { search: string | null; first: number; afterId: number | null },
): Promise<ClientPage> {
  const { companyId } = requireStaff(ctx);
  const filter: ClientFilter = { companyId, search: options.search };
  const rows = await clients.findClients(ctx.em, criteriaOf(filter), {
    afterId: options.afterId,
    limit: options.first + 1,
  });
  return {
    clients: rows.slice(0, options.first).map(toSummary),
    hasNextPage: rows.length > options.first,
    filter,
  };
}

/** How many clients match a filter, across all pages. */
export async function countClients(ctx: RequestContext, filter: ClientFilter): Promise<number> {
  return clients.countClients(ctx.em, criteriaOf(filter));
}

/** Blesta renders a client number by putting `id_value` in place of `{num}` in `id_format`. */
export function formatIdCode(idFormat: string, idValue: number): string {
  return idFormat.includes('{num}') ? idFormat.split('{num}').join(String(idValue)) : `${idFormat}${idValue}`;
}
