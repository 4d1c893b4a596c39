import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BetterSqliteDriver } from '@mikro-orm/better-sqlite';
import type { Em } from '../db/orm';
import { EmSqlRunner } from '../db/sql-runner';
import type { CardType } from '../entities';
import { Sql, ident, sql } from '../db/sql';
import type { CompanyFixtures } from './company-fixtures';

// ---- Tables ---------------------------------------------------------------------------------

/** The core tables of SPEC 2.2, parents before children. */
export const CORE_TABLES = [
  'users',
  'clients',
  'contacts',
  'client_settings',
  'client_values',
  'client_notes',
  'client_packages',
  'client_account',
  'log_client_settings',
  'module_client_meta',
  'account_management_invitations',
  'contact_numbers',
  'email_verifications',
  'log_contacts',
  'contact_permissions',
  'accounts_cc',
  'accounts_ach',
  'log_account_access',
  'user_otps',
  'log_users',
  'sessions',
  'log_messenger',
  'invoices',
  'invoice_lines',
  'invoice_delivery',
  'invoice_meta',
  'invoice_values',
  'invoice_late_fees',
  'invoice_line_taxes',
  'invoices_recur',
  'invoice_recur_lines',
  'invoice_recur_delivery',
  'invoice_recur_values',
  'invoices_recur_created',
  'quotations',
  'quotation_lines',
  'quotation_line_taxes',
  'quotation_invoices',
  'services',
  'service_fields',
  'service_options',
  'log_services',
  'service_invoices',
  'service_changes',
  'transactions',
  'transaction_applied',
  'log_transactions',
  'log_emails',
] as const;

/** The plugins' tables of SPEC 2.2, by plugin name. */
export const PLUGIN_TABLES = {
  support_manager: ['support_tickets', 'support_replies', 'support_ticket_fields', 'support_attachments'],
  order: ['orders', 'order_services', 'order_affiliates', 'order_affiliate_referrals'],
} as const;

export type CoreTableName = (typeof CORE_TABLES)[number];
export type PluginTableName = (typeof PLUGIN_TABLES)[keyof typeof PLUGIN_TABLES][number];
export type TableName = CoreTableName | PluginTableName;
export type RowCounts = Partial<Record<TableName, number>>;

/** Recurring invoices block a deletion (SPEC 2.1): these tables only exist under one. */
export const RECURRING_TABLES: readonly TableName[] = [
  'invoices_recur',
  'invoice_recur_lines',
  'invoice_recur_delivery',
  'invoice_recur_values',
  'invoices_recur_created',
];

/** Every table a client can have rows in with these plugins installed. */
export function tablesFor(plugins: readonly string[]): TableName[] {
  const pluginTables = (Object.keys(PLUGIN_TABLES) as (keyof typeof PLUGIN_TABLES)[])
    .filter((p) => plugins.includes(p))
    .flatMap((p) => PLUGIN_TABLES[p]);
  return [...CORE_TABLES, ...pluginTables];
}

/**
 * The parent tables a row is spread over. `all`: every listed parent needs rows (the row has a
 * foreign key into each). `any`: at least one of them (a polymorphic account).
 */
const PARENTS: Partial<Record<TableName, { all?: TableName[]; any?: TableName[] }>> = {
  client_account: { any: ['accounts_cc', 'accounts_ach'] },
  log_account_access: { any: ['accounts_cc', 'accounts_ach'] },
  invoice_lines: { all: ['invoices'] },
  invoice_delivery: { all: ['invoices'] },
  invoice_meta: { all: ['invoices'] },
  invoice_values: { all: ['invoices'] },
  invoice_late_fees: { all: ['invoices'] },
  invoice_line_taxes: { all: ['invoice_lines'] },
  invoice_recur_lines: { all: ['invoices_recur'] },
  invoice_recur_delivery: { all: ['invoices_recur'] },
  invoice_recur_values: { all: ['invoices_recur'] },
  invoices_recur_created: { all: ['invoices_recur', 'invoices'] },
  quotation_lines: { all: ['quotations'] },
  quotation_line_taxes: { all: ['quotation_lines'] },
  quotation_invoices: { all: ['quotations', 'invoices'] },
  service_fields: { all: ['services'] },
  service_options: { all: ['services'] },
  log_services: { all: ['services'] },
  service_invoices: { all: ['services', 'invoices'] },
  service_changes: { all: ['services', 'invoices'] },
  transaction_applied: { all: ['transactions', 'invoices'] },
  log_transactions: { all: ['transactions'] },
  support_replies: { all: ['support_tickets'] },
  support_ticket_fields: { all: ['support_tickets'] },
  support_attachments: { all: ['support_replies'] },
  orders: { all: ['invoices'] },
  order_services: { all: ['orders', 'services'] },
  order_affiliate_referrals: { all: ['order_affiliates', 'orders'] },
};

// ---- Shapes ---------------------------------------------------------------------------------

/** Makes the client blocked by one rule of SPEC 2.1. */
export type BlockerShape = 'open_invoice' | 'recurring_invoice' | 'active_service';

/**
 * Small counts (1–5) with every table of SPEC 2.2 present, plugin tables included for the
 * installed plugins. Recurring invoices block a deletion: pass `{ recurring: false }` for a client
 * that can be deleted (the recurring tables are then 0).
 */
export function fullShapeCounts(
  plugins: readonly string[],
  options: { recurring?: boolean } = {},
): Record<TableName, number> {
  const small: Record<CoreTableName, number> & Record<PluginTableName, number> = {
    users: 2,
    clients: 1,
    contacts: 3,
    client_settings: 3,
    client_values: 2,
    client_notes: 2,
    client_packages: 1,
    client_account: 1,
    log_client_settings: 2,
    module_client_meta: 2,
    account_management_invitations: 1,
    contact_numbers: 3,
    email_verifications: 2,
    log_contacts: 2,
    contact_permissions: 2,
    accounts_cc: 2,
    accounts_ach: 3,
    log_account_access: 4,
    user_otps: 1,
    log_users: 4,
    sessions: 2,
    log_messenger: 2,
    invoices: 3,
    invoice_lines: 5,
    invoice_delivery: 3,
    invoice_meta: 2,
    invoice_values: 2,
    invoice_late_fees: 1,
    invoice_line_taxes: 4,
    invoices_recur: 1,
    invoice_recur_lines: 2,
    invoice_recur_delivery: 1,
    invoice_recur_values: 1,
    invoices_recur_created: 2,
    quotations: 2,
    quotation_lines: 3,
    quotation_line_taxes: 2,
    quotation_invoices: 1,
    services: 3,
    service_fields: 4,
    service_options: 2,
    log_services: 2,
    service_invoices: 3,
    service_changes: 1,
    transactions: 3,
    transaction_applied: 3,
    log_transactions: 2,
    log_emails: 4,
    support_tickets: 3,
    support_replies: 4,
    support_ticket_fields: 2,
    support_attachments: 2,
    orders: 2,
    order_services: 2,
    order_affiliates: 1,
    order_affiliate_referrals: 2,
  };
  const recurring = options.recurring ?? true;
  const counts = {} as Record<TableName, number>;
  for (const table of tablesFor(plugins)) {
    counts[table] = !recurring && RECURRING_TABLES.includes(table) ? 0 : small[table];
  }
  return counts;
}

