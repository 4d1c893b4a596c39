import { byClient, byMatch, byParent, defineDeleter, referencedBy, type DeleterDefinition } from '../deleter';
import { ident, sql } from '../sql';

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
 * An address belongs to the client when one of its contacts uses it and no other client's
 * contact does; `row.<column>` is compared with it. Shared by the email log and plugins.
 */
export const addressOfClientOnly = (column: string) =>
  byMatch({
    reads: ['contacts'],
    columns: [column],
    description: `${column} is an email of one of the client's contacts and of no other client's contact`,
    where: (row, scope) => {
      const [c, o] = [scope.alias(), scope.alias()];
      return sql`${row}.${ident(column)} IN (SELECT ${c}.email FROM contacts ${c} WHERE ${c}.client_id = ${scope.client.id}
        AND NOT EXISTS (SELECT 1 FROM contacts ${o} WHERE ${o}.email = ${c}.email AND ${o}.client_id <> ${scope.client.id}))`;
    },
  });

const emailLog = defineDeleter({
  name: 'core.email_log',
  tables: [
    {
      table: 'log_emails',
      category: 'Email log',
      links: [byClient('to_client_id'), withNullClient(addressOfClientOnly('to_address'), 'to_client_id')],
    },
  ],
});

/** Restricts an address match to rows that carry no client id (a client id says whose it is). */
export function withNullClient(link: ReturnType<typeof addressOfClientOnly>, clientColumn: string) {
  return byMatch({
    ...link,
    columns: [...link.columns, clientColumn],
    description: `${clientColumn} is null and ${link.description}`,
    where: (row, scope) => sql`${row}.${ident(clientColumn)} IS NULL AND ${link.where(row, scope)}`,
  });
}

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
