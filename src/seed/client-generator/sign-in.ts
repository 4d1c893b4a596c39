import type { ClientSeed } from './client-seed';
import { hex, pick } from './values';

/** What hangs on the client's and the contacts' sign-ins (users): codes, logs, sessions, messages. */
export async function seedSignIn(c: ClientSeed): Promise<void> {
  const users = c.userIds;
  await c.insert('user_otps', ['user_id', 'otp', 'date_added'], c.count('user_otps'), (i) => [
    pick(users, i),
    c.text(String(100000 + ((i * 7331) % 900000)), 16),
    c.date(i % 90),
  ]);
  await c.insert(
    'log_users',
    ['user_id', 'ip_address', 'company_id', 'date_added', 'date_updated', 'result'],
    c.count('log_users'),
    (i) => [
      pick(users, i),
      c.text(`198.51.100.${i % 255}`, 39),
      c.fixtures.companyId,
      c.date(i % 1000),
      c.date(i % 1000),
      i % 7 === 3 ? 'failure' : 'success',
    ],
  );
  await c.insert(
    'sessions',
    ['user_id', 'token_hash', 'expires_at', 'created_at'],
    c.count('sessions'),
    (i) => [
      pick(users, i),
      c.text(hex(32), 64),
      c.date(i % 2 === 0 ? -1 : 10 + (i % 100)),
      c.date(i % 2 === 0 ? 0 : 11 + (i % 100)),
    ],
  );
  await c.insert(
    'log_messenger',
    ['to_user_id', 'type', 'content', 'date_added'],
    c.count('log_messenger'),
    (i) => [
      pick(users, i),
      c.text(pick(['sms', 'email'], i), 32),
      c.text(`Your invoice #${1000 + i} is due.`),
      c.date(i % 900),
    ],
  );
}
