import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app';
import { KNOWN_PLUGINS } from '../src/config';
import { createTestApp } from './support/app';
import { describeEachDatabase, testDatabases, type TestDatabase } from './support/databases';
import { schemaDiff, tablesIn } from './support/schema-diff';

/**
 * What MikroORM 6 cannot compare, checked here directly instead: it has no notion of a column's
 * collation. The address keys compare as bytes on MariaDB because of theirs (see
 * src/entities/contact.entity.ts); on SQLite text compares as bytes anyway.
 */
const KEY_COLUMNS = ['contacts.email_key', 'log_emails.to_address_key', 'support_tickets.email_key'];
const KEY_COLLATION = 'utf8mb4_nopad_bin';

/** The collation of each address key column on MariaDB, as `table.column` → collation. */
async function keyCollations(app: App): Promise<Record<string, string>> {
  const rows = await app.orm.em.fork().execute<{ t: string; c: string; collation: string }[]>(
    `SELECT TABLE_NAME AS t, COLUMN_NAME AS c, COLLATION_NAME AS collation FROM information_schema.COLUMNS
      WHERE TABLE_SCHEMA = DATABASE() AND CONCAT(TABLE_NAME, '.', COLUMN_NAME) IN (?, ?, ?)`,
    KEY_COLUMNS,
  );
  return Object.fromEntries(rows.map((r) => [`${r.t}.${r.c}`, r.collation]));
}

/** A fresh database of the same kind, migrated by a test app. */
async function migratedApp(kind: TestDatabase['name']): Promise<{ app: App; db: TestDatabase }> {
  const db = testDatabases().find((d) => d.name === kind)!;
  return { app: await createTestApp(await db.create()), db };
}

/**
 * Changes made behind the migrations' back, one table each, and the statement of the diff that
 * must answer each. They include what the corrections in test/support/schema-diff.ts touch (enum
 * defaults and nullable columns' defaults on MariaDB, enum values and generated columns on SQLite),
 * so those corrections are shown not to hide a real difference.
 */
interface Drift {
  what: string;
  table: string;
  sql: string[];
  expect: RegExp;
}

const addressKey = (column: string) => {
  let expression = `trim(${column})`;
  for (let code = 65; code <= 90; code++) {
    const upper = String.fromCharCode(code);
    expression = `replace(${expression}, '${upper}', '${upper.toLowerCase()}')`;
  }
  return expression;
};

