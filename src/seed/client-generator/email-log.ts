import type { ClientSeed } from './client-seed';
import { pick } from './values';

/** Emails sent to the client; some before its address was tied to it (found by the address). */
export async function seedEmailLog(c: ClientSeed): Promise<void> {
  const from = `billing@${c.fixtures.hostname}`;
  await c.insert(
    'log_emails',
    [
      'company_id',
      'to_client_id',
      'from_staff_id',
      'to_address',
      'from_address',
      'from_name',
      'cc_address',
      'subject',
      'body_text',
      'body_html',
      'sent',
      'error',
      'date_sent',
    ],
    c.count('log_emails'),
    (i) => {
      // Every fourth email was sent before the address was tied to the client (no client id).
      const unlinked = i % 4 === 1;
      const failed = i % 9 === 8;
      return [
        c.fixtures.companyId,
        unlinked ? null : c.clientId,
        i % 5 === 0 ? c.fixtures.staffId : null,
        pick(c.contactEmails, i),
        c.marker ? `${c.marker}.${from}` : from,
        c.text('Billing Department', 255),
        c.text(pick(c.contactEmails, i + 1)),
        c.text(`Invoice #${1000 + i} created`, 255),
        c.text(`Dear ${c.contactNames[0].first}, your invoice is ready.`),
        c.text(`<p>Dear ${c.contactNames[0].first}, your invoice is ready.</p>`),
        failed ? 0 : 1,
        c.marker || failed ? c.text(failed ? 'SMTP timeout' : 'no error') : null,
        c.date(1000 - (i % 1000)),
      ];
    },
  );
}
