import { sql } from '../../db/sql';
import type { Row } from './batch-insert';
import type { ClientSeed } from './client-seed';
import { pick } from './values';

/** Services (a quarter of them add-ons of the others) and what hangs on them alone. */
export async function seedServices(c: ClientSeed): Promise<void> {
  const count = c.count('services');
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
      i === 0 && c.blocks('active_service') ? 'active' : pick(['canceled', 'pending', 'in_review'], i);
    return [
      parent,
      c.text('{num}', 64),
      i + 1,
      pick(c.fixtures.pricingIds, i),
      c.clientId,
      pick(c.fixtures.moduleRowIds, i),
      1,
      status,
      c.date(700 - (i % 700)),
      c.date(-30),
      c.date(335),
      null,
      status === 'canceled' ? c.date(20) : null,
    ];
  };
  await c.insert('services', columns, top, (i) => row(i, null));
  const parents = await c.ids(sql`services x`, sql`x.client_id = ${c.clientId}`);
  await c.insert('services', columns, addons, (i) => row(top + i, pick(parents, i)));
  c.serviceIds = await c.ids(sql`services x`, sql`x.client_id = ${c.clientId}`);
  const services = c.serviceIds;

  await c.insert(
    'service_fields',
    ['service_id', 'key', 'value', 'serialized', 'encrypted'],
    c.count('service_fields'),
    (i) => {
      const value = c.text(`host${i}.example.test`);
      return i % 3 === 2
        ? [
            pick(services, i),
            c.text('cpanel_options', 32),
            `a:1:{s:6:"domain";s:${Buffer.byteLength(value)}:"${value}";}`,
            1,
            0,
          ]
        : [pick(services, i), c.text(pick(['cpanel_domain', 'cpanel_username'], i), 32), value, 0, 0];
    },
  );
  await c.insert(
    'service_options',
    ['service_id', 'option_pricing_id', 'qty'],
    c.count('service_options'),
    (i) => [pick(services, i), pick(c.fixtures.pricingIds, i), 1 + (i % 3)],
  );
  await c.insert(
    'log_services',
    ['service_id', 'staff_id', 'status', 'date_added'],
    c.count('log_services'),
    (i) => [
      pick(services, i),
      c.fixtures.staffId,
      i % 2 === 0 ? 'suspended' : 'unsuspended',
      c.date(200 - (i % 200)),
    ],
  );
}

/** The tables between services and invoices; after both. */
export async function seedServiceBilling(c: ClientSeed): Promise<void> {
  await c.insert(
    'service_invoices',
    ['service_id', 'invoice_id', 'failed_attempts'],
    c.count('service_invoices'),
    (i) => [pick(c.serviceIds, i), pick(c.invoiceIds, i), i % 4 === 3 ? 1 : 0],
  );
  await c.insert(
    'service_changes',
    ['service_id', 'invoice_id', 'status', 'data', 'date_added'],
    c.count('service_changes'),
    (i) => [
      pick(c.serviceIds, i),
      pick(c.invoiceIds, i),
      pick(['completed', 'canceled', 'error', 'pending'], i),
      c.text(JSON.stringify({ pricing_id: pick(c.fixtures.pricingIds, i + 1) })),
      c.date(100 - (i % 100)),
    ],
  );
}
