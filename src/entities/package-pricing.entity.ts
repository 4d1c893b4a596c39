import { Entity, Enum, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Package } from './package.entity';

/** A price term of a package. Company data: kept on client deletion. */
@Entity({ tableName: 'package_pricing' })
export class PackagePricing {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Package, { fieldName: 'package_id', deleteRule: 'no action' })
  package!: Rel<Package>;

  @Property({ type: 'smallint' })
  term!: number;

  @Enum({ items: ['day', 'week', 'month', 'year', 'onetime'] })
  period!: 'day' | 'week' | 'month' | 'year' | 'onetime';

  @Property({ type: 'decimal', precision: 12, scale: 4 })
  price!: string;

  @Property({ type: 'decimal', precision: 12, scale: 4 })
  setupFee!: string;

  @Property({ type: 'decimal', precision: 12, scale: 4 })
  cancelFee!: string;

  @Property({ columnType: 'char(3)' })
  currency!: string;
}
