import type { Driver } from '../db/orm';
import { Sql, ident, sql } from '../db/sql';
import { isSelfLink, type ErasurePlan } from './erasure-plan';
import type { BlockerRule, ClientRef, LinkScope, StagedSet, TableLink } from './erasure-rules';

/**
 * `live`: every predicate reads the tables as they are (preview, blockers).
 * `staged`: staged tables and sets are read from their copies, because the rows that identify
 * them are deleted first and others' rows must not be read by a delete (deletion and verification).
 */
export type Mode = 'live' | 'staged';

const STAGE_PREFIX = 'erasure_stage_';
const SET_PREFIX = 'erasure_set_';
const LOCK_PREFIX = 'erasure_lock_';

/** Blocker ids a preview lists at most; the count is always complete. */
export const BLOCKER_ID_LIMIT = 100;

/**
 * The SQL of the plan for one client, one mode and one driver: what to count, delete and verify.
 * It owns the alias counter, so every alias it hands out is fresh across the statements it
 * writes, nested sub-selects included. Writes SQL only; the executor runs it.
 */
export class ErasureSql {
  private aliases = 0;
  /** Tables whose ids are a named sub-query of the statement being written (see withOwnedIds). */
  private readonly named = new Set<string>();

  constructor(
    private readonly plan: ErasurePlan,
    readonly client: ClientRef,
    readonly mode: Mode,
    readonly driver: Driver,
  ) {}

  private alias(): Sql {
    return Sql.raw(`a${++this.aliases}`);
  }

  /**
   * A live compiler for the same client that shares this one's aliases: staging reads live data,
   * and its statements must not reuse an alias of this compiler's.
   */
  private live(): ErasureSql {
    const live = new ErasureSql(this.plan, this.client, 'live', this.driver);
    live.alias = () => this.alias();
    return live;
  }

  private get scope(): LinkScope {
    return {
      client: this.client,
      idsOf: (table) => this.idsOf(table),
      valuesOf: (set) => this.valuesOf(set),
      alias: () => this.alias(),
    };
  }

  private valuesOf(set: StagedSet): Sql {
    if (this.plan.sets.get(set.name) !== set)
      throw new Error(`set "${set.name}" is read, but no link declares it`);
    if (this.mode === 'live') return set.select(this.scope);
    const v = this.alias();
    return sql`SELECT ${v}.value FROM ${setCopy(set)} ${v}`;
  }

  private readsStage(table: string): boolean {
    return this.mode === 'staged' && this.plan.isStaged(table);
  }

  private linksOf(table: string, skipSelfLinks: boolean): readonly TableLink[] {
    return this.plan.rule(table).links.filter((l) => !(skipSelfLinks && isSelfLink(table, l)));
  }

  /** Sub-select of the ids of `table`'s rows that belong to the client and are not kept. */
  idsOf(table: string, skipSelfLinks = false): Sql {
    if (this.named.has(table) && !skipSelfLinks) {
      const a = this.alias();
      return sql`SELECT ${a}.id FROM ${ownedIds(table)} ${a}`;
    }
    if (this.readsStage(table)) {
      const a = this.alias();
      return sql`SELECT ${a}.id FROM ${stageCopy(table)} ${a}`;
    }
    const links = this.linksOf(table, skipSelfLinks);
    if (links.length === 1) {
      const a = this.alias();
      return sql`SELECT ${a}.id FROM ${ident(table)} ${a} WHERE ${this.owned(table, a, skipSelfLinks)}`;
    }
    // Several links: one index-driven select per link, united. An OR of the links in one WHERE
    // makes MariaDB scan the whole table; the derived table stops it from turning the UNION
    // into a dependent subquery.
    const branches = links.map((link) => {
      const a = this.alias();
      return sql`SELECT ${a}.id FROM ${ident(table)} ${a} WHERE ${this.linkPredicate(table, link, a)}${this.notKept(table, a)}`;
    });
    const u = this.alias();
    return sql`SELECT ${u}.id FROM (${Sql.join(branches, ' UNION ')}) ${u}`;
  }

