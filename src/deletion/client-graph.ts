import type {
  BlockerRule,
  ClientRef,
  DeleterDefinition,
  LinkScope,
  StagedSet,
  TableLink,
  TableRule,
} from './deleter';
import { Sql, ident, sql } from './sql';

export type Driver = 'sqlite' | 'mysql';

/**
 * `live`: every predicate reads the tables as they are (preview, blockers).
 * `staged`: tables with reverse links read their staged ids, because the rows that identify them
 * are deleted first (deletion and verification).
 */
export type Mode = 'live' | 'staged';

interface OwnedTable {
  readonly rule: TableRule;
  readonly deleter: string;
  /** Deleted after the tables that identify it, so its ids are copied first. */
  readonly staged: boolean;
}

/** Runs one statement. Implemented over the transaction's EntityManager by the engine. */
export interface SqlRunner {
  readonly driver: Driver;
  rows<T = Record<string, unknown>>(query: Sql): Promise<T[]>;
  run(query: Sql): Promise<number>;
  /** A date as a query parameter, in the form the ORM stores it on this driver. */
  date(value: Date): unknown;
}

/** The problem that stops the service from starting: names tables and columns. */
export class ClientGraphError extends Error {
  override name = 'ClientGraphError';
}

const STAGE_PREFIX = 'erasure_stage_';
const SET_PREFIX = 'erasure_set_';
const LOCK_PREFIX = 'erasure_lock_';
/** The root of the graph: a client link's column holds an id of this table. */
export const CLIENT_TABLE = 'clients';

/**
 * The compiled client graph: every owned table, how its rows belong to the client, the order
 * they are deleted in, and the SQL for counting, deleting and verifying them. Built once at
 * start-up from the deleter definitions; refuses inconsistent definitions.
 */
export class ClientGraph {
  private readonly tables = new Map<string, OwnedTable>();
  /** The staged sets the links read, by name. */
  private readonly sets = new Map<string, StagedSet>();
  /** `table.column->target` of the links backed by a real foreign key. */
  private enforced: ReadonlySet<string> = new Set();
  /** table -> tables that must be deleted after it. */
  private readonly mustPrecede = new Map<string, Set<string>>();
  /** Deletion order: every table comes before the tables its rows are found through. */
  readonly order: readonly string[];
  readonly blockers: readonly BlockerRule[];

  constructor(readonly deleters: readonly DeleterDefinition[]) {
    const names = new Set<string>();
    const codes = new Set<string>();
    for (const deleter of deleters) {
      if (names.has(deleter.name)) throw new ClientGraphError(`two deleters are named "${deleter.name}"`);
      names.add(deleter.name);
      for (const rule of deleter.tables) {
        const owner = this.tables.get(rule.table);
        if (owner) {
          throw new ClientGraphError(
            `table ${rule.table} is claimed by both "${owner.deleter}" and "${deleter.name}"`,
          );
        }
        if (rule.links.length === 0)
          throw new ClientGraphError(`table ${rule.table} has no link to the client`);
        const staged = rule.links.some((l) => l.kind === 'referencedBy');
        this.tables.set(rule.table, { rule, deleter: deleter.name, staged });
        for (const link of rule.links) {
          for (const set of link.kind === 'match' ? (link.sets ?? []) : []) this.addSet(set, rule.table);
        }
      }
      for (const blocker of deleter.blockers ?? []) {
        if (codes.has(blocker.code)) throw new ClientGraphError(`two blockers use the code ${blocker.code}`);
        codes.add(blocker.code);
      }
    }
    this.blockers = deleters.flatMap((d) => d.blockers ?? []);
    for (const { rule } of this.tables.values()) {
      for (const link of rule.links) {
        for (const target of linkTargets(link)) {
          if (!this.tables.has(target)) {
            throw new ClientGraphError(`${rule.table} is linked through ${target}, which no deleter claims`);
          }
        }
      }
    }
    this.order = this.sortForDeletion();
  }

