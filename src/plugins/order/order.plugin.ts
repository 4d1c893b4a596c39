import type { ErasurePlugin } from '../plugin';
import { ORDER_ENTITIES } from './entities';
import { OrderInitialMysql } from './migrations/mysql/order-initial';
import { OrderInitialSqlite } from './migrations/sqlite/order-initial';
import { orderSeeder } from './order.seed';

/** Blesta's Order plugin: orders, their services, affiliates and referrals. */
export const orderPlugin: ErasurePlugin = {
  name: 'order',
  entities: ORDER_ENTITIES,
  migrations: {
    sqlite: [{ name: 'order_20261126_000000_initial', class: OrderInitialSqlite }],
    mysql: [{ name: 'order_20261126_000000_initial', class: OrderInitialMysql }],
  },
  install({ events }) {
    events.onTransaction('client.deleting', 'order', (event) => event.deleteTablesOf('order'));
  },
  seed: orderSeeder,
};
