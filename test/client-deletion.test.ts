import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ResultSetHeader } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app';
import { EmSqlRunner } from '../src/db/sql-runner';
import { ident, sql } from '../src/db/sql';
import type { ErasurePlugin } from '../src/plugins/plugin';
import { Permission } from '../src/permissions/rules';
import { startServer, type RunningServer } from '../src/server';
import { createTestApp } from './support/app';
import { describeEachDatabase, type TestDatabase } from './support/databases';
import {
  as,
  deletionOf,
  deletions,
  previewOf,
  byTable,
  createScenario,
  deleteClient,
  deletionPauses,
  filesPresent,
  handlerPlugin,
  fullShapeClient,
  nonZero,
  plainConnection,
  preview,
  rowCounts,
  scratchDir,
  someoneWaitsForALock,
  tablesContaining,
  type Scenario,
} from './support/deletion';
import { createStaff, createStaffGroup, createUser, type StaffFixture } from './support/fixtures';
import { signIn } from './support/http';

const ALL = [Permission.viewClients, Permission.deleteClients];

interface World {
  app: App;
  server: RunningServer;
  scenario: Scenario;
  admin: StaffFixture;
  adminToken: string;
  viewerToken: string;
  files: string;
}

async function startWorld(
  db: TestDatabase,
  options: { plugins?: ErasurePlugin[]; env?: Record<string, string> } = {},
) {
  const files = scratchDir();
  const app = await createTestApp(await db.create(), {
    env: { ATTACHMENTS_DIR: files, ...options.env },
    plugins: options.plugins,
  });
  const server = await startServer(app, { port: 0, host: '127.0.0.1' });
  const scenario = await createScenario(app, `Acme ${db.name}`);
  const adminGroup = await createStaffGroup(app, scenario.fixtures.companyId, ALL);
  const viewerGroup = await createStaffGroup(app, scenario.fixtures.companyId, [Permission.viewClients]);
  const admin = await createStaff(app, { groupIds: [adminGroup.id] });
  const viewer = await createStaff(app, { groupIds: [viewerGroup.id] });
  return {
    app,
    server,
    scenario,
    admin,
    files,
    adminToken: await signIn(server.url, admin.email, admin.password),
    viewerToken: await signIn(server.url, viewer.email, viewer.password),
  } satisfies World;
}

/** Plain SQL on the world's database, outside any request. */
function sqlOn(w: World): EmSqlRunner {
  return new EmSqlRunner(w.app.orm.em.fork(), w.app.driver);
}

async function stopWorld(w: World | undefined, db: TestDatabase) {
  await w?.server.close();
  await w?.app.close();
  await db.drop();
  if (w) rmSync(w.files, { recursive: true, force: true });
}