/**
 * Relative sizes of a long-standing client's tables (per million rows): invoice lines, logs and
 * transactions dominate; accounts, contacts and settings stay few. Clients, users and contacts
 * are sized separately.
 */
const PROFILE_WEIGHTS: Partial<Record<TableName, number>> = {
  client_settings: 40,
  client_values: 20,
  client_notes: 400,
  client_packages: 10,
  client_account: 10,
  log_client_settings: 1_500,
  module_client_meta: 200,
  account_management_invitations: 20,
  contact_numbers: 100,
  email_verifications: 100,
  log_contacts: 3_000,
  contact_permissions: 100,
  accounts_cc: 40,
  accounts_ach: 40,
  log_account_access: 2_000,
  user_otps: 1_000,
  log_users: 40_000,
  sessions: 3_000,
  log_messenger: 15_000,
  invoices: 60_000,
  invoice_lines: 240_000,
  invoice_delivery: 60_000,
  invoice_meta: 20_000,
  invoice_values: 20_000,
  invoice_late_fees: 5_000,
  invoice_line_taxes: 120_000,
  quotations: 500,
  quotation_lines: 1_500,
  quotation_line_taxes: 1_000,
  quotation_invoices: 300,
  services: 5_000,
  service_fields: 25_000,
  service_options: 10_000,
  log_services: 5_000,
  service_invoices: 30_000,
  service_changes: 2_000,
  transactions: 60_000,
  transaction_applied: 60_000,
  log_transactions: 20_000,
  log_emails: 120_000,
  support_tickets: 2_000,
  support_replies: 8_000,
  support_ticket_fields: 2_000,
  support_attachments: 1_000,
  orders: 3_000,
  order_services: 3_000,
  order_affiliates: 1,
  order_affiliate_referrals: 500,
};

/**
 * Per-table counts summing to exactly `total`, shaped like a long-standing client. From 200 rows
 * on every table has at least one row, except the recurring-invoice tables: they block a deletion
 * and the profile feeds the deletion benchmark, so they are included only with
 * `{ recurring: true }`. Below 200 rows small tables may be 0; a table whose parent came out 0
 * gives its rows to `log_emails`, so the counts always satisfy {@link generateClient}.
 */
export function profileForRows(
  total: number,
  plugins: readonly string[],
  options: { recurring?: boolean } = {},
): Record<TableName, number> {
  if (!Number.isInteger(total) || total < 3) {
    throw new Error(
      `profileForRows: total must be an integer of at least 3 (client, user, contact), got ${total}`,
    );
  }
  const tables = tablesFor(plugins);
  const counts = Object.fromEntries(tables.map((t) => [t, 0])) as Record<TableName, number>;
  const full = total >= 200;
  counts.clients = 1;
  counts.contacts = full ? Math.min(200, Math.max(2, Math.round(total / 20_000))) : 1;
  counts.users = full ? 1 + Math.ceil(counts.contacts / 2) : 1;

  const weights = { ...PROFILE_WEIGHTS };
  if (options.recurring) {
    Object.assign(weights, {
      invoices_recur: 50,
      invoice_recur_lines: 100,
      invoice_recur_delivery: 50,
      invoice_recur_values: 50,
      invoices_recur_created: 500,
    });
  }
  const weighted = tables.filter((t) => (weights[t] ?? 0) > 0);
  const base = full ? 1 : 0;
  let rest = total - counts.clients - counts.contacts - counts.users - base * weighted.length;
  const weightSum = weighted.reduce((sum, t) => sum + weights[t]!, 0);
  // Largest remainder: floors first, then the leftover rows to the largest fractions.
  const shares = weighted.map((t) => {
    const exact = (rest * weights[t]!) / weightSum;
    return { table: t, floor: Math.floor(exact), fraction: exact - Math.floor(exact) };
  });
  for (const share of shares) {
    counts[share.table] = base + share.floor;
    rest -= share.floor;
  }
  shares.sort((a, b) => b.fraction - a.fraction);
  for (let i = 0; rest > 0; i = (i + 1) % shares.length, rest--) counts[shares[i].table]++;

  if (!full) {
    for (const table of tables) {
      if (counts[table] > 0 && missingParents(table, counts).length > 0) {
        counts.log_emails += counts[table];
        counts[table] = 0;
      }
    }
  }
  return counts;
}

function missingParents(table: TableName, counts: Partial<Record<TableName, number>>): TableName[] {
  const rule = PARENTS[table];
  if (!rule) return [];
  const missing = (rule.all ?? []).filter((p) => !(counts[p] ?? 0));
  if (rule.any && !rule.any.some((p) => (counts[p] ?? 0) > 0)) missing.push(...rule.any);
  return missing;
}

// ---- Options and result ---------------------------------------------------------------------

