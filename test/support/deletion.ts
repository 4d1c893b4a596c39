import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReferenceKind } from '@mikro-orm/core';
import type { App } from '../../src/app';
import { CORE } from '../../src/deletion/erasure-plan';
import type { TransactionHandler } from '../../src/events/event-bus';
import type { ErasurePlugin } from '../../src/plugins/plugin';
import { EmSqlRunner } from '../../src/db/sql-runner';
import { Sql, ident, sql } from '../../src/db/sql';
import { createCompanyFixtures, type CompanyFixtures } from '../../src/seed/company-fixtures';
import {
  fullShapeCounts,
  generateClient,
  type GenerateClientOptions,
  type GeneratedClient,
} from '../../src/seed/client-generator';
import { setTimeout as sleep } from 'node:timers/promises';
import { createConnection, type Connection, type RowDataPacket } from 'mysql2/promise';
import { expect } from 'vitest';
import {
  ClientDeletionPreviewDocument,
  ClientDeletionsDocument,
  DeleteClientDocument,
} from '../../src/generated/graphql';
import { Permission } from '../../src/permissions/rules';
import { startServer } from '../../src/server';
import { createCompanyWithStaff } from './fixtures';
import { gql } from './http';

/** The example preview operation (examples/client-deletion-preview.graphql). */
export function preview(url: string, token: string, id: number | string) {
  return gql(url, ClientDeletionPreviewDocument, { clientId: String(id) }, token);
}

/** The example delete operation (examples/delete-client.graphql). */
export function deleteClient(
  url: string,
  token: string,
  id: number | string,
  password: string,
  previewToken?: string,
) {
  return gql(
    url,
    DeleteClientDocument,
    { id: String(id), password, previewToken: previewToken ?? null },
    token,
  );
}

/** The example audit-list operation (examples/client-deletions.graphql). */
export function deletions(url: string, token: string, first: number) {
  return gql(url, ClientDeletionsDocument, { first }, token);
}

/** The preview of a client that exists: fails the test otherwise. */
export async function previewOf(url: string, token: string, id: number | string) {
  const res = await preview(url, token, id);
  return as(res.data?.clientDeletionPreview, 'ClientDeletionPreview');
}

/** The result union of a deleteClient call (fails the test on a thrown error). */
export async function deletionOf(
  url: string,
  token: string,
  id: number | string,
  password: string,
  previewToken?: string,
) {
  const res = await deleteClient(url, token, id, password, previewToken);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!.deleteClient;
}

/**
 * Narrows a result union to one member, failing the test with the actual result otherwise:
 * `const p = as(res.data?.clientDeletionPreview, 'ClientDeletionPreview')`.
 */
export function as<T extends { __typename?: string }, N extends NonNullable<T['__typename']>>(
  value: T | null | undefined,
  typename: N,
): Extract<T, { __typename?: N }> {
  expect(value?.__typename, JSON.stringify(value)).toBe(typename);
  return value as Extract<T, { __typename?: N }>;
}

/** Turns `[{ table, count }]` into `{ table: count }`. */
export function byTable(counts: readonly { table: string; count: number }[]): Record<string, number> {
  return Object.fromEntries(counts.map((c) => [c.table, c.count]));
}

/** Non-zero entries only. */
export function nonZero(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));
}

/** Every table the ORM knows, with its row count: a snapshot of the whole database. */
export async function rowCounts(app: App): Promise<Record<string, number>> {
  const db = new EmSqlRunner(app.orm.em.fork(), app.driver);
  const counts: Record<string, number> = {};
  for (const meta of Object.values(app.orm.getMetadata().getAll())) {
    const [{ n }] = await db.rows<{ n: number }>(sql`SELECT COUNT(*) AS n FROM ${ident(meta.tableName)}`);
    counts[meta.tableName] = Number(n);
  }
  return counts;
}

/** Tables with a text column containing `marker`, with the number of such rows. */
export async function tablesContaining(app: App, marker: string): Promise<Record<string, number>> {
  const db = new EmSqlRunner(app.orm.em.fork(), app.driver);
  const found: Record<string, number> = {};
  for (const meta of Object.values(app.orm.getMetadata().getAll())) {
    const all = meta.props
      .filter(
        (p) => p.kind === ReferenceKind.SCALAR && /char|text|json/i.test(String(p.columnTypes?.[0] ?? '')),
      )
      .flatMap((p) => p.fieldNames);
    if (all.length === 0) continue;
    const where = Sql.join(
      all.map((c) => sql`${ident(c)} LIKE ${`%${marker}%`}`),
      ' OR ',
    );
    const [{ n }] = await db.rows<{ n: number }>(
      sql`SELECT COUNT(*) AS n FROM ${ident(meta.tableName)} WHERE ${where}`,
    );
    if (Number(n) > 0) found[meta.tableName] = Number(n);
  }
  return found;
}

export interface Scenario {
  fixtures: CompanyFixtures;
  attachmentsDir: string;
}

export async function createScenario(app: App, companyName: string): Promise<Scenario> {
  const fixtures = await createCompanyFixtures(app.orm.em.fork(), {
    name: companyName,
    hostname: `${companyName.toLowerCase().replace(/\W+/g, '-')}.test`,
  });
  return { fixtures, attachmentsDir: app.config.attachmentsDir };
}