  /** Predicate: the row `row` of `table` belongs to the client and is not kept. */
  owned(table: string, row: Sql, skipSelfLinks = false): Sql {
    if (this.readsStage(table)) {
      const s = this.alias();
      return sql`${row}.id IN (SELECT ${s}.id FROM ${stageCopy(table)} ${s})`;
    }
    const links = this.linksOf(table, skipSelfLinks);
    const any = Sql.join(
      links.map((l) => this.linkPredicate(table, l, row)),
      ' OR ',
    );
    return sql`(${any})${this.notKept(table, row)}`;
  }

  private keepPredicate(table: string, row: Sql): Sql | undefined {
    const keep = this.plan.rule(table).keep;
    return keep ? keep.where(row, this.scope) : undefined;
  }

  private notKept(table: string, row: Sql): Sql {
    const keep = this.keepPredicate(table, row);
    return keep ? sql` AND NOT COALESCE((${keep}), 0)` : Sql.raw('');
  }

  linkPredicate(table: string, link: TableLink, row: Sql): Sql {
    switch (link.kind) {
      case 'client':
        return sql`${row}.${ident(link.column)} = ${this.client.id}`;
      case 'parent':
        return sql`${row}.${ident(link.column)} IN (${this.idsOf(link.parent, link.parent === table)})`;
      case 'referencedBy': {
        const r = this.alias();
        return sql`${row}.id IN (SELECT ${r}.${ident(link.column)} FROM ${ident(link.table)} ${r} WHERE ${r}.${ident(link.column)} IS NOT NULL AND ${this.owned(link.table, r)})`;
      }
      case 'match':
        return sql`(${link.where(row, this.scope)})`;
    }
  }

  // ---- Counting (preview) -------------------------------------------------------------------

  /** The number of rows a link names but the keep rule keeps, as an expression (none: undefined). */
  keptCount(table: string): Sql | undefined {
    const rule = this.plan.rule(table);
    if (!rule.keep) return undefined;
    const t = this.alias();
    const any = Sql.join(
      rule.links.map((l) => this.linkPredicate(table, l, t)),
      ' OR ',
    );
    return sql`(SELECT COUNT(*) FROM ${ident(table)} ${t} WHERE (${any}) AND (${this.keepPredicate(table, t)!}))`;
  }

  /** The number of rows behind a blocker, as an expression. */
  blockerCount(rule: BlockerRule): Sql {
    const b = this.alias();
    return sql`(SELECT COUNT(*) FROM (${rule.ids(this.client)}) ${b})`;
  }

  /** The first {@link BLOCKER_ID_LIMIT} ids behind a blocker, comma-separated, as an expression. */
  blockerIds(rule: BlockerRule): Sql {
    const [b, x] = [this.alias(), this.alias()];
    return sql`(SELECT GROUP_CONCAT(${x}.id) FROM (SELECT ${b}.id AS id FROM (${rule.ids(this.client)}) ${b} ORDER BY ${b}.id LIMIT ${BLOCKER_ID_LIMIT}) ${x})`;
  }

  /**
   * `WITH` the ids of the client's rows of every table, parents first, each written once and read
   * by the tables found through it — and by {@link countOf}. Live mode only: the preview's one
   * statement, in which a parent's ids would otherwise be recomputed for each of its children.
   */
  withOwnedIds(): Sql {
    if (this.mode !== 'live') throw new Error('named id sets are for the live preview');
    const parts: Sql[] = [];
    for (const table of this.plan.readOrder) {
      parts.push(sql`${ownedIds(table)} AS (${this.idsOf(table)})`);
      this.named.add(table);
    }
    return sql`WITH ${Sql.join(parts, ', ')}`;
  }

  /** The number of the client's rows of `table`, after {@link withOwnedIds}. */
  countOf(table: string): Sql {
    const a = this.alias();
    return sql`(SELECT COUNT(*) FROM ${ownedIds(table)} ${a})`;
  }

  /** One SELECT of named expressions: the preview's single round trip. */
  static select(columns: readonly (readonly [string, Sql])[], prefix?: Sql): Sql {
    return sql`${prefix ? sql`${prefix} ` : Sql.raw('')}SELECT ${Sql.join(
      columns.map(([name, expression]) => sql`${expression} AS ${ident(name)}`),
      ', ',
    )}`;
  }

  // ---- Staging and locks (deletion) -----------------------------------------------------------

