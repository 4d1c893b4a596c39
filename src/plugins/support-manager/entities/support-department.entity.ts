import { Entity, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Company } from '../../../entities';

/** A support department of a company. Company data: kept on client deletion. */
@Entity({ tableName: 'support_departments' })
export class SupportDepartment {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Company, { fieldName: 'company_id', deleteRule: 'no action' })
  company!: Rel<Company>;

  @Property({ length: 255 })
  name!: string;
}
