import { byClient, byParent, defineDeleter } from '../../deletion/deleter';

/** The order plugin's tables. Orders carry no client id: they are found through invoices. */
export const orderDeleter = defineDeleter({
  name: 'order',
  tables: [
    { table: 'orders', category: 'Orders', links: [byParent('invoice_id', 'invoices')] },
    {
      table: 'order_services',
      category: 'Orders',
      links: [byParent('order_id', 'orders'), byParent('service_id', 'services')],
    },
    { table: 'order_affiliates', category: 'Orders', links: [byClient('client_id')] },
    {
      table: 'order_affiliate_referrals',
      category: 'Orders',
      links: [byParent('affiliate_id', 'order_affiliates'), byParent('order_id', 'orders')],
    },
  ],
});