export interface GenerateClientOptions {
  /**
   * Exact number of rows wanted per table. Rules:
   * - `clients` is always 1; `contacts` is at least 1 (the primary contact) and defaults to 1.
   * - `users` counts the client's own user plus one user per contact that can sign in; it
   *   defaults to 1 and may be at most `contacts + 1`.
   * - A child table with rows needs rows in its parent table(s) (e.g. `invoice_lines` needs
   *   `invoices`; `service_invoices` needs `services` and `invoices`; `client_account` and
   *   `log_account_access` need `accounts_cc` or `accounts_ach`); otherwise an Error names both.
   * - Child rows are spread round-robin over the client's parent rows.
   */
  counts: RowCounts;
  /** Installed plugins; plugin tables may be counted only for these. */
  plugins: readonly string[];
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

/**
 * Inserts one client with exactly the requested rows per table, every row belonging to that
 * client by the rules of SPEC 2.2 (the same rules the deleters implement). Rows go in multi-row
 * INSERT statements, batch by batch, inside one transaction; ids of parent rows are read back
 * for this client in id order.
 *
 * @example
 * ```ts
 * const fixtures = await createCompanyFixtures(em.fork(), { name: 'Acme', hostname: 'acme.test' });
 * const client = await generateClient(em.fork(), fixtures, {
 *   counts: profileForRows(100_000, ['support_manager', 'order']),
 *   plugins: ['support_manager', 'order'],
 * });
 * ```
 */
export async function generateClient(
  em: Em,
  fixtures: CompanyFixtures,
  options: GenerateClientOptions,
): Promise<GeneratedClient> {
  const counts = resolveCounts(options, fixtures);
  const driver = em.getDriver() instanceof BetterSqliteDriver ? 'sqlite' : 'mysql';
  const generated = await em.transactional(async (tem) => {
    const writer = new ClientWriter(new EmSqlRunner(tem, driver), fixtures, options, counts);
    await writer.run();
    return writer;
  });
  return {
    clientId: generated.clientId,
    companyId: fixtures.companyId,
    userIds: generated.userIds,
    contactIds: generated.contactIds,
    contactEmails: generated.contactEmails,
    counts,
    total: Object.values(counts).reduce((a, b) => a + b, 0),
    attachmentFiles: generated.attachmentFiles,
  };
}

function resolveCounts(options: GenerateClientOptions, fixtures: CompanyFixtures): Record<TableName, number> {
  const tables = tablesFor(options.plugins);
  for (const [table, value] of Object.entries(options.counts)) {
    if (!(tables as string[]).includes(table)) {
      const plugin = (Object.keys(PLUGIN_TABLES) as (keyof typeof PLUGIN_TABLES)[]).find((p) =>
        (PLUGIN_TABLES[p] as readonly string[]).includes(table),
      );
      throw new Error(
        plugin
          ? `counts.${table}: the ${plugin} plugin is not installed`
          : `counts.${table}: not a table of the client (SPEC 2.2)`,
      );
    }
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value < 0) {
      throw new Error(`counts.${table}: expected a non-negative integer, got ${value}`);
    }
  }
  const counts = Object.fromEntries(tables.map((t) => [t, options.counts[t] ?? 0])) as Record<
    TableName,
    number
  >;
  if ((options.counts.clients ?? 1) !== 1)
    throw new Error('counts.clients: a generated client is exactly 1 client');
  counts.clients = 1;
  counts.contacts = options.counts.contacts ?? 1;
  if (counts.contacts < 1) throw new Error('counts.contacts: at least 1 (the primary contact)');
  counts.users = options.counts.users ?? 1;
  if (counts.users < 1) throw new Error("counts.users: at least 1 (the client's own user)");
  if (counts.users > counts.contacts + 1) {
    throw new Error(
      `counts.users: ${counts.users} users need ${counts.users - 1} contacts (one user per contact besides the client's own), but contacts is ${counts.contacts}`,
    );
  }
  const shapes = ([] as BlockerShape[]).concat(options.blockerShape ?? []);
  const raise = (table: TableName) => (counts[table] = Math.max(1, counts[table]));
  if (shapes.includes('open_invoice')) raise('invoices');
  if (shapes.includes('recurring_invoice')) raise('invoices_recur');
  if (shapes.includes('active_service')) raise('services');

  for (const table of tables) {
    if (counts[table] === 0) continue;
    const missing = missingParents(table, counts);
    if (missing.length > 0) {
      const rule = PARENTS[table]!;
      const needs = rule.any
        ? `one of the client's ${rule.any.join(' or ')} rows`
        : rule.all!.map((p) => `one of the client's ${p} rows`).join(' and ');
      throw new Error(
        `counts.${table} is ${counts[table]}, but ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} 0: each ${table} row needs ${needs}`,
      );
    }
  }
  if (counts.support_tickets > 0 && fixtures.supportDepartmentId === undefined) {
    throw new Error(
      'support_tickets need a support department: the fixtures were created without support_manager',
    );
  }
  if (counts.orders > 0 && fixtures.orderFormId === undefined) {
    throw new Error('orders need an order form: the fixtures were created without the order plugin');
  }
  return counts;
}

// ---- Writer ---------------------------------------------------------------------------------

/** Stays under SQLite's 32766 bound parameters per statement. */
const MAX_PARAMS = 30_000;
const ID_PAGE = 10_000;
const DAY = 24 * 3600 * 1000;

const FIRST_NAMES = [
  'Grace',
  'Alan',
  'Edsger',
  'Barbara',
  'Donald',
  'Frances',
  'Ken',
  'Radia',
  'Linus',
  'Margaret',
];
const LAST_NAMES = [
  'Hopper',
  'Turing',
  'Dijkstra',
  'Liskov',
  'Knuth',
  'Allen',
  'Thompson',
  'Perlman',
  'Torvalds',
];
const CITIES = ['Springfield', 'Riverton', 'Lakeside', 'Fairview', 'Georgetown'];

const pick = <T>(list: readonly T[], i: number): T => list[i % list.length];
const money = (i: number, scale = 200) => (((i * 7919) % (scale * 100)) / 100 + 1).toFixed(4);
const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '');
const hex = (bytes: number) => randomBytes(bytes).toString('hex');

type Row = unknown[];

class ClientWriter {
  clientId = 0;
  userIds: number[] = [];
  contactIds: number[] = [];
  contactEmails: string[] = [];
  attachmentFiles: string[] = [];

  private readonly marker: string;
  private readonly token = hex(4);
  private readonly now = Date.now();
  private readonly total: number;
  private done = 0;
  private readonly shapes: readonly BlockerShape[];
  private contactNames: { first: string; last: string }[] = [];
  private ccIds: number[] = [];
  private achIds: number[] = [];
  private serviceIds: number[] = [];
  private invoiceIds: number[] = [];
  private transactionIds: number[] = [];

  constructor(
    private readonly runner: EmSqlRunner,
    private readonly fx: CompanyFixtures,
    private readonly options: GenerateClientOptions,
    private readonly counts: Record<TableName, number>,
  ) {
    this.marker = options.marker ?? '';
    this.total = Object.values(counts).reduce((a, b) => a + b, 0);
    this.shapes = ([] as BlockerShape[]).concat(options.blockerShape ?? []);
  }

  /** Text for a column of `max` characters, carrying the marker wherever it fits. */
  private t(base: string, max = Number.POSITIVE_INFINITY): string {
    const m = this.marker;
    const text = m && m.length <= max ? `${m} ${base}` : base;
    return text.length > max ? text.slice(0, max) : text;
  }

  /** An address of this client only: the local part carries the marker, the client and a token. */
  private email(local: string): string {
    return `${this.marker ? `${this.marker}.` : ''}${local}.c${this.clientId}.${this.token}@example.test`;
  }

  private date(daysAgo: number): unknown {
    return this.runner.date(new Date(this.now - daysAgo * DAY));
  }

  private n(table: TableName): number {
    return this.counts[table];
  }

  async run(): Promise<void> {
    await this.account();
    await this.contacts();
    await this.paymentAccounts();
    await this.clientTables();
    await this.signIn();
    await this.services();
    await this.invoices();
    await this.serviceBilling();
    await this.recurringInvoices();
    await this.quotations();
    await this.transactions();
    await this.emailLog();
    if (this.options.plugins.includes('support_manager')) await this.support();
    if (this.options.plugins.includes('order')) await this.orders();
  }

  // -- plumbing