  private addSet(set: StagedSet, table: string) {
    if (!/^[a-z_]+$/.test(set.name)) throw new ClientGraphError(`${table} reads a set named "${set.name}"`);
    const known = this.sets.get(set.name);
    if (known && known !== set) throw new ClientGraphError(`two different sets are named "${set.name}"`);
    this.sets.set(set.name, set);
  }

  has(table: string): boolean {
    return this.tables.has(table);
  }

  rule(table: string): TableRule {
    return this.get(table).rule;
  }

  ownerOf(table: string): string {
    return this.get(table).deleter;
  }

  tablesOf(deleter: string): string[] {
    return this.order.filter((t) => this.get(t).deleter === deleter);
  }

  get stagedTables(): string[] {
    return this.order.filter((t) => this.get(t).staged);
  }

  private get(table: string): OwnedTable {
    const owned = this.tables.get(table);
    if (!owned) throw new ClientGraphError(`table ${table} is not part of the client graph`);
    return owned;
  }

  /**
   * Children before parents: a table is deleted before every table its links read, so each
   * delete still finds the client's rows through intact parents, and foreign keys are never
   * violated midway. A staged table reads only its staged ids, so it can go after the tables
   * that identify it (users after clients and contacts).
   */
  private sortForDeletion(): string[] {
    const before = this.mustPrecede;
    for (const [table] of this.tables) before.set(table, new Set());
    const edge = (first: string, then: string) => {
      if (first !== then) before.get(first)!.add(then);
    };
    for (const [table, owned] of this.tables) {
      for (const link of owned.rule.links) {
        // The referrer holds the foreign key, so it goes first.
        if (link.kind === 'referencedBy') edge(link.table, table);
        else for (const target of linkTargets(link)) edge(table, target);
        // A client column references the client row, which therefore goes after it.
        if (link.kind === 'client' && this.tables.has(CLIENT_TABLE)) edge(table, CLIENT_TABLE);
      }
    }
    // Kahn's algorithm, ties broken by declaration order so the order is stable.
    const declared = [...this.tables.keys()];
    const incoming = new Map(declared.map((t) => [t, 0]));
    for (const targets of before.values()) for (const t of targets) incoming.set(t, incoming.get(t)! + 1);
    const order: string[] = [];
    const ready = declared.filter((t) => incoming.get(t) === 0);
    while (ready.length > 0) {
      const table = ready.shift()!;
      order.push(table);
      for (const next of before.get(table)!) {
        incoming.set(next, incoming.get(next)! - 1);
        if (incoming.get(next) === 0) ready.push(next);
      }
    }
    if (order.length !== declared.length) {
      const stuck = declared.filter((t) => !order.includes(t));
      throw new ClientGraphError(`the client graph has a cycle through: ${stuck.join(', ')}`);
    }
    return order;
  }

  /**
   * Refuses a deletion sequence that breaks the order: plugins' deleters run as a group each,
   * from the `client.deleting` event, before the rest; this checks that grouping is sound.
   */
  assertSequence(sequence: readonly string[]): void {
    const position = new Map(sequence.map((t, i) => [t, i]));
    for (const [first, thens] of this.mustPrecede) {
      for (const then of thens) {
        if ((position.get(first) ?? Infinity) > (position.get(then) ?? Infinity)) {
          throw new ClientGraphError(
            `${first} must be deleted before ${then}, but the deleters run it after`,
          );
        }
      }
    }
  }

  /** The deletion sequence when the named deleters run first, as groups, in this order. */
  sequenceWithFirst(deleters: readonly string[]): string[] {
    const first = deleters.flatMap((name) => this.tablesOf(name));
    const sequence = [...first, ...this.order.filter((t) => !first.includes(t))];
    this.assertSequence(sequence);
    return sequence;
  }

  // ---- SQL -------------------------------------------------------------------------------

  private scope(client: ClientRef, mode: Mode, counter: { n: number }): LinkScope {
    const scope: LinkScope = {
      client,
      idsOf: (table) => this.idsOf(table, client, mode, counter),
      valuesOf: (set) => {
        if (this.sets.get(set.name) !== set) {
          throw new ClientGraphError(`set "${set.name}" is read, but no link declares it`);
        }
        if (mode === 'live') return set.select(scope);
        const v = Sql.raw(`a${++counter.n}`);
        return sql`SELECT ${v}.value FROM ${ident(SET_PREFIX + set.name)} ${v}`;
      },
      alias: () => Sql.raw(`a${++counter.n}`),
    };
    return scope;
  }

