import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import contract from './fixtures/contract.json';
import type { App } from '../src/app';
import { ConfigError, loadConfig } from '../src/config';
import { EmSqlRunner } from '../src/db/sql-runner';
import { sql } from '../src/db/sql';
import { createTestApp } from './support/app';
import { describeEachDatabase } from './support/databases';

const linkTables: Record<string, Record<string, string>> = {
  ...contract.core,
  ...Object.assign({}, ...Object.values(contract.plugins)),
};
const specTables = Object.keys(linkTables);

interface ForeignKey {
  table: string;
  column: string;
  references: string;
}

/** Foreign keys as the database itself reports them. */
async function foreignKeys(app: App): Promise<ForeignKey[]> {
  const db = new EmSqlRunner(app.orm.em.fork(), app.driver);
  if (app.driver === 'mysql') {
    const rows = await db.rows<{ t: string; c: string; r: string }>(sql`
      SELECT TABLE_NAME AS t, COLUMN_NAME AS c, REFERENCED_TABLE_NAME AS r
        FROM information_schema.KEY_COLUMN_USAGE
       WHERE TABLE_SCHEMA = DATABASE() AND REFERENCED_TABLE_NAME IS NOT NULL`);
    return rows.map((r) => ({ table: r.t, column: r.c, references: r.r }));
  }
  const keys: ForeignKey[] = [];
  for (const table of await tableNames(app)) {
    const rows = await db.rows<{ from: string; table: string }>(
      sql`SELECT * FROM pragma_foreign_key_list(${table})`,
    );
    keys.push(...rows.map((r) => ({ table, column: r.from, references: r.table })));
  }
  return keys;
}

/** Columns that lead an index, per table, as the database reports them. */
async function indexedColumns(app: App): Promise<Set<string>> {
  const db = new EmSqlRunner(app.orm.em.fork(), app.driver);
  const set = new Set<string>();
  if (app.driver === 'mysql') {
    const rows = await db.rows<{ t: string; c: string }>(sql`
      SELECT TABLE_NAME AS t, COLUMN_NAME AS c FROM information_schema.STATISTICS
       WHERE TABLE_SCHEMA = DATABASE() AND SEQ_IN_INDEX = 1`);
    for (const r of rows) set.add(`${r.t}.${r.c}`);
    return set;
  }
  for (const table of await tableNames(app)) {
    const indexes = await db.rows<{ name: string }>(sql`SELECT name FROM pragma_index_list(${table})`);
    for (const index of indexes) {
      const cols = await db.rows<{ name: string; seqno: number }>(
        sql`SELECT name, seqno FROM pragma_index_info(${index.name})`,
      );
      const first = cols.find((c) => Number(c.seqno) === 0);
      if (first) set.add(`${table}.${first.name}`);
    }
  }
  return set;
}

async function tableNames(app: App): Promise<string[]> {
  const db = new EmSqlRunner(app.orm.em.fork(), app.driver);
  const rows =
    app.driver === 'sqlite'
      ? await db.rows<{ name: string }>(sql`SELECT name FROM sqlite_master WHERE type = 'table'`)
      : await db.rows<{ name: string }>(
          sql`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()`,
        );
  return rows.map((r) => r.name);
}