describeEachDatabase('deleteClient', (db) => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld(db);
  });
  afterAll(() => stopWorld(w, db));

  it('previews exactly the rows that exist, per table, and the permanence warning', async () => {
    const client = await fullShapeClient(w.app, w.scenario);
    const p = await previewOf(w.server.url, w.adminToken, client.clientId);
    expect(p.deletable).toBe(true);
    expect(p.blockers).toEqual([]);
    expect(byTable(p.counts)).toEqual(nonZero(client.counts));
    expect(p.total).toBe(client.total);
    expect(p.warning).toMatch(/permanent/i);
    expect(p.warning).toMatch(/cannot be undone/i);
    // every table of the spec and both plugins has rows in this shape
    expect(p.counts.length).toBe(Object.keys(nonZero(client.counts)).length);
    expect(p.counts.find((c) => c.table === 'invoice_lines')?.category).toBe('Invoices');
  });

  it('deletes the client and every record of it, and nothing of anyone else', async () => {
    const marker = `MRK${Date.now().toString(36)}X`;
    const victim = await fullShapeClient(w.app, w.scenario, { marker });
    const neighbour = await fullShapeClient(w.app, w.scenario);
    const neighbourBefore = byTable((await previewOf(w.server.url, w.adminToken, neighbour.clientId)).counts);

    const before = await rowCounts(w.app);
    const planted = await tablesContaining(w.app, marker);
    // the marker is in (nearly) every table, so its absence afterwards means something
    expect(Object.keys(planted).length).toBeGreaterThanOrEqual(40);
    expect(filesPresent(w.files, victim.attachmentFiles)).toBe(victim.attachmentFiles.length);
    expect(victim.attachmentFiles.length).toBeGreaterThan(0);

    const p = await previewOf(w.server.url, w.adminToken, victim.clientId);
    const result = as(
      await deletionOf(w.server.url, w.adminToken, victim.clientId, w.admin.password, p.previewToken),
      'ClientDeleted',
    );
    await w.app.outbox.drain();

    const after = await rowCounts(w.app);
    const gone = Object.fromEntries(
      Object.keys(before)
        .map((t) => [t, before[t] - after[t]] as const)
        .filter(([, n]) => n !== 0),
    );
    // exactly the victim's rows went, in every table; one audit row and the staff member's
    // successful password check (an authentication-log row and a lockout-counter row) were added
    expect(gone).toEqual({
      ...nonZero(victim.counts),
      log_users: victim.counts.log_users - 1,
      auth_attempts: -1,
      client_deletions: -1,
    });
    // preview = receipt = rows that existed, listed in the same order
    expect(byTable(result.receipt.counts)).toEqual(nonZero(victim.counts));
    expect(result.receipt.counts.map((c) => c.table)).toEqual(p.counts.map((c) => c.table));
    expect(result.receipt.total).toBe(victim.total);
    expect(result.receipt.deletedBy?.id).toBe(String(w.admin.staffId));

    // nothing of the client survives anywhere (module and gateway logs are not written for clients)
    expect(await tablesContaining(w.app, marker)).toEqual({});
    const sqlRunner = sqlOn(w);
    const left = await sqlRunner.rows(sql`SELECT id FROM clients WHERE id = ${victim.clientId}`);
    expect(left).toEqual([]);
    for (const email of victim.contactEmails) {
      const [{ n }] = await sqlRunner.rows<{ n: number }>(
        sql`SELECT (SELECT COUNT(*) FROM log_emails WHERE to_address = ${email}) + (SELECT COUNT(*) FROM support_tickets WHERE email = ${email}) + (SELECT COUNT(*) FROM contacts WHERE email = ${email}) AS n`,
      );
      expect(Number(n)).toBe(0);
    }
    // files went after commit; the neighbour's stayed
    expect(filesPresent(w.files, victim.attachmentFiles)).toBe(0);
    expect(filesPresent(w.files, neighbour.attachmentFiles)).toBe(neighbour.attachmentFiles.length);
    const outbox = await sqlRunner.rows(sql`SELECT id FROM outbox_events`);
    expect(outbox).toEqual([]);

    // the neighbour is exactly as it was
    const neighbourAfter = byTable((await previewOf(w.server.url, w.adminToken, neighbour.clientId)).counts);
    expect(neighbourAfter).toEqual(neighbourBefore);
    expect(neighbourAfter).toEqual(nonZero(neighbour.counts));
  });

  it('returns the stored receipt when the deletion is repeated, and lists it in the audit log', async () => {
    const client = await fullShapeClient(w.app, w.scenario);
    const first = as(
      await deletionOf(w.server.url, w.adminToken, client.clientId, w.admin.password),
      'ClientDeleted',
    );
    const again = await deletionOf(w.server.url, w.adminToken, client.clientId, w.admin.password);
    expect(again).toEqual(first);

    const list = await deletions(w.server.url, w.adminToken, 100);
    const node = list.data?.clientDeletions.edges.map((e) => e.node).find((n) => n.id === first.receipt.id);
    expect(node).toMatchObject({ clientId: String(client.clientId), total: client.total });
    // the audit row holds ids and counts only
    const audit = await sqlOn(w).rows<Record<string, unknown>>(
      sql`SELECT * FROM client_deletions WHERE id = ${Number(first.receipt.id)}`,
    );
    const text = JSON.stringify(audit);
    for (const email of client.contactEmails) expect(text).not.toContain(email);
  });

  it('deletes a client that later holds a deleted id, with a receipt of its own', async () => {
    const client = await fullShapeClient(w.app, w.scenario);
    const first = as(
      await deletionOf(w.server.url, w.adminToken, client.clientId, w.admin.password),
      'ClientDeleted',
    );
    // a restored backup brings a client back under the same id
    const runner = sqlOn(w);
    const now = runner.date(new Date());
    const userId = await createUser(w.app, 'restored-secret');
    await runner.run(
      sql`INSERT INTO clients (id, id_format, id_value, user_id, client_group_id, status)
          VALUES (${client.clientId}, '{num}', 7, ${userId}, ${w.scenario.fixtures.clientGroupId}, 'active')`,
    );
    await runner.run(
      sql`INSERT INTO contacts (client_id, contact_type, first_name, last_name, email, country, date_added)
          VALUES (${client.clientId}, 'primary', 'Rita', 'Restored', ${`restored-${client.clientId}@example.test`}, 'US', ${now})`,
    );
    await runner.run(
      sql`INSERT INTO client_notes (client_id, staff_id, title, stickied, date_added)
          VALUES (${client.clientId}, ${w.scenario.fixtures.staffId}, 'restored', 0, ${now})`,
    );
    const restored = { clients: 1, contacts: 1, client_notes: 1, users: 1 };
    expect(byTable((await previewOf(w.server.url, w.adminToken, client.clientId)).counts)).toEqual(restored);

    const second = as(
      await deletionOf(w.server.url, w.adminToken, client.clientId, w.admin.password),
      'ClientDeleted',
    );
    expect(second.receipt.id).not.toBe(first.receipt.id);
    expect(byTable(second.receipt.counts)).toEqual(restored);
    const [{ n }] = await runner.rows<{ n: number }>(
      sql`SELECT (SELECT COUNT(*) FROM clients WHERE id = ${client.clientId}) + (SELECT COUNT(*) FROM users WHERE id = ${userId}) AS n`,
    );
    expect(Number(n)).toBe(0);
    // a repeat answers with the newest receipt
    expect(await deletionOf(w.server.url, w.adminToken, client.clientId, w.admin.password)).toEqual(second);
  });

  it('refuses with DeletionBlockedError for each blocker, and deletes nothing', async () => {
    for (const [shape, code] of [
      ['open_invoice', 'OPEN_INVOICES'],
      ['recurring_invoice', 'RECURRING_INVOICES'],
      ['active_service', 'ACTIVE_SERVICES'],
    ] as const) {
      const client = await fullShapeClient(w.app, w.scenario, { blockerShape: shape });
      const p = await previewOf(w.server.url, w.adminToken, client.clientId);
      expect(p.deletable).toBe(false);
      expect(p.blockers.map((b) => b.code)).toEqual([code]);
      expect(p.blockers[0].count).toBeGreaterThan(0);
      expect(p.blockers[0].ids.length).toBe(p.blockers[0].count);
      // blocked or not, the preview counts every row, the recurring tables included
      expect(byTable(p.counts)).toEqual(nonZero(client.counts));
      const before = await rowCounts(w.app);
      const res = as(
        await deletionOf(w.server.url, w.adminToken, client.clientId, w.admin.password),
        'DeletionBlockedError',
      );
      expect(res.errorCode).toBe('DELETION_BLOCKED');
      expect(res.blockers[0].code).toBe(code);
      // only the authentication log moved (the password check is recorded)
      expect(withoutAuthLog(await rowCounts(w.app))).toEqual(withoutAuthLog(before));
    }
  });

  it('is stopped by an invoice opened between preview and delete', async () => {
    const client = await fullShapeClient(w.app, w.scenario);
    const p = await previewOf(w.server.url, w.adminToken, client.clientId);
    expect(p.deletable).toBe(true);
    await sqlOn(w).run(
      sql`UPDATE invoices SET status = 'active', date_closed = NULL WHERE id = (SELECT MIN(i.id) FROM (SELECT id FROM invoices WHERE client_id = ${client.clientId}) i)`,
    );
    const res = await deletionOf(
      w.server.url,
      w.adminToken,
      client.clientId,
      w.admin.password,
      p.previewToken,
    );
    expect(as(res, 'DeletionBlockedError').blockers.map((b) => b.code)).toEqual(['OPEN_INVOICES']);
  });

  it('gives PreviewStaleError when anything changed since the preview', async () => {
    const client = await fullShapeClient(w.app, w.scenario);
    const p = await previewOf(w.server.url, w.adminToken, client.clientId);
    await sqlOn(w).run(
      sql`INSERT INTO client_notes (client_id, staff_id, title, stickied, date_added) VALUES (${client.clientId}, ${w.scenario.fixtures.staffId}, 'late note', 0, ${sqlOn(w).date(new Date())})`,
    );
    const before = await rowCounts(w.app);
    const res = await deletionOf(
      w.server.url,
      w.adminToken,
      client.clientId,
      w.admin.password,
      p.previewToken,
    );
    const stale = as(res, 'PreviewStaleError');
    expect(stale.currentPreviewToken).not.toBe(p.previewToken);
    expect(withoutAuthLog(await rowCounts(w.app))).toEqual(withoutAuthLog(before));
    const fresh = await previewOf(w.server.url, w.adminToken, client.clientId);
    expect(fresh.previewToken).toBe(stale.currentPreviewToken);
    const done = await deletionOf(
      w.server.url,
      w.adminToken,
      client.clientId,
      w.admin.password,
      fresh.previewToken,
    );
    expect(done.__typename).toBe('ClientDeleted');
  });

  it("re-checks the staff member's own password, with the lockout", async () => {
    const group = await createStaffGroup(w.app, w.scenario.fixtures.companyId, ALL);
    const staff = await createStaff(w.app, { groupIds: [group.id] });
    const token = await signIn(w.server.url, staff.email, staff.password);
    const client = await fullShapeClient(w.app, w.scenario);
    const before = await rowCounts(w.app);
    for (let i = 0; i < 5; i++) {
      const res = await deletionOf(w.server.url, token, client.clientId, 'not-my-password');
      expect(res.__typename).toBe('InvalidPasswordError');
    }
    const locked = await deletionOf(w.server.url, token, client.clientId, staff.password);
    expect(locked.__typename).toBe('TooManyAttemptsError');
    const after = await rowCounts(w.app);
    // only the authentication log and the lockout's counter grew; no client data moved
    expect(withoutAuthLog(after)).toEqual(withoutAuthLog(before));
  });

  it("reports another company's client exactly like one that does not exist", async () => {
    const other = await createScenario(w.app, `Other ${db.name}`);
    const foreign = await fullShapeClient(w.app, other);
    const foreignRes = await preview(w.server.url, w.adminToken, foreign.clientId);
    const missingRes = await preview(w.server.url, w.adminToken, 99_999_999);
    expect(foreignRes.data).toEqual({
      clientDeletionPreview: { ...missingRes.data?.clientDeletionPreview, message: expect.any(String) },
    });
    as(missingRes.data?.clientDeletionPreview, 'ClientNotFoundError');
    const del = await deletionOf(w.server.url, w.adminToken, foreign.clientId, w.admin.password);
    expect(as(del, 'ClientNotFoundError').errorCode).toBe('CLIENT_NOT_FOUND');
    const p = byTable(
      (await previewOf(w.server.url, await otherAdminToken(w, other), foreign.clientId)).counts,
    );
    expect(p).toEqual(nonZero(foreign.counts));
  });

  it('rejects a malformed id and a viewer', async () => {
    const bad = await preview(w.server.url, w.adminToken, 'abc');
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const client = await fullShapeClient(w.app, w.scenario);
    const viewerPreview = await preview(w.server.url, w.viewerToken, client.clientId);
    expect(viewerPreview.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const viewerDelete = await deleteClient(w.server.url, w.viewerToken, client.clientId, 'x');
    expect(viewerDelete.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const anonymous = await preview(w.server.url, '', client.clientId);
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('keeps and reports a sign-in that a staff member also uses', async () => {
    const client = await fullShapeClient(w.app, w.scenario);
    const db2 = sqlOn(w);
    // a contact of the client signs in with the staff member's user
    await db2.run(sql`UPDATE contacts SET user_id = ${w.admin.userId} WHERE id = ${client.contactIds[1]}`);
    const p = await previewOf(w.server.url, w.adminToken, client.clientId);
    expect(byTable(p.kept)).toEqual({ users: 1 });
    const res = await deletionOf(
      w.server.url,
      w.adminToken,
      client.clientId,
      w.admin.password,
      p.previewToken,
    );
    expect(byTable(as(res, 'ClientDeleted').receipt.kept)).toEqual({ users: 1 });
    const kept = await db2.rows(sql`SELECT id FROM users WHERE id = ${w.admin.userId}`);
    expect(kept.length).toBe(1);
    // and the staff member still signs in
    await signIn(w.server.url, w.admin.email, w.admin.password);
  });
});

/** Row counts without `log_users` and `auth_attempts`, which every password check writes to. */
function withoutAuthLog(counts: Record<string, number>) {
  return { ...counts, log_users: 0, auth_attempts: 0 };
}

async function otherAdminToken(w: World, other: Scenario): Promise<string> {
  const group = await createStaffGroup(w.app, other.fixtures.companyId, ALL);
  const staff = await createStaff(w.app, { groupIds: [group.id] });
  return signIn(w.server.url, staff.email, staff.password);
}

/** A plugin whose in-transaction handler fails after the built-in plugins deleted their rows. */
const failingPlugin = handlerPlugin('failing', async (event) => {
  const [{ n }] = await event.db.rows<{ n: number }>(
    sql`SELECT COUNT(*) AS n FROM support_tickets WHERE client_id = ${event.client.id}`,
  );
  if (Number(n) !== 0) throw new Error('expected the support manager to have run first');
  throw new Error('plugin failure midway');
});

/** A plugin that slips a new row of the client into a table already deleted, like a racing writer. */
const sneakyPlugin = handlerPlugin('sneaky', async (event) => {
  const [{ id }] = await event.db.rows<{ id: number }>(sql`SELECT MIN(id) AS id FROM support_departments`);
  await event.db.run(
    sql`INSERT INTO support_tickets (code, department_id, client_id, summary, priority, status, date_added)
        VALUES (1, ${id}, ${event.client.id}, 'late', 'low', 'open', ${event.db.date(new Date())})`,
  );
});

for (const [situation, plugin] of [
  ['a plugin that throws midway', failingPlugin],
  ['a row of the client slipped in behind a deleter', sneakyPlugin],
] as const) {
  describeEachDatabase(`deleteClient with ${situation}`, (db) => {
    let w: World;
    beforeAll(async () => {
      w = await startWorld(db, { plugins: [plugin] });
    });
    afterAll(() => stopWorld(w, db));

    it('rolls back: every row and every attachment file stays in place', async () => {
      const client = await fullShapeClient(w.app, w.scenario);
      const before = await rowCounts(w.app);
      const res = await deleteClient(w.server.url, w.adminToken, client.clientId, w.admin.password);
      expect(res.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(res.errors?.[0].message).not.toMatch(/plugin failure|select|delete|insert/i);
      await w.app.outbox.drain();
      // the successful password check is the only row written
      expect(withoutAuthLog(await rowCounts(w.app))).toEqual(withoutAuthLog(before));
      expect(filesPresent(w.files, client.attachmentFiles)).toBe(client.attachmentFiles.length);
      const p = await previewOf(w.server.url, w.adminToken, client.clientId);
      expect(byTable(p.counts)).toEqual(nonZero(client.counts));
    });
  });
}

describeEachDatabase('deleteClient with the order plugin disabled', (db) => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld(db, { env: { PLUGINS: 'support_manager' } });
  });
  afterAll(() => stopWorld(w, db));

  it('neither needs nor touches its tables', async () => {
    const runner = sqlOn(w);
    const tables =
      w.app.driver === 'sqlite'
        ? await runner.rows<{ name: string }>(sql`SELECT name FROM sqlite_master WHERE type = 'table'`)
        : await runner.rows<{ name: string }>(
            sql`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()`,
          );
    const names = tables.map((t) => t.name);
    expect(names).toContain('support_tickets');
    expect(names).not.toContain('orders');
    expect(names).not.toContain('order_affiliates');

    const client = await fullShapeClient(w.app, w.scenario);
    const res = as(
      await deletionOf(w.server.url, w.adminToken, client.clientId, w.admin.password),
      'ClientDeleted',
    );
    const tablesDeleted = res.receipt.counts.map((c) => c.table);
    expect(tablesDeleted).toContain('support_tickets');
    expect(tablesDeleted.some((t) => t.startsWith('order'))).toBe(false);
    expect(byTable(res.receipt.counts)).toEqual(nonZero(client.counts));
  });
});

