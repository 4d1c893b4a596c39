import { Order } from './order.entity';
import { OrderAffiliate } from './order-affiliate.entity';
import { OrderAffiliateReferral } from './order-affiliate-referral.entity';
import { OrderForm } from './order-form.entity';
import { OrderService } from './order-service.entity';

export * from './order-form.entity';
export * from './order.entity';
export * from './order-service.entity';
export * from './order-affiliate.entity';
export * from './order-affiliate-referral.entity';

/** Entities of the order plugin: known to the ORM only when the plugin is installed. */
export const ORDER_ENTITIES = [OrderForm, Order, OrderService, OrderAffiliate, OrderAffiliateReferral];
