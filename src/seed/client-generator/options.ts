import type { AppCore } from '../../app';
import type { BlockerShape } from './shapes';
import type { RowCounts, TableName } from './tables';

/**
 * What the generator takes from the app (an `App` will do): the erasure plan, whose links say
 * which parent rows each table's rows are spread over, and the enabled plugins, whose seeders
 * fill their tables.
 */
export type SeedApp = Pick<AppCore, 'plan' | 'plugins'>;

export interface GenerateClientOptions {
  /**
   * Exact number of rows wanted per table. Rules:
   * - `clients` is always 1; `contacts` is at least 1 (the primary contact) and defaults to 1.
   * - `users` counts the client's own user plus one user per contact that can sign in; it
   *   defaults to 1 and may be at most `contacts + 1`.
   * - A child table with rows needs rows in its parent table(s) (e.g. `invoice_lines` needs
   *   `invoices`; `service_invoices` needs `services` and `invoices`; `client_account` and
   *   `log_account_access` need `accounts_cc` or `accounts_ach`); otherwise an Error names both.
   *   The parents are the plan's parent links (see parents.ts).
   * - Child rows are spread round-robin over the client's parent rows.
   */
  counts: RowCounts;
  /**
   * Installed plugins; plugin tables may be counted only for these, and their seeders fill them.
   * Each must be enabled in the app.
   */
  plugins: readonly string[];
  /**
   * The app's plan and plugins. Without it the plan is compiled from the EntityManager's entity
   * metadata and the plugins are the built-in ones whose entities it knows: the same for an App's
   * EntityManager, but a third-party plugin's seeder runs only when the app is passed.
   */
  app?: SeedApp;
  /**
   * Written into every text column of every generated row where the column is long enough
   * (names, the local part of emails, notes, serialized values, tokens...), so a test can prove
   * that nothing of a deleted client survives. Keep it short and `[A-Za-z0-9_-]`.
   */
  marker?: string;
  /**
   * Makes the client blocked by this rule (or these rules) of SPEC 2.1, by raising the blocking
   * table to at least one row and giving its first row the blocking status. Without it nothing
   * blocks: invoices are closed, void or draft; services canceled, pending or in review.
   */
  blockerShape?: BlockerShape | readonly BlockerShape[];
  /** Readable name of the primary contact (demo data); generated otherwise. */
  primaryContact?: { firstName: string; lastName: string; company?: string };
  clientStatus?: 'active' | 'inactive' | 'fraud';
  /** Directory for the support attachments' files; without it no file is written. */
  attachmentsDir?: string;
  /** Set to false to skip writing attachment files even when `attachmentsDir` is given. */
  writeAttachmentFiles?: boolean;
  /** Called after every batch with the rows inserted so far and the total to insert. */
  onProgress?: (done: number, total: number) => void;
  /** Rows per INSERT statement (default 1000). */
  batchSize?: number;
}

export interface GeneratedClient {
  readonly clientId: number;
  readonly companyId: number;
  /** The client's own user first, then the contacts' users. */
  readonly userIds: readonly number[];
  /** The primary contact first. */
  readonly contactIds: readonly number[];
  readonly contactEmails: readonly string[];
  /** Rows inserted per table (every table of the installed plugins, zeros included). */
  readonly counts: Readonly<Record<TableName, number>>;
  readonly total: number;
  /** Attachment files written, relative to `attachmentsDir`. */
  readonly attachmentFiles: readonly string[];
}
