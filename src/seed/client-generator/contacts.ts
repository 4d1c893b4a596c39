import { ident, sql } from '../../db/sql';
import type { CardType } from '../../entities';
import type { ClientSeed } from './client-seed';
import { CITIES, hex, pick } from './values';

// The contacts, what hangs on them, and the payment accounts (cards and bank accounts) they hold.

export async function seedContacts(c: ClientSeed): Promise<void> {
  const columns = [
    'client_id',
    'user_id',
    'contact_type',
    'contact_type_id',
    'first_name',
    'last_name',
    'title',
    'company',
    'email',
    'address1',
    'address2',
    'city',
    'state',
    'zip',
    'country',
    'date_added',
  ];
  const names = c.contactNames;
  const company = c.options.primaryContact?.company ?? `${names[0].last} Ltd`;
  await c.insert('contacts', columns, c.count('contacts'), (i) => {
    const kind = i === 0 ? 'primary' : i % 2 === 1 ? 'billing' : 'other';
    return [
      c.clientId,
      i > 0 && i < c.userIds.length ? c.userIds[i] : null,
      kind,
      kind === 'other' ? pick(c.fixtures.contactTypeIds, i) : null,
      c.text(names[i].first, 128),
      c.text(names[i].last, 128),
      c.text(i === 0 ? 'Owner' : 'Accounts', 64),
      c.text(company, 64),
      c.contactEmails[i],
      c.text(`${100 + i} Main Street`, 255),
      c.text(`Suite ${i + 1}`, 255),
      c.text(pick(CITIES, i), 255),
      c.text('CA', 3),
      c.text(`9${String(4000 + i).padStart(4, '0')}`, 128),
      c.text('US', 2),
      c.date(800 - i),
    ];
  });
  c.contactIds = await c.ids(sql`contacts x`, sql`x.client_id = ${c.clientId}`);
  const contacts = c.contactIds;

  await c.insert(
    'contact_numbers',
    ['contact_id', 'number', 'type', 'location'],
    c.count('contact_numbers'),
    (i) => [
      pick(contacts, i),
      c.text(`+1.555${String(1000000 + i).slice(1)}`, 64),
      i % 4 === 3 ? 'fax' : 'phone',
      pick(['work', 'mobile', 'home'], i),
    ],
  );
  await c.insert(
    'email_verifications',
    ['contact_id', 'email', 'token', 'verified', 'date_sent'],
    c.count('email_verifications'),
    (i) => [pick(contacts, i), pick(c.contactEmails, i), c.text(hex(16), 64), i % 2, c.date(700 - i)],
  );
  await c.insert('log_contacts', ['contact_id', 'change', 'date_changed'], c.count('log_contacts'), (i) => [
    pick(contacts, i),
    c.text(JSON.stringify({ field: 'address1', from: `${i} Old Road`, to: `${100 + i} Main Street` })),
    c.date(600 - (i % 600)),
  ]);
  await c.insert(
    'contact_permissions',
    ['contact_id', 'client_id', 'area'],
    c.count('contact_permissions'),
    (i) => [
      pick(contacts, i),
      c.clientId,
      c.text(pick(['client_invoices', 'client_services', 'client_contacts'], i), 255),
    ],
  );
}

const CARDS: readonly CardType[] = ['visa', 'mc', 'amex', 'disc'];

function cardType(i: number): CardType {
  return pick(CARDS, i);
}

function achType(i: number) {
  return i % 2 === 0 ? 'checking' : 'savings';
}

/**
 * Cards and bank accounts, the client's primary account, and the two tables that name an account
 * by type and id (client_account, log_account_access).
 */