  /** Sub-select of the ids of `table`'s rows that belong to the client. */
  idsOf(table: string, client: ClientRef, mode: Mode, counter = { n: 0 }, skipSelfLinks = false): Sql {
    const owned = this.get(table);
    if (mode === 'staged' && owned.staged) {
      const a = Sql.raw(`a${++counter.n}`);
      return sql`SELECT ${a}.id FROM ${stageTable(table)} ${a}`;
    }
    const links = this.linksOf(table, skipSelfLinks);
    if (links.length === 1) {
      const a = Sql.raw(`a${++counter.n}`);
      return sql`SELECT ${a}.id FROM ${ident(table)} ${a} WHERE ${this.owned(table, a, client, mode, counter, skipSelfLinks)}`;
    }
    // Several links: one index-driven select per link, united. An OR of the links in one WHERE
    // makes MariaDB scan the whole table; the derived table stops it from turning the UNION
    // into a dependent subquery.
    const branches = links.map((link) => {
      const a = Sql.raw(`a${++counter.n}`);
      const keep = this.keepPredicate(table, a, client, mode, counter);
      const notKept = keep ? sql` AND NOT COALESCE((${keep}), 0)` : Sql.raw('');
      return sql`SELECT ${a}.id FROM ${ident(table)} ${a} WHERE ${this.linkPredicate(table, link, a, client, mode, counter)}${notKept}`;
    });
    const u = Sql.raw(`a${++counter.n}`);
    return sql`SELECT ${u}.id FROM (${Sql.join(branches, ' UNION ')}) ${u}`;
  }

  private linksOf(table: string, skipSelfLinks: boolean): readonly TableLink[] {
    return this.get(table).rule.links.filter((l) => !(skipSelfLinks && isSelfLink(table, l)));
  }

  /** Predicate: the row `row` of `table` belongs to the client and is not kept. */
  owned(
    table: string,
    row: Sql,
    client: ClientRef,
    mode: Mode,
    counter = { n: 0 },
    skipSelfLinks = false,
  ): Sql {
    const owned = this.get(table);
    if (mode === 'staged' && owned.staged) {
      const s = Sql.raw(`a${++counter.n}`);
      return sql`${row}.id IN (SELECT ${s}.id FROM ${stageTable(table)} ${s})`;
    }
    const links = this.linksOf(table, skipSelfLinks);
    const any = Sql.join(
      links.map((l) => this.linkPredicate(table, l, row, client, mode, counter)),
      ' OR ',
    );
    const keep = this.keepPredicate(table, row, client, mode, counter);
    return keep ? sql`(${any}) AND NOT COALESCE((${keep}), 0)` : sql`(${any})`;
  }

  private keepPredicate(table: string, row: Sql, client: ClientRef, mode: Mode, counter: { n: number }) {
    const keep = this.get(table).rule.keep;
    return keep ? keep.where(row, this.scope(client, mode, counter)) : undefined;
  }

  private linkPredicate(
    table: string,
    link: TableLink,
    row: Sql,
    client: ClientRef,
    mode: Mode,
    counter: { n: number },
  ): Sql {
    switch (link.kind) {
      case 'client':
        return sql`${row}.${ident(link.column)} = ${client.id}`;
      case 'parent': {
        const self = link.parent === table;
        const ids = this.idsOf(link.parent, client, mode, counter, self);
        return sql`${row}.${ident(link.column)} IN (${ids})`;
      }
      case 'referencedBy': {
        const r = Sql.raw(`a${++counter.n}`);
        return sql`${row}.id IN (SELECT ${r}.${ident(link.column)} FROM ${ident(link.table)} ${r} WHERE ${r}.${ident(link.column)} IS NOT NULL AND ${this.owned(link.table, r, client, mode, counter)})`;
      }
      case 'match':
        return sql`(${link.where(row, this.scope(client, mode, counter))})`;
    }
  }

