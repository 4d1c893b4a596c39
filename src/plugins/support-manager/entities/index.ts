import { SupportAttachment } from './support-attachment.entity';
import { SupportDepartment } from './support-department.entity';
import { SupportReply } from './support-reply.entity';
import { SupportTicket } from './support-ticket.entity';
import { SupportTicketField } from './support-ticket-field.entity';

export * from './support-department.entity';
export * from './support-ticket.entity';
export * from './support-reply.entity';
export * from './support-ticket-field.entity';
export * from './support-attachment.entity';

/** Entities of the support_manager plugin: known to the ORM only when the plugin is installed. */
export const SUPPORT_MANAGER_ENTITIES = [
  SupportDepartment,
  SupportTicket,
  SupportReply,
  SupportTicketField,
  SupportAttachment,
];
