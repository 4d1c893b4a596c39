import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Sql, sql } from '../../db/sql';
import type { PluginSeeder } from '../../seed/client-generator/plugin-seeder';
import { hex, pick } from '../../seed/client-generator/values';

/**
 * Tickets (some opened by email before the sender was a client), replies, custom field values
 * and attachments, with one file per attachment when the generation writes files.
 */
export const supportManagerSeeder: PluginSeeder = {
  check(counts, fixtures) {
    if (counts.support_tickets > 0 && fixtures.supportDepartmentId === undefined) {
      throw new Error(
        'support_tickets need a support department: the fixtures were created without support_manager',
      );
    }
  },

  async seed(c) {
    const fx = c.fixtures;
    await c.insert(
      'support_tickets',
      [
        'code',
        'department_id',
        'staff_id',
        'service_id',
        'client_id',
        'email',
        'summary',
        'priority',
        'status',
        'date_added',
      ],
      c.count('support_tickets'),
      (i) => [
        1_000_000 + ((i * 7919 + c.clientId * 104_729) % 9_000_000),
        fx.supportDepartmentId,
        i % 2 === 0 ? fx.staffId : null,
        c.serviceIds.length ? pick(c.serviceIds, i) : null,
        // Every fourth ticket was opened by email before the sender was a client.
        i % 4 === 1 ? null : c.clientId,
        pick(c.contactEmails, i),
        c.text(`Website down #${i + 1}`, 255),
        pick(['medium', 'low', 'high', 'critical', 'emergency'], i),
        pick(['closed', 'open', 'awaiting_reply', 'in_progress', 'on_hold', 'trash'], i),
        c.date(600 - (i % 600)),
      ],
    );
    // Tickets and replies are found the way the erasure finds them: by client id, or by the
    // address of one of the client's contacts on tickets without one.
    const emails = Sql.join(
      c.contactEmails.map((e) => sql`${e}`),
      ', ',
    );
    const ticketOwned = (alias: string) => {
      const t = Sql.raw(alias);
      return sql`${t}.client_id = ${c.clientId} OR (${t}.client_id IS NULL AND ${t}.email IN (${emails}))`;
    };
    const tickets = await c.ids(sql`support_tickets x`, ticketOwned('x'));
    await c.insert(
      'support_replies',
      ['ticket_id', 'staff_id', 'contact_id', 'type', 'details', 'date_added'],
      c.count('support_replies'),
      (i) => {
        const byStaff = i % 2 === 1;
        return [
          pick(tickets, i),
          byStaff ? fx.staffId : null,
          byStaff ? null : pick(c.contactIds, i),
          pick(['reply', 'reply', 'note', 'log'], i),
          c.text(byStaff ? 'We have restarted the web server.' : 'My website shows an error 500.'),
          c.date(500 - (i % 500)),
        ];
      },
    );
    await c.insert(
      'support_ticket_fields',
      ['ticket_id', 'field_id', 'value'],
      c.count('support_ticket_fields'),
      (i) => [pick(tickets, i), 1 + (i % 3), c.text(`host${i}.example.test`)],
    );
    const replies = await c.ids(
      sql`support_replies x JOIN support_tickets p ON p.id = x.ticket_id`,
      ticketOwned('p'),
    );

    const dir = c.attachmentsDir;
    if (dir !== undefined) await mkdir(dir, { recursive: true });
    const prefix = /^[A-Za-z0-9_-]+$/.test(c.marker) ? `${c.marker}-` : '';
    const count = c.count('support_attachments');
    const perBatch = 500;
    // Rows and files go batch by batch, so a large count never holds every file name at once.
    for (let start = 0; start < count; start += perBatch) {
      const names = Array.from(
        { length: Math.min(perBatch, count - start) },
        () => `${prefix}${hex(12)}.txt`,
      );
      await c.insert('support_attachments', ['reply_id', 'name', 'file_name'], names.length, (i) => [
        pick(replies, start + i),
        c.text(`screenshot-${start + i + 1}.png`, 255),
        names[i],
      ]);
      if (dir !== undefined) {
        await Promise.all(
          names.map((f) => writeFile(join(dir, f), c.text(`attachment of client ${c.clientId}\n`))),
        );
        c.addAttachmentFiles(names);
      }
    }
  },
};
