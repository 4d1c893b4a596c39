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

/** The plugin whose table this is, if any. */
export function pluginOf(table: string): keyof typeof PLUGIN_TABLES | undefined {
  return (Object.keys(PLUGIN_TABLES) as (keyof typeof PLUGIN_TABLES)[]).find((p) =>
    (PLUGIN_TABLES[p] as readonly string[]).includes(table),
  );
}
