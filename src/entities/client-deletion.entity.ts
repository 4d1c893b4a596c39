import { JsonTextType } from '../db/json-text.type';
import { Entity, Index, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Company } from './company.entity';
import { Staff } from './staff.entity';

/**
 * Audit row of one client deletion (service table, not Blesta's). Holds no personal data: the
 * client id number and per-table counts only. Also the stored receipt for idempotent retries.
 * Not unique per client id: a client that later holds a deleted id (a restored backup, explicit
 * ids) is deleted again with a receipt of its own, and the newest one answers a repeat.
 */
@Entity({ tableName: 'client_deletions' })
@Index({ properties: ['company', 'clientId'] })
export class ClientDeletion {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Company, { fieldName: 'company_id', deleteRule: 'no action' })
  company!: Rel<Company>;

  /** Not a foreign key: the client row is gone. */
  @Property({ type: 'integer' })
  clientId!: number;

  @ManyToOne(() => Staff, { fieldName: 'staff_id', nullable: true, deleteRule: 'no action' })
  staff?: Rel<Staff> | null;

  @Property({ type: 'datetime' })
  deletedAt: Date = new Date();

  /** Rows deleted per table name. */
  @Property({ type: JsonTextType })
  counts!: Record<string, number>;

  /** Rows a link named but the rules kept (e.g. a user shared with staff), per table name. */
  @Property({ type: JsonTextType })
  kept!: Record<string, number>;

  @Property({ type: 'integer' })
  total!: number;

  @Property({ type: 'integer' })
  durationMs!: number;
}
