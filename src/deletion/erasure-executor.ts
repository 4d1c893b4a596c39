import type { Sql } from '../db/sql';
import type { SqlRunner } from '../db/sql-runner';
import { CORE, type ErasurePlan, type Owner, type PlannedBlocker } from './erasure-plan';
import type { ClientRef } from './erasure-rules';
import { ErasureSql } from './erasure-sql';

/** The deletion stopped because rows of the client were left behind; the transaction rolled back. */
export class DeletionVerificationError extends Error {
  override name = 'DeletionVerificationError';
}

/** What blocks a client's deletion, found by one blocker rule. */
export interface FoundBlocker {
  readonly rule: PlannedBlocker;
  readonly count: number;
  /** The first ids, ascending (at most BLOCKER_ID_LIMIT). */
  readonly ids: readonly number[];
}

/** The state of a client as the plan sees it. */
export interface Assessment {
  /** False when `exists` (asked for) found nothing: the rest is then about no client at all. */
  readonly found: boolean;
  readonly blockers: readonly FoundBlocker[];
  /** Rows per table that belong to the client (tables with rows only); empty unless asked for. */
  readonly counts: ReadonlyMap<string, number>;
  /** Rows per table that a link names but a keep rule keeps (tables with such rows only). */
  readonly kept: ReadonlyMap<string, number>;
}

/**
 * Runs the plan's SQL for one client: the assessment in one round trip, and the deletion in order,
 * each table verified right after its delete and every table swept again before commit. Works on
 * the caller's transaction through a {@link SqlRunner}; opens none of its own.
 */
export class ErasureExecutor {
  constructor(readonly plan: ErasurePlan) {}

  /**
   * Blockers and kept rows — and, with `counts`, the client's rows per table; with `exists`, that
   * expression as `found` — in one SELECT of scalar sub-queries, so a preview costs one round trip
   * however many tables the plan has, and reads one consistent snapshot.
   */
  async assess(
    db: SqlRunner,
    client: ClientRef,
    options: { counts: boolean; exists?: Sql },
  ): Promise<Assessment> {
    const compiler = new ErasureSql(this.plan, client, 'live', db.driver);
    // With counts, every table's ids are named once (WITH) and counted and read from there.
    const named = options.counts ? compiler.withOwnedIds() : undefined;
    const columns: [string, Sql][] = options.exists ? [['found', options.exists]] : [];
    this.plan.blockers.forEach((rule, i) => {
      columns.push([`b${i}`, compiler.blockerCount(rule)], [`bi${i}`, compiler.blockerIds(rule)]);
    });
    const tables = this.plan.order;
    tables.forEach((table, i) => {
      const kept = compiler.keptCount(table);
      if (kept) columns.push([`k${i}`, kept]);
      if (named) columns.push([`c${i}`, compiler.countOf(table)]);
    });
    const [row] = await db.rows<Record<string, unknown>>(ErasureSql.select(columns, named));
    const blockers = this.plan.blockers.flatMap((rule, i) => {
      const count = Number(row[`b${i}`]);
      if (count === 0) return [];
      const ids = String(row[`bi${i}`] ?? '')
        .split(',')
        .filter(Boolean)
        .map(Number)
        .sort((a, b) => a - b);
      return [{ rule, count, ids }];
    });
    const nonZero = (prefix: string) =>
      new Map(
        tables.flatMap((table, i) => {
          const n = Number(row[`${prefix}${i}`] ?? 0);
          return n > 0 ? [[table, n] as const] : [];
        }),
      );
    const found = options.exists ? Number(row.found) > 0 : true;
    return { found, blockers, counts: nonZero('c'), kept: nonZero('k') };
  }

  /** A deletion of one client, inside the caller's transaction. */
  begin(db: SqlRunner, client: ClientRef): ErasureRun {
    return new ErasureRun(this.plan, db, client);
  }
}

/**
 * One client's deletion in progress: locks, staged copies, the tables deleted so far and their
 * counts. Tables are deleted in groups by owner (a plugin's handler deletes its own), and
 * {@link finish} deletes what is left, in plan order, and verifies.
 */
export class ErasureRun {
  private readonly compiler: ErasureSql;
  private readonly done = new Set<string>();
  /** Rows deleted per table, in the order deleted. */
  readonly deleted: Record<string, number> = {};

  constructor(
    private readonly plan: ErasurePlan,
    private readonly db: SqlRunner,
    readonly client: ClientRef,
  ) {
    this.compiler = new ErasureSql(plan, client, 'staged', db.driver);
  }

  /**
   * Locks the rows whose keeping another deletion may change (see KeepRule.contested). Call it
   * after the client row is locked and before anything reads a keep rule.
   */
  async lockContested(): Promise<void> {
    for (const { prepare, lock, cleanup } of this.compiler.lockContested()) {
      for (const statement of prepare) await this.db.run(statement);
      await this.db.rows(lock);
      await this.db.run(cleanup);
    }
  }

  /** Copies staged sets and staged tables' ids; call it before the first delete. */
  async stage(): Promise<void> {
    for (const statement of this.compiler.stage()) await this.db.run(statement);
  }

  /** Deletes the client's rows of `owner`'s tables, in plan order. */
  async deleteTablesOf(owner: Owner): Promise<void> {
    for (const table of this.plan.tablesOf(owner)) await this.deleteTable(table);
  }

  /** Sub-select over alias `t` of the client's rows of `table` that are still to be deleted. */
  rowsOf(table: string) {
    return this.compiler.rowsOf(table);
  }

  private async deleteTable(table: string): Promise<void> {
    if (this.done.has(table)) throw new Error(`table ${table} deleted twice`);
    this.done.add(table);
    let n = 0;
    for (const statement of this.compiler.deletes(table)) n += await this.db.run(statement);
    if (n > 0) this.deleted[table] = n;
    const residue = this.compiler.residue(table);
    if (!residue) return;
    const [{ n: left }] = await this.db.rows<{ n: number | string }>(residue);
    if (Number(left) > 0) {
      throw new DeletionVerificationError(`${Number(left)} row(s) of ${table} still belong to the client`);
    }
  }

  /**
   * After the plugins' handlers: refuses a plugin that left its tables to others, deletes the
   * core's tables in order, sweeps every table once more, and drops the staged copies. Returns
   * the rows deleted per table.
   */
  async finish(): Promise<Record<string, number>> {
    const skipped = this.plan.owners
      .filter((owner) => owner !== CORE)
      .flatMap((owner) =>
        this.plan
          .tablesOf(owner)
          .filter((t) => !this.done.has(t))
          .map((t) => `${owner}: ${t}`),
      );
    if (skipped.length > 0) {
      throw new Error(
        `plugins must delete their tables from their client.deleting handler: ${skipped.join(', ')}`,
      );
    }
    for (const table of this.plan.tablesOf(CORE)) if (!this.done.has(table)) await this.deleteTable(table);
    const sweep = this.compiler.finalResidue();
    if (sweep) {
      const [row] = await this.db.rows<Record<string, unknown>>(sweep);
      const left = Object.entries(row).filter(([, n]) => Number(n) > 0);
      if (left.length > 0) {
        throw new DeletionVerificationError(
          `rows still belong to the client: ${left.map(([t, n]) => `${t}: ${Number(n)}`).join(', ')}`,
        );
      }
    }
    for (const statement of this.compiler.unstage()) await this.db.run(statement);
    return this.deleted;
  }
}
