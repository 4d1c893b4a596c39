import { byClient, byParent, defineDeleter, type StagedSet } from '../../deletion/deleter';
import { guestAddressMatch } from '../../deletion/core/core-deleters';
import { sql } from '../../deletion/sql';

/**
 * The company's support departments: a guest ticket is the company's when it was opened in one of
 * them. Staged like every set a deletion reads (see StagedSet): departments are company data, and
 * a DELETE that read them would lock them.
 */
const COMPANY_DEPARTMENTS: StagedSet = {
  name: 'support_manager_company_departments',
  columnType: { mysql: 'INT', sqlite: 'INTEGER' },
  select: (scope) => {
    const d = scope.alias();
    return sql`SELECT ${d}.id FROM support_departments ${d} WHERE ${d}.company_id = ${scope.client.companyId}`;
  },
};

/**
 * The support manager's tables. A ticket opened by email before the sender was a client has no
 * client id; it is the client's when it was opened in one of the client's company's departments
 * from one of the client's own addresses (see CLIENT_ADDRESSES).
 */
export const supportManagerDeleter = defineDeleter({
  name: 'support_manager',
  tables: [
    {
      table: 'support_tickets',
      category: 'Support tickets',
      links: [
        byClient('client_id'),
        guestAddressMatch({
          keyColumn: 'email_key',
          clientColumn: 'client_id',
          company: {
            columns: ['department_id'],
            sets: [COMPANY_DEPARTMENTS],
            description: "department_id is one of the client's company's support departments",
            where: (row, scope) => sql`${row}.department_id IN (${scope.valuesOf(COMPANY_DEPARTMENTS)})`,
          },
        }),
      ],
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
