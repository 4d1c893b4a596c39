import { Entity, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Company } from './company.entity';

/** A staff group of a company; permissions are granted per group. */
@Entity({ tableName: 'staff_groups' })
export class StaffGroup {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Company, { fieldName: 'company_id', deleteRule: 'no action' })
  company!: Rel<Company>;

  @Property({ length: 64 })
  name!: string;
}
