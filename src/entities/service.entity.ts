import {
  Cascade,
  Collection,
  Entity,
  Enum,
  ManyToOne,
  OneToMany,
  PrimaryKey,
  Property,
  type Rel,
} from '@mikro-orm/core';
import { Client } from './client.entity';
import { ModuleRow } from './module-row.entity';
import { PackagePricing } from './package-pricing.entity';
import { sql } from '../db/sql';
import { BlocksDeletion, ClientData } from '../deletion/erasure-rules';
import { LogService } from './log-service.entity';
import { ServiceChange } from './service-change.entity';
import { ServiceField } from './service-field.entity';
import { ServiceInvoice } from './service-invoice.entity';
import { ServiceOption } from './service-option.entity';

export const SERVICE_STATUSES = ['active', 'canceled', 'pending', 'suspended', 'in_review'] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];

@ClientData({ category: 'Services' })
@BlocksDeletion({
  code: 'ACTIVE_SERVICES',
  message: 'The client has {count} active or suspended service(s); cancel them first.',
  ids: (client) =>
    sql`SELECT s.id AS id FROM services s WHERE s.client_id = ${client.id} AND s.status IN ('active', 'suspended')`,
})
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

  // What is erased with this service (SPEC 2.2). The erasure plan compiles these cascades into
  // set-based deletes (src/deletion); em.remove() is never the bulk path and loads nothing.
  @OneToMany(() => Service, (row) => row.parentService, { cascade: [Cascade.REMOVE] })
  addons = new Collection<Service>(this);
  @OneToMany(() => ServiceField, (row) => row.service, { cascade: [Cascade.REMOVE] })
  fields = new Collection<ServiceField>(this);
  @OneToMany(() => ServiceOption, (row) => row.service, { cascade: [Cascade.REMOVE] })
  options = new Collection<ServiceOption>(this);
  @OneToMany(() => LogService, (row) => row.service, { cascade: [Cascade.REMOVE] })
  logs = new Collection<LogService>(this);
  @OneToMany(() => ServiceInvoice, (row) => row.service, { cascade: [Cascade.REMOVE] })
  invoiceLinks = new Collection<ServiceInvoice>(this);
  @OneToMany(() => ServiceChange, (row) => row.service, { cascade: [Cascade.REMOVE] })
  changes = new Collection<ServiceChange>(this);
}
