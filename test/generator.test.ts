import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bcrypt from 'bcrypt';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import contract from './fixtures/contract.json';
import type { App } from '../src/app';
import { ident, sql, type Sql } from '../src/db/sql';
import {
  CORE_TABLES,
  PLUGIN_TABLES,
  RECURRING_TABLES,
  fullShapeCounts,
  generateClient,
  parentsFromPlan,
  profileForRows,
  tablesFor,
  type BlockerShape,
  type GeneratedClient,
  type RowCounts,
  type TableName,
} from '../src/seed/client-generator';
import type { ErasurePlan } from '../src/deletion/erasure-plan';
import type { ErasurePlugin } from '../src/plugins/plugin';
import type { PluginSeeder } from '../src/seed/client-generator';
import { orderPlugin } from '../src/plugins/order/order.plugin';
import { supportManagerPlugin } from '../src/plugins/support-manager/support-manager.plugin';
import {
  createCompanyFixtures,
  loadCompanyFixtures,
  type CompanyFixtures,
} from '../src/seed/company-fixtures';
import { ErasureSql } from '../src/deletion/erasure-sql';
import { DEMO_TOTP_SECRET, isSeeded, seedDemo } from '../src/seed/demo-seed';
import { LoginDocument } from '../src/generated/graphql';
import { startServer } from '../src/server';
import { gql } from './support/http';
import { generate as totpCode } from 'otplib';
import { createTestApp } from './support/app';
import { describeEachDatabase, testDatabases, type TestDatabase } from './support/databases';

const PLUGINS = ['support_manager', 'order'];

/**
 * How a row of each table belongs to client `c`, written here from SPEC 2.2 rather than taken
 * from the deleters, as a predicate on the row `x`.
 */
const contactsOf = (c: number) => sql`SELECT id FROM contacts WHERE client_id = ${c}`;
const emailsOf = (c: number) => sql`SELECT email FROM contacts WHERE client_id = ${c}`;
const usersOf = (c: number) =>
  sql`SELECT user_id FROM clients WHERE id = ${c} UNION SELECT user_id FROM contacts WHERE client_id = ${c} AND user_id IS NOT NULL`;
const ofClient = (table: string, c: number) => sql`SELECT id FROM ${ident(table)} WHERE client_id = ${c}`;
const invoicesOf = (c: number) => ofClient('invoices', c);
const servicesOf = (c: number) => ofClient('services', c);
const recurOf = (c: number) => ofClient('invoices_recur', c);
const quotationsOf = (c: number) => ofClient('quotations', c);
const transactionsOf = (c: number) => ofClient('transactions', c);
const ticketsOf = (c: number) =>
  sql`SELECT id FROM support_tickets WHERE client_id = ${c} OR (client_id IS NULL AND email IN (${emailsOf(c)}))`;
const ordersOf = (c: number) => sql`SELECT id FROM orders WHERE invoice_id IN (${invoicesOf(c)})`;
const accountsOf = (type: 'cc' | 'ach', c: number) =>
  sql`SELECT id FROM ${ident(`accounts_${type}`)} WHERE contact_id IN (${contactsOf(c)})`;

const byClient = (c: number) => sql`x.client_id = ${c}`;
const by = (column: string, ids: Sql) => sql`x.${ident(column)} IN (${ids})`;
const either = (a: Sql, b: Sql) => sql`(${a} OR ${b})`;

