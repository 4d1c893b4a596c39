import 'reflect-metadata';
import { MikroORM as SqliteOrm, BetterSqliteDriver } from '@mikro-orm/better-sqlite';
import { MikroORM as MySqlOrm, MySqlDriver } from '@mikro-orm/mysql';
import type { AbstractSqlDriver, SqlEntityManager } from '@mikro-orm/knex';
import { TableNotFoundException, type MikroORM, type Options } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DatabaseConfig } from '../config';
import { CORE_ENTITIES } from '../entities';
import type { ErasurePlugin } from '../plugins/plugin';
import { coreMigrations } from '../migrations';

export type Driver = DatabaseConfig['driver'];

/** Where the migrator records what it applied. */
const MIGRATIONS_TABLE = 'mikro_orm_migrations';
/** The ORM over either driver; both are SQL drivers with the same EntityManager API. */
export type Orm = MikroORM<AbstractSqlDriver, SqlEntityManager>;
export type Em = SqlEntityManager;

export interface OrmOptions {
  database: DatabaseConfig;
  plugins: readonly ErasurePlugin[];
  debug?: boolean;
  /** Pool size for MariaDB; SQLite always has one connection. */
  poolMax?: number;
}

/**
 * Entities of the core and of every enabled plugin: a disabled plugin's tables are unknown to
 * the ORM, so nothing can read or write them.
 */
export function entitiesFor(plugins: readonly ErasurePlugin[]) {
  return [...CORE_ENTITIES, ...plugins.flatMap((p) => p.entities)];
}

/**
 * Migrations are composed from the core's list and each enabled plugin's list, so a plugin's
 * tables exist exactly when the plugin is installed. Names are prefixed by their owner and are
 * unique across the project.
 */
export function migrationsFor(driver: Driver, plugins: readonly ErasurePlugin[]) {
  return [...coreMigrations[driver], ...plugins.flatMap((p) => p.migrations[driver])];
}

function baseOptions(opts: OrmOptions) {
  return {
    entities: entitiesFor(opts.plugins),
    debug: opts.debug ?? false,
    forceUtcTimezone: true,
    allowGlobalContext: false,
    discovery: { warnWhenNoEntities: true, requireEntitiesArray: true },
    extensions: [Migrator],
    migrations: {
      tableName: MIGRATIONS_TABLE,
      migrationsList: migrationsFor(opts.database.driver, opts.plugins),
      // MariaDB commits implicitly around DDL, so a transaction there would only pretend.
      transactional: opts.database.driver === 'sqlite',
      allOrNothing: opts.database.driver === 'sqlite',
      snapshot: false,
      silent: true,
    },
  } satisfies Partial<Options>;
}

export async function createOrm(opts: OrmOptions): Promise<Orm> {
  const db = opts.database;
  if (db.driver === 'sqlite') {
    if (db.file !== ':memory:') mkdirSync(dirname(db.file), { recursive: true });
    const orm = await SqliteOrm.init({
      ...baseOptions(opts),
      driver: BetterSqliteDriver,
      dbName: db.file,
    });
    return orm as unknown as Orm;
  }
  const orm = await MySqlOrm.init({
    ...baseOptions(opts),
    driver: MySqlDriver,
    clientUrl: db.url,
    dbName: db.dbName,
    timezone: '+00:00',
    pool: { min: 0, max: opts.poolMax ?? 10 },
  });
  return orm as unknown as Orm;
}

export function driverOf(orm: Orm): Driver {
  return orm.em.getDriver() instanceof BetterSqliteDriver ? 'sqlite' : 'mysql';
}

/** Applies pending core and plugin migrations. */
export async function migrate(orm: Orm): Promise<void> {
  await orm.getMigrator().up();
}

/** The database has migrations to apply, and this process must not apply them itself. */
export class PendingMigrationsError extends Error {
  override name = 'PendingMigrationsError';

  constructor(readonly pending: readonly string[]) {
    super(
      `the database has ${pending.length} pending migration(s) (${pending.join(', ')}); ` +
        'run `npm run db:migrate` before starting the service',
    );
  }
}

/**
 * Refuses a database that is behind the code. Replicas start against a database migrated once, as
 * an explicit step: several instances migrating at the same start would race each other. Only
 * reads: the migrator's own look-up would create the database and its bookkeeping table.
 */
export async function assertMigrated(orm: Orm): Promise<void> {
  const expected = (orm.config.get('migrations').migrationsList ?? []).map((m) => m.name);
  let applied: string[];
  try {
    const rows = await orm.em.fork().execute<{ name: string }[]>(`SELECT name FROM ${MIGRATIONS_TABLE}`);
    applied = rows.map((r) => r.name);
  } catch (error) {
    if (!(error instanceof TableNotFoundException)) throw error;
    applied = [];
  }
  const done = new Set(applied);
  const pending = expected.filter((name) => !done.has(name));
  if (pending.length > 0) throw new PendingMigrationsError(pending);
}

/** The parts of knex's pool (tarn) that tell its state. */
interface TarnPool {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
  max: number;
}

/**
 * The connection pool's state, for the metrics: connections lent out, idle ones, requests waiting
 * for one, and the most it opens. SQLite has one connection.
 */
export function poolStateOf(orm: Orm): { inUse: number; idle: number; waiting: number; max: number } {
  const pool = (orm.em.getKnex().client as { pool?: TarnPool }).pool;
  const max = driverOf(orm) === 'sqlite' ? 1 : (pool?.max ?? 0);
  if (!pool) return { inUse: 0, idle: 0, waiting: 0, max };
  return { inUse: pool.numUsed(), idle: pool.numFree(), waiting: pool.numPendingAcquires(), max };
}
