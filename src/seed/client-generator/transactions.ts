import { sql } from '../../db/sql';
import type { ClientSeed } from './client-seed';
import { hex, money, pick } from './values';

/** Payments and refunds (on the client's cards and bank accounts), applied to its invoices. */
export async function seedTransactions(c: ClientSeed): Promise<void> {
  await c.insert(
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
    c.count('transactions'),
    (i) => {
      const kind = i % 3 === 0 && c.ccIds.length ? 'cc' : i % 3 === 1 && c.achIds.length ? 'ach' : 'other';
      const account = kind === 'cc' ? pick(c.ccIds, i) : kind === 'ach' ? pick(c.achIds, i) : null;
      return [
        c.clientId,
        money(i),
        c.text('USD', 3),
        kind,
        kind === 'other' ? pick(c.fixtures.transactionTypeIds, i) : null,
        account,
        kind === 'other' ? null : c.fixtures.gatewayId,
        c.text(`txn_${hex(8)}`, 128),
        c.marker || i % 10 === 9 ? c.text(`txn_parent_${i}`, 128) : null,
        c.text(`ref_${i}`, 128),
        pick(['approved', 'approved', 'approved', 'declined', 'refunded', 'void'], i),
        c.date(1000 - (i % 1000)),
      ];
    },
  );
  c.transactionIds = await c.ids(sql`transactions x`, sql`x.client_id = ${c.clientId}`);
  await c.insert(
    'transaction_applied',
    ['transaction_id', 'invoice_id', 'amount', 'date'],
    c.count('transaction_applied'),
    (i) => [pick(c.transactionIds, i), pick(c.invoiceIds, i), money(i), c.date(1000 - (i % 1000))],
  );
  await c.insert(
    'log_transactions',
    ['staff_id', 'transaction_id', 'change', 'date_changed'],
    c.count('log_transactions'),
    (i) => [
      c.fixtures.staffId,
      pick(c.transactionIds, i),
      c.text(JSON.stringify({ status: { from: 'pending', to: 'approved' } })),
      c.date(900 - (i % 900)),
    ],
  );
}