const OWNED: Record<TableName, (c: number) => Sql> = {
  clients: (c) => sql`x.id = ${c}`,
  client_settings: byClient,
  client_values: byClient,
  client_notes: byClient,
  client_packages: byClient,
  client_account: byClient,
  log_client_settings: byClient,
  module_client_meta: byClient,
  account_management_invitations: byClient,
  contacts: byClient,
  contact_numbers: (c) => by('contact_id', contactsOf(c)),
  email_verifications: (c) => by('contact_id', contactsOf(c)),
  log_contacts: (c) => by('contact_id', contactsOf(c)),
  contact_permissions: (c) => either(by('contact_id', contactsOf(c)), byClient(c)),
  accounts_cc: (c) => by('contact_id', contactsOf(c)),
  accounts_ach: (c) => by('contact_id', contactsOf(c)),
  log_account_access: (c) =>
    sql`((x.type = 'cc' AND x.account_id IN (${accountsOf('cc', c)})) OR (x.type = 'ach' AND x.account_id IN (${accountsOf('ach', c)})))`,
  users: (c) => by('id', usersOf(c)),
  user_otps: (c) => by('user_id', usersOf(c)),
  log_users: (c) => by('user_id', usersOf(c)),
  sessions: (c) => by('user_id', usersOf(c)),
  log_messenger: (c) => by('to_user_id', usersOf(c)),
  invoices: byClient,
  invoice_lines: (c) => by('invoice_id', invoicesOf(c)),
  invoice_delivery: (c) => by('invoice_id', invoicesOf(c)),
  invoice_meta: (c) => by('invoice_id', invoicesOf(c)),
  invoice_values: (c) => by('invoice_id', invoicesOf(c)),
  invoice_late_fees: (c) => by('invoice_id', invoicesOf(c)),
  invoice_line_taxes: (c) =>
    by('line_id', sql`SELECT id FROM invoice_lines WHERE invoice_id IN (${invoicesOf(c)})`),
  invoices_recur: byClient,
  invoice_recur_lines: (c) => by('invoice_recur_id', recurOf(c)),
  invoice_recur_delivery: (c) => by('invoice_recur_id', recurOf(c)),
  invoice_recur_values: (c) => by('invoice_recur_id', recurOf(c)),
  invoices_recur_created: (c) => either(by('invoice_recur_id', recurOf(c)), by('invoice_id', invoicesOf(c))),
  quotations: byClient,
  quotation_lines: (c) => by('quotation_id', quotationsOf(c)),
  quotation_line_taxes: (c) =>
    by('line_id', sql`SELECT id FROM quotation_lines WHERE quotation_id IN (${quotationsOf(c)})`),
  quotation_invoices: (c) => either(by('quotation_id', quotationsOf(c)), by('invoice_id', invoicesOf(c))),
  services: byClient,
  service_fields: (c) => by('service_id', servicesOf(c)),
  service_options: (c) => by('service_id', servicesOf(c)),
  log_services: (c) => by('service_id', servicesOf(c)),
  service_invoices: (c) => either(by('service_id', servicesOf(c)), by('invoice_id', invoicesOf(c))),
  service_changes: (c) => either(by('service_id', servicesOf(c)), by('invoice_id', invoicesOf(c))),
  transactions: byClient,
  transaction_applied: (c) =>
    either(by('transaction_id', transactionsOf(c)), by('invoice_id', invoicesOf(c))),
  log_transactions: (c) => by('transaction_id', transactionsOf(c)),
  log_emails: (c) =>
    sql`(x.to_client_id = ${c} OR (x.to_client_id IS NULL AND x.to_address IN (${emailsOf(c)})))`,
  support_tickets: (c) => sql`(x.client_id = ${c} OR (x.client_id IS NULL AND x.email IN (${emailsOf(c)})))`,
  support_replies: (c) => by('ticket_id', ticketsOf(c)),
  support_ticket_fields: (c) => by('ticket_id', ticketsOf(c)),
  support_attachments: (c) =>
    by('reply_id', sql`SELECT id FROM support_replies WHERE ticket_id IN (${ticketsOf(c)})`),
  orders: (c) => by('invoice_id', invoicesOf(c)),
  order_services: (c) => either(by('order_id', ordersOf(c)), by('service_id', servicesOf(c))),
  order_affiliates: byClient,
  order_affiliate_referrals: (c) =>
    either(by('affiliate_id', ofClient('order_affiliates', c)), by('order_id', ordersOf(c))),
};

async function scalar(app: App, query: Sql): Promise<number> {
  const rows = await app.orm.em.fork().execute<Record<string, unknown>[]>(query.text, [...query.params]);
  return Number(Object.values(rows[0])[0]);
}

/** Rows of each table that belong to the client, counted by {@link OWNED}. */
async function countOwned(app: App, clientId: number): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tablesFor(PLUGINS)) {
    counts[table] = await scalar(
      app,
      sql`SELECT COUNT(*) FROM ${ident(table)} x WHERE ${OWNED[table](clientId)}`,
    );
  }
  return counts;
}

async function countAll(app: App): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tablesFor(PLUGINS))
    counts[table] = await scalar(app, sql`SELECT COUNT(*) FROM ${ident(table)}`);
  return counts;
}