describe('the deletion API', () => {
  it('is registered with its permission rules', async () => {
    const { RESOLVERS } = await import('../src/resolvers');
    expect(RESOLVERS.map((r) => r.name)).toContain('ClientDeletionResolver');
  });
});

/** An email-log row and a guest ticket (two replies, one attachment and its file) sent to one address. */
interface GuestRows {
  readonly logEmailId: number;
  readonly ticketId: number;
  readonly file: string;
}

/**
 * Rows of `scenario`'s company without a client id, addressed to `address`: an email-log row, and
 * a ticket opened in the company's support department with two replies and an attachment file.
 */
async function plantGuestRows(w: World, scenario: Scenario, address: string): Promise<GuestRows> {
  const db = sqlOn(w);
  const now = db.date(new Date());
  const lastId = async (table: string) => {
    const [{ id }] = await db.rows<{ id: number }>(sql`SELECT MAX(id) AS id FROM ${ident(table)}`);
    return Number(id);
  };
  await db.run(
    sql`INSERT INTO log_emails (company_id, to_client_id, to_address, from_address, from_name, subject, sent, date_sent)
        VALUES (${scenario.fixtures.companyId}, NULL, ${address}, 'billing@example.test', 'Billing', 'Your invoice', 1, ${now})`,
  );
  const logEmailId = await lastId('log_emails');
  await db.run(
    sql`INSERT INTO support_tickets (code, department_id, client_id, email, summary, priority, status, date_added)
        VALUES (4242, ${scenario.fixtures.supportDepartmentId}, NULL, ${address}, 'Site down', 'low', 'open', ${now})`,
  );
  const ticketId = await lastId('support_tickets');
  for (const details of ['It is down.', 'Still down.']) {
    await db.run(
      sql`INSERT INTO support_replies (ticket_id, type, details, date_added) VALUES (${ticketId}, 'reply', ${details}, ${now})`,
    );
  }
  const file = `guest-${randomBytes(6).toString('hex')}.txt`;
  writeFileSync(join(w.files, file), 'screenshot');
  await db.run(
    sql`INSERT INTO support_attachments (reply_id, name, file_name) VALUES (${await lastId('support_replies')}, 'screenshot.png', ${file})`,
  );
  return { logEmailId, ticketId, file };
}

