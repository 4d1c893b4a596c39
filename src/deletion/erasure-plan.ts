import { Cascade, ReferenceKind, type EntityMetadata, type EntityProperty } from '@mikro-orm/core';
import {
  blockersOf,
  clientDataOf,
  type BlockerRule,
  type KeepRule,
  type PropertyRef,
  type StagedSet,
  type TableLink,
} from './erasure-rules';

/** The problem that stops the service from starting: names tables and columns. */
export class ErasurePlanError extends Error {
  override name = 'ErasurePlanError';
}

/** Who declared a table: `core`, or the name of the plugin whose entity it is. */
export type Owner = string;
export const CORE: Owner = 'core';

/** One table of the plan: how its rows belong to the client, as compiled from its entity. */
export interface TableRule {
  readonly table: string;
  /** Shown in the preview, e.g. "Invoices". */
  readonly category: string;
  readonly owner: Owner;
  /** A row belongs to the client when any link matches it. Self links first (add-ons before their parent). */
  readonly links: readonly TableLink[];
  readonly keep?: KeepRule;
}

/** A blocker and who declared it. */
export interface PlannedBlocker extends BlockerRule {
  readonly owner: Owner;
}

interface PlannedTable {
  readonly rule: TableRule;
  /** Deleted after the tables that identify it, so its ids are copied first. */
  readonly staged: boolean;
}

/**
 * The erasure plan: every table of client data, how its rows belong to the client, the order they
 * are deleted in, and the blockers. Compiled once at start-up from the entities' declarations
 * ({@link planFromMetadata}); refuses inconsistent declarations. It holds no SQL: the compiler
 * (erasure-sql.ts) writes that for one client at a time.
 */
export class ErasurePlan {
  private readonly tables = new Map<string, PlannedTable>();
  /** The staged sets the links read, by name. */
  readonly sets: ReadonlyMap<string, StagedSet>;
  /** table -> tables that must be deleted after it. */
  private readonly mustPrecede = new Map<string, Set<string>>();
  /** Deletion order: every table comes before the tables its rows are found through. */
  readonly order: readonly string[];
  /** Reading order: every table comes after the tables its links read (parents first). */
  readonly readOrder: readonly string[];

  constructor(
    rules: readonly TableRule[],
    readonly blockers: readonly PlannedBlocker[],
    /** The table whose `id` is the client's: a client link's column holds an id of it. */
    readonly root: string,
    /** `table.column->target` of the links the database enforces with a foreign key. */
    private readonly enforced: ReadonlySet<string> = new Set(),
  ) {
    const sets = new Map<string, StagedSet>();
    for (const rule of rules) {
      if (this.tables.has(rule.table)) throw new ErasurePlanError(`table ${rule.table} is declared twice`);
      if (rule.links.length === 0)
        throw new ErasurePlanError(`table ${rule.table} has no link to the client`);
      const staged = rule.links.some((l) => l.kind === 'referencedBy');
      this.tables.set(rule.table, { rule, staged });
      for (const link of rule.links) {
        for (const set of link.kind === 'match' ? (link.sets ?? []) : []) {
          if (!/^[a-z_]+$/.test(set.name))
            throw new ErasurePlanError(`${rule.table} reads a set named "${set.name}"`);
          const known = sets.get(set.name);
          if (known && known !== set)
            throw new ErasurePlanError(`two different sets are named "${set.name}"`);
          sets.set(set.name, set);
        }
      }
    }
    this.sets = sets;
    if (!this.tables.has(root)) throw new ErasurePlanError(`the root table ${root} is not client data`);
    const codes = new Set<string>();
    for (const blocker of blockers) {
      if (!/^[A-Z][A-Z0-9_]*$/.test(blocker.code))
        throw new ErasurePlanError(`blocker code ${blocker.code} is not upper snake case`);
      if (codes.has(blocker.code)) throw new ErasurePlanError(`two blockers use the code ${blocker.code}`);
      codes.add(blocker.code);
    }
    for (const { rule } of this.tables.values()) {
      for (const link of rule.links) {
        for (const target of linkTargets(link)) {
          if (!this.tables.has(target)) {
            throw new ErasurePlanError(`${rule.table} is linked through ${target}, which is not client data`);
          }
        }
      }
    }
    this.order = this.sortForDeletion();
    this.readOrder = this.sortForReading();
  }