/** The three rules of SPEC 2.1, straight from the tables. */
async function blockerRows(app: App, clientId: number) {
  return {
    open_invoice: await scalar(
      app,
      sql`SELECT COUNT(*) FROM invoices WHERE client_id = ${clientId} AND status IN ('active', 'proforma') AND date_closed IS NULL`,
    ),
    recurring_invoice: await scalar(
      app,
      sql`SELECT COUNT(*) FROM invoices_recur WHERE client_id = ${clientId}`,
    ),
    active_service: await scalar(
      app,
      sql`SELECT COUNT(*) FROM services WHERE client_id = ${clientId} AND status IN ('active', 'suspended')`,
    ),
  };
}

let sequence = 0;
async function newCompany(app: App): Promise<CompanyFixtures> {
  sequence += 1;
  return createCompanyFixtures(app.orm.em.fork(), {
    name: `Generator ${sequence}`,
    hostname: `generator-${sequence}.example.test`,
  });
}

function generate(
  app: App,
  fixtures: CompanyFixtures,
  counts: RowCounts,
  extra: { marker?: string; blockerShape?: BlockerShape; attachmentsDir?: string } = {},
) {
  return generateClient(app.orm.em.fork(), fixtures, { counts, plugins: PLUGINS, app, ...extra });
}

function nonZero(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));
}

describe('client generator tables', () => {
  // The plan of the core and both plugins; no table is read, so an in-memory database will do.
  let plan: ErasurePlan;
  let planApp: App | undefined;
  beforeAll(async () => {
    planApp = await createTestApp({ driver: 'sqlite', file: ':memory:' }, { migrate: false });
    plan = planApp.plan;
  });
  afterAll(async () => {
    await planApp?.close();
  });

  it('lists exactly the tables of SPEC 2.2, core and plugins', () => {
    expect([...CORE_TABLES].sort()).toEqual(Object.keys(contract.core).sort());
    expect(Object.keys(PLUGIN_TABLES).sort()).toEqual(Object.keys(contract.plugins).sort());
    for (const [plugin, tables] of Object.entries(contract.plugins)) {
      expect([...PLUGIN_TABLES[plugin as keyof typeof PLUGIN_TABLES]].sort()).toEqual(
        Object.keys(tables).sort(),
      );
    }
  });

  it('profileForRows sums to the total asked for, whatever the size', () => {
    for (const total of [3, 50, 199, 200, 3_000, 10_000, 100_000, 1_000_000]) {
      const profile = profileForRows(total, PLUGINS, { plan });
      expect(
        Object.values(profile).reduce((a, b) => a + b, 0),
        `total ${total}`,
      ).toBe(total);
      expect(profile.clients).toBe(1);
    }
  });

  it('profileForRows leaves out the blocking recurring invoices and the plugins not installed', () => {
    const profile = profileForRows(10_000, [], { plan });
    for (const table of RECURRING_TABLES) expect(profile[table], table).toBe(0);
    expect(Object.keys(profile)).not.toContain('support_tickets');
    expect(Object.keys(profile)).not.toContain('orders');
  });

  it('derives the parents of every table of the plan from its links', () => {
    const parents = parentsFromPlan(plan);
    expect(Object.keys(parents).sort()).toEqual([...plan.order].sort());
    expect(Object.keys(parents).sort()).toEqual([...tablesFor(PLUGINS)].sort());
    for (const [table, rule] of Object.entries(parents)) {
      for (const parent of [...rule.all, ...(rule.any ?? [])]) expect(plan.has(parent), table).toBe(true);
    }
    // A row with two parent links holds an id of each, so both need rows.
    expect(parents.invoices_recur_created).toEqual({ all: ['invoices_recur', 'invoices'] });
    expect(parents.service_invoices).toEqual({ all: ['services', 'invoices'] });
    expect(parents.service_changes).toEqual({ all: ['services', 'invoices'] });
    expect(parents.transaction_applied).toEqual({ all: ['transactions', 'invoices'] });
    expect(parents.quotation_invoices).toEqual({ all: ['quotations', 'invoices'] });
    expect(parents.order_services).toEqual({ all: ['orders', 'services'] });
    expect(parents.order_affiliate_referrals).toEqual({ all: ['order_affiliates', 'orders'] });
    expect(parents.invoice_line_taxes).toEqual({ all: ['invoice_lines'] });
    expect(parents.support_attachments).toEqual({ all: ['support_replies'] });
    expect(parents.orders).toEqual({ all: ['invoices'] });
    // A client link is the client: only the parent link is a requirement.
    expect(parents.contact_permissions).toEqual({ all: ['contacts'] });
    // The polymorphic account, the one override: a card or a bank account will do.
    expect(parents.client_account).toEqual({ all: [], any: ['accounts_cc', 'accounts_ach'] });
    expect(parents.log_account_access).toEqual({ all: [], any: ['accounts_cc', 'accounts_ach'] });
    // Add-ons point at the client's own services; users are named by the client and its contacts.
    expect(parents.services).toEqual({ all: [] });
    expect(parents.users).toEqual({ all: [] });
    expect(parents.log_emails).toEqual({ all: [] });
    expect(parents.support_tickets).toEqual({ all: [] });
  });
});

