import { Entity, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { SupportTicket } from './support-ticket.entity';
import { ClientData } from '../../../deletion/erasure-rules';

/** A ticket's value of a custom department field. No id in Blesta: surrogate integer id added. */
@ClientData({ category: 'Support tickets' })
@Entity({ tableName: 'support_ticket_fields' })
export class SupportTicketField {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => SupportTicket, { fieldName: 'ticket_id', deleteRule: 'no action' })
  ticket!: Rel<SupportTicket>;

  /** Not a foreign key: department fields are not modelled. */
  @Property({ type: 'integer' })
  fieldId!: number;

  @Property({ type: 'text', nullable: true })
  value?: string | null;
}
