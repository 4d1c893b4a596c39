import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../src/app';
import { ident, sql, type Sql } from '../src/db/sql';
import { EmSqlRunner, type SqlRunner } from '../src/db/sql-runner';
import { CORE } from '../src/deletion/erasure-plan';
import {
  DeletionVerificationError,
  ErasureExecutor,
  type Assessment,
  type ErasureRun,
} from '../src/deletion/erasure-executor';
import type { ClientRef } from '../src/deletion/erasure-rules';
import { BLOCKER_ID_LIMIT } from '../src/deletion/erasure-sql';
import { createCompanyFixtures, type CompanyFixtures } from '../src/seed/company-fixtures';
import { createTestApp } from './support/app';
import { describeEachDatabase, type TestDatabase } from './support/databases';
import { prepared } from './support/prepared';
import {
  addContact,
  addInvoice,
  addService,
  createClient,
  createStaff,
  createStaffGroup,
  createUser,
} from './support/fixtures';

// The erasure rules one by one, against the executor on a real database: what blocks, which rows
// an address match claims, which sign-ins are kept, how rows are counted and what the verification
// refuses. Each test builds the few rows it needs; a full-shape client is client-deletion.test.ts's.

/** A runner on the transaction that can stand in for the database on chosen statements. */
class Intercepting implements SqlRunner {
  constructor(
    private readonly inner: SqlRunner,
    private readonly onRun: (query: Sql) => Promise<number | undefined> = async () => undefined,
  ) {}
  get driver() {
    return this.inner.driver;
  }
  rows<T = Record<string, unknown>>(query: Sql): Promise<T[]> {
    return this.inner.rows<T>(query);
  }
  async run(query: Sql): Promise<number> {
    return (await this.onRun(query)) ?? this.inner.run(query);
  }
  date(value: Date): unknown {
    return this.inner.date(value);
  }
}

