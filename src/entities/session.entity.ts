import { Entity, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { User } from './user.entity';
import { ClientData } from '../deletion/erasure-rules';

/** A sign-in session. Only the SHA-256 hash of the bearer token is stored. */
@ClientData({ category: 'Sign-in' })
@Entity({ tableName: 'sessions' })
export class Session {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => User, { fieldName: 'user_id', deleteRule: 'no action' })
  user!: Rel<User>;

  @Property({ columnType: 'char(64)', unique: true, hidden: true })
  tokenHash!: string;

  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
