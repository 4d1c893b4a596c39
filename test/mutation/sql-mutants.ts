// Mutants that StrykerJS cannot make: changes inside the SQL text of the rules (Stryker replaces a
// whole `sql` template by an empty one, never a condition within it). Each is a rule a test must
// pin; `npm run test:mutation` applies them one at a time (run-mutants.ts; vitest.mutation.config.mts
// rewrites the file as it is loaded, nothing on disk changes) and fails unless the named test in
// test/erasure-rules.test.ts fails. The SQL snapshots (test/erasure-sql.test.ts) fail on all of
// them too; these show that a test of behaviour does.

/** A change to one file: `from`, text found exactly once in it, becomes `to` as it is loaded. */
export interface Mutant {
  readonly id: string;
  readonly file: string;
  readonly from: string;
  readonly to: string;
}

export interface SqlMutant extends Mutant {
  /** The title of the test in test/erasure-rules.test.ts that must fail. */
  readonly killedBy: string;
}

const INVOICE = 'src/entities/invoice.entity.ts';
const SERVICE = 'src/entities/service.entity.ts';
const RECUR = 'src/entities/invoice-recur.entity.ts';
const USER = 'src/entities/user.entity.ts';
const ADDRESS = 'src/deletion/address-match.ts';
const TICKET = 'src/plugins/support-manager/entities/support-ticket.entity.ts';

const NOT_OTHER_CLIENTS = "does not claim an address that another client's contact in the company uses";
const OTHER_COMPANY_CLAIMED = "claims an address that only another company's client or staff also uses";
const NOT_STAFF =
  'does not claim an address a staff member of the company uses, as email or mobile, in any case';
const NOTHING_OF_OTHER_COMPANY =
  "takes nothing of another company's: its guest emails and tickets to the client's address stay";
const NOT_BLOCKED_BY_OTHERS = "is not blocked by another client's invoices, services or recurring invoices";

