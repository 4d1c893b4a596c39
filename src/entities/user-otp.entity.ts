import { Entity, ManyToOne, PrimaryKey, Property, Unique, type Rel } from '@mikro-orm/core';
import { User } from './user.entity';
import { ClientData } from '../deletion/erasure-rules';

/**
 * A used one-time password (replay guard). No id in Blesta: surrogate integer id added. Unique per
 * user and code, so a code can be used once whichever replica receives it.
 */
@ClientData({ category: 'Sign-in' })
@Entity({ tableName: 'user_otps' })
@Unique({ properties: ['user', 'otp'] })
export class UserOtp {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => User, { fieldName: 'user_id', deleteRule: 'no action' })
  user!: Rel<User>;

  @Property({ length: 16, hidden: true })
  otp!: string;

  @Property({ type: 'datetime' })
  dateAdded: Date = new Date();
}
