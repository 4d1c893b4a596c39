import { addressKey } from '../address-key';
import {
  byClient,
  byMatch,
  byParent,
  defineDeleter,
  referencedBy,
  type DeleterDefinition,
  type LinkScope,
  type MatchLink,
  type StagedSet,
} from '../deleter';
import { ident, sql, type Sql } from '../sql';

/**
 * The core's part of the client graph (SPEC 2.2). Each deleter groups the tables of one area;
 * the engine orders the tables across all deleters, children first.
 */

const account = defineDeleter({
  name: 'core.account',
  tables: [
    { table: 'clients', category: 'Client account', links: [byClient('id')] },
    { table: 'client_settings', category: 'Client account', links: [byClient('client_id')] },
    { table: 'client_values', category: 'Client account', links: [byClient('client_id')] },
    { table: 'client_notes', category: 'Client account', links: [byClient('client_id')] },
    { table: 'client_packages', category: 'Client account', links: [byClient('client_id')] },
    { table: 'client_account', category: 'Client account', links: [byClient('client_id')] },
    { table: 'log_client_settings', category: 'Client account', links: [byClient('client_id')] },
    { table: 'module_client_meta', category: 'Client account', links: [byClient('client_id')] },
    { table: 'account_management_invitations', category: 'Client account', links: [byClient('client_id')] },
  ],
});

const contacts = defineDeleter({
  name: 'core.contacts',
  tables: [
    { table: 'contacts', category: 'Contacts', links: [byClient('client_id')] },
    { table: 'contact_numbers', category: 'Contacts', links: [byParent('contact_id', 'contacts')] },
    { table: 'email_verifications', category: 'Contacts', links: [byParent('contact_id', 'contacts')] },
    { table: 'log_contacts', category: 'Contacts', links: [byParent('contact_id', 'contacts')] },
    {
      table: 'contact_permissions',
      category: 'Contacts',
      // Its own contacts' permissions, and other clients' contacts permitted to manage it.
      links: [byParent('contact_id', 'contacts'), byClient('client_id')],
    },
  ],
});

const paymentAccounts = defineDeleter({
  name: 'core.payment_accounts',
  tables: [
    { table: 'accounts_cc', category: 'Payment accounts', links: [byParent('contact_id', 'contacts')] },
    { table: 'accounts_ach', category: 'Payment accounts', links: [byParent('contact_id', 'contacts')] },
    {
      table: 'log_account_access',
      category: 'Payment accounts',
      // Polymorphic: `type` says which accounts table `account_id` points into; no foreign key.
      links: (['cc', 'ach'] as const).map((type) =>
        byMatch({
          reads: [`accounts_${type}`],
          columns: ['type', 'account_id'],
          description: `type = '${type}' and account_id names one of the client's accounts_${type} rows`,
          where: (row, scope) =>
            sql`${row}.type = ${type} AND ${row}.account_id IN (${scope.idsOf(`accounts_${type}`)})`,
        }),
      ),
    },
  ],
});

const users = defineDeleter({
  name: 'core.users',
  tables: [
    {
      table: 'users',
      category: 'Sign-in',
      links: [referencedBy('clients', 'user_id'), referencedBy('contacts', 'user_id')],
      keep: {
        reason: 'also used by a staff member or another client',
        // A sign-in shared only with other clients is kept while one of them remains: two such
        // clients deleted at once must decide in turn, or each keeps it for the other.
        contested: (row, scope) => {
          const s = scope.alias();
          return sql`NOT EXISTS (SELECT 1 FROM staff ${s} WHERE ${s}.user_id = ${row}.id)`;
        },
        references: [
          { table: 'staff', column: 'user_id' },
          { table: 'clients', column: 'user_id' },
          { table: 'contacts', column: 'user_id' },
        ],
        where: (row, scope) => {
          const [s, c, k] = [scope.alias(), scope.alias(), scope.alias()];
          const id = scope.client.id;
          return sql`EXISTS (SELECT 1 FROM staff ${s} WHERE ${s}.user_id = ${row}.id)
            OR EXISTS (SELECT 1 FROM clients ${c} WHERE ${c}.user_id = ${row}.id AND ${c}.id <> ${id})
            OR EXISTS (SELECT 1 FROM contacts ${k} WHERE ${k}.user_id = ${row}.id AND ${k}.client_id <> ${id})`;
        },
      },
    },
    { table: 'user_otps', category: 'Sign-in', links: [byParent('user_id', 'users')] },
    { table: 'log_users', category: 'Sign-in', links: [byParent('user_id', 'users')] },
    { table: 'sessions', category: 'Sign-in', links: [byParent('user_id', 'users')] },
    { table: 'log_messenger', category: 'Sign-in', links: [byParent('to_user_id', 'users')] },
  ],
});