  private async insert(table: TableName, columns: readonly string[], count: number, row: (i: number) => Row) {
    if (count === 0) return;
    const perStatement = Math.max(
      1,
      Math.min(this.options.batchSize ?? 1000, Math.floor(MAX_PARAMS / columns.length)),
    );
    const head = `INSERT INTO ${ident(table).text} (${columns.map((c) => ident(c).text).join(', ')}) VALUES `;
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    for (let start = 0; start < count; start += perStatement) {
      const end = Math.min(count, start + perStatement);
      const params: unknown[] = [];
      for (let i = start; i < end; i++) {
        const values = row(i);
        if (values.length !== columns.length) {
          throw new Error(`${table}: row has ${values.length} values for ${columns.length} columns`);
        }
        for (const value of values) params.push(value);
      }
      await this.runner.run(new Sql(head + new Array<string>(end - start).fill(tuple).join(', '), params));
      this.advance(end - start);
    }
  }

  private advance(rows: number) {
    this.done += rows;
    this.options.onProgress?.(this.done, this.total);
  }

  /**
   * Ids of the rows of `from` (row alias `x`) that match `where`, in id order, read in pages so a
   * large table is never one result set.
   */
  private async ids(from: Sql, where: Sql): Promise<number[]> {
    const ids: number[] = [];
    let last = 0;
    for (;;) {
      const page = await this.runner.rows<{ id: number }>(
        sql`SELECT x.id AS id FROM ${from} WHERE (${where}) AND x.id > ${last} ORDER BY x.id LIMIT ${ID_PAGE}`,
      );
      for (const r of page) ids.push(Number(r.id));
      if (page.length < ID_PAGE) return ids;
      last = ids[ids.length - 1];
    }
  }

  private async userIdsByName(names: readonly string[]): Promise<number[]> {
    const found = new Map<string, number>();
    for (let i = 0; i < names.length; i += 500) {
      const chunk = names.slice(i, i + 500);
      const rows = await this.runner.rows<{ id: number; username: string }>(
        sql`SELECT id, username FROM users WHERE username IN (${Sql.join(
          chunk.map((n) => sql`${n}`),
          ', ',
        )})`,
      );
      for (const r of rows) found.set(r.username, Number(r.id));
    }
    return names.map((n) => {
      const id = found.get(n);
      if (id === undefined) throw new Error(`user ${n} was not inserted`);
      return id;
    });
  }

  // -- the client, its users and contacts

  private async account() {
    const primary = this.options.primaryContact;
    const first = primary?.firstName ?? pick(FIRST_NAMES, this.token.charCodeAt(0));
    const last = primary?.lastName ?? pick(LAST_NAMES, this.token.charCodeAt(1));
    this.contactNames = Array.from({ length: this.n('contacts') }, (_, i) =>
      i === 0
        ? { first, last }
        : { first: pick(FIRST_NAMES, i + 3), last: i % 3 === 0 ? last : pick(LAST_NAMES, i) },
    );
    const userColumns = [
      'username',
      'password',
      'two_factor_mode',
      'two_factor_key',
      'two_factor_pin',
      'date_added',
    ];
    // Clients never sign in to this service: an unusable placeholder instead of a hash.
    const userRow = (username: string, i: number): Row => [
      username,
      this.t('!disabled', 64),
      i % 3 === 1 ? 'totp' : 'none',
      this.t(`totp-key-${hex(8)}`, 128),
      this.t(`pin-${i}`, 128),
      this.date(900 - i),
    ];
    const ownName = this.t(`${slug(first)}.${slug(last)}.${this.token}`, 255);
    await this.insert('users', userColumns, 1, () => userRow(ownName, 0));
    const [ownUser] = await this.userIdsByName([ownName]);

    const [{ next }] = await this.runner.rows<{ next: number }>(
      sql`SELECT COALESCE(MAX(c.id_value), 1500) + 1 AS next FROM clients c
          JOIN client_groups g ON g.id = c.client_group_id WHERE g.company_id = ${this.fx.companyId}`,
    );
    const clientColumns = ['id_format', 'id_value', 'user_id', 'client_group_id', 'status'];
    await this.insert('clients', clientColumns, 1, () => [
      this.t('{num}', 64),
      Number(next),
      ownUser,
      this.fx.clientGroupId,
      this.options.clientStatus ?? 'active',
    ]);
    [this.clientId] = await this.ids(sql`clients x`, sql`x.user_id = ${ownUser}`);

    this.contactEmails = this.contactNames.map(({ first, last }, i) =>
      this.email(`${slug(first)}.${slug(last)}${i === 0 ? '' : `.${i}`}`),
    );
    // Contacts that sign in use their address as user name, like Blesta.
    const contactUserNames = this.contactEmails.slice(1, this.n('users'));
    await this.insert('users', userColumns, contactUserNames.length, (i) =>
      userRow(contactUserNames[i], i + 1),
    );
    this.userIds = [ownUser, ...(await this.userIdsByName(contactUserNames))];
  }

  private async contacts() {
    const columns = [
      'client_id',
      'user_id',
      'contact_type',
      'contact_type_id',
      'first_name',
      'last_name',
      'title',
      'company',
      'email',
      'address1',
      'address2',
      'city',
      'state',
      'zip',
      'country',
      'date_added',
    ];
    const company = this.options.primaryContact?.company ?? `${this.contactNames[0].last} Ltd`;
    await this.insert('contacts', columns, this.n('contacts'), (i) => {
      const kind = i === 0 ? 'primary' : i % 2 === 1 ? 'billing' : 'other';
      return [
        this.clientId,
        i > 0 && i < this.userIds.length ? this.userIds[i] : null,
        kind,
        kind === 'other' ? pick(this.fx.contactTypeIds, i) : null,
        this.t(this.contactNames[i].first, 128),
        this.t(this.contactNames[i].last, 128),
        this.t(i === 0 ? 'Owner' : 'Accounts', 64),
        this.t(company, 64),
        this.contactEmails[i],
        this.t(`${100 + i} Main Street`, 255),
        this.t(`Suite ${i + 1}`, 255),
        this.t(pick(CITIES, i), 255),
        this.t('CA', 3),
        this.t(`9${String(4000 + i).padStart(4, '0')}`, 128),
        this.t('US', 2),
        this.date(800 - i),
      ];
    });
    this.contactIds = await this.ids(sql`contacts x`, sql`x.client_id = ${this.clientId}`);
    const contacts = this.contactIds;

    await this.insert(
      'contact_numbers',
      ['contact_id', 'number', 'type', 'location'],
      this.n('contact_numbers'),
      (i) => [
        pick(contacts, i),
        this.t(`+1.555${String(1000000 + i).slice(1)}`, 64),
        i % 4 === 3 ? 'fax' : 'phone',
        pick(['work', 'mobile', 'home'], i),
      ],
    );
    await this.insert(
      'email_verifications',
      ['contact_id', 'email', 'token', 'verified', 'date_sent'],
      this.n('email_verifications'),
      (i) => [pick(contacts, i), pick(this.contactEmails, i), this.t(hex(16), 64), i % 2, this.date(700 - i)],
    );
    await this.insert(
      'log_contacts',
      ['contact_id', 'change', 'date_changed'],
      this.n('log_contacts'),
      (i) => [
        pick(contacts, i),
        this.t(JSON.stringify({ field: 'address1', from: `${i} Old Road`, to: `${100 + i} Main Street` })),
        this.date(600 - (i % 600)),
      ],
    );
    await this.insert(
      'contact_permissions',
      ['contact_id', 'client_id', 'area'],
      this.n('contact_permissions'),
      (i) => [
        pick(contacts, i),
        this.clientId,
        this.t(pick(['client_invoices', 'client_services', 'client_contacts'], i), 255),
      ],
    );
  }

