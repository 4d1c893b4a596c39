import { Entity, Index, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Client } from './client.entity';
import { Company } from './company.entity';
import { Staff } from './staff.entity';

/** An email sent by the platform. Rows without `to_client_id` are matched by `to_address`. */
@Entity({ tableName: 'log_emails' })
// Address first, client id second: the address match reads both from the index alone.
@Index({ properties: ['toAddress', 'toClient'] })
export class LogEmail {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Company, { fieldName: 'company_id', deleteRule: 'no action' })
  company!: Rel<Company>;

  @ManyToOne(() => Client, { fieldName: 'to_client_id', nullable: true, deleteRule: 'no action' })
  toClient?: Rel<Client> | null;

  @ManyToOne(() => Staff, { fieldName: 'from_staff_id', nullable: true, deleteRule: 'no action' })
  fromStaff?: Rel<Staff> | null;

  @Property({ length: 255 })
  toAddress!: string;

  @Property({ length: 255 })
  fromAddress!: string;

  @Property({ length: 255 })
  fromName!: string;

  @Property({ type: 'text', nullable: true })
  ccAddress?: string | null;

  @Property({ length: 255 })
  subject!: string;

  @Property({ type: 'text', columnType: 'mediumtext', nullable: true })
  bodyText?: string | null;

  @Property({ type: 'text', columnType: 'mediumtext', nullable: true })
  bodyHtml?: string | null;

  @Property({ type: 'boolean' })
  sent: boolean = false;

  @Property({ type: 'text', nullable: true })
  error?: string | null;

  @Property({ type: 'datetime' })
  dateSent: Date = new Date();
}