/** What is left of planted guest rows: rows per table, and the attachment file. */
async function guestRowsLeft(w: World, rows: GuestRows) {
  const db = sqlOn(w);
  const [n] = await db.rows<Record<string, number>>(
    sql`SELECT (SELECT COUNT(*) FROM log_emails WHERE id = ${rows.logEmailId}) AS log_emails,
               (SELECT COUNT(*) FROM support_tickets WHERE id = ${rows.ticketId}) AS support_tickets,
               (SELECT COUNT(*) FROM support_replies WHERE ticket_id = ${rows.ticketId}) AS support_replies,
               (SELECT COUNT(*) FROM support_attachments a JOIN support_replies r ON r.id = a.reply_id
                 WHERE r.ticket_id = ${rows.ticketId}) AS support_attachments`,
  );
  return {
    ...Object.fromEntries(Object.entries(n).map(([table, count]) => [table, Number(count)])),
    file: filesPresent(w.files, [rows.file]),
  };
}

const ALL_GUEST_ROWS = {
  log_emails: 1,
  support_tickets: 1,
  support_replies: 2,
  support_attachments: 1,
  file: 1,
};
const NO_GUEST_ROWS = {
  log_emails: 0,
  support_tickets: 0,
  support_replies: 0,
  support_attachments: 0,
  file: 0,
};
/** The rows one planted set adds to a client's preview when they are the client's. */
const GUEST_COUNTS = { log_emails: 1, support_tickets: 1, support_replies: 2, support_attachments: 1 };

