import { Entity, Enum, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Company } from './company.entity';

/** A tax rule of a company. Company data: kept on client deletion. */
@Entity({ tableName: 'taxes' })
export class Tax {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Company, { fieldName: 'company_id', deleteRule: 'no action' })
  company!: Rel<Company>;

  @Property({ type: 'tinyint' })
  level!: number;

  @Property({ length: 64, nullable: true })
  name?: string | null;

  @Property({ type: 'decimal', precision: 10, scale: 2 })
  amount!: string;

  @Enum({ items: ['exclusive', 'inclusive'] })
  type!: 'exclusive' | 'inclusive';

  @Property({ length: 2, nullable: true })
  country?: string | null;

  @Property({ length: 2, nullable: true })
  state?: string | null;

  @Enum({ items: ['active', 'inactive'] })
  status!: 'active' | 'inactive';
}