describeEachDatabase('erasure rules', (database: TestDatabase) => {
  let app: App;
  let executor: ErasureExecutor;
  let home: CompanyFixtures;
  let elsewhere: CompanyFixtures;
  // A mutant that breaks the app's start must fail the tests, not skip them (see prepared).
  const ready = prepared(async () => {
    app = await createTestApp(await database.create());
    executor = new ErasureExecutor(app.plan);
    home = await createCompanyFixtures(app.orm.em.fork(), { name: 'Home', hostname: 'home.test' });
    elsewhere = await createCompanyFixtures(app.orm.em.fork(), { name: 'Away', hostname: 'away.test' });
  });
  beforeEach(() => ready());
  afterAll(async () => {
    await app?.close();
    await database.drop();
  });

  const runner = () => new EmSqlRunner(app.orm.em.fork(), app.driver);

  /** A client of the company with one contact (and the client's own sign-in). */
  async function client(company: CompanyFixtures = home, email?: string) {
    const made = await createClient(app, company.companyId, { email });
    const ref: ClientRef = { id: made.clientId, companyId: company.companyId };
    return { ...made, ref };
  }

  /** The client's preview as the executor computes it: blockers, kept rows and rows per table. */
  function assess(ref: ClientRef): Promise<Assessment> {
    return executor.assess(runner(), ref, { counts: true });
  }

  const counts = async (ref: ClientRef) => Object.fromEntries((await assess(ref)).counts);
  const kept = async (ref: ClientRef) => Object.fromEntries((await assess(ref)).kept);
  const blockers = async (ref: ClientRef) =>
    (await assess(ref)).blockers.map((b) => ({ code: b.rule.code, count: b.count, ids: b.ids }));

  /**
   * Erases the client in one transaction as ClientDeletionService does (plugins' tables first);
   * `wrap` may stand in for the database, `beforeFinish` runs between the plugins' tables and the
   * core's. Returns the rows deleted per table.
   */
  function erase(
    ref: ClientRef,
    options: {
      wrap?: (db: SqlRunner) => SqlRunner;
      beforeFinish?: (run: ErasureRun, db: SqlRunner) => Promise<void>;
    } = {},
  ) {
    return app.orm.em.fork().transactional(async (em) => {
      const plain = new EmSqlRunner(em, app.driver);
      const db = options.wrap ? options.wrap(plain) : plain;
      const run = executor.begin(db, ref);
      await run.lockContested();
      await run.stage();
      for (const owner of app.plan.owners.filter((o) => o !== CORE)) await run.deleteTablesOf(owner);
      await options.beforeFinish?.(run, plain);
      return run.finish();
    });
  }

  async function count(query: Sql): Promise<number> {
    const [{ n }] = await runner().rows<{ n: number }>(query);
    return Number(n);
  }

  async function lastId(table: 'log_emails' | 'support_tickets' | 'invoices_recur' | 'contacts') {
    const [{ id }] = await runner().rows<{ id: number }>(sql`SELECT MAX(id) AS id FROM ${ident(table)}`);
    return Number(id);
  }

  /** An email-log row of the company without a client id (or addressed to `toClient`). */
  async function guestEmail(company: CompanyFixtures, address: string, toClient: number | null = null) {
    const db = runner();
    await db.run(
      sql`INSERT INTO log_emails (company_id, to_client_id, to_address, from_address, from_name, subject, sent, date_sent)
          VALUES (${company.companyId}, ${toClient}, ${address}, 'billing@example.test', 'Billing', 'Invoice', 1, ${db.date(new Date())})`,
    );
    return lastId('log_emails');
  }

  /** A ticket opened in the company's support department by email, without a client. */
  async function guestTicket(company: CompanyFixtures, address: string, clientId: number | null = null) {
    const db = runner();
    await db.run(
      sql`INSERT INTO support_tickets (code, department_id, client_id, email, summary, priority, status, date_added)
          VALUES (1, ${company.supportDepartmentId}, ${clientId}, ${address}, 'Help', 'low', 'open', ${db.date(new Date())})`,
    );
    return lastId('support_tickets');
  }

  /** Both kinds of guest row, sent to `address` in the company. */
  async function guestRows(company: CompanyFixtures, address: string) {
    return { email: await guestEmail(company, address), ticket: await guestTicket(company, address) };
  }

  /** How many of the guest rows still exist. */
  async function left(rows: { email: number; ticket: number }) {
    return count(
      sql`SELECT (SELECT COUNT(*) FROM log_emails WHERE id = ${rows.email}) + (SELECT COUNT(*) FROM support_tickets WHERE id = ${rows.ticket}) AS n`,
    );
  }

  async function emailOf(contactId: number): Promise<string> {
    const [{ email }] = await runner().rows<{ email: string }>(
      sql`SELECT email FROM contacts WHERE id = ${contactId}`,
    );
    return email;
  }

  const CLAIMED = { log_emails: 1, support_tickets: 1 };
  const OWN = { clients: 1, contacts: 1, users: 1 };

  describe('blockers', () => {
    it('blocks on an open proforma invoice, as on an open active one', async () => {
      const proforma = await client();
      const proformaId = await addInvoice(app, proforma.clientId, 'proforma');
      expect(await blockers(proforma.ref)).toEqual([{ code: 'OPEN_INVOICES', count: 1, ids: [proformaId] }]);
      const active = await client();
      const activeId = await addInvoice(app, active.clientId, 'active');
      expect(await blockers(active.ref)).toEqual([{ code: 'OPEN_INVOICES', count: 1, ids: [activeId] }]);
    });

    it('does not block on a closed proforma or active invoice, nor on a draft or a void one', async () => {
      const c = await client();
      const closed = [
        await addInvoice(app, c.clientId, 'proforma'),
        await addInvoice(app, c.clientId, 'active'),
      ];
      const db = runner();
      for (const id of closed) {
        await db.run(sql`UPDATE invoices SET date_closed = ${db.date(new Date())} WHERE id = ${id}`);
      }
      // not closed, but neither active nor proforma
      for (const status of ['draft', 'void'] as const) {
        const id = await addInvoice(app, c.clientId, status);
        await db.run(sql`UPDATE invoices SET date_closed = NULL WHERE id = ${id}`);
      }
      expect(await blockers(c.ref)).toEqual([]);
      expect((await counts(c.ref)).invoices).toBe(4);
    });

    it('blocks on an active or a suspended service, not on a pending, canceled or in-review one', async () => {
      const blocked = await client();
      const active = await addService(app, home.companyId, blocked.clientId, 'active');
      const suspended = await addService(app, home.companyId, blocked.clientId, 'suspended');
      expect(await blockers(blocked.ref)).toEqual([
        { code: 'ACTIVE_SERVICES', count: 2, ids: [active, suspended].sort((a, b) => a - b) },
      ]);
      const free = await client();
      for (const status of ['pending', 'canceled', 'in_review'] as const) {
        await addService(app, home.companyId, free.clientId, status);
      }
      expect(await blockers(free.ref)).toEqual([]);
    });

    it('blocks on any recurring invoice', async () => {
      const c = await client();
      const db = runner();
      await db.run(
        sql`INSERT INTO invoices_recur (client_id, term, period, currency, date_renews) VALUES (${c.clientId}, 1, 'month', 'USD', ${db.date(new Date())})`,
      );
      expect(await blockers(c.ref)).toEqual([
        { code: 'RECURRING_INVOICES', count: 1, ids: [await lastId('invoices_recur')] },
      ]);
    });

    it("is not blocked by another client's invoices, services or recurring invoices", async () => {
      const other = await client();
      await addInvoice(app, other.clientId, 'active');
      await addService(app, home.companyId, other.clientId, 'active');
      const db = runner();
      await db.run(
        sql`INSERT INTO invoices_recur (client_id, term, period, currency, date_renews) VALUES (${other.clientId}, 1, 'month', 'USD', ${db.date(new Date())})`,
      );
      const c = await client();
      expect(await blockers(c.ref)).toEqual([]);
      expect((await blockers(other.ref)).map((b) => b.code)).toEqual([
        'ACTIVE_SERVICES',
        'RECURRING_INVOICES',
        'OPEN_INVOICES',
      ]);
    });

    it(`counts every blocking row and lists the first ${BLOCKER_ID_LIMIT} ids, ascending`, async () => {
      const c = await client();
      const ids: number[] = [];
      for (let i = 0; i <= BLOCKER_ID_LIMIT; i++) ids.push(await addInvoice(app, c.clientId, 'active'));
      const [open] = await blockers(c.ref);
      expect(open.count).toBe(BLOCKER_ID_LIMIT + 1);
      expect(open.ids).toEqual(ids.slice(0, BLOCKER_ID_LIMIT));
    });
  });

  describe('address matches', () => {
    it("claims a guest email and a guest ticket sent to the client's address within its company", async () => {
      const c = await client();
      const rows = await guestRows(home, await emailOf(c.primaryContactId));
      expect(await counts(c.ref)).toEqual({ ...OWN, ...CLAIMED });
      expect(await erase(c.ref)).toEqual({ ...OWN, ...CLAIMED });
      expect(await left(rows)).toBe(0);
    });

    it("does not claim an address that another client's contact in the company uses", async () => {
      const c = await client();
      const address = await emailOf(c.primaryContactId);
      const other = await client();
      await addContact(app, other.clientId, 'billing', { email: address });
      const rows = await guestRows(home, address);
      expect(await counts(c.ref)).toEqual(OWN);
      expect(await counts(other.ref)).toEqual({ ...OWN, contacts: 2 });
      expect(await erase(c.ref)).toEqual(OWN);
      expect(await left(rows)).toBe(2);
    });

    it("claims an address that only another company's client or staff also uses", async () => {
      const c = await client();
      const address = await emailOf(c.primaryContactId);
      const stranger = await client(elsewhere, address);
      const group = await createStaffGroup(app, elsewhere.companyId, []);
      await createStaff(app, { groupIds: [group.id], email: address });
      const rows = await guestRows(home, address);
      expect(await counts(c.ref)).toEqual({ ...OWN, ...CLAIMED });
      // and the stranger, in its company, has no guest rows to that address
      expect(await counts(stranger.ref)).toEqual(OWN);
      expect(await erase(c.ref)).toEqual({ ...OWN, ...CLAIMED });
      expect(await left(rows)).toBe(0);
    });

    it("takes nothing of another company's: its guest emails and tickets to the client's address stay", async () => {
      const c = await client();
      const theirs = await guestRows(elsewhere, await emailOf(c.primaryContactId));
      expect(await counts(c.ref)).toEqual(OWN);
      expect(await erase(c.ref)).toEqual(OWN);
      expect(await left(theirs)).toBe(2);
    });

    it("does not claim a guest row to an address that only another company's client uses", async () => {
      const c = await client();
      const stranger = await client(elsewhere);
      const rows = await guestRows(home, await emailOf(stranger.primaryContactId));
      expect(await counts(c.ref)).toEqual(OWN);
      expect(await erase(c.ref)).toEqual(OWN);
      expect(await left(rows)).toBe(2);
    });

    it('does not claim an address a staff member of the company uses, as email or mobile, in any case', async () => {
      const c = await client();
      const second = await addContact(app, c.clientId, 'billing');
      const [address, mobile] = [await emailOf(c.primaryContactId), await emailOf(second)];
      const group = await createStaffGroup(app, home.companyId, []);
      await createStaff(app, { groupIds: [group.id], email: address.toUpperCase() });
      const staff = await createStaff(app, { groupIds: [group.id] });
      await runner().run(
        sql`UPDATE staff SET email_mobile = ${` ${mobile.toUpperCase()} `} WHERE id = ${staff.staffId}`,
      );
      const rows = [await guestRows(home, address), await guestRows(home, mobile)];
      expect(await counts(c.ref)).toEqual({ ...OWN, contacts: 2 });
      expect(await erase(c.ref)).toEqual({ ...OWN, contacts: 2 });
      for (const r of rows) expect(await left(r)).toBe(2);
    });

    it('leaves a row sent to the address but addressed to another client', async () => {
      const c = await client();
      const other = await client();
      await guestEmail(home, await emailOf(c.primaryContactId), other.clientId);
      await guestTicket(home, await emailOf(c.primaryContactId), other.clientId);
      expect(await counts(c.ref)).toEqual(OWN);
      expect(await counts(other.ref)).toEqual({ ...OWN, ...CLAIMED });
    });

    it('compares addresses trimmed and ASCII-lower-cased, byte for byte', async () => {
      const c = await client();
      const address = await emailOf(c.primaryContactId);
      await guestRows(home, `  ${address.toUpperCase()} `);
      await guestRows(home, address.replace('c', 'ç'));
      await guestRows(home, `${address}.`);
      expect(await counts(c.ref)).toEqual({ ...OWN, ...CLAIMED });
    });
  });

  describe('sign-ins', () => {
    it("deletes the client's sign-in and its contacts' sign-ins, each once", async () => {
      const c = await client();
      const shared = await createUser(app, 'contact-secret');
      for (const kind of ['billing', 'other'] as const) {
        const contact = await addContact(app, c.clientId, kind);
        await runner().run(sql`UPDATE contacts SET user_id = ${shared} WHERE id = ${contact}`);
      }
      expect(await counts(c.ref)).toEqual({ clients: 1, contacts: 3, users: 2 });
      expect(await kept(c.ref)).toEqual({});
      expect(await erase(c.ref)).toEqual({ clients: 1, contacts: 3, users: 2 });
      expect(await count(sql`SELECT COUNT(*) AS n FROM users WHERE id IN (${shared}, ${c.userId})`)).toBe(0);
    });

    it('keeps a sign-in a staff member uses', async () => {
      const c = await client();
      const group = await createStaffGroup(app, home.companyId, []);
      const staff = await createStaff(app, { groupIds: [group.id] });
      await runner().run(sql`UPDATE contacts SET user_id = ${staff.userId} WHERE id = ${c.primaryContactId}`);
      expect(await kept(c.ref)).toEqual({ users: 1 });
      expect(await counts(c.ref)).toEqual(OWN);
      expect(await erase(c.ref)).toEqual(OWN);
      expect(await count(sql`SELECT COUNT(*) AS n FROM users WHERE id = ${staff.userId}`)).toBe(1);
    });

    it('keeps a sign-in another client uses, as its own or through a contact', async () => {
      const c = await client();
      const viaClient = await client();
      await runner().run(sql`UPDATE clients SET user_id = ${c.userId} WHERE id = ${viaClient.clientId}`);
      const contactUser = await createUser(app, 'contact-secret');
      const viaContact = await client();
      for (const contact of [c.primaryContactId, viaContact.primaryContactId]) {
        await runner().run(sql`UPDATE contacts SET user_id = ${contactUser} WHERE id = ${contact}`);
      }
      expect(await kept(c.ref)).toEqual({ users: 2 });
      expect(await counts(c.ref)).toEqual({ clients: 1, contacts: 1 });
      expect(await erase(c.ref)).toEqual({ clients: 1, contacts: 1 });
      expect(
        await count(sql`SELECT COUNT(*) AS n FROM users WHERE id IN (${c.userId}, ${contactUser})`),
      ).toBe(2);
    });
  });

  describe('counts', () => {
    it('counts and deletes a row found through two links once', async () => {
      const c = await client();
      const parent = await addService(app, home.companyId, c.clientId);
      const addon = await addService(app, home.companyId, c.clientId);
      await runner().run(sql`UPDATE services SET parent_service_id = ${parent} WHERE id = ${addon}`);
      await runner().run(
        sql`INSERT INTO contact_permissions (contact_id, client_id, area) VALUES (${c.primaryContactId}, ${c.clientId}, 'billing')`,
      );
      const expected = { ...OWN, services: 2, contact_permissions: 1 };
      expect(await counts(c.ref)).toEqual(expected);
      expect(await erase(c.ref)).toEqual(expected);
    });

    it("takes a payment-account access by its type: a card's id does not name a bank account", async () => {
      const c = await client();
      const other = await client();
      const db = runner();
      const card = await cardOf(c.primaryContactId);
      // another client's bank account under the same number as the client's card
      await db.run(
        sql`INSERT INTO accounts_ach (id, contact_id, first_name, last_name, country, type) VALUES (${card}, ${other.primaryContactId}, 'A', 'B', 'US', 'checking')`,
      );
      for (const type of ['cc', 'ach']) {
        await db.run(
          sql`INSERT INTO log_account_access (staff_id, first_name, last_name, type, account_type, account_id, date_accessed)
              VALUES (${home.staffId}, 'S', 'T', ${type}, 'visa', ${card}, ${db.date(new Date())})`,
        );
      }
      const expected = { ...OWN, accounts_cc: 1, log_account_access: 1 };
      expect(await counts(c.ref)).toEqual(expected);
      expect(await counts(other.ref)).toEqual({ ...OWN, accounts_ach: 1, log_account_access: 1 });
      expect(await erase(c.ref)).toEqual(expected);
    });

    async function cardOf(contactId: number): Promise<number> {
      const db = runner();
      const [{ id }] = await db.rows<{ id: number }>(
        sql`SELECT COALESCE(MAX(id), 0) + 1000 AS id FROM accounts_cc`,
      );
      await db.run(
        sql`INSERT INTO accounts_cc (id, contact_id, first_name, last_name, country, expiration, type, status)
            VALUES (${Number(id)}, ${contactId}, 'A', 'B', 'US', '2030-01', 'visa', 'active')`,
      );
      return Number(id);
    }
  });

  describe('verification', () => {
    it('rolls back with DeletionVerificationError when a delete leaves a row of the client', async () => {
      const c = await client();
      const rows = await guestRows(home, await emailOf(c.primaryContactId));
      const skipAddressMatch = (db: SqlRunner) =>
        new Intercepting(db, async (query) =>
          /^DELETE/.test(query.text) && /log_emails/.test(query.text) && /to_address_key/.test(query.text)
            ? 0
            : undefined,
        );
      await expect(erase(c.ref, { wrap: skipAddressMatch })).rejects.toThrow(
        new DeletionVerificationError('1 row(s) of log_emails still belong to the client'),
      );
      expect(await left(rows)).toBe(2);
      expect(await counts(c.ref)).toEqual({ ...OWN, ...CLAIMED });
    });

    it('sweeps every table again before commit: a row claimed after its table was deleted fails it', async () => {
      const c = await client();
      const address = await emailOf(c.primaryContactId);
      await expect(
        erase(c.ref, {
          beforeFinish: async (_run, db) => {
            await db.run(
              sql`INSERT INTO support_tickets (code, department_id, client_id, email, summary, priority, status, date_added)
                  VALUES (1, ${home.supportDepartmentId}, NULL, ${address}, 'Late', 'low', 'open', ${db.date(new Date())})`,
            );
          },
        }),
      ).rejects.toThrow(new DeletionVerificationError('rows still belong to the client: support_tickets: 1'));
      expect(await counts(c.ref)).toEqual(OWN);
    });

    it("refuses to finish while a plugin's tables are not deleted, and to delete a table twice", async () => {
      const c = await client();
      await expect(
        app.orm.em.fork().transactional(async (em) => {
          const run = executor.begin(new EmSqlRunner(em, app.driver), c.ref);
          await run.stage();
          await run.deleteTablesOf('order');
          return run.finish();
        }),
      ).rejects.toThrow(
        `plugins must delete their tables from their client.deleting handler: ${app.plan
          .tablesOf('support_manager')
          .map((t) => `support_manager: ${t}`)
          .join(', ')}`,
      );
      await expect(
        app.orm.em.fork().transactional(async (em) => {
          const run = executor.begin(new EmSqlRunner(em, app.driver), c.ref);
          await run.stage();
          await run.deleteTablesOf('order');
          await run.deleteTablesOf('order');
        }),
      ).rejects.toThrow(`table ${app.plan.tablesOf('order')[0]} deleted twice`);
      expect(await counts(c.ref)).toEqual(OWN);
    });
  });
});
