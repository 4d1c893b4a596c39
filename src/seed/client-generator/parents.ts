import type { TableName } from './tables';

/**
 * The parent tables a table's rows are spread over: `all`, the row holds the id of one of the
 * client's rows of each; `any`, it points at one of the client's rows of one of them (a
 * polymorphic account).
 */
export interface ParentRule {
  readonly all: readonly string[];
  readonly any?: readonly string[];
}

/** The tables whose generated rows need parent rows. */
export const PARENTS: Partial<Record<TableName, ParentRule>> = {
  client_account: { all: [], any: ['accounts_cc', 'accounts_ach'] },
  log_account_access: { all: [], any: ['accounts_cc', 'accounts_ach'] },
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

/** The parents of `table` that have no rows in `counts` (all of `any` when none of them has). */
export function missingParents(table: TableName, counts: Readonly<Record<string, number>>): string[] {
  const rule = PARENTS[table];
  if (!rule) return [];
  const missing = rule.all.filter((p) => !(counts[p] ?? 0));
  if (rule.any && !rule.any.some((p) => (counts[p] ?? 0) > 0)) missing.push(...rule.any);
  return missing;
}

/** What a row needs, in words: "one of the client's invoices rows and one of the client's ...". */
export function describeParents(rule: ParentRule): string {
  const needs = rule.all.map((p) => `one of the client's ${p} rows`);
  if (rule.any) needs.push(`one of the client's ${rule.any.join(' or ')} rows`);
  return needs.join(' and ');
}
