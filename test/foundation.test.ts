import { afterAll, beforeAll, expect, it } from 'vitest';
import contract from '../../shared/contract.json';
import type { App } from '../src/app';
import { createTestApp } from './support/app';
import { describeEachDatabase } from './support/databases';

const specTables = [
  ...Object.keys(contract.core),
  ...Object.values(contract.plugins).flatMap((tables) => Object.keys(tables)),
];

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
    const tables = new Set(await app.orm.schema.getCreateSchemaSQL().then(() => listTables(app)));
    for (const table of specTables) expect(tables, table).toContain(table);
  });

  it('applies migrations once: a second run has nothing to do', async () => {
    const pending = await app.orm.getMigrator().getPendingMigrations();
    expect(pending).toEqual([]);
  });
});

async function listTables(app: App): Promise<string[]> {
  const rows =
    app.driver === 'sqlite'
      ? await app.orm.em
          .fork()
          .execute<{ name: string }[]>(`SELECT name FROM sqlite_master WHERE type = 'table'`)
      : await app.orm.em
          .fork()
          .execute<{ name: string }[]>(
            `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()`,
          );
  return rows.map((r) => r.name);
}