  /**
   * Per-table count of the rows that belong to the client, each row counted once even when
   * several links match it: link i counts rows that no earlier link matched.
   */
  async count(db: SqlRunner, client: ClientRef, table: string): Promise<number> {
    const { rule } = this.get(table);
    let total = 0;
    const t = Sql.raw('t');
    for (let i = 0; i < rule.links.length; i++) {
      const counter = { n: 0 };
      const parts = [this.linkPredicate(table, rule.links[i], t, client, 'live', counter)];
      for (const earlier of rule.links.slice(0, i)) {
        parts.push(sql`NOT COALESCE(${this.linkPredicate(table, earlier, t, client, 'live', counter)}, 0)`);
      }
      const keep = this.keepPredicate(table, t, client, 'live', counter);
      if (keep) parts.push(sql`NOT COALESCE((${keep}), 0)`);
      total += await countWhere(db, table, Sql.join(parts, ' AND '));
    }
    return total;
  }

  /** Rows that a link names but the rule keeps (e.g. a user shared with staff). */
  async countKept(db: SqlRunner, client: ClientRef, table: string): Promise<number> {
    const { rule } = this.get(table);
    if (!rule.keep) return 0;
    const t = Sql.raw('t');
    const counter = { n: 0 };
    const any = Sql.join(
      rule.links.map((l) => this.linkPredicate(table, l, t, client, 'live', counter)),
      ' OR ',
    );
    const keep = this.keepPredicate(table, t, client, 'live', counter)!;
    return countWhere(db, table, sql`(${any}) AND (${keep})`);
  }

  /**
   * Locks the rows whose keeping another deletion may change (see `keep.contested`), so that
   * two deletions sharing such a row decide in turn. MariaDB only (SQLite has one writer at a
   * time). Runs inside the deletion's transaction, after the client row is locked and before
   * anything reads the keep rules. The candidates are copied first with a plain INSERT ... SELECT:
   * a locking SELECT would also lock the rows its sub-selects read (clients, contacts, staff).
   */
  async lockContested(db: SqlRunner, client: ClientRef): Promise<void> {
    if (db.driver !== 'mysql') return;
    for (const table of this.order) {
      const contested = this.get(table).rule.keep?.contested;
      if (!contested) continue;
      const t = Sql.raw('t');
      const counter = { n: 0 };
      const named = Sql.join(
        this.linksOf(table, false).map((l) => this.linkPredicate(table, l, t, client, 'live', counter)),
        ' OR ',
      );
      const lock = ident(LOCK_PREFIX + table);
      await db.run(sql`DROP TEMPORARY TABLE IF EXISTS ${lock}`);
      await db.run(sql`CREATE TEMPORARY TABLE ${lock} (id INT NOT NULL PRIMARY KEY)`);
      await db.run(
        sql`INSERT INTO ${lock} (id) SELECT t.id FROM ${ident(table)} t WHERE (${named}) AND (${contested(t, this.scope(client, 'live', counter))})`,
      );
      await db.rows(
        sql`SELECT t.id FROM ${ident(table)} t JOIN ${lock} l ON l.id = t.id ORDER BY t.id FOR UPDATE`,
      );
      await db.run(sql`DROP TEMPORARY TABLE ${lock}`);
    }
  }

  /**
   * Copies the staged sets' values and the ids of staged tables into temporary tables. Runs
   * inside the deletion's transaction before the first delete, while every table is intact.
   */
  async stage(db: SqlRunner, client: ClientRef): Promise<void> {
    for (const set of this.sets.values()) {
      const copy = ident(SET_PREFIX + set.name);
      await this.dropTemporary(db, copy);
      await db.run(
        db.driver === 'mysql'
          ? sql`CREATE TEMPORARY TABLE ${copy} (value ${Sql.raw(set.columnType.mysql)} NOT NULL PRIMARY KEY)`
          : sql`CREATE TEMP TABLE ${copy} (value ${Sql.raw(set.columnType.sqlite)} NOT NULL PRIMARY KEY)`,
      );
      const counter = { n: 0 };
      await db.run(sql`INSERT INTO ${copy} (value) ${set.select(this.scope(client, 'live', counter))}`);
    }
    for (const table of this.stagedTables) {
      await this.dropTemporary(db, stageTable(table));
      await db.run(
        db.driver === 'mysql'
          ? sql`CREATE TEMPORARY TABLE ${stageTable(table)} (id INT NOT NULL PRIMARY KEY)`
          : sql`CREATE TEMP TABLE ${stageTable(table)} (id INTEGER NOT NULL PRIMARY KEY)`,
      );
      await db.run(sql`INSERT INTO ${stageTable(table)} (id) ${this.idsOf(table, client, 'live')}`);
    }
  }

