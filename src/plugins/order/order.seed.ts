import { sql } from '../../db/sql';
import type { PluginSeeder } from '../../seed/client-generator/plugin-seeder';
import { money, pick } from '../../seed/client-generator/values';

/** Orders of the client's invoices, their services, an affiliate account and its referrals. */
export const orderSeeder: PluginSeeder = {
  check(counts, fixtures) {
    if (counts.orders > 0 && fixtures.orderFormId === undefined) {
      throw new Error('orders need an order form: the fixtures were created without the order plugin');
    }
  },

  async seed(c) {
    await c.insert(
      'orders',
      ['order_number', 'order_form_id', 'invoice_id', 'status', 'date_added'],
      c.count('orders'),
      (i) => [
        c.text(`${c.clientId}-${i + 1}`, 16),
        c.fixtures.orderFormId,
        pick(c.invoiceIds, i),
        pick(['accepted', 'pending', 'canceled', 'fraud'], i),
        c.date(900 - (i % 900)),
      ],
    );
    const orders = await c.ids(
      sql`orders x JOIN invoices p ON p.id = x.invoice_id`,
      sql`p.client_id = ${c.clientId}`,
    );
    await c.insert('order_services', ['order_id', 'service_id'], c.count('order_services'), (i) => [
      pick(orders, i),
      pick(c.serviceIds, i),
    ]);
    await c.insert(
      'order_affiliates',
      ['client_id', 'code', 'status', 'date_added'],
      c.count('order_affiliates'),
      (i) => [
        c.clientId,
        c.text(`aff-${c.token}-${i}`, 64),
        i % 2 === 0 ? 'active' : 'inactive',
        c.date(300 + i),
      ],
    );
    const affiliates = await c.ids(sql`order_affiliates x`, sql`x.client_id = ${c.clientId}`);
    await c.insert(
      'order_affiliate_referrals',
      ['affiliate_id', 'order_id', 'name', 'amount', 'status', 'date_added'],
      c.count('order_affiliate_referrals'),
      (i) => [
        pick(affiliates, i),
        pick(orders, i),
        c.text(`Referral ${i + 1}`, 255),
        money(i, 50),
        pick(['mature', 'pending', 'canceled'], i),
        c.date(200 - (i % 200)),
      ],
    );
  },
};
