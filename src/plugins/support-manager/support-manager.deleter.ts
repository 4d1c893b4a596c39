import { byClient, byParent, defineDeleter } from '../../deletion/deleter';
import { addressOfClientOnly, withNullClient } from '../../deletion/core/core-deleters';

/**
 * The support manager's tables. A ticket opened by email before the sender was a client has no
 * client id; it is the client's when its address is one of the client's contacts' and no other
 * client's.
 */
export const supportManagerDeleter = defineDeleter({
  name: 'support_manager',
  tables: [
    {
      table: 'support_tickets',
      category: 'Support tickets',
      links: [byClient('client_id'), withNullClient(addressOfClientOnly('email'), 'client_id')],
    },
    {
      table: 'support_replies',
      category: 'Support tickets',
      links: [byParent('ticket_id', 'support_tickets')],
    },
    {
      table: 'support_ticket_fields',
      category: 'Support tickets',
      links: [byParent('ticket_id', 'support_tickets')],
    },
    {
      table: 'support_attachments',
      category: 'Support tickets',
      links: [byParent('reply_id', 'support_replies')],
    },
  ],
});
