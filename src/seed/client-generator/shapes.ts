import type { ErasurePlan } from '../../deletion/erasure-plan';
import { missingParents, parentsFromPlan } from './parents';
import {
  RECURRING_TABLES,
  pluginOf,
  tablesFor,
  type CoreTableName,
  type PluginTableName,
  type TableName,
} from './tables';

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

export interface ProfileOptions {
  /** The app's erasure plan (`app.plan`): the parents a small profile's rows need come from it. */
  plan: ErasurePlan;
  /** Include the recurring-invoice tables, which block a deletion. */
  recurring?: boolean;
}

/**
 * Per-table counts summing to exactly `total`, shaped like a long-standing client. From 200 rows
 * on every table has at least one row, except the recurring-invoice tables: they block a deletion
 * and the profile feeds the deletion benchmark, so they are included only with
 * `{ recurring: true }`. Below 200 rows small tables may be 0; a table whose parent (by the plan's
 * links) came out 0 gives its rows to `log_emails`, so the counts always satisfy
 * {@link generateClient}.
 */
export function profileForRows(
  total: number,
  plugins: readonly string[],
  options: ProfileOptions,
): Record<TableName, number> {
  if (!Number.isInteger(total) || total < 3) {
    throw new Error(
      `profileForRows: total must be an integer of at least 3 (client, user, contact), got ${total}`,
    );
  }
  const tables = tablesFor(plugins);
  const unplanned = tables.find((t) => !options.plan.has(t));
  if (unplanned) {
    throw new Error(
      `profileForRows: the ${pluginOf(unplanned) ?? 'core'} plugin is not enabled (${unplanned} is not in the erasure plan)`,
    );
  }
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
    const parents = parentsFromPlan(options.plan);
    for (const table of tables) {
      if (counts[table] > 0 && missingParents(parents[table], counts).length > 0) {
        counts.log_emails += counts[table];
        counts[table] = 0;
      }
    }
  }
  return counts;
}
