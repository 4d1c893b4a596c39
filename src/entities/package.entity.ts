import { Entity, Enum, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Company } from './company.entity';

/** A package (product) of a company. Company data: kept on client deletion. */
@Entity({ tableName: 'packages' })
export class Package {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Property({ length: 64 })
  idFormat!: string;

  @Property({ type: 'integer' })
  idValue!: number;

  @Property({ type: 'integer', nullable: true })
  moduleId?: number | null;

  @Property({ length: 255 })
  name!: string;

  @Property({ type: 'text', nullable: true })
  description?: string | null;

  @Property({ type: 'text', nullable: true })
  descriptionHtml?: string | null;

  @Property({ type: 'integer', nullable: true })
  qty?: number | null;

  @Property({ type: 'integer' })
  moduleRow!: number;

  @Property({ type: 'integer', nullable: true })
  moduleGroup?: number | null;

  @Property({ type: 'boolean' })
  taxable: boolean = false;

  @Enum({ items: ['active', 'inactive', 'restricted'] })
  status!: 'active' | 'inactive' | 'restricted';

  @ManyToOne(() => Company, { fieldName: 'company_id', deleteRule: 'no action' })
  company!: Rel<Company>;
}
