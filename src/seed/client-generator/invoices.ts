import { sql } from '../../db/sql';
import type { ClientSeed } from './client-seed';
import { money, pick } from './values';

/** Invoices, their lines and what hangs on them alone; the lines' taxes. */
export async function seedInvoices(c: ClientSeed): Promise<void> {
  const open = c.blocks('open_invoice');
  await c.insert(
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
    c.count('invoices'),
    (i) => {
      // Paid (closed) invoices dominate; void and draft ones never block either.
      const status = i === 0 && open ? 'active' : pick(['active', 'void', 'draft', 'active', 'active'], i);
      const age = 1000 - (i % 1000);
      return [
        c.text('{num}', 64),
        i + 1,
        c.clientId,
        c.date(age),
        c.date(age - 14),
        status === 'draft' || (i === 0 && open) ? null : c.date(age - 10),
        null,
        status,
        '0.0000',
        c.text('USD', 3),
        c.text('Thank you for your business.'),
        c.text(`Internal reference ${i}`),
      ];
    },
  );
  c.invoiceIds = await c.ids(sql`invoices x`, sql`x.client_id = ${c.clientId}`);
  const invoices = c.invoiceIds;
  const perInvoice = (i: number) => Math.floor(i / Math.max(1, invoices.length));

  await c.insert(
    'invoice_lines',
    ['invoice_id', 'service_id', 'description', 'qty', 'amount', 'order'],
    c.count('invoice_lines'),
    (i) => [
      pick(invoices, i),
      c.serviceIds.length ? pick(c.serviceIds, i) : null,
      c.text(`Shared Hosting Starter - host${i}.example.test (monthly)`),
      '1.0000',
      money(i),
      perInvoice(i) % 32767,
    ],
  );
  await c.insert(
    'invoice_delivery',
    ['invoice_id', 'method', 'date_sent'],
    c.count('invoice_delivery'),
    (i) => [pick(invoices, i), c.text(pick(['email', 'paper'], perInvoice(i)), 32), c.date(900 - (i % 900))],
  );
  await c.insert('invoice_meta', ['invoice_id', 'key', 'value'], c.count('invoice_meta'), (i) => [
    pick(invoices, i),
    c.text(pick(['autodebit_attempts', 'po_number'], perInvoice(i)), 32),
    c.text(String(i % 5)),
  ]);
  await c.insert(
    'invoice_values',
    ['invoice_field_id', 'invoice_id', 'value'],
    c.count('invoice_values'),
    (i) => [pick(c.fixtures.invoiceFieldIds, perInvoice(i)), pick(invoices, i), c.text(`PO-${10000 + i}`)],
  );
  await c.insert(
    'invoice_late_fees',
    ['invoice_id', 'amount', 'date_applied'],
    c.count('invoice_late_fees'),
    (i) => [pick(invoices, i), '5.0000', c.date(800 - (i % 800))],
  );
  const lines = await c.ids(
    sql`invoice_lines x JOIN invoices p ON p.id = x.invoice_id`,
    sql`p.client_id = ${c.clientId}`,
  );
  await c.insert(
    'invoice_line_taxes',
    ['line_id', 'tax_id', 'cascade'],
    c.count('invoice_line_taxes'),
    (i) => [pick(lines, i), pick(c.fixtures.taxIds, Math.floor(i / Math.max(1, lines.length))), 0],
  );
}
