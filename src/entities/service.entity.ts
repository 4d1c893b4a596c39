import { Entity, Enum, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Client } from './client.entity';
import { ModuleRow } from './module-row.entity';
import { PackagePricing } from './package-pricing.entity';

export const SERVICE_STATUSES = ['active', 'canceled', 'pending', 'suspended', 'in_review'] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];

@Entity({ tableName: 'services' })
export class Service {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  /** Set on an add-on: the service it was added to (of the same client). */
  @ManyToOne(() => Service, { fieldName: 'parent_service_id', nullable: true, deleteRule: 'no action' })
  parentService?: Rel<Service> | null;

  @Property({ length: 64 })
  idFormat!: string;

  @Property({ type: 'integer' })
  idValue!: number;

  @ManyToOne(() => PackagePricing, { fieldName: 'pricing_id', deleteRule: 'no action' })
  pricing!: Rel<PackagePricing>;

  @ManyToOne(() => Client, { fieldName: 'client_id', deleteRule: 'no action' })
  client!: Rel<Client>;

  @ManyToOne(() => ModuleRow, { fieldName: 'module_row_id', deleteRule: 'no action' })
  moduleRow!: Rel<ModuleRow>;

  /** Not a foreign key: coupons are not modelled. */
  @Property({ type: 'integer', nullable: true })
  couponId?: number | null;

  @Property({ type: 'integer' })
  qty: number = 1;

  @Enum({ items: () => SERVICE_STATUSES, default: 'pending' })
  status: ServiceStatus = 'pending';

  @Property({ type: 'datetime' })
  dateAdded: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  dateRenews?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  dateLastRenewed?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  dateSuspended?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  dateCanceled?: Date | null;
}
