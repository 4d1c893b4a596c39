import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { describe } from 'vitest';
import type { DatabaseConfig } from '../../src/config';

/** A throwaway database for one test file: created empty, dropped afterwards. */
export interface TestDatabase {
  readonly name: 'sqlite' | 'mysql';
  create(): Promise<DatabaseConfig>;
  drop(): Promise<void>;
}

function sqliteDatabase(): TestDatabase {
  let dir: string | undefined;
  return {
    name: 'sqlite',
    async create() {
      dir = mkdtempSync(join(tmpdir(), 'erasure-test-'));
      return { driver: 'sqlite', file: join(dir, 'test.sqlite') };
    },
    async drop() {
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

function mysqlDatabase(serverUrl: string): TestDatabase {
  const dbName = `erasure_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = () => createConnection(serverUrl.replace(/\/[^/]*$/, '/'));
  return {
    name: 'mysql',
    async create() {
      const conn = await admin();
      await conn.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
      await conn.end();
      const url = new URL(serverUrl);
      url.pathname = `/${dbName}`;
      return { driver: 'mysql', url: url.toString(), dbName };
    },
    async drop() {
      const conn = await admin();
      await conn.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
      await conn.end();
    },
  };
}

/** SQLite always; MariaDB too when TEST_MYSQL_URL is set (e.g. mysql://root@127.0.0.1:3306/). */
export function testDatabases(): TestDatabase[] {
  const url = process.env.TEST_MYSQL_URL;
  return url ? [sqliteDatabase(), mysqlDatabase(url)] : [sqliteDatabase()];
}

/** `describe` once per database: the same specification holds on every driver. */
export function describeEachDatabase(title: string, body: (db: TestDatabase) => void): void {
  for (const db of testDatabases()) describe(`${title} [${db.name}]`, () => body(db));
}