describeEachDatabase('generateClient', (db) => {
  let app: App;
  let attachmentsDir: string;

  beforeAll(async () => {
    attachmentsDir = mkdtempSync(join(tmpdir(), 'erasure-attachments-'));
    app = await createTestApp(await db.create(), { env: { ATTACHMENTS_DIR: attachmentsDir } });
  });
  afterAll(async () => {
    await app?.close();
    await db.drop();
    rmSync(attachmentsDir, { recursive: true, force: true });
  });

  describe('with the full shape', () => {
    const marker = `mk${randomBytes(3).toString('hex')}`;
    let fixtures: CompanyFixtures;
    let client: GeneratedClient;
    const counts = fullShapeCounts(PLUGINS);

    beforeAll(async () => {
      fixtures = await newCompany(app);
      client = await generate(app, fixtures, counts, { marker, attachmentsDir });
    });

    it('has every table of the spec, with 1 to 5 rows each', () => {
      for (const table of tablesFor(PLUGINS)) {
        expect(counts[table], table).toBeGreaterThanOrEqual(1);
        expect(counts[table], table).toBeLessThanOrEqual(5);
      }
    });

    it('inserts exactly the rows asked for, each belonging to the client', async () => {
      expect(await countOwned(app, client.clientId)).toEqual(counts);
      expect(client.counts).toEqual(counts);
    });

    it('is found row for row by the erasure plan the entities declare', async () => {
      const ref = { id: client.clientId, companyId: fixtures.companyId };
      for (const table of tablesFor(PLUGINS)) {
        const ids = new ErasureSql(app.plan, ref, 'live', app.driver).idsOf(table);
        expect(await scalar(app, sql`SELECT COUNT(*) FROM (${ids}) owned`), table).toBe(counts[table]);
      }
    });

    it('puts the marker into every text column long enough to hold it', async () => {
      const tables = new Set<string>(tablesFor(PLUGINS));
      const unmarked: string[] = [];
      const checked: string[] = [];
      for (const meta of Object.values(app.orm.getMetadata().getAll())) {
        if (!tables.has(meta.tableName)) continue;
        const table = meta.tableName as TableName;
        for (const prop of Object.values(meta.props)) {
          // Column types, not runtime types: those are unknown for nullable columns without type info.
          const columnType = String(prop.columnTypes?.[0] ?? '');
          if (prop.kind !== 'scalar' || prop.enum || !/^(var)?char|text/i.test(columnType)) continue;
          const declared = /\((\d+)\)/.exec(columnType)?.[1];
          const max = prop.length ?? (declared ? Number(declared) : Number.POSITIVE_INFINITY);
          if (max < marker.length) continue;
          const column = ident(prop.fieldNames[0]);
          checked.push(`${table}.${prop.fieldNames[0]}`);
          const missing = await scalar(
            app,
            sql`SELECT COUNT(*) FROM ${ident(table)} x WHERE ${OWNED[table](client.clientId)}
                AND (x.${column} IS NULL OR x.${column} NOT LIKE ${`%${marker}%`})`,
          );
          if (missing > 0) unmarked.push(`${table}.${prop.fieldNames[0]}`);
        }
      }
      expect(unmarked).toEqual([]);
      for (const column of [
        'contacts.email',
        'users.username',
        'log_emails.body_text',
        'support_attachments.file_name',
      ]) {
        expect(checked).toContain(column);
      }
      expect(checked.length).toBeGreaterThan(90);
    });

    it('gives every contact an address no other client uses', async () => {
      const other = await generate(app, fixtures, { contacts: 2 });
      for (const email of client.contactEmails) {
        expect(email).toContain(marker);
        expect(await scalar(app, sql`SELECT COUNT(*) FROM contacts WHERE email = ${email}`)).toBe(1);
      }
      expect(other.contactEmails.some((e) => client.contactEmails.includes(e))).toBe(false);
    });

    it('links email log rows and tickets without a client id by a contact address', async () => {
      const c = client.clientId;
      const unlinkedEmails = await scalar(
        app,
        sql`SELECT COUNT(*) FROM log_emails WHERE to_client_id IS NULL AND to_address IN (${emailsOf(c)})`,
      );
      const unlinkedTickets = await scalar(
        app,
        sql`SELECT COUNT(*) FROM support_tickets WHERE client_id IS NULL AND email IN (${emailsOf(c)})`,
      );
      expect(unlinkedEmails).toBeGreaterThan(0);
      expect(unlinkedTickets).toBeGreaterThan(0);
    });

    it('makes add-on services of its own services and spreads account statuses', async () => {
      const c = client.clientId;
      const addons = await scalar(
        app,
        sql`SELECT COUNT(*) FROM services s JOIN services p ON p.id = s.parent_service_id
            WHERE s.client_id = ${c} AND p.client_id = ${c}`,
      );
      expect(addons).toBeGreaterThan(0);
      const statuses = async (table: string) =>
        (
          await app.orm.em
            .fork()
            .execute<{ status: string }[]>(
              `SELECT DISTINCT a.status FROM ${table} a JOIN contacts k ON k.id = a.contact_id WHERE k.client_id = ? ORDER BY a.status`,
              [c],
            )
        ).map((r) => r.status);
      expect(await statuses('accounts_cc')).toEqual(['active', 'inactive']);
      expect(await statuses('accounts_ach')).toEqual(['active', 'inactive', 'unverified']);
    });

    it('writes one file per attachment under the attachments directory', async () => {
      expect(client.attachmentFiles).toHaveLength(counts.support_attachments);
      const rows = await app.orm.em.fork().execute<{ file_name: string }[]>(
        `SELECT a.file_name FROM support_attachments a JOIN support_replies r ON r.id = a.reply_id
           JOIN support_tickets t ON t.id = r.ticket_id WHERE t.department_id = ?`,
        [fixtures.supportDepartmentId],
      );
      expect(rows.map((r) => r.file_name).sort()).toEqual([...client.attachmentFiles].sort());
      for (const file of client.attachmentFiles)
        expect(existsSync(join(attachmentsDir, file)), file).toBe(true);
    });
  });

  it('generates exactly the profile of 3000 rows', async () => {
    const profile = profileForRows(3_000, PLUGINS, { plan: app.plan });
    expect(Object.values(profile).reduce((a, b) => a + b, 0)).toBe(3_000);
    for (const table of tablesFor(PLUGINS)) {
      if (RECURRING_TABLES.includes(table)) expect(profile[table], table).toBe(0);
      else expect(profile[table], table).toBeGreaterThanOrEqual(1);
    }
    const client = await generate(app, await newCompany(app), profile);
    expect(client.total).toBe(3_000);
    expect(await countOwned(app, client.clientId)).toEqual(profile);
  });

  it('generates a valid client from a small profile', async () => {
    const profile = profileForRows(50, PLUGINS, { plan: app.plan });
    const client = await generate(app, await newCompany(app), profile);
    expect(await countOwned(app, client.clientId)).toEqual(profile);
  });

  it('keeps two clients of one database apart: no row belongs to both', async () => {
    const fixtures = await newCompany(app);
    const before = await countAll(app);
    const first = await generate(app, fixtures, fullShapeCounts(PLUGINS));
    const second = await generate(app, fixtures, profileForRows(600, PLUGINS, { plan: app.plan }));
    const after = await countAll(app);

    expect(await countOwned(app, first.clientId)).toEqual(first.counts);
    expect(await countOwned(app, second.clientId)).toEqual(second.counts);
    for (const table of tablesFor(PLUGINS)) {
      expect(after[table] - before[table], table).toBe(first.counts[table] + second.counts[table]);
    }
  });

  it('can add clients to an existing company through its loaded fixtures', async () => {
    const created = await newCompany(app);
    const loaded = await loadCompanyFixtures(app.orm.em.fork(), created.companyId);
    expect(loaded).toEqual(created);
  });

  describe('blocker shapes', () => {
    const shapes: BlockerShape[] = ['open_invoice', 'recurring_invoice', 'active_service'];
    let fixtures: CompanyFixtures;
    beforeAll(async () => {
      fixtures = await newCompany(app);
    });

    it('blocks nothing without a shape', async () => {
      const client = await generate(app, fixtures, fullShapeCounts(PLUGINS, { recurring: false }));
      expect(await blockerRows(app, client.clientId)).toEqual({
        open_invoice: 0,
        recurring_invoice: 0,
        active_service: 0,
      });
    });

    for (const shape of shapes) {
      it(`${shape} blocks by that rule of SPEC 2.1 and no other`, async () => {
        const client = await generate(app, fixtures, fullShapeCounts(PLUGINS, { recurring: false }), {
          blockerShape: shape,
        });
        const rows = await blockerRows(app, client.clientId);
        for (const other of shapes) {
          if (other === shape) expect(rows[other], other).toBeGreaterThan(0);
          else expect(rows[other], other).toBe(0);
        }
      });
    }

    it('raises the blocking table to one row when the counts have none', async () => {
      const client = await generate(app, fixtures, {}, { blockerShape: 'active_service' });
      expect(client.counts.services).toBe(1);
      expect((await blockerRows(app, client.clientId)).active_service).toBe(1);
    });
  });

  describe('refuses counts it cannot satisfy', () => {
    let fixtures: CompanyFixtures;
    beforeAll(async () => {
      fixtures = await newCompany(app);
    });

    it('names the child table and its missing parent', async () => {
      await expect(generate(app, fixtures, { invoice_lines: 3 })).rejects.toThrow(/invoice_lines.*invoices/);
      await expect(generate(app, fixtures, { service_invoices: 1, services: 1 })).rejects.toThrow(
        /service_invoices.*invoices/,
      );
      await expect(generate(app, fixtures, { log_account_access: 1 })).rejects.toThrow(
        /log_account_access.*accounts_cc/,
      );
    });

    it('refuses rows of every table whose parents, by the plan, have none', async () => {
      // Users and contacts always have rows: the client's own user, the primary contact.
      const always = ['users', 'contacts'];
      const refused: string[] = [];
      for (const [table, rule] of Object.entries(parentsFromPlan(app.plan))) {
        const needed = [...rule.all, ...(rule.any ?? [])].filter((p) => !always.includes(p));
        if (needed.length === 0) continue;
        await expect(generate(app, fixtures, { [table]: 1 }), table).rejects.toThrow(
          new RegExp(`^counts\\.${table} is 1, but ${needed.join(' and ')} (is|are) 0`),
        );
        refused.push(table);
      }
      expect(refused).toHaveLength(28);
    });

    it('needs a contact for every user beyond the client’s own', async () => {
      await expect(generate(app, fixtures, { users: 3, contacts: 1 })).rejects.toThrow(/users.*contacts/);
    });

    it('refuses plugin tables of plugins that are not installed', async () => {
      await expect(
        generateClient(app.orm.em.fork(), fixtures, { counts: { support_tickets: 1 }, plugins: ['order'] }),
      ).rejects.toThrow(/support_manager/);
    });

    it('leaves nothing behind when it refuses', async () => {
      expect(
        await scalar(
          app,
          sql`SELECT COUNT(*) FROM clients c JOIN client_groups g ON g.id = c.client_group_id WHERE g.company_id = ${fixtures.companyId}`,
        ),
      ).toBe(0);
    });
  });
});