  async unstage(db: SqlRunner): Promise<void> {
    for (const set of this.sets.values()) await this.dropTemporary(db, ident(SET_PREFIX + set.name));
    for (const table of this.stagedTables) await this.dropTemporary(db, stageTable(table));
  }

  private async dropTemporary(db: SqlRunner, name: Sql) {
    await db.run(
      db.driver === 'mysql'
        ? sql`DROP TEMPORARY TABLE IF EXISTS ${name}`
        : sql`DROP TABLE IF EXISTS temp.${name}`,
    );
  }

  /**
   * Deletes the client's rows of one table: one statement per link, set based. Returns the
   * number of rows deleted. Must run in deletion order, after {@link stage}.
   */
  async delete(db: SqlRunner, client: ClientRef, table: string): Promise<number> {
    const owned = this.get(table);
    if (owned.staged) {
      const s = Sql.raw('s');
      return db.run(
        db.driver === 'mysql'
          ? sql`DELETE t FROM ${ident(table)} t JOIN ${stageTable(table)} ${s} ON ${s}.id = t.id`
          : sql`DELETE FROM ${ident(table)} WHERE id IN (SELECT ${s}.id FROM ${stageTable(table)} ${s})`,
      );
    }
    let deleted = 0;
    for (const link of owned.rule.links) {
      deleted += await db.run(this.deleteStatement(db.driver, table, link, client));
    }
    return deleted;
  }

  private deleteStatement(driver: Driver, table: string, link: TableLink, client: ClientRef): Sql {
    const counter = { n: 0 };
    const t = Sql.raw('t');
    const keep = this.keepPredicate(table, t, client, 'staged', counter);
    const notKept = keep ? sql` AND NOT COALESCE((${keep}), 0)` : Sql.raw('');
    if (driver === 'mysql' && link.kind === 'parent') {
      // A join lets MariaDB drive the delete from the parent's index; a single-table DELETE with
      // IN (subquery) would scan the whole child table. Joining the table to itself is allowed
      // where a subquery on it is not (self links such as services.parent_service_id).
      const p = Sql.raw('p');
      const parent = this.get(link.parent);
      if (parent.staged) {
        return sql`DELETE t FROM ${ident(table)} t JOIN ${stageTable(link.parent)} ${p} ON ${p}.id = t.${ident(link.column)} WHERE 1 = 1${notKept}`;
      }
      const self = link.parent === table;
      if (this.linksOf(link.parent, self).length > 1) {
        // A parent found through several links: join its united ids (see idsOf).
        const ids = this.idsOf(link.parent, client, 'staged', counter, self);
        return sql`DELETE t FROM ${ident(table)} t JOIN (${ids}) ${p} ON ${p}.id = t.${ident(link.column)} WHERE 1 = 1${notKept}`;
      }
      const parentOwned = this.owned(link.parent, p, client, 'staged', counter, self);
      return sql`DELETE t FROM ${ident(table)} t JOIN ${ident(link.parent)} ${p} ON ${p}.id = t.${ident(link.column)} WHERE ${parentOwned}${notKept}`;
    }
    const predicate = this.linkPredicate(table, link, t, client, 'staged', counter);
    return driver === 'mysql'
      ? sql`DELETE t FROM ${ident(table)} t WHERE ${predicate}${notKept}`
      : sql`DELETE FROM ${ident(table)} AS t WHERE ${predicate}${notKept}`;
  }

