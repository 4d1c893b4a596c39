import { Sql } from '../db/sql';

/**
 * How two email addresses are compared (SPEC 2.2, "compared case-insensitively"): both sides
 * trimmed of spaces and ASCII-lower-cased, then compared byte for byte, the same on every driver.
 *
 * The expression is spelt with REPLACE for each capital letter rather than LOWER(): SQLite's
 * LOWER() folds ASCII only, MariaDB's folds all of Unicode (`É` to `é`), and REPLACE matches
 * bytes on both. TRIM() removes spaces (not tabs or other characters) on both.
 *
 * The stored side is a generated column with an index (`contacts.email_key`,
 * `log_emails.to_address_key`, `support_tickets.email_key`): a function applied to the row's own
 * column at query time would defeat the index. On MariaDB those columns use the `utf8mb4_nopad_bin`
 * collation, so `=` compares bytes: the table's `utf8mb4_unicode_ci` would also ignore accents,
 * trailing spaces and characters such as U+200B.
 */
export function addressKeySql(column: string): string {
  let expression = `trim(${column})`;
  for (let code = 65; code <= 90; code++) {
    const upper = String.fromCharCode(code);
    expression = `replace(${expression}, '${upper}', '${upper.toLowerCase()}')`;
  }
  return expression;
}

/** {@link addressKeySql} of an aliased column in a query, e.g. `addressKey(sql\`s.email\`)`. */
export function addressKey(column: Sql): Sql {
  if (column.params.length > 0) throw new Error('addressKey takes a column, not a value');
  return Sql.raw(addressKeySql(column.text));
}

/** The address key computed in JavaScript, for tests and tools: the same bytes as the SQL. */
export function addressKeyOf(address: string): string {
  return address.replace(/^ +| +$/g, '').replace(/[A-Z]/g, (c) => c.toLowerCase());
}