describeEachDatabase('plugin seeders', (sharedDb) => {
  // The order plugin and a third-party probe are enabled; support_manager is not.
  let db: TestDatabase;
  let app: App;
  const probe = vi.fn<PluginSeeder['seed']>(async () => {});
  const probePlugin: ErasurePlugin = {
    name: 'seed_probe',
    entities: [],
    migrations: { sqlite: [], mysql: [] },
    seed: { seed: probe },
  };

  beforeAll(async () => {
    db = testDatabases().find((d) => d.name === sharedDb.name)!;
    app = await createTestApp(await db.create(), { env: { PLUGINS: 'order' }, plugins: [probePlugin] });
  });
  afterAll(async () => {
    await app?.close();
    await db.drop();
  });

  it('runs the seeders of the enabled plugins a generation names, and no other', async () => {
    const order = vi.spyOn(orderPlugin.seed!, 'seed');
    const support = vi.spyOn(supportManagerPlugin.seed!, 'seed');
    try {
      const fixtures = await createCompanyFixtures(app.orm.em.fork(), {
        name: 'Seeders',
        hostname: 'seeders.example.test',
      });
      const generate = (plugins: string[]) =>
        generateClient(app.orm.em.fork(), fixtures, { counts: fullShapeCounts(['order']), plugins, app });

      const client = await generate(['order', 'seed_probe']);
      expect(order).toHaveBeenCalledOnce();
      expect(probe).toHaveBeenCalledOnce();
      expect(probe.mock.calls[0][0].clientId).toBe(client.clientId);
      expect(
        await scalar(app, sql`SELECT COUNT(*) FROM orders x WHERE ${OWNED.orders(client.clientId)}`),
      ).toBe(client.counts.orders);

      // Enabled but not named: its seeder does not run.
      await generate(['order']);
      expect(order).toHaveBeenCalledTimes(2);
      expect(probe).toHaveBeenCalledOnce();

      // Named but not enabled: refused before anything is written.
      await expect(generate(['order', 'support_manager'])).rejects.toThrow(/support_manager is not enabled/);
      expect(order).toHaveBeenCalledTimes(2);
      expect(support).not.toHaveBeenCalled();
    } finally {
      order.mockRestore();
      support.mockRestore();
    }
  });
});