  /** Parents first: a table after every table its links read, itself aside (self links). */
  private sortForReading(): string[] {
    const reads = new Map<string, Set<string>>();
    for (const [table, { rule }] of this.tables) {
      reads.set(table, new Set(rule.links.flatMap(linkTargets).filter((t) => t !== table)));
    }
    const order: string[] = [];
    const placed = new Set<string>();
    // Tables in plan order whose reads are all placed, until none is left (the links form no cycle:
    // sortForDeletion refused one, and a table's reads are its deletion order's successors or,
    // for reverse links, its predecessors whose own reads never come back to it).
    while (order.length < this.tables.size) {
      const next = this.order.find((t) => !placed.has(t) && [...reads.get(t)!].every((r) => placed.has(r)));
      if (!next) throw new ErasurePlanError('the erasure plan reads its tables in a cycle');
      order.push(next);
      placed.add(next);
    }
    return order;
  }

  has(table: string): boolean {
    return this.tables.has(table);
  }

  rule(table: string): TableRule {
    return this.get(table).rule;
  }

  isStaged(table: string): boolean {
    return this.get(table).staged;
  }

  /** Tables in deletion order. */
  get rules(): TableRule[] {
    return this.order.map((t) => this.get(t).rule);
  }

  /** The owners that declared tables, core last. */
  get owners(): Owner[] {
    const owners = [...new Set(this.rules.map((r) => r.owner))];
    return [...owners.filter((o) => o !== CORE), ...owners.filter((o) => o === CORE)];
  }

  tablesOf(owner: Owner): string[] {
    return this.order.filter((t) => this.get(t).rule.owner === owner);
  }

  get stagedTables(): string[] {
    return this.order.filter((t) => this.get(t).staged);
  }

  /**
   * The foreign key of its own table that a link follows: a client link's column into the root, a
   * parent link's into its parent. Other links find rows by other tables' keys or by their values.
   */
  followedKey(link: TableLink): { column: string; references: string } | undefined {
    if (link.kind === 'client') return { column: link.column, references: this.root };
    if (link.kind === 'parent') return { column: link.column, references: link.parent };
    return undefined;
  }

  /** Whether the database enforces the link with a foreign key (a row left behind fails its parent's delete). */
  isEnforced(table: string, link: TableLink): boolean {
    const key = this.followedKey(link);
    return key !== undefined && this.enforced.has(`${table}.${key.column}->${key.references}`);
  }