const invoices = defineDeleter({
  name: 'core.invoices',
  tables: [
    { table: 'invoices', category: 'Invoices', links: [byClient('client_id')] },
    { table: 'invoice_lines', category: 'Invoices', links: [byParent('invoice_id', 'invoices')] },
    { table: 'invoice_delivery', category: 'Invoices', links: [byParent('invoice_id', 'invoices')] },
    { table: 'invoice_meta', category: 'Invoices', links: [byParent('invoice_id', 'invoices')] },
    { table: 'invoice_values', category: 'Invoices', links: [byParent('invoice_id', 'invoices')] },
    { table: 'invoice_late_fees', category: 'Invoices', links: [byParent('invoice_id', 'invoices')] },
    { table: 'invoice_line_taxes', category: 'Invoices', links: [byParent('line_id', 'invoice_lines')] },
  ],
  blockers: [
    {
      code: 'OPEN_INVOICES',
      message: 'The client has {count} open invoice(s); close or void them first.',
      ids: (client) =>
        sql`SELECT i.id FROM invoices i WHERE i.client_id = ${client.id} AND i.status IN ('active', 'proforma') AND i.date_closed IS NULL`,
    },
  ],
});

const recurringInvoices = defineDeleter({
  name: 'core.recurring_invoices',
  tables: [
    { table: 'invoices_recur', category: 'Recurring invoices', links: [byClient('client_id')] },
    {
      table: 'invoice_recur_lines',
      category: 'Recurring invoices',
      links: [byParent('invoice_recur_id', 'invoices_recur')],
    },
    {
      table: 'invoice_recur_delivery',
      category: 'Recurring invoices',
      links: [byParent('invoice_recur_id', 'invoices_recur')],
    },
    {
      table: 'invoice_recur_values',
      category: 'Recurring invoices',
      links: [byParent('invoice_recur_id', 'invoices_recur')],
    },
    {
      table: 'invoices_recur_created',
      category: 'Recurring invoices',
      links: [byParent('invoice_recur_id', 'invoices_recur'), byParent('invoice_id', 'invoices')],
    },
  ],
  blockers: [
    {
      code: 'RECURRING_INVOICES',
      message: 'The client has {count} recurring invoice(s); delete them first.',
      ids: (client) => sql`SELECT r.id FROM invoices_recur r WHERE r.client_id = ${client.id}`,
    },
  ],
});

const quotations = defineDeleter({
  name: 'core.quotations',
  tables: [
    { table: 'quotations', category: 'Quotations', links: [byClient('client_id')] },
    { table: 'quotation_lines', category: 'Quotations', links: [byParent('quotation_id', 'quotations')] },
    {
      table: 'quotation_line_taxes',
      category: 'Quotations',
      links: [byParent('line_id', 'quotation_lines')],
    },
    {
      table: 'quotation_invoices',
      category: 'Quotations',
      links: [byParent('quotation_id', 'quotations'), byParent('invoice_id', 'invoices')],
    },
  ],
});

const services = defineDeleter({
  name: 'core.services',
  tables: [
    {
      table: 'services',
      category: 'Services',
      // Add-ons first: a child service goes before the parent its foreign key points at.
      links: [byParent('parent_service_id', 'services'), byClient('client_id')],
    },
    { table: 'service_fields', category: 'Services', links: [byParent('service_id', 'services')] },
    { table: 'service_options', category: 'Services', links: [byParent('service_id', 'services')] },
    { table: 'log_services', category: 'Services', links: [byParent('service_id', 'services')] },
    {
      table: 'service_invoices',
      category: 'Services',
      links: [byParent('service_id', 'services'), byParent('invoice_id', 'invoices')],
    },
    {
      table: 'service_changes',
      category: 'Services',
      links: [byParent('service_id', 'services'), byParent('invoice_id', 'invoices')],
    },
  ],
  blockers: [
    {
      code: 'ACTIVE_SERVICES',
      message: 'The client has {count} active or suspended service(s); cancel them first.',
      ids: (client) =>
        sql`SELECT s.id FROM services s WHERE s.client_id = ${client.id} AND s.status IN ('active', 'suspended')`,
    },
  ],
});

const transactions = defineDeleter({
  name: 'core.transactions',
  tables: [
    { table: 'transactions', category: 'Transactions', links: [byClient('client_id')] },
    {
      table: 'transaction_applied',
      category: 'Transactions',
      links: [byParent('transaction_id', 'transactions'), byParent('invoice_id', 'invoices')],
    },
    {
      table: 'log_transactions',
      category: 'Transactions',
      links: [byParent('transaction_id', 'transactions')],
    },
  ],
});

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
  return byMatch({
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

const emailLog = defineDeleter({
  name: 'core.email_log',
  tables: [
    {
      table: 'log_emails',
      category: 'Email log',
      links: [
        byClient('to_client_id'),
        guestAddressMatch({
          keyColumn: 'to_address_key',
          clientColumn: 'to_client_id',
          company: {
            columns: ['company_id'],
            description: "company_id is the client's company",
            where: (row, scope) => sql`${row}.company_id = ${scope.client.companyId}`,
          },
        }),
      ],
    },
  ],
});

export const CORE_DELETERS: readonly DeleterDefinition[] = [
  account,
  contacts,
  paymentAccounts,
  users,
  invoices,
  recurringInvoices,
  quotations,
  services,
  transactions,
  emailLog,
];
