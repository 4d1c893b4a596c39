import type { Sql } from '../../db/sql';
import type { CompanyFixtures } from '../company-fixtures';
import type { Row } from './batch-insert';
import type { TableName } from './tables';

/**
 * One generated client as a plugin's seeder sees it: the core's rows are in place (their ids
 * below), and the seeder adds the plugin's rows through {@link SeedContext.insert}, inside the
 * generator's transaction.
 */
export interface SeedContext {
  readonly clientId: number;
  /** The company-side rows (staff member, support department, order form...). */
  readonly fixtures: CompanyFixtures;
  /** The client's own user first, then the contacts' users. */
  readonly userIds: readonly number[];
  /** The primary contact first. */
  readonly contactIds: readonly number[];
  /** The contacts' addresses, in the order of `contactIds`; no other client uses them. */
  readonly contactEmails: readonly string[];
  readonly serviceIds: readonly number[];
  readonly invoiceIds: readonly number[];
  /**
   * The marker of `GenerateClientOptions` (`''` without one). {@link SeedContext.text} writes it;
   * a value built otherwise (a file name) must carry it itself.
   */
  readonly marker: string;
  /** Random hex of this client, for values that must not collide with another client's. */
  readonly token: string;
  /**
   * Where to write the files the plugin's rows name (attachments), or undefined: write none (no
   * directory was given, or `writeAttachmentFiles` is false).
   */
  readonly attachmentsDir: string | undefined;
  /** Rows asked for `table`. A seeder inserts exactly this many into each of its tables. */
  count(table: TableName): number;
  /** Text for a column of `max` characters, carrying the marker wherever it fits. */
  text(base: string, max?: number): string;
  /** A date `daysAgo` days before the generation started (negative: after), as the driver stores it. */
  date(daysAgo: number): unknown;
  /** Inserts `count` rows in multi-row INSERT statements, row `i` given by `row(i)`. */
  insert(table: string, columns: readonly string[], count: number, row: (i: number) => Row): Promise<void>;
  /** Ids of the rows of `from` (row alias `x`) that match `where`, in id order. */
  ids(from: Sql, where: Sql): Promise<number[]>;
  /** Reports files written under `attachmentsDir`, relative to it (`GeneratedClient.attachmentFiles`). */
  addAttachmentFiles(names: readonly string[]): void;
}

/**
 * How a plugin fills its own tables for a generated client (`npm run db:generate`, the demo seed,
 * the tests' clients). The generator inserts the core's rows, then calls the seeders of the
 * enabled plugins that the generation names, in the order the plugins are installed. A seeder
 * writes the rows the way its plugin's erasure finds them, so the generated client is deleted row
 * for row.
 *
 * The counts of the built-in plugins' tables are part of the generator's counts (SPEC 2.2); a
 * third-party plugin's tables have none, so its seeder chooses how many rows to write, and they
 * are not in `GeneratedClient.counts`.
 *
 * @example
 * ```ts
 * // One loyalty row per invoice of the client, found by the plan through `erasedWith: ['client']`.
 * export const loyaltySeeder: PluginSeeder = {
 *   async seed(client) {
 *     await client.insert(
 *       'loyalty_points',
 *       ['client_id', 'points', 'note', 'date_added'],
 *       client.invoiceIds.length,
 *       (i) => [client.clientId, 10 * (i + 1), client.text(`Invoice ${i + 1} paid`), client.date(30 - i)],
 *     );
 *   },
 * };
 * // in the plugin: `seed: loyaltySeeder`
 * ```
 */
export interface PluginSeeder {
  /**
   * Refuses counts the plugin cannot generate, before anything is inserted: throws an Error that
   * names the table. `counts` has every table of the generation's plugins.
   */
  check?(counts: Readonly<Record<TableName, number>>, fixtures: CompanyFixtures): void;
  /** Inserts the plugin's rows of one client, after the core's. A throw rolls the client back. */
  seed(client: SeedContext): Promise<void>;
}
