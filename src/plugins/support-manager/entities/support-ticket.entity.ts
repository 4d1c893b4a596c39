import { Entity, Index, Enum, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Client, Staff } from '../../../entities';
import { SupportDepartment } from './support-department.entity';

export const SUPPORT_TICKET_STATUSES = [
  'open',
  'awaiting_reply',
  'in_progress',
  'on_hold',
  'closed',
  'trash',
] as const;
export type SupportTicketStatus = (typeof SUPPORT_TICKET_STATUSES)[number];

export type SupportTicketPriority = 'emergency' | 'critical' | 'high' | 'medium' | 'low';

/** A support ticket; a guest ticket has no client and is matched by `email`. */
@Entity({ tableName: 'support_tickets' })
// Address first, client id second: the guest-ticket match reads both from the index alone.
@Index({ properties: ['email', 'client'] })
export class SupportTicket {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Property({ type: 'integer' })
  code!: number;

  @ManyToOne(() => SupportDepartment, { fieldName: 'department_id', deleteRule: 'no action' })
  department!: Rel<SupportDepartment>;

  @ManyToOne(() => Staff, { fieldName: 'staff_id', nullable: true, deleteRule: 'no action' })
  staff?: Rel<Staff> | null;

  /** Not a foreign key in Blesta: a ticket may outlive the service it is about. */
  @Property({ type: 'integer', nullable: true })
  serviceId?: number | null;

  @ManyToOne(() => Client, { fieldName: 'client_id', nullable: true, deleteRule: 'no action' })
  client?: Rel<Client> | null;

  @Property({ length: 255, nullable: true })
  email?: string | null;

  @Property({ length: 255 })
  summary!: string;

  @Enum({ items: ['emergency', 'critical', 'high', 'medium', 'low'] })
  priority!: SupportTicketPriority;

  @Enum({ items: () => SUPPORT_TICKET_STATUSES, default: 'open' })
  status: SupportTicketStatus = 'open';

  @Property({ type: 'datetime' })
  dateAdded: Date = new Date();
}