/**
 * A client with rows in every table of the spec (and of the installed plugins), except the
 * recurring-invoice tables unless a blocker shape asks for them: a recurring invoice blocks.
 */
export function fullShapeClient(
  app: App,
  scenario: Scenario,
  options: Partial<GenerateClientOptions> = {},
): Promise<GeneratedClient> {
  const plugins = app.config.plugins;
  return generateClient(app.orm.em.fork(), scenario.fixtures, {
    counts: fullShapeCounts(plugins, { recurring: options.blockerShape === 'recurring_invoice' }),
    plugins,
    app,
    attachmentsDir: scenario.attachmentsDir,
    writeAttachmentFiles: true,
    ...options,
  });
}

export function scratchDir(): string {
  return mkdtempSync(join(tmpdir(), 'erasure-files-'));
}

export function filesPresent(dir: string, files: readonly string[]): number {
  return files.filter((f) => existsSync(join(dir, f))).length;
}

/** A plugin with no tables of its own and one in-transaction `client.deleting` handler. */
export function handlerPlugin(name: string, handler: TransactionHandler<'client.deleting'>): ErasurePlugin {
  return {
    name,
    entities: [],
    migrations: { sqlite: [], mysql: [] },
    install({ events }) {
      events.onTransaction('client.deleting', name, handler);
    },
  };
}

/**
 * A company with its fixtures and a staff member who may view and delete its clients, served
 * over HTTP on a free port.
 */
export async function servedCompany(app: App, name: string) {
  const company = await createCompanyWithStaff(app, [Permission.viewClients, Permission.deleteClients]);
  const fixtures = await createCompanyFixtures(app.orm.em.fork(), {
    name,
    hostname: `${name.toLowerCase().replace(/\W+/g, '-')}.test`,
    companyId: company.companyId,
    staffId: company.staff.staffId,
  });
  const server = await startServer(app, { port: 0, host: '127.0.0.1' });
  return { staff: company.staff, fixtures, server };
}

/** Where a paused deletion waits: its transaction is open, with every lock it took so far. */
export interface DeletionPause {
  /** Resolves when the deletion has reached the pause. */
  readonly reached: Promise<void>;
  /** Lets the deletion go on to its verification and commit. */
  release(): void;
}

/**
 * A plugin that holds deletions open at will, so tests can interleave them with other work
 * deterministically. `pauseAt(clientId)` stops the next deletion of that client in its
 * `client.deleting` handler until released; with `afterAllDeletes` the handler first deletes every
 * core table, so the pause comes after the last delete, just before verification and commit.
 * `watch(clientId)` only reports that a deletion of the client got that far.
 */
export function deletionPauses(name = 'pauses') {
  const pauses = new Map<number, { pause: DeletionPause; arrive(): void; afterAllDeletes: boolean }>();
  const watched = new Map<number, () => void>();
  const plugin = handlerPlugin(name, async (event) => {
    watched.get(event.client.id)?.();
    const entry = pauses.get(event.client.id);
    if (!entry) return;
    // One deletion only: a later one of the same client (a twin that got this far) goes on.
    pauses.delete(event.client.id);
    if (entry.afterAllDeletes) await event.deleteTablesOf(CORE);
    entry.arrive();
    await released.get(entry.pause);
  });
  const released = new WeakMap<DeletionPause, Promise<void>>();
  return {
    plugin,
    pauseAt(clientId: number, options: { afterAllDeletes?: boolean } = {}): DeletionPause {
      let arrive!: () => void;
      let release!: () => void;
      const reached = new Promise<void>((resolve) => (arrive = resolve));
      const pause: DeletionPause = { reached, release: () => release() };
      released.set(pause, new Promise<void>((resolve) => (release = resolve)));
      pauses.set(clientId, { pause, arrive, afterAllDeletes: options.afterAllDeletes ?? false });
      return pause;
    },
    watch(clientId: number): Promise<void> {
      return new Promise<void>((resolve) => watched.set(clientId, resolve));
    },
  };
}

/** A plain connection to the app's MariaDB database, beside the service's own pool. */
export function plainConnection(app: App): Promise<Connection> {
  const database = app.config.database;
  if (database.driver !== 'mysql') throw new Error('a plain connection is for MariaDB tests');
  return createConnection(database.url);
}

/**
 * Whether, within `ms`, a transaction on the app's database starts waiting for a lock (MariaDB's
 * view of what the service's connections are doing). On SQLite, where a second writer waits for
 * the single connection instead, it answers false after `ms`.
 */
export async function someoneWaitsForALock(app: App, ms: number): Promise<boolean> {
  const database = app.config.database;
  if (database.driver !== 'mysql') {
    await sleep(ms);
    return false;
  }
  const conn = await plainConnection(app);
  try {
    for (const deadline = Date.now() + ms; Date.now() < deadline; await sleep(20)) {
      const [rows] = await conn.query<RowDataPacket[]>(
        `SELECT COUNT(*) AS n FROM information_schema.innodb_trx t
           JOIN information_schema.processlist p ON p.id = t.trx_mysql_thread_id
          WHERE t.trx_state = 'LOCK WAIT' AND p.db = ?`,
        [database.dbName],
      );
      if (Number(rows[0].n) > 0) return true;
    }
    return false;
  } finally {
    await conn.end();
  }
}
