import { sql } from '../../db/sql';
import type { ClientSeed } from './client-seed';
import { money, pick } from './values';

/** Recurring invoices (they block a deletion), what hangs on them, and the invoices they created. */
export async function seedRecurringInvoices(c: ClientSeed): Promise<void> {
  await c.insert(
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
    c.count('invoices_recur'),
    (i) => [
      c.clientId,
      1,
      pick(['month', 'year'], i),
      null,
      c.text('USD', 3),
      c.date(-10 - i),
      c.date(20 + i),
      c.text('Monthly support retainer'),
      c.text('Agreed by phone'),
    ],
  );
  const recurring = await c.ids(sql`invoices_recur x`, sql`x.client_id = ${c.clientId}`);
  await c.insert(
    'invoice_recur_lines',
    ['invoice_recur_id', 'description', 'qty', 'amount', 'taxable', 'order'],
    c.count('invoice_recur_lines'),
    (i) => [pick(recurring, i), c.text(`Support retainer, part ${i + 1}`), '1.0000', money(i), 1, i % 32767],
  );
  await c.insert(
    'invoice_recur_delivery',
    ['invoice_recur_id', 'method'],
    c.count('invoice_recur_delivery'),
    (i) => [pick(recurring, i), c.text('email', 32)],
  );
  await c.insert(
    'invoice_recur_values',
    ['invoice_field_id', 'invoice_recur_id', 'value'],
    c.count('invoice_recur_values'),
    (i) => [pick(c.fixtures.invoiceFieldIds, i), pick(recurring, i), c.text(`PO-R${i}`)],
  );
  await c.insert(
    'invoices_recur_created',
    ['invoice_recur_id', 'invoice_id'],
    c.count('invoices_recur_created'),
    (i) => [pick(recurring, i), pick(c.invoiceIds, i)],
  );
}
