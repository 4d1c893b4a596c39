import { Entity, Enum, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Company } from './company.entity';

/** A payment gateway installed for a company. Company data: kept on client deletion. */
@Entity({ tableName: 'gateways' })
export class Gateway {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Company, { fieldName: 'company_id', deleteRule: 'no action' })
  company!: Rel<Company>;

  @Property({ length: 128 })
  name!: string;

  @Property({ length: 128, fieldName: 'class' })
  class!: string;

  @Property({ length: 16 })
  version!: string;

  @Enum({ items: ['merchant', 'nonmerchant', 'hybrid'] })
  type!: 'merchant' | 'nonmerchant' | 'hybrid';
}
