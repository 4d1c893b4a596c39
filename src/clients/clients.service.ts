import type { RequestContext } from '../context';
import { requireStaff } from '../auth/require-staff';
import { EmSqlRunner } from '../db/sql-runner';
import { Sql, sql } from '../db/sql';
import type { SqlRunner } from '../db/sql-runner';
import type { ClientRef } from '../deletion/erasure-rules';
import type { ClientStatus } from '../entities/client.entity';

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

function runner(ctx: RequestContext): EmSqlRunner {
  return new EmSqlRunner(ctx.em, ctx.app.driver);
}

/**
 * The client with this id if it belongs to the company, else null. Another company's client and
 * a client that does not exist are indistinguishable on purpose: staff must not learn which ids
 * exist elsewhere. With `forUpdate` the row is locked for the caller's transaction (MariaDB;
 * SQLite's single writer serialises transactions instead).
 */
/**
 * 1 when the client exists in the company, else 0, as an expression: the company scope of every
 * client read, also counted within the preview's one statement.
 */
export function clientInCompany(client: ClientRef): Sql {
  return sql`(SELECT COUNT(*) FROM clients c JOIN client_groups g ON g.id = c.client_group_id
    WHERE c.id = ${client.id} AND g.company_id = ${client.companyId})`;
}

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

const SUMMARY_COLUMNS = Sql.raw(
  'c.id AS id, c.id_format AS id_format, c.id_value AS id_value, c.status AS status',
);

interface SummaryRow {
  id: number;
  id_format: string;
  id_value: number;
  status: ClientStatus;
}

function toSummary(row: SummaryRow): ClientSummary {
  return { id: Number(row.id), idFormat: row.id_format, idValue: Number(row.id_value), status: row.status };
}

/** One client of the company, or null (see findClientInCompany). */
export async function getClient(ctx: RequestContext, id: number): Promise<ClientSummary | null> {
  const { companyId } = requireStaff(ctx);
  const [row] = await runner(ctx).rows<SummaryRow>(sql`
    SELECT ${SUMMARY_COLUMNS}
      FROM clients c
      JOIN client_groups g ON g.id = c.client_group_id
     WHERE c.id = ${id} AND g.company_id = ${companyId}
  `);
  return row ? toSummary(row) : null;
}

/** `%term%` for LIKE, with LIKE's own wildcards in the term matched literally. */
function likePattern(term: string): string {
  return `%${term.replace(/[!%_]/g, (ch) => `!${ch}`)}%`;
}

/**
 * Every whitespace-separated term must match the client id, or a first name, last name, email
 * or company of one of the client's contacts. LIKE ignores case on both drivers for ASCII.
 */
function searchCondition(search: string | null): Sql {
  const terms = (search ?? '')
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, MAX_SEARCH_TERMS)
    .map((t) => t.slice(0, MAX_TERM_LENGTH));
  if (terms.length === 0) return Sql.raw('1 = 1');
  const perTerm = terms.map((term) => {
    const like = likePattern(term);
    const contactMatch = sql`EXISTS (
      SELECT 1 FROM contacts ct
       WHERE ct.client_id = c.id
         AND (ct.first_name LIKE ${like} ESCAPE '!' OR ct.last_name LIKE ${like} ESCAPE '!'
              OR ct.email LIKE ${like} ESCAPE '!' OR ct.company LIKE ${like} ESCAPE '!'))`;
    const number = /^[0-9]{1,15}$/.test(term) ? Number(term) : null;
    return number === null ? contactMatch : sql`(c.id = ${number} OR ${contactMatch})`;
  });
  return sql`(${Sql.join(perTerm, ' AND ')})`;
}

function filterCondition(filter: ClientFilter): Sql {
  return sql`g.company_id = ${filter.companyId} AND ${searchCondition(filter.search)}`;
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
  const after = options.afterId === null ? Sql.raw('') : sql` AND c.id > ${options.afterId}`;
  const rows = await runner(ctx).rows<SummaryRow>(sql`
    SELECT ${SUMMARY_COLUMNS}
      FROM clients c
      JOIN client_groups g ON g.id = c.client_group_id
     WHERE ${filterCondition(filter)}${after}
     ORDER BY c.id
     LIMIT ${options.first + 1}
  `);
  return {
    clients: rows.slice(0, options.first).map(toSummary),
    hasNextPage: rows.length > options.first,
    filter,
  };
}

/** How many clients match a filter, across all pages. */
export async function countClients(ctx: RequestContext, filter: ClientFilter): Promise<number> {
  const [row] = await runner(ctx).rows<{ n: number }>(sql`
    SELECT COUNT(*) AS n
      FROM clients c
      JOIN client_groups g ON g.id = c.client_group_id
     WHERE ${filterCondition(filter)}
  `);
  return Number(row?.n ?? 0);
}

/** Blesta renders a client number by putting `id_value` in place of `{num}` in `id_format`. */
export function formatIdCode(idFormat: string, idValue: number): string {
  return idFormat.includes('{num}') ? idFormat.split('{num}').join(String(idValue)) : `${idFormat}${idValue}`;
}