  /**
   * Statements that copy the staged sets' values and the ids of staged tables into temporary
   * tables, while every table is intact. Reads live data: run them before the first delete.
   */
  stage(): Sql[] {
    const live = this.live();
    const statements: Sql[] = [];
    for (const set of this.plan.sets.values()) {
      const copy = setCopy(set);
      statements.push(
        this.dropTemporary(copy),
        this.driver === 'mysql'
          ? sql`CREATE TEMPORARY TABLE ${copy} (value ${Sql.raw(set.columnType.mysql)} NOT NULL PRIMARY KEY)`
          : sql`CREATE TEMP TABLE ${copy} (value ${Sql.raw(set.columnType.sqlite)} NOT NULL PRIMARY KEY)`,
        sql`INSERT INTO ${copy} (value) ${set.select(live.scope)}`,
      );
    }
    for (const table of this.plan.stagedTables) {
      const copy = stageCopy(table);
      statements.push(
        this.dropTemporary(copy),
        this.driver === 'mysql'
          ? sql`CREATE TEMPORARY TABLE ${copy} (id INT NOT NULL PRIMARY KEY)`
          : sql`CREATE TEMP TABLE ${copy} (id INTEGER NOT NULL PRIMARY KEY)`,
        sql`INSERT INTO ${copy} (id) ${live.idsOf(table)}`,
      );
    }
    return statements;
  }

  /** Statements that drop what {@link stage} created. */
  unstage(): Sql[] {
    return [
      ...[...this.plan.sets.values()].map((set) => this.dropTemporary(setCopy(set))),
      ...this.plan.stagedTables.map((table) => this.dropTemporary(stageCopy(table))),
    ];
  }

  private dropTemporary(name: Sql): Sql {
    return this.driver === 'mysql'
      ? sql`DROP TEMPORARY TABLE IF EXISTS ${name}`
      : sql`DROP TABLE IF EXISTS temp.${name}`;
  }

  /**
   * What locks the rows whose keeping another deletion may change (a keep rule's `contested`), so
   * two deletions sharing such a row decide in turn; one entry per table with such rows. MariaDB
   * only (SQLite has one writer at a time). The candidates are copied first with a plain
   * INSERT ... SELECT (`prepare`): a locking SELECT would also lock the rows its sub-selects read
   * (clients, contacts, staff). `lock` is the locking SELECT; `cleanup` drops the copy.
   */
  lockContested(): { prepare: Sql[]; lock: Sql; cleanup: Sql }[] {
    if (this.driver !== 'mysql') return [];
    const live = this.live();
    const locks: { prepare: Sql[]; lock: Sql; cleanup: Sql }[] = [];
    for (const table of this.plan.order) {
      const contested = this.plan.rule(table).keep?.contested;
      if (!contested) continue;
      const t = Sql.raw('t');
      const named = Sql.join(
        live.linksOf(table, false).map((l) => live.linkPredicate(table, l, t)),
        ' OR ',
      );
      const copy = ident(LOCK_PREFIX + table);
      locks.push({
        prepare: [
          sql`DROP TEMPORARY TABLE IF EXISTS ${copy}`,
          sql`CREATE TEMPORARY TABLE ${copy} (id INT NOT NULL PRIMARY KEY)`,
          sql`INSERT INTO ${copy} (id) SELECT t.id FROM ${ident(table)} t WHERE (${named}) AND (${contested(t, live.scope)})`,
        ],
        lock: sql`SELECT t.id FROM ${ident(table)} t JOIN ${copy} l ON l.id = t.id ORDER BY t.id FOR UPDATE`,
        cleanup: sql`DROP TEMPORARY TABLE ${copy}`,
      });
    }
    return locks;
  }

  // ---- Deleting and verifying -------------------------------------------------------------------

  /**
   * The statements that delete the client's rows of one table: one per link, set based (one for a
   * staged table). Run in deletion order, after {@link stage}.
   */
  deletes(table: string): Sql[] {
    if (this.plan.isStaged(table)) {
      const s = Sql.raw('s');
      return [
        this.driver === 'mysql'
          ? sql`DELETE t FROM ${ident(table)} t JOIN ${stageCopy(table)} ${s} ON ${s}.id = t.id`
          : sql`DELETE FROM ${ident(table)} WHERE id IN (SELECT ${s}.id FROM ${stageCopy(table)} ${s})`,
      ];
    }
    return this.plan.rule(table).links.map((link) => this.deleteBy(table, link));
  }