  private get(table: string): PlannedTable {
    const planned = this.tables.get(table);
    if (!planned) throw new ErasurePlanError(`table ${table} is not client data`);
    return planned;
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
    for (const [table, { rule }] of this.tables) {
      for (const link of rule.links) {
        // The referrer holds the foreign key, so it goes first.
        if (link.kind === 'referencedBy') edge(link.table, table);
        else for (const target of linkTargets(link)) edge(table, target);
        // A client column references the client row, which therefore goes after it.
        if (link.kind === 'client') edge(table, this.root);
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
      throw new ErasurePlanError(`the erasure plan has a cycle through: ${stuck.join(', ')}`);
    }
    return order;
  }

  /**
   * The deletion sequence when the named owners' tables are deleted first, as groups, in this
   * order (plugins delete theirs from their `client.deleting` handlers, before the core's).
   * Refuses a grouping that breaks the order.
   */
  sequenceWithFirst(owners: readonly Owner[]): string[] {
    const first = owners.flatMap((owner) => this.tablesOf(owner));
    const sequence = [...first, ...this.order.filter((t) => !first.includes(t))];
    const position = new Map(sequence.map((t, i) => [t, i]));
    for (const [table, thens] of this.mustPrecede) {
      for (const then of thens) {
        if (position.get(table)! > position.get(then)!) {
          throw new ErasurePlanError(
            `${table} must be deleted before ${then}, but its owner deletes it after`,
          );
        }
      }
    }
    return sequence;
  }
}

/** The tables a link reads. */
export function linkTargets(link: TableLink): string[] {
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

// ---- Compiling entity metadata --------------------------------------------------------------

function isManyToOne(prop: EntityProperty): boolean {
  return prop.kind === ReferenceKind.MANY_TO_ONE || (prop.kind === ReferenceKind.ONE_TO_ONE && !!prop.owner);
}

const KIND_NAMES: Partial<Record<ReferenceKind, string>> = {
  [ReferenceKind.MANY_TO_ONE]: 'many-to-one',
  [ReferenceKind.ONE_TO_ONE]: 'one-to-one',
  [ReferenceKind.MANY_TO_MANY]: 'many-to-many',
};

function cascadesRemove(prop: EntityProperty): boolean {
  const cascade = prop.cascade ?? [];
  return cascade.includes(Cascade.REMOVE) || cascade.includes(Cascade.ALL);
}

/** `table.column->target` for every foreign key the entities declare. */
export function foreignKeysOf(metadata: Iterable<EntityMetadata>) {
  const keys: { table: string; column: string; references: string }[] = [];
  for (const meta of metadata) {
    for (const prop of meta.relations) {
      if (!isManyToOne(prop)) continue;
      for (const column of prop.fieldNames) {
        keys.push({ table: meta.tableName, column, references: prop.targetMeta!.tableName });
      }
    }
  }
  return keys;
}

/**
 * Compiles the entities' declarations into the erasure plan. An entity is client data when it
 * carries `@ClientData`; its rows belong to the client through
 * - each many-to-one whose target's inverse collection cascades removal (`Cascade.REMOVE`), or
 *   which `erasedWith` names: a parent link (a client link when the target is the root);
 * - its declared `links` (rows named by another entity's many-to-one, address matches, …).
 * `ownerOf` says who declared an entity (the core or a plugin).
 */
export function planFromMetadata(
  metadata: Iterable<EntityMetadata>,
  ownerOf: (meta: EntityMetadata) => Owner,
): ErasurePlan {
  const metas = [...metadata].filter((m) => !m.embeddable && !m.virtual);
  const byClass = new Map(metas.map((m) => [m.class as object, m]));
  const roots = metas.filter((m) => clientDataOf(m.class)?.root);
  if (roots.length !== 1) {
    throw new ErasurePlanError(`exactly one entity must be the root of the plan, found ${roots.length}`);
  }
  const root = roots[0];

  const resolve = (ref: PropertyRef, into: EntityMetadata, what: string) => {
    const meta = byClass.get(ref.entity());
    const prop = meta?.properties[ref.property];
    if (!meta || !prop || !isManyToOne(prop) || prop.targetMeta?.className !== into.className) {
      throw new ErasurePlanError(
        `${into.tableName}: ${what} names ${meta?.className ?? 'an unknown entity'}.${ref.property}, ` +
          `which is not a many-to-one into ${into.className}`,
      );
    }
    return { table: meta.tableName, column: prop.fieldNames[0] };
  };

  const problems: string[] = [];
  const rules: TableRule[] = [];
  const blockers: PlannedBlocker[] = [];
  for (const meta of metas) {
    const declared = clientDataOf(meta.class);
    for (const blocker of blockersOf(meta.class)) blockers.push({ ...blocker, owner: ownerOf(meta) });
    // MikroORM's own pivot entities (of a many-to-many) cascade along their references: the ORM
    // declares them, not the rules; their keys go through the completeness check like any other.
    for (const prop of meta.pivotTable ? [] : meta.relations.filter(cascadesRemove)) {
      if (prop.kind !== ReferenceKind.ONE_TO_MANY) {
        // Only collections cascade: a removal that followed a reference would take a row others
        // may share (a sign-in a staff member uses too); such rows are declared links with a keep rule.
        problems.push(
          `${meta.className}.${prop.name} cascades removal along a ${KIND_NAMES[prop.kind] ?? prop.kind}; only one-to-many collections may (declare the link on ${prop.targetMeta!.className} instead)`,
        );
      } else if (!clientDataOf(prop.targetMeta!.class)) {
        // A collection that cascades removal into an entity that is not client data.
        problems.push(
          `${meta.className}.${prop.name} cascades removal to ${prop.targetMeta!.className}, which declares no @ClientData`,
        );
      }
    }
    if (!declared) continue;

    const links: TableLink[] = declared.root ? [{ kind: 'client', column: meta.primaryKeys[0] }] : [];
    for (const name of declared.erasedWith ?? []) {
      const prop = meta.properties[name];
      if (!prop || !isManyToOne(prop))
        problems.push(`${meta.className}.erasedWith names ${name}, not a many-to-one`);
    }
    for (const prop of meta.props) {
      if (!isManyToOne(prop)) continue;
      const target = prop.targetMeta!;
      // The inverse side naming this property, if it cascades (only collections may, see above).
      const cascaded = target.relations.some(
        (inverse) =>
          inverse.targetMeta!.className === meta.className &&
          inverse.mappedBy === prop.name &&
          cascadesRemove(inverse),
      );
      if (!cascaded && !(declared.erasedWith ?? []).includes(prop.name)) continue;
      const column = prop.fieldNames[0];
      links.push(
        target.className === root.className
          ? { kind: 'client', column }
          : { kind: 'parent', column, parent: target.tableName },
      );
    }
    for (const link of declared.links ?? []) {
      switch (link.kind) {
        case 'match':
          links.push(link);
          break;
        case 'referencedBy':
          links.push({ kind: 'referencedBy', ...resolve(link.by, meta, 'a link') });
          break;
        default:
          problems.push(`${meta.className} declares a link of an unknown kind`);
      }
    }
    // Self links first: an add-on goes before the parent row its foreign key points at.
    links.sort((a, b) => Number(isSelfLink(meta.tableName, b)) - Number(isSelfLink(meta.tableName, a)));

    const keep = declared.keep && {
      ...declared.keep,
      references: declared.keep.references.map((ref) => resolve(ref, meta, 'the keep rule')),
    };
    rules.push({ table: meta.tableName, category: declared.category, owner: ownerOf(meta), links, keep });
  }
  if (problems.length > 0)
    throw new ErasurePlanError(`the erasure plan is inconsistent: ${problems.join('; ')}`);
  const enforced = new Set(foreignKeysOf(metas).map((fk) => `${fk.table}.${fk.column}->${fk.references}`));
  return new ErasurePlan(rules, blockers, root.tableName, enforced);
}

/**
 * The plan of the ORM's entities, each plugin's entities owned by that plugin and the rest by the
 * core: what the service compiles at start-up, and tools compile from an EntityManager.
 */
export function planForPlugins(
  metadata: Iterable<EntityMetadata>,
  plugins: readonly { readonly name: string; readonly entities: readonly object[] }[],
): ErasurePlan {
  const owners = new Map<object, Owner>(plugins.flatMap((p) => p.entities.map((e) => [e, p.name] as const)));
  return planFromMetadata(metadata, (meta) => owners.get(meta.class) ?? CORE);
}

/** A parent link into its own table: an add-on row that goes with its parent row. */
export function isSelfLink(table: string, link: TableLink): boolean {
  return link.kind === 'parent' && link.parent === table;
}
