import { Entity, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Company } from './company.entity';

/** A custom contact type; a null company makes it global. Company data: kept on client deletion. */
@Entity({ tableName: 'contact_types' })
export class ContactType {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Company, { fieldName: 'company_id', nullable: true, deleteRule: 'no action' })
  company?: Rel<Company> | null;

  @Property({ length: 255 })
  name!: string;

  @Property({ type: 'boolean' })
  isLang: boolean = false;
}