  private deleteBy(table: string, link: TableLink): Sql {
    const t = Sql.raw('t');
    if (this.driver === 'mysql' && link.kind === 'parent') {
      // A join lets MariaDB drive the delete from the parent's index; a single-table DELETE with
      // IN (subquery) would scan the whole child table. Joining the table to itself is allowed
      // where a subquery on it is not (self links such as services.parent_service_id).
      const p = Sql.raw('p');
      const on = sql`${p}.id = t.${ident(link.column)}`;
      if (this.readsStage(link.parent)) {
        return sql`DELETE t FROM ${ident(table)} t JOIN ${stageCopy(link.parent)} ${p} ON ${on} WHERE 1 = 1${this.notKept(table, t)}`;
      }
      const self = link.parent === table;
      if (this.linksOf(link.parent, self).length > 1) {
        // A parent found through several links: join its united ids (see idsOf).
        return sql`DELETE t FROM ${ident(table)} t JOIN (${this.idsOf(link.parent, self)}) ${p} ON ${on} WHERE 1 = 1${this.notKept(table, t)}`;
      }
      return sql`DELETE t FROM ${ident(table)} t JOIN ${ident(link.parent)} ${p} ON ${on} WHERE ${this.owned(link.parent, p, self)}${this.notKept(table, t)}`;
    }
    const predicate = this.linkPredicate(table, link, t);
    return this.driver === 'mysql'
      ? sql`DELETE t FROM ${ident(table)} t WHERE ${predicate}${this.notKept(table, t)}`
      : sql`DELETE FROM ${ident(table)} AS t WHERE ${predicate}${this.notKept(table, t)}`;
  }

  /**
   * The query counting the rows of `table` that still belong to the client, or undefined when
   * nothing needs counting. Links the database enforces with a foreign key are not counted: a
   * row left behind through them makes its parent's delete fail, which rolls the deletion back.
   * The rest — address matches, polymorphic account ids, staged ids — are counted.
   */
  residue(table: string): Sql | undefined {
    if (this.plan.isStaged(table)) {
      const s = this.alias();
      return sql`SELECT COUNT(*) AS n FROM ${ident(table)} t WHERE t.id IN (SELECT ${s}.id FROM ${stageCopy(table)} ${s})`;
    }
    const unenforced = this.plan.rule(table).links.filter((link) => !this.plan.isEnforced(table, link));
    if (unenforced.length === 0) return undefined;
    const parts = unenforced.map((link) => {
      const t = this.alias();
      return sql`(SELECT COUNT(*) FROM ${ident(table)} ${t} WHERE ${this.linkPredicate(table, link, t)}${this.notKept(table, t)})`;
    });
    return sql`SELECT ${Sql.join(parts, ' + ')} AS n`;
  }

  /**
   * The sweep before commit, in one query: every table's links that no foreign key enforces,
   * counted again now that everything is deleted (the client row among them: its own id is not a
   * foreign key). One column per table.
   */
  finalResidue(): Sql | undefined {
    const columns: [string, Sql][] = [];
    for (const table of this.plan.order) {
      const unenforced = this.plan.rule(table).links.filter((link) => !this.plan.isEnforced(table, link));
      if (unenforced.length === 0) continue;
      const parts = unenforced.map((link) => {
        const t = this.alias();
        return sql`(SELECT COUNT(*) FROM ${ident(table)} ${t} WHERE ${this.linkPredicate(table, link, t)}${this.notKept(table, t)})`;
      });
      columns.push([table, Sql.join(parts, ' + ')]);
    }
    return columns.length > 0 ? ErasureSql.select(columns) : undefined;
  }

  /** Sub-select over alias `t` of the client's rows of `table` (staged mode), for outbox rows. */
  rowsOf(table: string): Sql {
    const t = Sql.raw('t');
    return sql`${ident(table)} t WHERE ${this.owned(table, t)}`;
  }
}

function stageCopy(table: string): Sql {
  return ident(STAGE_PREFIX + table);
}

function ownedIds(table: string): Sql {
  return ident(`owned_${table}`);
}

function setCopy(set: StagedSet): Sql {
  return ident(SET_PREFIX + set.name);
}
