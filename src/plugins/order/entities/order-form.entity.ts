import { Entity, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Company } from '../../../entities';

/** An order form of a company. Company data: kept on client deletion. */
@Entity({ tableName: 'order_forms' })
export class OrderForm {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Company, { fieldName: 'company_id', deleteRule: 'no action' })
  company!: Rel<Company>;

  @Property({ length: 255 })
  label!: string;
}