const MYSQL_DRIFTS: Drift[] = [
  {
    what: 'an enum default',
    table: 'clients',
    sql: ["ALTER TABLE clients ALTER COLUMN status SET DEFAULT 'inactive'"],
    expect: /alter table `clients` modify `status` enum\([^)]*\) not null default 'active'/,
  },
  {
    what: 'a default on a nullable column',
    table: 'taxes',
    sql: ["ALTER TABLE taxes ALTER COLUMN name SET DEFAULT 'VAT'"],
    expect: /alter table `taxes` modify `name` varchar\(64\)/,
  },
  {
    what: 'an enum value',
    table: 'auth_attempts',
    sql: ["ALTER TABLE auth_attempts MODIFY result ENUM('pending', 'failure', 'refused') NOT NULL"],
    expect: /alter table `auth_attempts` modify `result` enum\('pending', 'failure', 'success', 'refused'\)/,
  },
  {
    what: 'a decimal default',
    table: 'invoices',
    sql: ['ALTER TABLE invoices ALTER COLUMN previous_due SET DEFAULT 1.0000'],
    expect: /alter table `invoices` modify `previous_due` .*default 0\.0000/,
  },
  {
    what: 'a generated expression',
    table: 'contacts',
    sql: [
      `ALTER TABLE contacts MODIFY email_key VARCHAR(255) CHARACTER SET utf8mb4 COLLATE ${KEY_COLLATION}
         GENERATED ALWAYS AS (lower(email)) VIRTUAL`,
    ],
    expect: /alter table `contacts` add `email_key` varchar\(255\) generated always as \(replace\(/,
  },
  {
    what: 'a nullable column made required (plugin table)',
    table: 'support_tickets',
    sql: ['ALTER TABLE support_tickets MODIFY email VARCHAR(255) NOT NULL'],
    expect: /alter table `support_tickets` modify `email` varchar\(255\) null/,
  },
  {
    what: 'a missing index',
    table: 'outbox_events',
    sql: ['ALTER TABLE outbox_events DROP INDEX outbox_events_status_available_at_index'],
    expect: /alter table `outbox_events` add index `outbox_events_status_available_at_index`/,
  },
];

const SQLITE_DRIFTS: Drift[] = [
  {
    what: 'an enum value',
    table: 'auth_attempts',
    sql: [
      'DROP TABLE auth_attempts',
      "CREATE TABLE `auth_attempts` (`id` integer not null primary key autoincrement, `subject_hash` char(64) not null, `attempted_at` datetime not null, `result` text check (`result` in ('pending', 'failure', 'refused')) not null)",
      'CREATE INDEX `auth_attempts_attempted_at_index` ON `auth_attempts` (`attempted_at`)',
      'CREATE INDEX `auth_attempts_subject_hash_result_attempted_at_index` ON `auth_attempts` (`subject_hash`, `result`, `attempted_at`)',
    ],
    expect:
      /create table `auth_attempts__temp_alter` .*check \(`result` in \('pending', 'failure', 'success', 'refused'\)\)/,
  },
  {
    what: 'a generated expression',
    table: 'contacts',
    sql: [
      'DROP INDEX contacts_email_key_client_id_index',
      'ALTER TABLE contacts DROP COLUMN email_key',
      'ALTER TABLE contacts ADD COLUMN email_key text GENERATED ALWAYS AS (lower(email)) VIRTUAL',
      'CREATE INDEX `contacts_email_key_client_id_index` ON `contacts` (`email_key`, `client_id`)',
    ],
    expect: new RegExp(
      'alter table `contacts` add column `email_key` text generated always as \\(' +
        addressKey('email').replace(/[()]/g, '\\$&'),
    ),
  },
  {
    what: 'a decimal default',
    table: 'invoices',
    sql: [
      'ALTER TABLE invoices ADD COLUMN previous_due__old numeric(12,4) not null default 1.0000',
      'UPDATE invoices SET previous_due__old = previous_due',
      'ALTER TABLE invoices DROP COLUMN previous_due',
      'ALTER TABLE invoices RENAME COLUMN previous_due__old TO previous_due',
    ],
    expect: /create table `invoices__temp_alter` .*`previous_due` numeric\(12,4\) not null default 0\.0000/,
  },
  {
    what: 'a column the entities do not have',
    table: 'companies',
    sql: ['ALTER TABLE companies ADD COLUMN fax2 text NULL'],
    expect: /alter table `companies` drop column `fax2`/,
  },
  {
    what: 'a missing index (plugin table)',
    table: 'support_tickets',
    sql: ['DROP INDEX support_tickets_email_key_client_id_department_id_index'],
    expect: /create index `support_tickets_email_key_client_id_department_id_index` on `support_tickets`/,
  },
];

describeEachDatabase('entities and migrations agree', (db) => {
  let app: App;

  beforeAll(async () => {
    app = await createTestApp(await db.create());
  });

  afterAll(async () => {
    await app?.close();
    await db.drop();
  });

  it('covers the core and every plugin', () => {
    expect(app.plugins.map((p) => p.name).sort()).toEqual([...KNOWN_PLUGINS].sort());
  });

  it('leaves nothing for a schema diff to do after the migrations', async () => {
    expect(await schemaDiff(app)).toBe('');
  });

  if (db.name === 'mysql') {
    it(`gives the address keys the ${KEY_COLLATION} collation`, async () => {
      expect(await keyCollations(app)).toEqual(
        Object.fromEntries(KEY_COLUMNS.map((c) => [c, KEY_COLLATION])),
      );
    });
  }

  describe('catches a database that drifted from the entities', () => {
    const drifts = db.name === 'mysql' ? MYSQL_DRIFTS : SQLITE_DRIFTS;
    let drifted: { app: App; db: TestDatabase } | undefined;
    let diff = '';

    beforeAll(async () => {
      drifted = await migratedApp(db.name);
      const em = drifted.app.orm.em.fork();
      for (const drift of drifts) for (const statement of drift.sql) await em.execute(statement);
      if (db.name === 'mysql') {
        // A collation the diff cannot see, for the direct check above.
        const [{ expr }] = await em.execute<{ expr: string }[]>(
          `SELECT GENERATION_EXPRESSION AS expr FROM information_schema.COLUMNS
            WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'log_emails' AND COLUMN_NAME = 'to_address_key'`,
        );
        await em.execute(
          `ALTER TABLE log_emails MODIFY to_address_key VARCHAR(255) CHARACTER SET utf8mb4
             COLLATE utf8mb4_unicode_ci GENERATED ALWAYS AS (${expr}) VIRTUAL`,
        );
      }
      diff = await schemaDiff(drifted.app);
    });

    afterAll(async () => {
      await drifted?.app.close();
      await drifted?.db.drop();
    });

    it('names exactly the drifted tables', () => {
      expect(tablesIn(diff)).toEqual(drifts.map((d) => d.table).sort());
    });

    for (const drift of drifts) {
      it(`answers ${drift.what} (${drift.table})`, () => {
        expect(diff).toMatch(drift.expect);
      });
    }

    if (db.name === 'mysql') {
      it('sees a key column collation only through the direct check', async () => {
        expect(tablesIn(diff)).not.toContain('log_emails');
        expect((await keyCollations(drifted!.app))['log_emails.to_address_key']).toBe('utf8mb4_unicode_ci');
      });
    }
  });
});
