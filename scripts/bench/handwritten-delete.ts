import { performance } from 'node:perf_hooks';
import type { Connection, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { addressKeyOf, addressKeySql } from '../../src/deletion/address-key';

/**
 * The benchmark's baseline: the deletion of SPEC 2.2 written by hand as plain MariaDB SQL, the way
 * a DBA would write it for one client. It is deliberately independent of the service's deleter
 * definitions (nothing here is generated from them), so it can serve as a yardstick for the
 * engine and as a second opinion on which rows belong to a client.
 *
 * Shape: one transaction on one plain mysql2 connection (the server's default isolation); the
 * client row locked first; the user rows and the client-only addresses found up front (both are
 * identified through rows deleted before them); then one multi-table DELETE per table, joined to
 * the client, children before parents so that every foreign key holds at every step. A table that
 * belongs to the client through either of two parents (SPEC 2.2 "x or y") gets one DELETE per
 * parent. Addresses are compared through the schema's generated address keys (trimmed,
 * ASCII-lower-cased, binary collation), within the client's company.
 */

/** `?` in the SQL is the client's id, bound once per placeholder. */
interface Step {
  readonly table: string;
  readonly sql: string;
}

/** Scratch tables of this connection's session: the ids found before their parents go. */
const STAGE = [
  // Users named by the client or its contacts...
  `CREATE TEMPORARY TABLE hw_users (id INT NOT NULL PRIMARY KEY)`,
  `INSERT IGNORE INTO hw_users (id)
     SELECT c.user_id FROM clients c WHERE c.id = ?
     UNION SELECT k.user_id FROM contacts k WHERE k.client_id = ? AND k.user_id IS NOT NULL`,
  // ...except those a staff member or another client (or its contacts) also signs in with.
  `DELETE h FROM hw_users h JOIN staff s ON s.user_id = h.id`,
  `DELETE h FROM hw_users h JOIN clients c ON c.user_id = h.id WHERE c.id <> ?`,
  `DELETE h FROM hw_users h JOIN contacts k ON k.user_id = h.id WHERE k.client_id <> ?`,
  // The client's company: rows matched by address are that company's only.
  `SET @hw_company = (SELECT g.company_id FROM clients c JOIN client_groups g ON g.id = c.client_group_id
                      WHERE c.id = ?)`,
  // Addresses of the client's contacts that no other client's contact of the company uses, nor
  // any of the company's staff: rows without a client id (emails, tickets opened by email) sent
  // to them are the client's.
  `CREATE TEMPORARY TABLE hw_emails (PRIMARY KEY (email_key))
     SELECT DISTINCT k.email_key FROM contacts k
     WHERE k.client_id = ?
       AND NOT EXISTS (SELECT 1 FROM contacts o JOIN clients oc ON oc.id = o.client_id
                         JOIN client_groups og ON og.id = oc.client_group_id
                        WHERE o.email_key = k.email_key AND o.client_id <> ? AND og.company_id = @hw_company)
       AND NOT EXISTS (SELECT 1 FROM staff_groups sg JOIN staff_group m ON m.staff_group_id = sg.id
                         JOIN staff s ON s.id = m.staff_id
                        WHERE sg.company_id = @hw_company
                          AND (${addressKeySql('s.email')} = k.email_key
                               OR ${addressKeySql('s.email_mobile')} = k.email_key))`,
];

const DELETES: readonly Step[] = [
  // -- support_manager plugin: through tickets with the client's id, then through the tickets
  //    without one that were opened from one of its addresses.
  ...(['support_attachments', 'support_replies', 'support_ticket_fields'] as const).flatMap((table) => {
    const join = {
      support_attachments: `support_attachments x JOIN support_replies r ON r.id = x.reply_id
                            JOIN support_tickets t ON t.id = r.ticket_id`,
      support_replies: `support_replies x JOIN support_tickets t ON t.id = x.ticket_id`,
      support_ticket_fields: `support_ticket_fields x JOIN support_tickets t ON t.id = x.ticket_id`,
    }[table];
    return [
      { table, sql: `DELETE x FROM ${join} WHERE t.client_id = ?` },
      {
        table,
        sql: `DELETE x FROM ${join} JOIN hw_emails e ON e.email_key = t.email_key
              JOIN support_departments d ON d.id = t.department_id
              WHERE t.client_id IS NULL AND d.company_id = @hw_company`,
      },
    ];
  }),
  { table: 'support_tickets', sql: `DELETE x FROM support_tickets x WHERE x.client_id = ?` },
  {
    table: 'support_tickets',
    sql: `DELETE x FROM support_tickets x JOIN hw_emails e ON e.email_key = x.email_key
          JOIN support_departments d ON d.id = x.department_id
          WHERE x.client_id IS NULL AND d.company_id = @hw_company`,
  },

  // -- order plugin: orders have no client id, they hang off the client's invoices.
  {
    table: 'order_affiliate_referrals',
    sql: `DELETE x FROM order_affiliate_referrals x JOIN order_affiliates a ON a.id = x.affiliate_id
          WHERE a.client_id = ?`,
  },
  {
    table: 'order_affiliate_referrals',
    sql: `DELETE x FROM order_affiliate_referrals x JOIN orders o ON o.id = x.order_id
          JOIN invoices i ON i.id = o.invoice_id WHERE i.client_id = ?`,
  },
  {
    table: 'order_services',
    sql: `DELETE x FROM order_services x JOIN orders o ON o.id = x.order_id
          JOIN invoices i ON i.id = o.invoice_id WHERE i.client_id = ?`,
  },
  {
    table: 'order_services',
    sql: `DELETE x FROM order_services x JOIN services s ON s.id = x.service_id WHERE s.client_id = ?`,
  },
  {
    table: 'orders',
    sql: `DELETE x FROM orders x JOIN invoices i ON i.id = x.invoice_id WHERE i.client_id = ?`,
  },
  { table: 'order_affiliates', sql: `DELETE x FROM order_affiliates x WHERE x.client_id = ?` },

  // -- invoices' children
  {
    table: 'invoice_line_taxes',
    sql: `DELETE x FROM invoice_line_taxes x JOIN invoice_lines l ON l.id = x.line_id
          JOIN invoices i ON i.id = l.invoice_id WHERE i.client_id = ?`,
  },
  ...(
    ['invoice_lines', 'invoice_delivery', 'invoice_meta', 'invoice_values', 'invoice_late_fees'] as const
  ).map((table) => ({
    table,
    sql: `DELETE x FROM ${table} x JOIN invoices i ON i.id = x.invoice_id WHERE i.client_id = ?`,
  })),

  // -- recurring invoices (a blocker, so normally none are left by now)
  ...(['invoice_recur_lines', 'invoice_recur_delivery', 'invoice_recur_values'] as const).map((table) => ({
    table,
    sql: `DELETE x FROM ${table} x JOIN invoices_recur r ON r.id = x.invoice_recur_id WHERE r.client_id = ?`,
  })),
  {
    table: 'invoices_recur_created',
    sql: `DELETE x FROM invoices_recur_created x JOIN invoices_recur r ON r.id = x.invoice_recur_id
          WHERE r.client_id = ?`,
  },
  {
    table: 'invoices_recur_created',
    sql: `DELETE x FROM invoices_recur_created x JOIN invoices i ON i.id = x.invoice_id WHERE i.client_id = ?`,
  },

  // -- quotations
  {
    table: 'quotation_line_taxes',
    sql: `DELETE x FROM quotation_line_taxes x JOIN quotation_lines l ON l.id = x.line_id
          JOIN quotations q ON q.id = l.quotation_id WHERE q.client_id = ?`,
  },
  {
    table: 'quotation_lines',
    sql: `DELETE x FROM quotation_lines x JOIN quotations q ON q.id = x.quotation_id WHERE q.client_id = ?`,
  },
  {
    table: 'quotation_invoices',
    sql: `DELETE x FROM quotation_invoices x JOIN quotations q ON q.id = x.quotation_id WHERE q.client_id = ?`,
  },
  {
    table: 'quotation_invoices',
    sql: `DELETE x FROM quotation_invoices x JOIN invoices i ON i.id = x.invoice_id WHERE i.client_id = ?`,
  },

  // -- services' children (add-ons carry their client's id too, so `s.client_id` finds theirs)
  ...(['service_fields', 'service_options', 'log_services'] as const).map((table) => ({
    table,
    sql: `DELETE x FROM ${table} x JOIN services s ON s.id = x.service_id WHERE s.client_id = ?`,
  })),
  ...(['service_invoices', 'service_changes'] as const).flatMap((table) => [
    {
      table,
      sql: `DELETE x FROM ${table} x JOIN services s ON s.id = x.service_id WHERE s.client_id = ?`,
    },
    {
      table,
      sql: `DELETE x FROM ${table} x JOIN invoices i ON i.id = x.invoice_id WHERE i.client_id = ?`,
    },
  ]),

  // -- transactions
  {
    table: 'transaction_applied',
    sql: `DELETE x FROM transaction_applied x JOIN transactions t ON t.id = x.transaction_id
          WHERE t.client_id = ?`,
  },
  {
    table: 'transaction_applied',
    sql: `DELETE x FROM transaction_applied x JOIN invoices i ON i.id = x.invoice_id WHERE i.client_id = ?`,
  },
  {
    table: 'log_transactions',
    sql: `DELETE x FROM log_transactions x JOIN transactions t ON t.id = x.transaction_id
          WHERE t.client_id = ?`,
  },
  { table: 'transactions', sql: `DELETE x FROM transactions x WHERE x.client_id = ?` },

  // -- the parents of the billing tables
  { table: 'invoices', sql: `DELETE x FROM invoices x WHERE x.client_id = ?` },
  { table: 'invoices_recur', sql: `DELETE x FROM invoices_recur x WHERE x.client_id = ?` },
  { table: 'quotations', sql: `DELETE x FROM quotations x WHERE x.client_id = ?` },
  // Add-ons first: their parent_service_id points at the client's other services.
  {
    table: 'services',
    sql: `DELETE x FROM services x JOIN services p ON p.id = x.parent_service_id WHERE p.client_id = ?`,
  },
  { table: 'services', sql: `DELETE x FROM services x WHERE x.client_id = ?` },

  // -- email log: sent to the client, or to one of its own addresses before it had an id
  { table: 'log_emails', sql: `DELETE x FROM log_emails x WHERE x.to_client_id = ?` },
  {
    table: 'log_emails',
    sql: `DELETE x FROM log_emails x JOIN hw_emails e ON e.email_key = x.to_address_key
          WHERE x.to_client_id IS NULL AND x.company_id = @hw_company`,
  },

  // -- payment accounts and who looked at them (polymorphic: type says which table)
  ...(['cc', 'ach'] as const).map((type) => ({
    table: 'log_account_access',
    sql: `DELETE x FROM log_account_access x JOIN accounts_${type} a ON a.id = x.account_id
          JOIN contacts k ON k.id = a.contact_id WHERE x.type = '${type}' AND k.client_id = ?`,
  })),
  ...(['accounts_cc', 'accounts_ach'] as const).map((table) => ({
    table,
    sql: `DELETE x FROM ${table} x JOIN contacts k ON k.id = x.contact_id WHERE k.client_id = ?`,
  })),

  // -- contacts' children; permissions also where other clients' contacts may manage this one
  ...(['contact_numbers', 'email_verifications', 'log_contacts', 'contact_permissions'] as const).map(
    (table) => ({
      table,
      sql: `DELETE x FROM ${table} x JOIN contacts k ON k.id = x.contact_id WHERE k.client_id = ?`,
    }),
  ),
  { table: 'contact_permissions', sql: `DELETE x FROM contact_permissions x WHERE x.client_id = ?` },

  // -- what hangs off the deleted users
  ...(['user_otps', 'log_users', 'sessions'] as const).map((table) => ({
    table,
    sql: `DELETE x FROM ${table} x JOIN hw_users h ON h.id = x.user_id`,
  })),
  { table: 'log_messenger', sql: `DELETE x FROM log_messenger x JOIN hw_users h ON h.id = x.to_user_id` },

  // -- the client's own tables, its contacts, the client, and last its users
  ...(
    [
      'client_settings',
      'client_values',
      'client_notes',
      'client_packages',
      'client_account',
      'log_client_settings',
      'module_client_meta',
      'account_management_invitations',
      'contacts',
    ] as const
  ).map((table) => ({ table, sql: `DELETE x FROM ${table} x WHERE x.client_id = ?` })),
  { table: 'clients', sql: `DELETE x FROM clients x WHERE x.id = ?` },
  { table: 'users', sql: `DELETE x FROM users x JOIN hw_users h ON h.id = x.id` },
];

export interface StatementTiming {
  readonly table: string;
  readonly sql: string;
  readonly rows: number;
  readonly ms: number;
}

export interface HandwrittenResult {
  /** From BEGIN to COMMIT, both included. */
  readonly seconds: number;
  /** Rows deleted per table (tables with none left out). */
  readonly deleted: Record<string, number>;
  readonly statements: readonly StatementTiming[];
}

/** Deletes the client and every record of it in one transaction on `conn`. */
export async function handwrittenDelete(conn: Connection, clientId: number): Promise<HandwrittenResult> {
  const statements: StatementTiming[] = [];
  const run = async (table: string, text: string) => {
    const params = new Array<number>(text.split('?').length - 1).fill(clientId);
    const started = performance.now();
    const [result] = await conn.query<ResultSetHeader>(text, params);
    const ms = performance.now() - started;
    statements.push({ table, sql: text.replace(/\s+/g, ' '), rows: result.affectedRows, ms });
    return result.affectedRows;
  };

  await conn.query('DROP TEMPORARY TABLE IF EXISTS hw_users, hw_emails');
  const started = performance.now();
  await conn.beginTransaction();
  const deleted: Record<string, number> = {};
  try {
    const [locked] = await conn.query<RowDataPacket[]>('SELECT id FROM clients WHERE id = ? FOR UPDATE', [
      clientId,
    ]);
    if (locked.length !== 1) throw new Error(`client ${clientId} does not exist`);
    for (const text of STAGE) await run('(stage)', text);
    for (const step of DELETES) {
      const n = await run(step.table, step.sql);
      if (n > 0) deleted[step.table] = (deleted[step.table] ?? 0) + n;
    }
    await conn.commit();
  } catch (error) {
    await conn.rollback();
    throw error;
  } finally {
    await conn.query('DROP TEMPORARY TABLE IF EXISTS hw_users, hw_emails');
  }
  return { seconds: (performance.now() - started) / 1000, deleted, statements };
}

/**
 * Rows of the client still in the database, by what identifies them: its id in every client
 * column, its users, and rows without a client id addressed to its contacts. Both deletions are
 * checked with it afterwards; children cannot outlive these parents (foreign keys).
 */
export async function rowsLeft(
  conn: Connection,
  client: { clientId: number; userIds: readonly number[]; contactEmails: readonly string[] },
): Promise<Record<string, number>> {
  const keys = client.contactEmails.map(addressKeyOf);
  const checks: [string, string, unknown[]][] = [
    ['clients', 'id = ?', [client.clientId]],
    ...[
      'client_settings',
      'client_values',
      'client_notes',
      'client_packages',
      'client_account',
      'log_client_settings',
      'module_client_meta',
      'account_management_invitations',
      'contacts',
      'contact_permissions',
      'invoices',
      'invoices_recur',
      'quotations',
      'services',
      'transactions',
      'support_tickets',
      'order_affiliates',
    ].map((t): [string, string, unknown[]] => [t, 'client_id = ?', [client.clientId]]),
    ['log_emails', 'to_client_id = ?', [client.clientId]],
    ['users', 'id IN (?)', [client.userIds]],
    ['log_emails', 'to_client_id IS NULL AND to_address_key IN (?)', [keys]],
    ['support_tickets', 'client_id IS NULL AND email_key IN (?)', [keys]],
  ];
  const left: Record<string, number> = {};
  for (const [table, where, params] of checks) {
    const [rows] = await conn.query<RowDataPacket[]>(
      `SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`,
      params,
    );
    const n = Number(rows[0].n);
    if (n > 0) left[table] = (left[table] ?? 0) + n;
  }
  return left;
}
