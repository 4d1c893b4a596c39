import { MikroORM, BetterSqliteDriver } from '@mikro-orm/better-sqlite';
import type { EntityClass, EntityMetadata } from '@mikro-orm/core';
import type { Driver } from '../../src/db/orm';
import type { Sql } from '../../src/db/sql';
import type { SqlRunner } from '../../src/db/sql-runner';
import { planForPlugins, type ErasurePlan } from '../../src/deletion/erasure-plan';
import { CORE_ENTITIES } from '../../src/entities';
import type { ErasurePlugin } from '../../src/plugins/plugin';

/** The entities' metadata as the service discovers it, for the core and `plugins`, without a database. */
export async function metadataOf(
  plugins: readonly ErasurePlugin[],
  extra: EntityClass<unknown>[] = [],
): Promise<EntityMetadata[]> {
  const orm = await MikroORM.init({
    driver: BetterSqliteDriver,
    dbName: ':memory:',
    connect: false,
    // entitiesFor's list, without src/db/orm.ts and the migrations it loads (a mutant run imports this)
    entities: [...CORE_ENTITIES, ...plugins.flatMap((p) => p.entities), ...extra],
    discovery: { warnWhenNoEntities: false, requireEntitiesArray: true },
  });
  try {
    return Object.values(orm.getMetadata().getAll());
  } finally {
    await orm.close();
  }
}

/**
 * The plan the service compiles from the entities of the core and `plugins` (and `extra`
 * entities), from metadata alone: no database is opened.
 */
export async function compilePlan(
  plugins: readonly ErasurePlugin[],
  extra: EntityClass<unknown>[] = [],
): Promise<ErasurePlan> {
  return planForPlugins(await metadataOf(plugins, extra), plugins);
}

/** One statement as a runner received it. */
export interface Recorded {
  /** What the test said was going on when it was sent, e.g. `stage` or `delete/invoices`. */
  readonly phase: string;
  /** `run` for a statement whose affected rows count, `rows` for a query. */
  readonly via: 'run' | 'rows';
  readonly sql: Sql;
}

/** A row in which every column reads 0: no blockers, no rows, nothing left behind. */
const ZERO_ROW: Record<string, unknown> = new Proxy(
  {},
  { get: (_target, key) => (typeof key === 'string' ? 0 : undefined) },
);

/**
 * A runner that talks to no database: it records each statement with the current `phase`, affects
 * no rows and answers every query with one row of zeros.
 */
export class RecordingRunner implements SqlRunner {
  readonly statements: Recorded[] = [];
  phase = '';

  constructor(readonly driver: Driver) {}

  async rows<T = Record<string, unknown>>(query: Sql): Promise<T[]> {
    this.statements.push({ phase: this.phase, via: 'rows', sql: query });
    return [ZERO_ROW as T];
  }

  async run(query: Sql): Promise<number> {
    this.statements.push({ phase: this.phase, via: 'run', sql: query });
    return 0;
  }

  /** As EmSqlRunner: epoch milliseconds on SQLite, a Date on MariaDB. */
  date(value: Date): unknown {
    return this.driver === 'sqlite' ? value.getTime() : value;
  }
}
