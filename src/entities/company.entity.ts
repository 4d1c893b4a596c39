import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** A company of the platform: the boundary of every staff member's view. Kept on client deletion. */
@Entity({ tableName: 'companies' })
export class Company {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Property({ length: 64 })
  name!: string;

  @Property({ length: 255 })
  hostname!: string;

  @Property({ type: 'text', nullable: true })
  address?: string | null;

  @Property({ length: 64, nullable: true })
  phone?: string | null;

  @Property({ length: 64, nullable: true })
  fax?: string | null;
}