function plus(counts: Record<string, number>, more: Record<string, number>) {
  const sum = { ...counts };
  for (const [table, n] of Object.entries(more)) sum[table] = (sum[table] ?? 0) + n;
  return sum;
}

describeEachDatabase('deleteClient: rows found by address', (db) => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld(db);
  });
  afterAll(() => stopWorld(w, db));

  /** Previews and deletes the client; returns the preview's and the receipt's counts. */
  async function previewAndDelete(clientId: number) {
    const p = await previewOf(w.server.url, w.adminToken, clientId);
    const res = as(
      await deletionOf(w.server.url, w.adminToken, clientId, w.admin.password, p.previewToken),
      'ClientDeleted',
    );
    await w.app.outbox.drain();
    return { previewed: byTable(p.counts), deleted: byTable(res.receipt.counts) };
  }

  it("leaves address-matched rows alone when another client's contact shares the address", async () => {
    const a = await fullShapeClient(w.app, w.scenario);
    const b = await fullShapeClient(w.app, w.scenario);
    const shared = a.contactEmails[0];
    await sqlOn(w).run(sql`UPDATE contacts SET email = ${shared} WHERE id = ${b.contactIds[0]}`);
    const planted = await plantGuestRows(w, w.scenario, shared);
    expect(await guestRowsLeft(w, planted)).toEqual(ALL_GUEST_ROWS);

    const { previewed, deleted } = await previewAndDelete(a.clientId);
    // the generator's own guest rows go to another of a's addresses: those are a's
    expect(previewed).toEqual(nonZero(a.counts));
    expect(deleted).toEqual(nonZero(a.counts));
    expect(await guestRowsLeft(w, planted)).toEqual(ALL_GUEST_ROWS);
  });

  it("takes nothing of another company's: email-log rows, guest tickets, replies and files to the same address", async () => {
    const client = await fullShapeClient(w.app, w.scenario);
    const other = await createScenario(w.app, `Elsewhere ${db.name}`);
    const theirs = await plantGuestRows(w, other, client.contactEmails[0]);

    const { previewed, deleted } = await previewAndDelete(client.clientId);
    expect(previewed).toEqual(nonZero(client.counts));
    expect(deleted).toEqual(nonZero(client.counts));
    expect(await guestRowsLeft(w, theirs)).toEqual(ALL_GUEST_ROWS);
  });

  it("takes the client's own rows even when another company's client or staff uses the address", async () => {
    const client = await fullShapeClient(w.app, w.scenario);
    const address = client.contactEmails[0];
    const other = await createScenario(w.app, `Elsewhere ${db.name}`);
    const stranger = await fullShapeClient(w.app, other);
    await sqlOn(w).run(sql`UPDATE contacts SET email = ${address} WHERE id = ${stranger.contactIds[0]}`);
    await createStaff(w.app, {
      groupIds: [(await createStaffGroup(w.app, other.fixtures.companyId, [])).id],
      email: address,
    });
    const ours = await plantGuestRows(w, w.scenario, address);

    const { previewed, deleted } = await previewAndDelete(client.clientId);
    expect(previewed).toEqual(plus(nonZero(client.counts), GUEST_COUNTS));
    expect(deleted).toEqual(previewed);
    expect(await guestRowsLeft(w, ours)).toEqual(NO_GUEST_ROWS);
  });

  it('does not claim an address a staff member of the company uses, in any case', async () => {
    const client = await fullShapeClient(w.app, w.scenario);
    const address = client.contactEmails[0];
    const group = await createStaffGroup(w.app, w.scenario.fixtures.companyId, []);
    await createStaff(w.app, { groupIds: [group.id], email: address.toUpperCase() });
    const planted = await plantGuestRows(w, w.scenario, address);
    // a staff member's second (mobile) address counts too
    const mobile = client.contactEmails[2];
    const staff = await createStaff(w.app, { groupIds: [group.id] });
    await sqlOn(w).run(sql`UPDATE staff SET email_mobile = ${mobile} WHERE id = ${staff.staffId}`);
    const plantedMobile = await plantGuestRows(w, w.scenario, mobile);

    const { previewed, deleted } = await previewAndDelete(client.clientId);
    expect(previewed).toEqual(nonZero(client.counts));
    expect(deleted).toEqual(nonZero(client.counts));
    expect(await guestRowsLeft(w, planted)).toEqual(ALL_GUEST_ROWS);
    expect(await guestRowsLeft(w, plantedMobile)).toEqual(ALL_GUEST_ROWS);
  });

  it('matches an address written in capitals or with surrounding spaces', async () => {
    const client = await fullShapeClient(w.app, w.scenario);
    const capitals = await plantGuestRows(w, w.scenario, client.contactEmails[0].toUpperCase());
    const spaced = await plantGuestRows(w, w.scenario, `  ${client.contactEmails[2]}  `);

    const { previewed, deleted } = await previewAndDelete(client.clientId);
    expect(previewed).toEqual(plus(plus(nonZero(client.counts), GUEST_COUNTS), GUEST_COUNTS));
    expect(deleted).toEqual(previewed);
    expect(await guestRowsLeft(w, capitals)).toEqual(NO_GUEST_ROWS);
    expect(await guestRowsLeft(w, spaced)).toEqual(NO_GUEST_ROWS);
  });

  it('compares addresses byte for byte: an accent or a trailing invisible character makes another address', async () => {
    const client = await fullShapeClient(w.app, w.scenario);
    const address = client.contactEmails[0];
    expect(address).toContain('e');
    // MariaDB's utf8mb4_unicode_ci finds both equal to the address; they are not the client's
    const accented = await plantGuestRows(w, w.scenario, address.replace('e', 'é'));
    const zeroWidth = await plantGuestRows(w, w.scenario, `${address}\u200B`);

    const { previewed, deleted } = await previewAndDelete(client.clientId);
    expect(previewed).toEqual(nonZero(client.counts));
    expect(deleted).toEqual(nonZero(client.counts));
    expect(await guestRowsLeft(w, accented)).toEqual(ALL_GUEST_ROWS);
    expect(await guestRowsLeft(w, zeroWidth)).toEqual(ALL_GUEST_ROWS);
  });
});

