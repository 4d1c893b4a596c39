import { Sql, sql } from '../../db/sql';
import type { Row } from './batch-insert';
import type { ClientSeed } from './client-seed';
import { FIRST_NAMES, LAST_NAMES, hex, pick, slug } from './values';

// The client itself: its own user, the clients row, the contacts' users, and the tables that hang
// on the client row alone (settings, custom values, notes, packages, invitations...).

/** Users, the client and the contacts' sign-ins; names the contacts (inserted by contacts.ts). */
export async function seedAccount(c: ClientSeed): Promise<void> {
  const primary = c.options.primaryContact;
  const first = primary?.firstName ?? pick(FIRST_NAMES, c.token.charCodeAt(0));
  const last = primary?.lastName ?? pick(LAST_NAMES, c.token.charCodeAt(1));
  c.contactNames = Array.from({ length: c.count('contacts') }, (_, i) =>
    i === 0
      ? { first, last }
      : { first: pick(FIRST_NAMES, i + 3), last: i % 3 === 0 ? last : pick(LAST_NAMES, i) },
  );
  const userColumns = [
    'username',
    'password',
    'two_factor_mode',
    'two_factor_key',
    'two_factor_pin',
    'date_added',
  ];
  // Clients never sign in to this service: an unusable placeholder instead of a hash.
  const userRow = (username: string, i: number): Row => [
    username,
    c.text('!disabled', 64),
    i % 3 === 1 ? 'totp' : 'none',
    c.text(`totp-key-${hex(8)}`, 128),
    c.text(`pin-${i}`, 128),
    c.date(900 - i),
  ];
  const ownName = c.text(`${slug(first)}.${slug(last)}.${c.token}`, 255);
  await c.insert('users', userColumns, 1, () => userRow(ownName, 0));
  const [ownUser] = await userIdsByName(c, [ownName]);

  const [{ next }] = await c.runner.rows<{ next: number }>(
    sql`SELECT COALESCE(MAX(c.id_value), 1500) + 1 AS next FROM clients c
        JOIN client_groups g ON g.id = c.client_group_id WHERE g.company_id = ${c.fixtures.companyId}`,
  );
  const clientColumns = ['id_format', 'id_value', 'user_id', 'client_group_id', 'status'];
  await c.insert('clients', clientColumns, 1, () => [
    c.text('{num}', 64),
    Number(next),
    ownUser,
    c.fixtures.clientGroupId,
    c.options.clientStatus ?? 'active',
  ]);
  [c.clientId] = await c.ids(sql`clients x`, sql`x.user_id = ${ownUser}`);

  c.contactEmails = c.contactNames.map(({ first, last }, i) =>
    c.email(`${slug(first)}.${slug(last)}${i === 0 ? '' : `.${i}`}`),
  );
  // Contacts that sign in use their address as user name, like Blesta.
  const contactUserNames = c.contactEmails.slice(1, c.count('users'));
  await c.insert('users', userColumns, contactUserNames.length, (i) => userRow(contactUserNames[i], i + 1));
  c.userIds = [ownUser, ...(await userIdsByName(c, contactUserNames))];
}

async function userIdsByName(c: ClientSeed, names: readonly string[]): Promise<number[]> {
  const found = new Map<string, number>();
  for (let i = 0; i < names.length; i += 500) {
    const chunk = names.slice(i, i + 500);
    const rows = await c.runner.rows<{ id: number; username: string }>(
      sql`SELECT id, username FROM users WHERE username IN (${Sql.join(
        chunk.map((n) => sql`${n}`),
        ', ',
      )})`,
    );
    for (const r of rows) found.set(r.username, Number(r.id));
  }
  return names.map((n) => {
    const id = found.get(n);
    if (id === undefined) throw new Error(`user ${n} was not inserted`);
    return id;
  });
}

/** The tables that belong to the client row alone. */
export async function seedClientTables(c: ClientSeed): Promise<void> {
  const id = c.clientId;
  const fx = c.fixtures;
  const settings = [
    'autodebit',
    'tax_exempt',
    'language',
    'send_payment_notices',
    'inv_method',
    'default_currency',
  ];
  await c.insert(
    'client_settings',
    ['key', 'client_id', 'value', 'encrypted'],
    c.count('client_settings'),
    (i) => [
      c.text(`${pick(settings, i)}${i >= settings.length ? `_${i}` : ''}`, 32),
      id,
      c.text(pick(['true', 'en_us', 'email', 'USD'], i)),
      0,
    ],
  );
  await c.insert(
    'client_values',
    ['client_field_id', 'client_id', 'value', 'encrypted'],
    c.count('client_values'),
    (i) => [pick(fx.clientFieldIds, i), id, c.text(i % 2 === 0 ? `GB${100000 + i}` : 'friend'), 0],
  );
  await c.insert(
    'client_notes',
    ['client_id', 'staff_id', 'title', 'description', 'stickied', 'date_added', 'date_updated'],
    c.count('client_notes'),
    (i) => [
      id,
      fx.staffId,
      c.text(`Call about renewal #${i + 1}`, 255),
      c.text('Prefers to be contacted by phone in the morning.'),
      i === 0 ? 1 : 0,
      c.date(500 - (i % 500)),
      c.date(400 - (i % 400)),
    ],
  );
  await c.insert('client_packages', ['client_id', 'package_id'], c.count('client_packages'), (i) => [
    id,
    pick(fx.packageIds, i),
  ]);
  await c.insert(
    'log_client_settings',
    ['client_id', 'by_user_id', 'fields', 'date_changed'],
    c.count('log_client_settings'),
    (i) => [
      id,
      c.userIds[0],
      c.text(JSON.stringify({ autodebit: i % 2 === 0, language: 'en_us' })),
      c.date(i % 700),
    ],
  );
  await c.insert(
    'module_client_meta',
    ['module_id', 'module_row_id', 'client_id', 'key', 'value'],
    c.count('module_client_meta'),
    (i) => [
      fx.moduleId,
      pick(fx.moduleRowIds, i),
      id,
      c.text(`cpanel_user_${i}`, 255),
      c.text(`user${c.token}${i}`),
    ],
  );
  await c.insert(
    'account_management_invitations',
    ['client_id', 'email', 'token', 'status', 'date_sent'],
    c.count('account_management_invitations'),
    (i) => [
      id,
      c.email(`invitee.${i}`),
      c.text(hex(16), 64),
      pick(['pending', 'accepted', 'declined'], i),
      c.date(30 + i),
    ],
  );
}