  /**
   * Records which links the database itself enforces: `table.column` is a foreign key to the
   * link's target. Called once at start-up from the ORM metadata (see completeness.ts).
   */
  setEnforcedLinks(keys: ReadonlySet<string>): void {
    this.enforced = keys;
  }

  private isEnforced(table: string, link: TableLink): boolean {
    const target = link.kind === 'client' ? CLIENT_TABLE : link.kind === 'parent' ? link.parent : undefined;
    return (
      target !== undefined && this.enforced.has(`${table}.${'column' in link ? link.column : ''}->${target}`)
    );
  }

  /**
   * Rows of `table` that still belong to the client, checked right after the table's delete while
   * the tables its links read are intact. Links the database enforces with a foreign key are
   * skipped: a row left behind through them makes its parent's delete fail, which rolls the
   * deletion back. The rest — address matches, polymorphic account ids, staged ids — can only be
   * checked now, before the rows they are found through are gone.
   */
  async residue(db: SqlRunner, client: ClientRef, table: string): Promise<number> {
    const owned = this.get(table);
    if (owned.staged) {
      const s = Sql.raw('s');
      return countWhere(db, table, sql`t.id IN (SELECT ${s}.id FROM ${stageTable(table)} ${s})`);
    }
    let total = 0;
    for (const link of owned.rule.links) {
      if (this.isEnforced(table, link)) continue;
      total += await this.linkResidue(db, client, table, link);
    }
    return total;
  }

  /**
   * The sweep before commit: every table's links that no foreign key enforces, checked again now
   * that everything is deleted (the client row among them: its own id is not a foreign key). A
   * link a foreign key enforces needs no count: the database refused its parent's delete had a
   * row been left behind, and counting the just-deleted index entries costs as much again.
   * Returns the tables with residue.
   */
  async finalResidue(db: SqlRunner, client: ClientRef): Promise<Record<string, number>> {
    const found: Record<string, number> = {};
    for (const table of this.order) {
      let n = 0;
      for (const link of this.get(table).rule.links) {
        if (!this.isEnforced(table, link)) n += await this.linkResidue(db, client, table, link);
      }
      if (n > 0) found[table] = n;
    }
    return found;
  }

  private async linkResidue(
    db: SqlRunner,
    client: ClientRef,
    table: string,
    link: TableLink,
  ): Promise<number> {
    const counter = { n: 0 };
    const t = Sql.raw('t');
    const parts = [this.linkPredicate(table, link, t, client, 'staged', counter)];
    const keep = this.keepPredicate(table, t, client, 'staged', counter);
    if (keep) parts.push(sql`NOT COALESCE((${keep}), 0)`);
    return countWhere(db, table, Sql.join(parts, ' AND '));
  }

  /** Ids (at most `limit`) and count of the rows behind one blocker. */
  async blocker(db: SqlRunner, client: ClientRef, rule: BlockerRule, limit = 100) {
    const ids = rule.ids(client);
    const [{ n }] = await db.rows<{ n: number | string }>(sql`SELECT COUNT(*) AS n FROM (${ids}) b`);
    const rows = await db.rows<{ id: number }>(sql`SELECT b.id FROM (${ids}) b ORDER BY b.id LIMIT ${limit}`);
    return { count: Number(n), ids: rows.map((r) => Number(r.id)) };
  }
}

function linkTargets(link: TableLink): string[] {
  switch (link.kind) {
    case 'client':
      return [];
    case 'parent':
      return [link.parent];
    case 'referencedBy':
      return [link.table];
    case 'match':
      return [...link.reads];
  }
}

function isSelfLink(table: string, link: TableLink): boolean {
  return link.kind === 'parent' && link.parent === table;
}

function stageTable(table: string): Sql {
  return ident(STAGE_PREFIX + table);
}

async function countWhere(db: SqlRunner, table: string, where: Sql): Promise<number> {
  const [{ n }] = await db.rows<{ n: number | string }>(
    sql`SELECT COUNT(*) AS n FROM ${ident(table)} t WHERE ${where}`,
  );
  return Number(n);
}