describeEachDatabase('schema and migrations', (db) => {
  let app: App;
  beforeAll(async () => {
    app = await createTestApp(await db.create());
  });
  afterAll(async () => {
    await app?.close();
    await db.drop();
  });

  it('creates every table of the spec, core and plugins', async () => {
    const tables = await tableNames(app);
    for (const table of specTables) expect(tables, table).toContain(table);
  });

  it('makes every link column a real, indexed foreign key (polymorphic account ids aside)', async () => {
    const keys = await foreignKeys(app);
    const indexed = await indexedColumns(app);
    let checked = 0;
    for (const [table, links] of Object.entries(linkTables)) {
      for (const [column, references] of Object.entries(links)) {
        expect(keys, `${table}.${column} -> ${references}`).toContainEqual({ table, column, references });
        expect(indexed.has(`${table}.${column}`), `${table}.${column} is indexed`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(60);
    // the two polymorphic columns, qualified by type, have no foreign key but are indexed
    expect(
      keys.filter(
        (k) => k.column === 'account_id' && ['client_account', 'log_account_access'].includes(k.table),
      ),
    ).toEqual([]);
    expect(indexed.has('log_account_access.type') || indexed.has('log_account_access.account_id')).toBe(true);
  });

  it('enforces foreign keys: a parent with children cannot be deleted', async () => {
    // The deletion relies on this: a child left behind would make its parent's delete fail.
    const db = new EmSqlRunner(app.orm.em.fork(), app.driver);
    await db.run(sql`INSERT INTO companies (name, hostname) VALUES ('FK check', 'fk.test')`);
    const [{ id }] = await db.rows<{ id: number }>(sql`SELECT MAX(id) AS id FROM companies`);
    await db.run(sql`INSERT INTO client_groups (company_id, name) VALUES (${id}, 'g')`);
    await expect(db.run(sql`DELETE FROM companies WHERE id = ${id}`)).rejects.toThrow(/foreign key/i);
  });

  it('applies migrations once: a second run has nothing to do', async () => {
    expect(await app.orm.getMigrator().getPendingMigrations()).toEqual([]);
    expect(await app.orm.getMigrator().up()).toEqual([]);
  });
});

describe('configuration', () => {
  it('has working defaults: embedded SQLite, port 4000, both plugins', () => {
    const config = loadConfig({});
    expect(config.database).toEqual({ driver: 'sqlite', file: './data/dev.sqlite' });
    expect(config.port).toBe(4000);
    expect(config.plugins).toEqual(['support_manager', 'order']);
  });

  it('reads DATABASE_URL for MariaDB', () => {
    expect(loadConfig({ DATABASE_URL: 'mysql://u:p@db.internal:3307/erasure' }).database).toEqual({
      driver: 'mysql',
      url: 'mysql://u:p@db.internal:3307/erasure',
      dbName: 'erasure',
    });
  });

  it.each([
    [{ PORT: 'eighty' }, /^PORT: /],
    [{ PORT: '70000' }, /^PORT: /],
    [{ DATABASE_URL: 'postgres://x/y' }, /^DATABASE_URL: unsupported scheme/],
    [{ DATABASE_URL: 'mysql://host:3306/' }, /^DATABASE_URL: the URL names no database/],
    [{ PLUGINS: 'order,billing_magic' }, /^PLUGINS: unknown plugin "billing_magic"/],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL: /],
    [{ SESSION_TTL_SECONDS: '5' }, /^SESSION_TTL_SECONDS: /],
    [{ AUTH_HMAC_KEY: 'too-short-a-key' }, /^AUTH_HMAC_KEY: must be at least 32 characters/],
  ])('refuses %o with one clear line', (env, message) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it('never echoes AUTH_HMAC_KEY in an error', () => {
    expect(() => loadConfig({ AUTH_HMAC_KEY: 'short-secret' })).toThrow(ConfigError);
    try {
      loadConfig({ AUTH_HMAC_KEY: 'short-secret' });
    } catch (e) {
      expect((e as Error).message).not.toContain('short-secret');
    }
  });

  it('never echoes a password from DATABASE_URL in an error', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://u:s3cret@host:3306/' })).toThrow(ConfigError);
    try {
      loadConfig({ DATABASE_URL: 'mysql://u:s3cret@host:3306/' });
    } catch (e) {
      expect((e as Error).message).not.toContain('s3cret');
    }
  });
});

describe('the contract copy', () => {
  it('matches the shared contract when it is beside the checkout', async () => {
    const { existsSync, readFileSync } = await import('node:fs');
    const shared = `${__dirname}/../../shared/contract.json`;
    // CI and developers have ../shared; a bare clone elsewhere uses the committed copy alone.
    if (!existsSync(shared)) return;
    expect(JSON.parse(readFileSync(shared, 'utf8'))).toEqual(contract);
  });
});
