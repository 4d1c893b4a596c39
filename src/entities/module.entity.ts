import { Entity, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Company } from './company.entity';

/** A provisioning module installed for a company. Company data: kept on client deletion. */
@Entity({ tableName: 'modules' })
export class Module {
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
}
