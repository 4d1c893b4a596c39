import { sql } from '../../db/sql';
import type { ClientSeed } from './client-seed';
import { money, pick } from './values';

/** Quotations, their lines and taxes, and the invoices they became. */
export async function seedQuotations(c: ClientSeed): Promise<void> {
  await c.insert(
    'quotations',
    ['client_id', 'staff_id', 'title', 'status', 'notes', 'date_created'],
    c.count('quotations'),
    (i) => [
      c.clientId,
      c.fixtures.staffId,
      c.text(`Migration of ${i + 1} websites`, 255),
      pick(['draft', 'approved', 'invoiced', 'expired', 'lost'], i),
      c.text('Includes one day of onsite work.'),
      c.date(400 - (i % 400)),
    ],
  );
  const quotations = await c.ids(sql`quotations x`, sql`x.client_id = ${c.clientId}`);
  await c.insert(
    'quotation_lines',
    ['quotation_id', 'description', 'qty', 'amount'],
    c.count('quotation_lines'),
    (i) => [pick(quotations, i), c.text(`Website migration ${i + 1}`), '1.0000', money(i, 500)],
  );
  const lines = await c.ids(
    sql`quotation_lines x JOIN quotations p ON p.id = x.quotation_id`,
    sql`p.client_id = ${c.clientId}`,
  );
  await c.insert('quotation_line_taxes', ['line_id', 'tax_id'], c.count('quotation_line_taxes'), (i) => [
    pick(lines, i),
    pick(c.fixtures.taxIds, Math.floor(i / Math.max(1, lines.length))),
  ]);
  await c.insert('quotation_invoices', ['quotation_id', 'invoice_id'], c.count('quotation_invoices'), (i) => [
    pick(quotations, i),
    pick(c.invoiceIds, i),
  ]);
}