  private async paymentAccounts() {
    const holder = (i: number) => this.contactNames[i % this.contactNames.length];
    const address = (i: number) => [
      this.t(`${100 + i} Main Street`, 255),
      this.t(`Suite ${i + 1}`, 255),
      this.t(pick(CITIES, i), 255),
      this.t('CA', 3),
      this.t('94016', 128),
      this.t('US', 2),
    ];
    const common = ['first_name', 'last_name', 'address1', 'address2', 'city', 'state', 'zip', 'country'];
    await this.insert(
      'accounts_cc',
      [
        'contact_id',
        ...common,
        'number',
        'expiration',
        'last4',
        'type',
        'gateway_id',
        'client_reference_id',
        'reference_id',
        'status',
      ],
      this.n('accounts_cc'),
      (i) => [
        pick(this.contactIds, i),
        this.t(holder(i).first, 128),
        this.t(holder(i).last, 128),
        ...address(i),
        this.t(`enc:${hex(12)}`),
        this.t(`enc:20${28 + (i % 5)}0${1 + (i % 9)}`, 128),
        this.t(String(1000 + ((i * 37) % 9000)), 128),
        cardType(i),
        this.fx.gatewayId,
        this.t(`cust_${hex(6)}`, 128),
        this.t(`card_${hex(6)}`, 128),
        i % 2 === 0 ? 'active' : 'inactive',
      ],
    );
    await this.insert(
      'accounts_ach',
      [
        'contact_id',
        ...common,
        'account',
        'routing',
        'last4',
        'type',
        'gateway_id',
        'client_reference_id',
        'reference_id',
        'status',
      ],
      this.n('accounts_ach'),
      (i) => [
        pick(this.contactIds, i),
        this.t(holder(i).first, 128),
        this.t(holder(i).last, 128),
        ...address(i),
        this.t(`enc:${hex(12)}`),
        this.t(`enc:${hex(9)}`),
        this.t(String(2000 + ((i * 53) % 8000)), 128),
        achType(i),
        this.fx.gatewayId,
        this.t(`cust_${hex(6)}`, 128),
        this.t(`bank_${hex(6)}`, 128),
        pick(['active', 'inactive', 'unverified'], i),
      ],
    );
    const byContact = (table: string) =>
      [
        sql`${ident(table)} x JOIN contacts p ON p.id = x.contact_id`,
        sql`p.client_id = ${this.clientId}`,
      ] as const;
    this.ccIds = await this.ids(...byContact('accounts_cc'));
    this.achIds = await this.ids(...byContact('accounts_ach'));

    const primary = this.ccIds.length
      ? { id: this.ccIds[0], type: 'cc' }
      : this.achIds.length
        ? { id: this.achIds[0], type: 'ach' }
        : null;
    if (primary) {
      await this.runner.run(
        sql`UPDATE clients SET primary_account_id = ${primary.id}, primary_account_type = ${primary.type} WHERE id = ${this.clientId}`,
      );
    }

    // Alternates cards and bank accounts while both exist; `j` indexes within the kind.
    const account = (i: number) => {
      const cc = this.achIds.length === 0 || (this.ccIds.length > 0 && i % 2 === 0);
      const list = cc ? this.ccIds : this.achIds;
      const j = Math.floor(i / (this.ccIds.length && this.achIds.length ? 2 : 1)) % list.length;
      return { type: cc ? 'cc' : 'ach', id: list[j], accountType: cc ? cardType(j) : achType(j), j };
    };
    await this.insert(
      'log_account_access',
      ['staff_id', 'first_name', 'last_name', 'type', 'account_type', 'last4', 'account_id', 'date_accessed'],
      this.n('log_account_access'),
      (i) => {
        const a = account(i);
        return [
          this.fx.staffId,
          this.t(holder(a.j).first, 128),
          this.t(holder(a.j).last, 128),
          a.type,
          a.accountType,
          this.t(String(1000 + a.j), 128),
          a.id,
          this.date(300 - (i % 300)),
        ];
      },
    );
    await this.insert(
      'client_account',
      ['client_id', 'account_id', 'type'],
      this.n('client_account'),
      (i) => {
        const a = account(i);
        return [this.clientId, a.id, a.type];
      },
    );
  }

  private async clientTables() {
    const c = this.clientId;
    const settings = [
      'autodebit',
      'tax_exempt',
      'language',
      'send_payment_notices',
      'inv_method',
      'default_currency',
    ];
    await this.insert(
      'client_settings',
      ['key', 'client_id', 'value', 'encrypted'],
      this.n('client_settings'),
      (i) => [
        this.t(`${pick(settings, i)}${i >= settings.length ? `_${i}` : ''}`, 32),
        c,
        this.t(pick(['true', 'en_us', 'email', 'USD'], i)),
        0,
      ],
    );
    await this.insert(
      'client_values',
      ['client_field_id', 'client_id', 'value', 'encrypted'],
      this.n('client_values'),
      (i) => [pick(this.fx.clientFieldIds, i), c, this.t(i % 2 === 0 ? `GB${100000 + i}` : 'friend'), 0],
    );
    await this.insert(
      'client_notes',
      ['client_id', 'staff_id', 'title', 'description', 'stickied', 'date_added', 'date_updated'],
      this.n('client_notes'),
      (i) => [
        c,
        this.fx.staffId,
        this.t(`Call about renewal #${i + 1}`, 255),
        this.t('Prefers to be contacted by phone in the morning.'),
        i === 0 ? 1 : 0,
        this.date(500 - (i % 500)),
        this.date(400 - (i % 400)),
      ],
    );
    await this.insert('client_packages', ['client_id', 'package_id'], this.n('client_packages'), (i) => [
      c,
      pick(this.fx.packageIds, i),
    ]);
    await this.insert(
      'log_client_settings',
      ['client_id', 'by_user_id', 'fields', 'date_changed'],
      this.n('log_client_settings'),
      (i) => [
        c,
        this.userIds[0],
        this.t(JSON.stringify({ autodebit: i % 2 === 0, language: 'en_us' })),
        this.date(i % 700),
      ],
    );
    await this.insert(
      'module_client_meta',
      ['module_id', 'module_row_id', 'client_id', 'key', 'value'],
      this.n('module_client_meta'),
      (i) => [
        this.fx.moduleId,
        pick(this.fx.moduleRowIds, i),
        c,
        this.t(`cpanel_user_${i}`, 255),
        this.t(`user${this.token}${i}`),
      ],
    );
    await this.insert(
      'account_management_invitations',
      ['client_id', 'email', 'token', 'status', 'date_sent'],
      this.n('account_management_invitations'),
      (i) => [
        c,
        this.email(`invitee.${i}`),
        this.t(hex(16), 64),
        pick(['pending', 'accepted', 'declined'], i),
        this.date(30 + i),
      ],
    );
  }