describeEachDatabase('seedDemo', (sharedDb) => {
  // The demo seed needs an empty database: a fresh one, not the one other tests fill.
  let db: TestDatabase;
  let app: App;
  let attachmentsDir: string;
  const password = 'demo-password-for-tests';

  beforeAll(async () => {
    db = testDatabases().find((d) => d.name === sharedDb.name)!;
    attachmentsDir = mkdtempSync(join(tmpdir(), 'erasure-seed-attachments-'));
    app = await createTestApp(await db.create(), { env: { ATTACHMENTS_DIR: attachmentsDir } });
  });
  afterAll(async () => {
    await app?.close();
    await db.drop();
    rmSync(attachmentsDir, { recursive: true, force: true });
  });

  it('seeds the two companies, their staff and the demo clients, once', async () => {
    expect(await isSeeded(app.orm.em.fork())).toBe(false);
    const summary = await seedDemo(app, { password });
    expect(summary).not.toBeNull();
    expect(await isSeeded(app.orm.em.fork())).toBe(true);

    const companies = await app.orm.em
      .fork()
      .execute<{ id: number; name: string }[]>('SELECT id, name FROM companies ORDER BY id');
    expect(companies.map((c) => c.name)).toEqual(['Demo Hosting', 'Other Hosting']);
    const [demo, other] = companies.map((c) => Number(c.id));

    const staff = await app.orm.em.fork().execute<
      {
        email: string;
        first_name: string;
        password: string;
        company_id: number;
        permission: string | null;
      }[]
    >(
      `SELECT s.email, s.first_name, u.password, g.company_id, p.permission
       FROM staff s JOIN users u ON u.id = s.user_id
       JOIN staff_group m ON m.staff_id = s.id JOIN staff_groups g ON g.id = m.staff_group_id
       LEFT JOIN staff_group_permissions p ON p.staff_group_id = g.id ORDER BY s.email, p.permission`,
    );
    const permissions = (email: string) => staff.filter((s) => s.email === email).map((s) => s.permission);
    expect(permissions('admin@example.com')).toEqual(['admin_clients.delete', 'admin_clients.view']);
    expect(permissions('viewer@example.com')).toEqual(['admin_clients.view']);
    expect(permissions('totp@example.com')).toEqual(['admin_clients.delete', 'admin_clients.view']);
    expect(permissions('admin@other.example')).toEqual(['admin_clients.delete', 'admin_clients.view']);
    expect(new Set(staff.map((s) => s.email)).size).toBe(4);
    // Every staff member has a sign-in of their own.
    expect(
      await scalar(
        app,
        sql`SELECT COUNT(*) FROM staff s JOIN staff t ON t.user_id = s.user_id AND t.id <> s.id`,
      ),
    ).toBe(0);
    const twoFactor = await app.orm.em
      .fork()
      .execute<{ email: string; two_factor_mode: string; two_factor_key: string | null }[]>(
        `SELECT s.email, u.two_factor_mode, u.two_factor_key FROM staff s JOIN users u ON u.id = s.user_id ORDER BY s.email`,
      );
    expect(twoFactor.map((r) => [r.email, r.two_factor_mode, r.two_factor_key])).toEqual([
      ['admin@example.com', 'none', null],
      ['admin@other.example', 'none', null],
      ['totp@example.com', 'totp', DEMO_TOTP_SECRET],
      ['viewer@example.com', 'none', null],
    ]);
    for (const s of staff) {
      expect(Number(s.company_id)).toBe(s.email === 'admin@other.example' ? other : demo);
      expect(s.first_name).not.toBe('');
      expect(await bcrypt.compare(password, s.password), s.email).toBe(true);
      expect(await bcrypt.compare('wrong password', s.password), s.email).toBe(false);
    }

    const shared = await scalar(
      app,
      sql`SELECT COUNT(*) FROM staff s WHERE s.user_id IN (SELECT user_id FROM clients)
          OR s.user_id IN (SELECT user_id FROM contacts WHERE user_id IS NOT NULL)`,
    );
    expect(shared).toBe(0);

    const clients = await app.orm.em.fork().execute<{ id: number; company_id: number; name: string }[]>(
      `SELECT c.id, g.company_id, ${app.driver === 'sqlite' ? "k.first_name || ' ' || k.last_name" : "CONCAT(k.first_name, ' ', k.last_name)"} AS name
       FROM clients c JOIN client_groups g ON g.id = c.client_group_id
       JOIN contacts k ON k.client_id = c.id AND k.contact_type = 'primary' ORDER BY c.id`,
    );
    const byName = new Map(
      clients.map((c) => [c.name, { id: Number(c.id), companyId: Number(c.company_id) }]),
    );
    for (const name of [
      'Ada Deletable',
      'Otto Openinvoice',
      'Rita Recurring',
      'Sam Activeservice',
      'Lars Large',
    ]) {
      expect(byName.get(name)?.companyId, name).toBe(demo);
    }
    expect(clients.filter((c) => Number(c.company_id) === other)).toHaveLength(2);
    expect(summary!.clients.map((c) => c.id).sort()).toEqual(clients.map((c) => Number(c.id)).sort());

    expect(await blockerRows(app, byName.get('Ada Deletable')!.id)).toEqual({
      open_invoice: 0,
      recurring_invoice: 0,
      active_service: 0,
    });
    expect((await blockerRows(app, byName.get('Otto Openinvoice')!.id)).open_invoice).toBeGreaterThan(0);
    expect((await blockerRows(app, byName.get('Rita Recurring')!.id)).recurring_invoice).toBeGreaterThan(0);
    expect((await blockerRows(app, byName.get('Sam Activeservice')!.id)).active_service).toBeGreaterThan(0);
    const large = await countOwned(app, byName.get('Lars Large')!.id);
    expect(Object.values(large).reduce((a, b) => a + b, 0)).toBe(20_000);
    expect(nonZero(await countOwned(app, byName.get('Ada Deletable')!.id))).toEqual(
      nonZero(fullShapeCounts(PLUGINS, { recurring: false })),
    );

    const totals = await countAll(app);
    expect(await seedDemo(app, { password })).toBeNull();
    expect(await countAll(app)).toEqual(totals);
    expect(await scalar(app, sql`SELECT COUNT(*) FROM companies`)).toBe(2);
  });

  it('lets totp@example.com sign in with the password and a code of DEMO_TOTP_SECRET', async () => {
    const server = await startServer(app, { port: 0, host: '127.0.0.1' });
    try {
      const email = 'totp@example.com';
      const first = await gql(server.url, LoginDocument, { email, password });
      expect(first.data?.login.__typename).toBe('SecondFactorRequiredError');
      const otp = await totpCode({ secret: DEMO_TOTP_SECRET });
      const second = await gql(server.url, LoginDocument, { email, password, otp });
      expect(second.data?.login.__typename).toBe('LoginSuccess');
    } finally {
      await server.close();
    }
  });
});