export const SQL_MUTANTS: readonly SqlMutant[] = [
  {
    id: 'open-invoices-without-proforma',
    file: INVOICE,
    from: "i.status IN ('active', 'proforma')",
    to: "i.status IN ('active')",
    killedBy: 'blocks on an open proforma invoice, as on an open active one',
  },
  {
    id: 'open-invoices-closed-too',
    file: INVOICE,
    from: ' AND i.date_closed IS NULL',
    to: '',
    killedBy: 'does not block on a closed proforma or active invoice, nor on a draft or a void one',
  },
  {
    id: 'open-invoices-any-status',
    file: INVOICE,
    from: " AND i.status IN ('active', 'proforma')",
    to: '',
    killedBy: 'does not block on a closed proforma or active invoice, nor on a draft or a void one',
  },
  {
    id: 'open-invoices-of-anyone',
    file: INVOICE,
    from: 'i.client_id = ${client.id} AND ',
    to: '',
    killedBy: NOT_BLOCKED_BY_OTHERS,
  },
  {
    id: 'active-services-without-suspended',
    file: SERVICE,
    from: "s.status IN ('active', 'suspended')",
    to: "s.status IN ('active')",
    killedBy: 'blocks on an active or a suspended service, not on a pending, canceled or in-review one',
  },
  {
    id: 'active-services-any-status',
    file: SERVICE,
    from: " AND s.status IN ('active', 'suspended')",
    to: '',
    killedBy: 'blocks on an active or a suspended service, not on a pending, canceled or in-review one',
  },
  {
    id: 'active-services-of-anyone',
    file: SERVICE,
    from: 's.client_id = ${client.id} AND ',
    to: '',
    killedBy: NOT_BLOCKED_BY_OTHERS,
  },
  {
    id: 'recurring-invoices-of-anyone',
    file: RECUR,
    from: ' WHERE r.client_id = ${client.id}',
    to: '',
    killedBy: NOT_BLOCKED_BY_OTHERS,
  },
  {
    id: 'address-shared-with-other-clients-contacts',
    file: ADDRESS,
    from: `        AND NOT EXISTS (SELECT 1 FROM contacts \${o}
          JOIN clients \${oc} ON \${oc}.id = \${o}.client_id
          JOIN client_groups \${og} ON \${og}.id = \${oc}.client_group_id
          WHERE \${o}.email_key = \${c}.email_key AND \${o}.client_id <> \${id} AND \${og}.company_id = \${companyId})
`,
    to: '',
    killedBy: NOT_OTHER_CLIENTS,
  },
  {
    id: 'address-other-contacts-including-own',
    file: ADDRESS,
    from: ' AND ${o}.client_id <> ${id}',
    to: '',
    killedBy: "claims a guest email and a guest ticket sent to the client's address within its company",
  },
  {
    id: 'address-other-contacts-of-any-company',
    file: ADDRESS,
    from: ' AND ${og}.company_id = ${companyId})',
    to: ')',
    killedBy: OTHER_COMPANY_CLAIMED,
  },
  {
    id: 'address-of-any-contact',
    file: ADDRESS,
    from: 'WHERE ${c}.client_id = ${id}',
    to: 'WHERE 1 = 1',
    killedBy: "does not claim a guest row to an address that only another company's client uses",
  },
  {
    id: 'address-shared-with-staff',
    file: ADDRESS,
    from: `        AND NOT EXISTS (SELECT 1 FROM staff_groups \${sg}
          JOIN staff_group \${m} ON \${m}.staff_group_id = \${sg}.id
          JOIN staff \${s} ON \${s}.id = \${m}.staff_id
          WHERE \${sg}.company_id = \${companyId}
            AND (\${addressKey(sql\`\${s}.email\`)} = \${c}.email_key
              OR \${addressKey(sql\`\${s}.email_mobile\`)} = \${c}.email_key))`,
    to: '',
    killedBy: NOT_STAFF,
  },
  {
    id: 'address-staff-mobile-ignored',
    file: ADDRESS,
    from: `
              OR \${addressKey(sql\`\${s}.email_mobile\`)} = \${c}.email_key`,
    to: '',
    killedBy: NOT_STAFF,
  },
  {
    id: 'address-staff-of-any-company',
    file: ADDRESS,
    from: `WHERE \${sg}.company_id = \${companyId}
            AND (`,
    to: 'WHERE (',
    killedBy: OTHER_COMPANY_CLAIMED,
  },
  {
    id: 'address-rows-with-a-client-too',
    file: ADDRESS,
    from: 'sql`${row}.${ident(clientColumn)} IS NULL AND ${company.where(row, scope)}',
    to: 'sql`${company.where(row, scope)}',
    killedBy: 'leaves a row sent to the address but addressed to another client',
  },
  {
    id: 'address-key-untrimmed',
    file: 'src/deletion/address-key.ts',
    from: 'let expression = `trim(${column})`;',
    to: 'let expression = column;',
    killedBy: NOT_STAFF,
  },
  {
    id: 'email-log-of-any-company',
    file: 'src/entities/log-email.entity.ts',
    from: 'sql`${row}.company_id = ${scope.client.companyId}`',
    to: 'sql`1 = 1`',
    killedBy: NOTHING_OF_OTHER_COMPANY,
  },
  {
    id: 'guest-tickets-of-any-department',
    file: TICKET,
    from: ' WHERE ${d}.company_id = ${scope.client.companyId}',
    to: '',
    killedBy: NOTHING_OF_OTHER_COMPANY,
  },
  {
    id: 'account-access-of-any-type',
    file: 'src/entities/log-account-access.entity.ts',
    from: 'sql`${row}.type = ${type} AND ',
    to: 'sql`',
    killedBy: "takes a payment-account access by its type: a card's id does not name a bank account",
  },
  {
    id: 'sign-in-of-staff-not-kept',
    file: USER,
    from: `EXISTS (SELECT 1 FROM staff \${s} WHERE \${s}.user_id = \${row}.id)
        OR EXISTS`,
    to: 'EXISTS',
    killedBy: 'keeps a sign-in a staff member uses',
  },
  {
    id: 'sign-in-of-other-client-not-kept',
    file: USER,
    from: `
        OR EXISTS (SELECT 1 FROM clients \${c} WHERE \${c}.user_id = \${row}.id AND \${c}.id <> \${id})`,
    to: '',
    killedBy: 'keeps a sign-in another client uses, as its own or through a contact',
  },
  {
    id: 'sign-in-kept-for-the-client-itself',
    file: USER,
    from: ' AND ${c}.id <> ${id})',
    to: ')',
    killedBy: "deletes the client's sign-in and its contacts' sign-ins, each once",
  },
  {
    id: 'sign-in-of-other-clients-contact-not-kept',
    file: USER,
    from: `
        OR EXISTS (SELECT 1 FROM contacts \${k} WHERE \${k}.user_id = \${row}.id AND \${k}.client_id <> \${id})`,
    to: '',
    killedBy: 'keeps a sign-in another client uses, as its own or through a contact',
  },
  {
    id: 'sign-in-kept-for-the-clients-contacts',
    file: USER,
    from: ' AND ${k}.client_id <> ${id})',
    to: ')',
    killedBy: "deletes the client's sign-in and its contacts' sign-ins, each once",
  },
];