  private async signIn() {
    const users = this.userIds;
    await this.insert('user_otps', ['user_id', 'otp', 'date_added'], this.n('user_otps'), (i) => [
      pick(users, i),
      this.t(String(100000 + ((i * 7331) % 900000)), 16),
      this.date(i % 90),
    ]);
    await this.insert(
      'log_users',
      ['user_id', 'ip_address', 'company_id', 'date_added', 'date_updated', 'result'],
      this.n('log_users'),
      (i) => [
        pick(users, i),
        this.t(`198.51.100.${i % 255}`, 39),
        this.fx.companyId,
        this.date(i % 1000),
        this.date(i % 1000),
        i % 7 === 3 ? 'failure' : 'success',
      ],
    );
    await this.insert(
      'sessions',
      ['user_id', 'token_hash', 'expires_at', 'created_at'],
      this.n('sessions'),
      (i) => [
        pick(users, i),
        this.t(hex(32), 64),
        this.date(i % 2 === 0 ? -1 : 10 + (i % 100)),
        this.date(i % 2 === 0 ? 0 : 11 + (i % 100)),
      ],
    );
    await this.insert(
      'log_messenger',
      ['to_user_id', 'type', 'content', 'date_added'],
      this.n('log_messenger'),
      (i) => [
        pick(users, i),
        this.t(pick(['sms', 'email'], i), 32),
        this.t(`Your invoice #${1000 + i} is due.`),
        this.date(i % 900),
      ],
    );
  }

  // -- services, invoices, quotations, transactions

  private async services() {
    const count = this.n('services');
    // A quarter are add-ons of the others (at least one once there are two services).
    const addons = count >= 2 ? Math.max(1, Math.floor(count / 4)) : 0;
    const top = count - addons;
    const columns = [
      'parent_service_id',
      'id_format',
      'id_value',
      'pricing_id',
      'client_id',
      'module_row_id',
      'qty',
      'status',
      'date_added',
      'date_renews',
      'date_last_renewed',
      'date_suspended',
      'date_canceled',
    ];
    const row = (i: number, parent: number | null): Row => {
      const status =
        i === 0 && this.shapes.includes('active_service')
          ? 'active'
          : pick(['canceled', 'pending', 'in_review'], i);
      return [
        parent,
        this.t('{num}', 64),
        i + 1,
        pick(this.fx.pricingIds, i),
        this.clientId,
        pick(this.fx.moduleRowIds, i),
        1,
        status,
        this.date(700 - (i % 700)),
        this.date(-30),
        this.date(335),
        null,
        status === 'canceled' ? this.date(20) : null,
      ];
    };
    await this.insert('services', columns, top, (i) => row(i, null));
    const parents = await this.ids(sql`services x`, sql`x.client_id = ${this.clientId}`);
    await this.insert('services', columns, addons, (i) => row(top + i, pick(parents, i)));
    this.serviceIds = await this.ids(sql`services x`, sql`x.client_id = ${this.clientId}`);
    const services = this.serviceIds;

    await this.insert(
      'service_fields',
      ['service_id', 'key', 'value', 'serialized', 'encrypted'],
      this.n('service_fields'),
      (i) => {
        const value = this.t(`host${i}.example.test`);
        return i % 3 === 2
          ? [
              pick(services, i),
              this.t('cpanel_options', 32),
              `a:1:{s:6:"domain";s:${Buffer.byteLength(value)}:"${value}";}`,
              1,
              0,
            ]
          : [pick(services, i), this.t(pick(['cpanel_domain', 'cpanel_username'], i), 32), value, 0, 0];
      },
    );
    await this.insert(
      'service_options',
      ['service_id', 'option_pricing_id', 'qty'],
      this.n('service_options'),
      (i) => [pick(services, i), pick(this.fx.pricingIds, i), 1 + (i % 3)],
    );
    await this.insert(
      'log_services',
      ['service_id', 'staff_id', 'status', 'date_added'],
      this.n('log_services'),
      (i) => [
        pick(services, i),
        this.fx.staffId,
        i % 2 === 0 ? 'suspended' : 'unsuspended',
        this.date(200 - (i % 200)),
      ],
    );
  }

  private async invoices() {
    const open = this.shapes.includes('open_invoice');
    await this.insert(
      'invoices',
      [
        'id_format',
        'id_value',
        'client_id',
        'date_billed',
        'date_due',
        'date_closed',
        'date_autodebit',
        'status',
        'previous_due',
        'currency',
        'note_public',
        'note_private',
      ],
      this.n('invoices'),
      (i) => {
        // Paid (closed) invoices dominate; void and draft ones never block either.
        const status = i === 0 && open ? 'active' : pick(['active', 'void', 'draft', 'active', 'active'], i);
        const age = 1000 - (i % 1000);
        return [
          this.t('{num}', 64),
          i + 1,
          this.clientId,
          this.date(age),
          this.date(age - 14),
          status === 'draft' || (i === 0 && open) ? null : this.date(age - 10),
          null,
          status,
          '0.0000',
          this.t('USD', 3),
          this.t('Thank you for your business.'),
          this.t(`Internal reference ${i}`),
        ];
      },
    );
    this.invoiceIds = await this.ids(sql`invoices x`, sql`x.client_id = ${this.clientId}`);
    const invoices = this.invoiceIds;
    const perInvoice = (i: number) => Math.floor(i / Math.max(1, invoices.length));

    await this.insert(
      'invoice_lines',
      ['invoice_id', 'service_id', 'description', 'qty', 'amount', 'order'],
      this.n('invoice_lines'),
      (i) => [
        pick(invoices, i),
        this.serviceIds.length ? pick(this.serviceIds, i) : null,
        this.t(`Shared Hosting Starter - host${i}.example.test (monthly)`),
        '1.0000',
        money(i),
        perInvoice(i) % 32767,
      ],
    );
    await this.insert(
      'invoice_delivery',
      ['invoice_id', 'method', 'date_sent'],
      this.n('invoice_delivery'),
      (i) => [
        pick(invoices, i),
        this.t(pick(['email', 'paper'], perInvoice(i)), 32),
        this.date(900 - (i % 900)),
      ],
    );
    await this.insert('invoice_meta', ['invoice_id', 'key', 'value'], this.n('invoice_meta'), (i) => [
      pick(invoices, i),
      this.t(pick(['autodebit_attempts', 'po_number'], perInvoice(i)), 32),
      this.t(String(i % 5)),
    ]);
    await this.insert(
      'invoice_values',
      ['invoice_field_id', 'invoice_id', 'value'],
      this.n('invoice_values'),
      (i) => [pick(this.fx.invoiceFieldIds, perInvoice(i)), pick(invoices, i), this.t(`PO-${10000 + i}`)],
    );
    await this.insert(
      'invoice_late_fees',
      ['invoice_id', 'amount', 'date_applied'],
      this.n('invoice_late_fees'),
      (i) => [pick(invoices, i), '5.0000', this.date(800 - (i % 800))],
    );
    const lines = await this.ids(
      sql`invoice_lines x JOIN invoices p ON p.id = x.invoice_id`,
      sql`p.client_id = ${this.clientId}`,
    );
    await this.insert(
      'invoice_line_taxes',
      ['line_id', 'tax_id', 'cascade'],
      this.n('invoice_line_taxes'),
      (i) => [pick(lines, i), pick(this.fx.taxIds, Math.floor(i / Math.max(1, lines.length))), 0],
    );
  }

