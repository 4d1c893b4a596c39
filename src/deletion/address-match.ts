import { sql, ident, type Sql } from '../db/sql';
import { addressKey } from './address-key';
import { matching, type LinkScope, type MatchLink, type StagedSet } from './erasure-rules';

// Address matches (SPEC 2.2): rows without a client id that belong to the client because they were
// sent to, or opened from, one of its own addresses within its company. Shared by the email log and
// plugins (the support manager's guest tickets).

/**
 * The client's own addresses, as keys (see address-key.ts): the email of one of its contacts that
 * no contact of another client of the same company uses, nor any staff member of that company
 * (their `email` or `email_mobile`; staff belong to a company through their staff groups). Another
 * company's clients and staff do not count: rows matched by address are always restricted to the
 * client's company, so an address shared with them takes nothing of theirs.
 */
export const CLIENT_ADDRESSES: StagedSet = {
  name: 'client_addresses',
  columnType: {
    mysql: 'VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin',
    sqlite: 'TEXT',
  },
  select: (scope) => {
    const { id, companyId } = scope.client;
    const [c, o, oc, og, sg, m, s] = Array.from({ length: 7 }, () => scope.alias());
    return sql`SELECT DISTINCT ${c}.email_key FROM contacts ${c}
      WHERE ${c}.client_id = ${id}
        AND NOT EXISTS (SELECT 1 FROM contacts ${o}
          JOIN clients ${oc} ON ${oc}.id = ${o}.client_id
          JOIN client_groups ${og} ON ${og}.id = ${oc}.client_group_id
          WHERE ${o}.email_key = ${c}.email_key AND ${o}.client_id <> ${id} AND ${og}.company_id = ${companyId})
        AND NOT EXISTS (SELECT 1 FROM staff_groups ${sg}
          JOIN staff_group ${m} ON ${m}.staff_group_id = ${sg}.id
          JOIN staff ${s} ON ${s}.id = ${m}.staff_id
          WHERE ${sg}.company_id = ${companyId}
            AND (${addressKey(sql`${s}.email`)} = ${c}.email_key
              OR ${addressKey(sql`${s}.email_mobile`)} = ${c}.email_key))`;
  },
};

/** How a table's row is tied to a company, for {@link guestAddressMatch}. */
export interface CompanyScope {
  readonly columns: readonly string[];
  readonly sets?: readonly StagedSet[];
  readonly description: string;
  readonly where: (row: Sql, scope: LinkScope) => Sql;
}

/**
 * A row that carries no client id (`clientColumn` is null) but was sent to or opened from one of
 * the client's own addresses (see {@link CLIENT_ADDRESSES}) within the client's company.
 * `keyColumn` is the row's generated address key. Shared by the email log and plugins.
 */
export function guestAddressMatch(options: {
  keyColumn: string;
  clientColumn: string;
  company: CompanyScope;
}): MatchLink {
  const { keyColumn, clientColumn, company } = options;
  return matching({
    reads: ['contacts'],
    columns: [keyColumn, clientColumn, ...company.columns],
    sets: [CLIENT_ADDRESSES, ...(company.sets ?? [])],
    description:
      `${clientColumn} is null, ${company.description}, and ${keyColumn} is the address of one of ` +
      `the client's contacts that no other client's contact nor any staff member of the company uses ` +
      `(trimmed, ASCII-lower-cased, byte for byte)`,
    where: (row, scope) =>
      sql`${row}.${ident(clientColumn)} IS NULL AND ${company.where(row, scope)}
        AND ${row}.${ident(keyColumn)} IN (${scope.valuesOf(CLIENT_ADDRESSES)})`,
  });
}