export async function seedPaymentAccounts(c: ClientSeed): Promise<void> {
  const holder = (i: number) => c.contactNames[i % c.contactNames.length];
  const address = (i: number) => [
    c.text(`${100 + i} Main Street`, 255),
    c.text(`Suite ${i + 1}`, 255),
    c.text(pick(CITIES, i), 255),
    c.text('CA', 3),
    c.text('94016', 128),
    c.text('US', 2),
  ];
  const common = ['first_name', 'last_name', 'address1', 'address2', 'city', 'state', 'zip', 'country'];
  await c.insert(
    'accounts_cc',
    [
      'contact_id',
      ...common,
      'number',
      'expiration',
      'last4',
      'type',
      'gateway_id',
      'client_reference_id',
      'reference_id',
      'status',
    ],
    c.count('accounts_cc'),
    (i) => [
      pick(c.contactIds, i),
      c.text(holder(i).first, 128),
      c.text(holder(i).last, 128),
      ...address(i),
      c.text(`enc:${hex(12)}`),
      c.text(`enc:20${28 + (i % 5)}0${1 + (i % 9)}`, 128),
      c.text(String(1000 + ((i * 37) % 9000)), 128),
      cardType(i),
      c.fixtures.gatewayId,
      c.text(`cust_${hex(6)}`, 128),
      c.text(`card_${hex(6)}`, 128),
      i % 2 === 0 ? 'active' : 'inactive',
    ],
  );
  await c.insert(
    'accounts_ach',
    [
      'contact_id',
      ...common,
      'account',
      'routing',
      'last4',
      'type',
      'gateway_id',
      'client_reference_id',
      'reference_id',
      'status',
    ],
    c.count('accounts_ach'),
    (i) => [
      pick(c.contactIds, i),
      c.text(holder(i).first, 128),
      c.text(holder(i).last, 128),
      ...address(i),
      c.text(`enc:${hex(12)}`),
      c.text(`enc:${hex(9)}`),
      c.text(String(2000 + ((i * 53) % 8000)), 128),
      achType(i),
      c.fixtures.gatewayId,
      c.text(`cust_${hex(6)}`, 128),
      c.text(`bank_${hex(6)}`, 128),
      pick(['active', 'inactive', 'unverified'], i),
    ],
  );
  const byContact = (table: string) =>
    [
      sql`${ident(table)} x JOIN contacts p ON p.id = x.contact_id`,
      sql`p.client_id = ${c.clientId}`,
    ] as const;
  c.ccIds = await c.ids(...byContact('accounts_cc'));
  c.achIds = await c.ids(...byContact('accounts_ach'));

  const primary = c.ccIds.length
    ? { id: c.ccIds[0], type: 'cc' }
    : c.achIds.length
      ? { id: c.achIds[0], type: 'ach' }
      : null;
  if (primary) {
    await c.runner.run(
      sql`UPDATE clients SET primary_account_id = ${primary.id}, primary_account_type = ${primary.type} WHERE id = ${c.clientId}`,
    );
  }

  // Alternates cards and bank accounts while both exist; `j` indexes within the kind.
  const account = (i: number) => {
    const cc = c.achIds.length === 0 || (c.ccIds.length > 0 && i % 2 === 0);
    const list = cc ? c.ccIds : c.achIds;
    const j = Math.floor(i / (c.ccIds.length && c.achIds.length ? 2 : 1)) % list.length;
    return { type: cc ? 'cc' : 'ach', id: list[j], accountType: cc ? cardType(j) : achType(j), j };
  };
  await c.insert(
    'log_account_access',
    ['staff_id', 'first_name', 'last_name', 'type', 'account_type', 'last4', 'account_id', 'date_accessed'],
    c.count('log_account_access'),
    (i) => {
      const a = account(i);
      return [
        c.fixtures.staffId,
        c.text(holder(a.j).first, 128),
        c.text(holder(a.j).last, 128),
        a.type,
        a.accountType,
        c.text(String(1000 + a.j), 128),
        a.id,
        c.date(300 - (i % 300)),
      ];
    },
  );
  await c.insert('client_account', ['client_id', 'account_id', 'type'], c.count('client_account'), (i) => {
    const a = account(i);
    return [c.clientId, a.id, a.type];
  });
}