  private async serviceBilling() {
    await this.insert(
      'service_invoices',
      ['service_id', 'invoice_id', 'failed_attempts'],
      this.n('service_invoices'),
      (i) => [pick(this.serviceIds, i), pick(this.invoiceIds, i), i % 4 === 3 ? 1 : 0],
    );
    await this.insert(
      'service_changes',
      ['service_id', 'invoice_id', 'status', 'data', 'date_added'],
      this.n('service_changes'),
      (i) => [
        pick(this.serviceIds, i),
        pick(this.invoiceIds, i),
        pick(['completed', 'canceled', 'error', 'pending'], i),
        this.t(JSON.stringify({ pricing_id: pick(this.fx.pricingIds, i + 1) })),
        this.date(100 - (i % 100)),
      ],
    );
  }

  private async recurringInvoices() {
    await this.insert(
      'invoices_recur',
      [
        'client_id',
        'term',
        'period',
        'duration',
        'currency',
        'date_renews',
        'date_last_renewed',
        'note_public',
        'note_private',
      ],
      this.n('invoices_recur'),
      (i) => [
        this.clientId,
        1,
        pick(['month', 'year'], i),
        null,
        this.t('USD', 3),
        this.date(-10 - i),
        this.date(20 + i),
        this.t('Monthly support retainer'),
        this.t('Agreed by phone'),
      ],
    );
    const recurring = await this.ids(sql`invoices_recur x`, sql`x.client_id = ${this.clientId}`);
    await this.insert(
      'invoice_recur_lines',
      ['invoice_recur_id', 'description', 'qty', 'amount', 'taxable', 'order'],
      this.n('invoice_recur_lines'),
      (i) => [
        pick(recurring, i),
        this.t(`Support retainer, part ${i + 1}`),
        '1.0000',
        money(i),
        1,
        i % 32767,
      ],
    );
    await this.insert(
      'invoice_recur_delivery',
      ['invoice_recur_id', 'method'],
      this.n('invoice_recur_delivery'),
      (i) => [pick(recurring, i), this.t('email', 32)],
    );
    await this.insert(
      'invoice_recur_values',
      ['invoice_field_id', 'invoice_recur_id', 'value'],
      this.n('invoice_recur_values'),
      (i) => [pick(this.fx.invoiceFieldIds, i), pick(recurring, i), this.t(`PO-R${i}`)],
    );
    await this.insert(
      'invoices_recur_created',
      ['invoice_recur_id', 'invoice_id'],
      this.n('invoices_recur_created'),
      (i) => [pick(recurring, i), pick(this.invoiceIds, i)],
    );
  }

  private async quotations() {
    await this.insert(
      'quotations',
      ['client_id', 'staff_id', 'title', 'status', 'notes', 'date_created'],
      this.n('quotations'),
      (i) => [
        this.clientId,
        this.fx.staffId,
        this.t(`Migration of ${i + 1} websites`, 255),
        pick(['draft', 'approved', 'invoiced', 'expired', 'lost'], i),
        this.t('Includes one day of onsite work.'),
        this.date(400 - (i % 400)),
      ],
    );
    const quotations = await this.ids(sql`quotations x`, sql`x.client_id = ${this.clientId}`);
    await this.insert(
      'quotation_lines',
      ['quotation_id', 'description', 'qty', 'amount'],
      this.n('quotation_lines'),
      (i) => [pick(quotations, i), this.t(`Website migration ${i + 1}`), '1.0000', money(i, 500)],
    );
    const lines = await this.ids(
      sql`quotation_lines x JOIN quotations p ON p.id = x.quotation_id`,
      sql`p.client_id = ${this.clientId}`,
    );
    await this.insert('quotation_line_taxes', ['line_id', 'tax_id'], this.n('quotation_line_taxes'), (i) => [
      pick(lines, i),
      pick(this.fx.taxIds, Math.floor(i / Math.max(1, lines.length))),
    ]);
    await this.insert(
      'quotation_invoices',
      ['quotation_id', 'invoice_id'],
      this.n('quotation_invoices'),
      (i) => [pick(quotations, i), pick(this.invoiceIds, i)],
    );
  }

  private async transactions() {
    await this.insert(
      'transactions',
      [
        'client_id',
        'amount',
        'currency',
        'type',
        'transaction_type_id',
        'account_id',
        'gateway_id',
        'transaction_id',
        'parent_transaction_id',
        'reference_id',
        'status',
        'date_added',
      ],
      this.n('transactions'),
      (i) => {
        const kind =
          i % 3 === 0 && this.ccIds.length ? 'cc' : i % 3 === 1 && this.achIds.length ? 'ach' : 'other';
        const account = kind === 'cc' ? pick(this.ccIds, i) : kind === 'ach' ? pick(this.achIds, i) : null;
        return [
          this.clientId,
          money(i),
          this.t('USD', 3),
          kind,
          kind === 'other' ? pick(this.fx.transactionTypeIds, i) : null,
          account,
          kind === 'other' ? null : this.fx.gatewayId,
          this.t(`txn_${hex(8)}`, 128),
          this.marker || i % 10 === 9 ? this.t(`txn_parent_${i}`, 128) : null,
          this.t(`ref_${i}`, 128),
          pick(['approved', 'approved', 'approved', 'declined', 'refunded', 'void'], i),
          this.date(1000 - (i % 1000)),
        ];
      },
    );
    this.transactionIds = await this.ids(sql`transactions x`, sql`x.client_id = ${this.clientId}`);
    await this.insert(
      'transaction_applied',
      ['transaction_id', 'invoice_id', 'amount', 'date'],
      this.n('transaction_applied'),
      (i) => [pick(this.transactionIds, i), pick(this.invoiceIds, i), money(i), this.date(1000 - (i % 1000))],
    );
    await this.insert(
      'log_transactions',
      ['staff_id', 'transaction_id', 'change', 'date_changed'],
      this.n('log_transactions'),
      (i) => [
        this.fx.staffId,
        pick(this.transactionIds, i),
        this.t(JSON.stringify({ status: { from: 'pending', to: 'approved' } })),
        this.date(900 - (i % 900)),
      ],
    );
  }

