import { Entity, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { User } from './user.entity';
import { ClientData } from '../deletion/erasure-rules';

/** A message sent to a user through a messenger (SMS etc.). */
@ClientData({ category: 'Sign-in' })
@Entity({ tableName: 'log_messenger' })
export class LogMessenger {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => User, { fieldName: 'to_user_id', deleteRule: 'no action' })
  toUser!: Rel<User>;

  @Property({ length: 32 })
  type!: string;

  @Property({ type: 'text', nullable: true })
  content?: string | null;

  @Property({ type: 'datetime' })
  dateAdded: Date = new Date();
}
