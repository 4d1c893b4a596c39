import { Entity, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Company } from './company.entity';

@Entity({ tableName: 'client_groups' })
export class ClientGroup {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Company, { fieldName: 'company_id', deleteRule: 'no action' })
  company!: Rel<Company>;

  @Property({ length: 64 })
  name!: string;

  @Property({ type: 'text', nullable: true })
  description?: string | null;

  @Property({ length: 16, nullable: true })
  color?: string | null;
}