  private async emailLog() {
    const from = `billing@${this.fx.hostname}`;
    await this.insert(
      'log_emails',
      [
        'company_id',
        'to_client_id',
        'from_staff_id',
        'to_address',
        'from_address',
        'from_name',
        'cc_address',
        'subject',
        'body_text',
        'body_html',
        'sent',
        'error',
        'date_sent',
      ],
      this.n('log_emails'),
      (i) => {
        // Every fourth email was sent before the address was tied to the client (no client id).
        const unlinked = i % 4 === 1;
        const failed = i % 9 === 8;
        return [
          this.fx.companyId,
          unlinked ? null : this.clientId,
          i % 5 === 0 ? this.fx.staffId : null,
          pick(this.contactEmails, i),
          this.marker ? `${this.marker}.${from}` : from,
          this.t('Billing Department', 255),
          this.t(pick(this.contactEmails, i + 1)),
          this.t(`Invoice #${1000 + i} created`, 255),
          this.t(`Dear ${this.contactNames[0].first}, your invoice is ready.`),
          this.t(`<p>Dear ${this.contactNames[0].first}, your invoice is ready.</p>`),
          failed ? 0 : 1,
          this.marker || failed ? this.t(failed ? 'SMTP timeout' : 'no error') : null,
          this.date(1000 - (i % 1000)),
        ];
      },
    );
  }

  // -- plugins

  private async support() {
    await this.insert(
      'support_tickets',
      [
        'code',
        'department_id',
        'staff_id',
        'service_id',
        'client_id',
        'email',
        'summary',
        'priority',
        'status',
        'date_added',
      ],
      this.n('support_tickets'),
      (i) => [
        1_000_000 + ((i * 7919 + this.clientId * 104_729) % 9_000_000),
        this.fx.supportDepartmentId,
        i % 2 === 0 ? this.fx.staffId : null,
        this.serviceIds.length ? pick(this.serviceIds, i) : null,
        // Every fourth ticket was opened by email before the sender was a client.
        i % 4 === 1 ? null : this.clientId,
        pick(this.contactEmails, i),
        this.t(`Website down #${i + 1}`, 255),
        pick(['medium', 'low', 'high', 'critical', 'emergency'], i),
        pick(['closed', 'open', 'awaiting_reply', 'in_progress', 'on_hold', 'trash'], i),
        this.date(600 - (i % 600)),
      ],
    );
    // Tickets and replies are found the way the deleter finds them: by client id, or by the
    // address of one of the client's contacts on tickets without one.
    const emails = Sql.join(
      this.contactEmails.map((e) => sql`${e}`),
      ', ',
    );
    const ticketOwned = (alias: string) => {
      const t = Sql.raw(alias);
      return sql`${t}.client_id = ${this.clientId} OR (${t}.client_id IS NULL AND ${t}.email IN (${emails}))`;
    };
    const tickets = await this.ids(sql`support_tickets x`, ticketOwned('x'));
    await this.insert(
      'support_replies',
      ['ticket_id', 'staff_id', 'contact_id', 'type', 'details', 'date_added'],
      this.n('support_replies'),
      (i) => {
        const byStaff = i % 2 === 1;
        return [
          pick(tickets, i),
          byStaff ? this.fx.staffId : null,
          byStaff ? null : pick(this.contactIds, i),
          pick(['reply', 'reply', 'note', 'log'], i),
          this.t(byStaff ? 'We have restarted the web server.' : 'My website shows an error 500.'),
          this.date(500 - (i % 500)),
        ];
      },
    );
    await this.insert(
      'support_ticket_fields',
      ['ticket_id', 'field_id', 'value'],
      this.n('support_ticket_fields'),
      (i) => [pick(tickets, i), 1 + (i % 3), this.t(`host${i}.example.test`)],
    );
    const replies = await this.ids(
      sql`support_replies x JOIN support_tickets p ON p.id = x.ticket_id`,
      ticketOwned('p'),
    );

    const dir = this.options.attachmentsDir;
    const writeFiles = dir !== undefined && this.options.writeAttachmentFiles !== false;
    if (writeFiles) await mkdir(dir, { recursive: true });
    const prefix = /^[A-Za-z0-9_-]+$/.test(this.marker) ? `${this.marker}-` : '';
    const count = this.n('support_attachments');
    const perBatch = 500;
    // Rows and files go batch by batch, so a large count never holds every file name at once.
    for (let start = 0; start < count; start += perBatch) {
      const names = Array.from(
        { length: Math.min(perBatch, count - start) },
        () => `${prefix}${hex(12)}.txt`,
      );
      await this.insert('support_attachments', ['reply_id', 'name', 'file_name'], names.length, (i) => [
        pick(replies, start + i),
        this.t(`screenshot-${start + i + 1}.png`, 255),
        names[i],
      ]);
      if (writeFiles) {
        await Promise.all(
          names.map((f) => writeFile(join(dir, f), this.t(`attachment of client ${this.clientId}\n`))),
        );
        this.attachmentFiles.push(...names);
      }
    }
  }

  private async orders() {
    await this.insert(
      'orders',
      ['order_number', 'order_form_id', 'invoice_id', 'status', 'date_added'],
      this.n('orders'),
      (i) => [
        this.t(`${this.clientId}-${i + 1}`, 16),
        this.fx.orderFormId,
        pick(this.invoiceIds, i),
        pick(['accepted', 'pending', 'canceled', 'fraud'], i),
        this.date(900 - (i % 900)),
      ],
    );
    const orders = await this.ids(
      sql`orders x JOIN invoices p ON p.id = x.invoice_id`,
      sql`p.client_id = ${this.clientId}`,
    );
    await this.insert('order_services', ['order_id', 'service_id'], this.n('order_services'), (i) => [
      pick(orders, i),
      pick(this.serviceIds, i),
    ]);
    await this.insert(
      'order_affiliates',
      ['client_id', 'code', 'status', 'date_added'],
      this.n('order_affiliates'),
      (i) => [
        this.clientId,
        this.t(`aff-${this.token}-${i}`, 64),
        i % 2 === 0 ? 'active' : 'inactive',
        this.date(300 + i),
      ],
    );
    const affiliates = await this.ids(sql`order_affiliates x`, sql`x.client_id = ${this.clientId}`);
    await this.insert(
      'order_affiliate_referrals',
      ['affiliate_id', 'order_id', 'name', 'amount', 'status', 'date_added'],
      this.n('order_affiliate_referrals'),
      (i) => [
        pick(affiliates, i),
        pick(orders, i),
        this.t(`Referral ${i + 1}`, 255),
        money(i, 50),
        pick(['mature', 'pending', 'canceled'], i),
        this.date(200 - (i % 200)),
      ],
    );
  }
}

const CARDS: readonly CardType[] = ['visa', 'mc', 'amex', 'disc'];

function cardType(i: number): CardType {
  return pick(CARDS, i);
}

function achType(i: number) {
  return i % 2 === 0 ? 'checking' : 'savings';
}
