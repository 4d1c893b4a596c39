import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/core';

/** A sign-in identity, shared by staff members, clients and contacts. */
@Entity({ tableName: 'users' })
export class User {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Property({ length: 255 })
  username!: string;

  /** bcrypt hash, never the password. */
  @Property({ length: 64, hidden: true })
  password!: string;

  @Enum({ items: ['none', 'motp', 'totp'], default: 'none' })
  twoFactorMode: 'none' | 'motp' | 'totp' = 'none';

  @Property({ length: 128, nullable: true, hidden: true })
  twoFactorKey?: string | null;

  @Property({ length: 128, nullable: true, hidden: true })
  twoFactorPin?: string | null;

  @Property({ type: 'datetime' })
  dateAdded: Date = new Date();
}
