import { Entity, Enum, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { User } from './user.entity';

export const STAFF_STATUSES = ['active', 'inactive'] as const;
export type StaffStatus = (typeof STAFF_STATUSES)[number];

/** A staff member. Company data: kept on client deletion. */
@Entity({ tableName: 'staff' })
export class Staff {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  /** Unique: a sign-in belongs to one staff member, so a session always names exactly one. */
  @ManyToOne(() => User, { fieldName: 'user_id', deleteRule: 'no action', unique: true })
  user!: Rel<User>;

  @Property({ length: 128 })
  firstName!: string;

  @Property({ length: 128 })
  lastName!: string;

  @Property({ length: 255, unique: true })
  email!: string;

  @Property({ length: 255, nullable: true })
  emailMobile?: string | null;

  @Enum({ items: () => STAFF_STATUSES, default: 'active' })
  status: StaffStatus = 'active';
}