describeEachDatabase('deleteClient at the same time as other work', (db) => {
  const pauses = deletionPauses();
  let w: World;
  beforeAll(async () => {
    w = await startWorld(db, { plugins: [pauses.plugin] });
  });
  afterAll(() => stopWorld(w, db));

  it('answers two confirmations of one deletion with one receipt', async () => {
    const client = await fullShapeClient(w.app, w.scenario);
    const pause = pauses.pauseAt(client.clientId);
    const first = deletionOf(w.server.url, w.adminToken, client.clientId, w.admin.password);
    await pause.reached;
    const second = deletionOf(w.server.url, w.adminToken, client.clientId, w.admin.password);
    // the twin waits for the client row (MariaDB) or the single connection (SQLite)
    await someoneWaitsForALock(w.app, 1000);
    pause.release();
    const [a, b] = await Promise.all([first, second]);
    expect(as(b, 'ClientDeleted')).toEqual(as(a, 'ClientDeleted'));
    const receipts = await sqlOn(w).rows(
      sql`SELECT id FROM client_deletions WHERE client_id = ${client.clientId}`,
    );
    expect(receipts.length).toBe(1);
  });

  it('deletes a sign-in that only two clients deleted at the same moment share', async () => {
    // in two client groups of the company, so that nothing but the sign-in orders the deletions
    const runner = sqlOn(w);
    await runner.run(
      sql`INSERT INTO client_groups (company_id, name) VALUES (${w.scenario.fixtures.companyId}, 'Resellers')`,
    );
    const [{ id: otherGroup }] = await runner.rows<{ id: number }>(
      sql`SELECT MAX(id) AS id FROM client_groups`,
    );
    const a = await fullShapeClient(w.app, w.scenario);
    const b = await fullShapeClient(w.app, {
      ...w.scenario,
      fixtures: { ...w.scenario.fixtures, clientGroupId: Number(otherGroup) },
    });
    const shared = await createUser(w.app, 'shared-secret');
    await runner.run(
      sql`UPDATE contacts SET user_id = ${shared} WHERE id IN (${a.contactIds[2]}, ${b.contactIds[2]})`,
    );
    // each keeps it for the other while both exist
    expect(byTable((await previewOf(w.server.url, w.adminToken, a.clientId)).kept)).toEqual({ users: 1 });
    expect(byTable((await previewOf(w.server.url, w.adminToken, b.clientId)).kept)).toEqual({ users: 1 });

    const pause = pauses.pauseAt(a.clientId);
    const bGotThisFar = pauses.watch(b.clientId);
    const first = deletionOf(w.server.url, w.adminToken, a.clientId, w.admin.password);
    await pause.reached;
    const second = deletionOf(w.server.url, w.adminToken, b.clientId, w.admin.password);
    // b must decide after a commits: it waits for the shared sign-in's lock (MariaDB) or for the
    // single connection (SQLite). Had it gone on, it would now be in its handler, with the sign-in
    // kept for a.
    await Promise.race([bGotThisFar, someoneWaitsForALock(w.app, 1000)]);
    pause.release();
    const [resA, resB] = await Promise.all([first, second]);

    expect(byTable(as(resA, 'ClientDeleted').receipt.kept)).toEqual({ users: 1 });
    const receiptB = as(resB, 'ClientDeleted').receipt;
    expect(byTable(receiptB.kept)).toEqual({});
    expect(byTable(receiptB.counts).users).toBe(b.counts.users + 1);
    const left = await runner.rows(sql`SELECT id FROM users WHERE id = ${shared}`);
    expect(left).toEqual([]);
  });

  it.skipIf(db.name !== 'mysql')(
    "holds no lock that sign-ups, other clients' writes or staff changes wait for",
    async () => {
      // the neighbour first: its rows sort just before the client's in every index on client ids
      const neighbour = await fullShapeClient(w.app, w.scenario);
      const client = await fullShapeClient(w.app, w.scenario);
      const pause = pauses.pauseAt(client.clientId, { afterAllDeletes: true });
      const deletion = deletionOf(w.server.url, w.adminToken, client.clientId, w.admin.password);
      await pause.reached;

      const conn = await plainConnection(w.app);
      const write = async (what: string, text: string, params: unknown[] = []) => {
        try {
          const [result] = await conn.query<ResultSetHeader>(text, params);
          return result;
        } catch (error) {
          throw new Error(`${what} waited for the deletion: ${(error as Error).message}`);
        }
      };
      try {
        // with every delete done and the transaction open, nothing here may wait a second
        await conn.query('SET SESSION innodb_lock_wait_timeout = 1');
        const user = await write(
          'a sign-up (its user)',
          `INSERT INTO users (username, password, two_factor_mode, date_added) VALUES (?, 'x', 'none', UTC_TIMESTAMP())`,
          [`signup-${client.clientId}@example.test`],
        );
        await write(
          "a sign-up into the client's group",
          `INSERT INTO clients (id_format, id_value, user_id, client_group_id, status) VALUES ('{num}', 1, ?, ?, 'active')`,
          [user.insertId, w.scenario.fixtures.clientGroupId],
        );
        const invoice = await write(
          'an invoice for another client',
          `INSERT INTO invoices (id_format, id_value, client_id, date_billed, date_due, status, previous_due, currency)
           VALUES ('{num}', 1, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP(), 'active', 0, 'USD')`,
          [neighbour.clientId],
        );
        await write(
          "a line of the other client's invoice",
          `INSERT INTO invoice_lines (invoice_id, description, qty, amount, \`order\`) VALUES (?, 'Hosting', 1, 5, 1)`,
          [invoice.insertId],
        );
        for (const staffId of [w.admin.staffId, w.scenario.fixtures.staffId]) {
          await write('a staff change', `UPDATE staff SET first_name = 'Renamed' WHERE id = ?`, [staffId]);
        }
        for (const [toClient, address] of [
          [neighbour.clientId, neighbour.contactEmails[0]],
          [null, neighbour.contactEmails[1]],
        ] as const) {
          await write(
            'an email to another client',
            `INSERT INTO log_emails (company_id, to_client_id, to_address, from_address, from_name, subject, sent, date_sent)
             VALUES (?, ?, ?, 'billing@example.test', 'Billing', 'Hello', 1, UTC_TIMESTAMP())`,
            [w.scenario.fixtures.companyId, toClient, address],
          );
        }
        await write(
          "another client's contact changing",
          `UPDATE contacts SET first_name = 'Renamed', email = ? WHERE id = ?`,
          [`renamed-${neighbour.clientId}@example.test`, neighbour.contactIds[0]],
        );
        await write(
          'another client adding a contact',
          `INSERT INTO contacts (client_id, contact_type, first_name, last_name, email, country, date_added)
           VALUES (?, 'other', 'New', 'Contact', ?, 'US', UTC_TIMESTAMP())`,
          [neighbour.clientId, `new-${neighbour.clientId}@example.test`],
        );
      } finally {
        await conn.end();
        pause.release();
      }
      const res = as(await deletion, 'ClientDeleted');
      expect(byTable(res.receipt.counts)).toEqual(nonZero(client.counts));
    },
  );
});
