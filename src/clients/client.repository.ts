import { raw, sql, type EntityClass, type Loaded } from '@mikro-orm/core';
import type { Em } from '../db/orm';
import { Client } from '../entities/client.entity';
import { Contact, type ContactKind } from '../entities/contact.entity';

// Database access for clients and what the client list shows of them. The rules — which company a
// staff member sees, what a search term is, which rows block a deletion — are the services'.

/** Which clients to read: those of one company matching every search term (see `termMatch`). */
export interface ClientCriteria {
  readonly companyId: number;
  readonly terms: readonly string[];
}

/** A contact's columns a search term is matched against. */
const SEARCHED_COLUMNS = ['first_name', 'last_name', 'email', 'company'] as const;

/** The company's client with this id, or null: another company's client is not found either. */
export function findClientOfCompany(em: Em, id: number, companyId: number): Promise<Client | null> {
  return em.findOne(Client, { id, clientGroup: { company: companyId } });
}

/** A page of the matching clients in id order, after the client `afterId` when given. */
export function findClients(
  em: Em,
  criteria: ClientCriteria,
  page: { afterId: number | null; limit: number },
): Promise<Client[]> {
  const qb = matching(em, criteria);
  if (page.afterId !== null) qb.andWhere({ id: { $gt: page.afterId } });
  return qb.orderBy({ id: 'asc' }).limit(page.limit).getResultList();
}

/** How many clients match, across all pages. */
export function countClients(em: Em, criteria: ClientCriteria): Promise<number> {
  return matching(em, criteria).getCount();
}

function matching(em: Em, criteria: ClientCriteria) {
  const qb = em
    .createQueryBuilder(Client, 'c')
    .join('c.clientGroup', 'g')
    .where({ 'g.company': criteria.companyId });
  for (const term of criteria.terms) qb.andWhere(termMatch(em, term));
  return qb;
}

/**
 * The term is the client's id, or is contained in a first name, last name, email or company of
 * one of the client's contacts. LIKE ignores case on both drivers for ASCII; `ESCAPE '!'` makes
 * LIKE's wildcards in the term match literally, which the ORM's `$like` cannot say (SQLite has no
 * default escape character), hence the raw conditions. The contacts are an EXISTS correlated on
 * the client rather than the ORM's `$some`, an uncorrelated IN over every company's contacts: a
 * page of a common term stops at its last client.
 */
function termMatch(em: Em, term: string) {
  const like = likePattern(term);
  const contacts = em
    .createQueryBuilder(Contact, 'ct')
    .select(raw('1'))
    .where({ client: sql.ref('c.id') })
    .andWhere({
      $or: SEARCHED_COLUMNS.map((column) => ({ [raw(`ct.${column} like ? escape '!'`, [like])]: [] })),
    });
  const contactMatch = { [raw(`exists (${contacts.getQuery()})`, contacts.getParams())]: [] };
  const id = /^[0-9]{1,15}$/.test(term) ? Number(term) : null;
  return id === null ? contactMatch : { $or: [{ id }, contactMatch] };
}

/** `%term%` for LIKE, with LIKE's own wildcards in the term matched literally. */
function likePattern(term: string): string {
  return `%${term.replace(/[!%_]/g, (ch) => `!${ch}`)}%`;
}

/** What the client list shows of a contact. */
const CONTACT_FIELDS = ['client', 'contactType', 'firstName', 'lastName', 'email', 'company'] as const;
export type ListedContact = Loaded<Contact, never, (typeof CONTACT_FIELDS)[number]>;

/** The contacts of these clients (of one type when given), by client and then by id. */
export function contactsOf(
  em: Em,
  clientIds: readonly number[],
  contactType?: ContactKind,
): Promise<ListedContact[]> {
  return em.find(
    Contact,
    { client: { $in: [...clientIds] }, ...(contactType ? { contactType } : {}) },
    { fields: [...CONTACT_FIELDS], orderBy: { client: 'asc', id: 'asc' } },
  );
}

/** How many rows a client has, and how many of them satisfy a condition. */
export interface RowCounts {
  readonly all: number;
  readonly blocking: number;
}

/**
 * Per client, its rows of an entity with a `client` relation, and how many of those satisfy
 * `blocking` (an SQL condition on the entity's own columns): one grouped query for all clients,
 * counted by the database. A client without rows is absent.
 */
export async function countPerClient(
  em: Em,
  entity: EntityClass<{ client: unknown }>,
  clientIds: readonly number[],
  blocking: string,
): Promise<Map<number, RowCounts>> {
  const rows = await em
    .createQueryBuilder(entity, 'x')
    .select([
      'x.client',
      sql`count(*)`.as('total'),
      raw(`sum(case when ${blocking} then 1 else 0 end)`).as('blocking'),
    ])
    .where({ client: { $in: [...clientIds] } })
    .groupBy('x.client')
    .execute<{ client: number; total: number | string; blocking: number | string | null }[]>('all');
  // Aggregates come back as strings from MariaDB (SUM is a DECIMAL there).
  return new Map(
    rows.map((r) => [Number(r.client), { all: Number(r.total), blocking: Number(r.blocking ?? 0) }]),
  );
}
