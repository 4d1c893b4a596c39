import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Company } from './company.entity';
import { User } from './user.entity';
import { ClientData } from '../deletion/erasure-rules';

/** Authentication log: one row per sign-in attempt. Also feeds the lockout counter. */
@ClientData({ category: 'Sign-in' })
@Entity({ tableName: 'log_users' })
@Index({ properties: ['user', 'result', 'dateAdded'] })
export class LogUser {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => User, { fieldName: 'user_id', deleteRule: 'no action' })
  user!: Rel<User>;

  @Property({ length: 39 })
  ipAddress!: string;

  @ManyToOne(() => Company, { fieldName: 'company_id', deleteRule: 'no action' })
  company!: Rel<Company>;

  @Property({ type: 'datetime' })
  dateAdded: Date = new Date();

  @Property({ type: 'datetime' })
  dateUpdated: Date = new Date();

  @Enum({ items: ['success', 'failure'] })
  result!: 'success' | 'failure';
}
