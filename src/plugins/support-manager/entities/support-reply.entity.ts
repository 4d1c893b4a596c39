import {
  Cascade,
  Collection,
  Entity,
  Enum,
  ManyToOne,
  OneToMany,
  PrimaryKey,
  Property,
  type Rel,
} from '@mikro-orm/core';
import { Staff } from '../../../entities';
import { SupportTicket } from './support-ticket.entity';
import { ClientData } from '../../../deletion/erasure-rules';
import { SupportAttachment } from './support-attachment.entity';

@ClientData({ category: 'Support tickets' })
@Entity({ tableName: 'support_replies' })
export class SupportReply {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => SupportTicket, { fieldName: 'ticket_id', deleteRule: 'no action' })
  ticket!: Rel<SupportTicket>;

  @ManyToOne(() => Staff, { fieldName: 'staff_id', nullable: true, deleteRule: 'no action' })
  staff?: Rel<Staff> | null;

  /** Not a foreign key in Blesta. */
  @Property({ type: 'integer', nullable: true })
  contactId?: number | null;

  @Enum({ items: ['reply', 'note', 'log'] })
  type!: 'reply' | 'note' | 'log';

  @Property({ type: 'text', columnType: 'mediumtext' })
  details!: string;

  @Property({ type: 'datetime' })
  dateAdded: Date = new Date();

  // What is erased with this support reply (SPEC 2.2). The erasure plan compiles these cascades into
  // set-based deletes (src/deletion); em.remove() is never the bulk path and loads nothing.
  @OneToMany(() => SupportAttachment, (row) => row.reply, { cascade: [Cascade.REMOVE] })
  attachments = new Collection<SupportAttachment>(this);
}
