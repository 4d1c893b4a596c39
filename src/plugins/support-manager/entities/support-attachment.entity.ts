import { Entity, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { SupportReply } from './support-reply.entity';
import { ClientData } from '../../../deletion/erasure-rules';

/** A file attached to a reply; `fileName` is the file on disk, removed after the deleting commit. */
@ClientData({ category: 'Support tickets' })
@Entity({ tableName: 'support_attachments' })
export class SupportAttachment {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => SupportReply, { fieldName: 'reply_id', deleteRule: 'no action' })
  reply!: Rel<SupportReply>;

  @Property({ length: 255 })
  name!: string;

  @Property({ length: 255 })
  fileName!: string;
}
