import type { EntityClass } from '@mikro-orm/core';
import type { Driver } from '../db/orm';
import type { Sql } from '../db/sql';

// The vocabulary in which entities declare what a client's erasure does to their rows (SPEC 2.3,
// "complete by construction"). Most of it is MikroORM's own: a parent's inverse collection with
// `cascade: [Cascade.REMOVE]` says its rows go with the parent. What no foreign key expresses is
// declared with the class decorators below, next to the entity it concerns. src/deletion/erasure-plan.ts
// compiles both into one plan at start-up; the plan gives the preview's counts, the set-based
// deletes and the residue checks, so the three cannot drift apart.

/** The client a deletion is about. */
export interface ClientRef {
  readonly id: number;
  readonly companyId: number;
}

/**
 * What a predicate may use besides its row: the client, the ids of another table's rows that
 * belong to the client, the values of a staged set, and fresh aliases.
 */
export interface LinkScope {
  readonly client: ClientRef;
  /** Sub-select of the ids of `table`'s rows that belong to the client (and are not kept). */
  idsOf(table: string): Sql;
  /** Sub-select of the values of a {@link StagedSet}: its copy during a deletion, else inline. */
  valuesOf(set: StagedSet): Sql;
  /** A fresh alias for a sub-select, so nested selects never shadow each other. */
  alias(): Sql;
}

/**
 * Values a predicate compares the client's rows with, computed from rows that are not the
 * client's (other clients' contacts, staff, the company's departments). A deletion copies the set
 * once, before its first delete, into a temporary table, and its statements read only that copy:
 * on MariaDB a DELETE locks every row its sub-selects read, under READ COMMITTED too, and these
 * rows belong to others, who must not wait for the deletion. Copying is a plain INSERT ... SELECT,
 * which reads without locking under READ COMMITTED. A preview reads the set inline.
 */
export interface StagedSet {
  /** Unique across the plan: `[a-z_]+`. */
  readonly name: string;
  /** The column type of the copy, per driver (it holds one column, `value`). */
  readonly columnType: Readonly<Record<Driver, string>>;
  /** Sub-select of the distinct values: `SELECT DISTINCT x FROM ...`. */
  readonly select: (scope: LinkScope) => Sql;
}

// ---- Links, as the plan holds them (table and column names) -----------------------------------

/** The row's `column` holds the client's id. */
export interface ClientLink {
  readonly kind: 'client';
  readonly column: string;
}

/** The row's `column` holds the `id` of a row of `parent` that belongs to the client. */
export interface ParentLink {
  readonly kind: 'parent';
  readonly column: string;
  readonly parent: string;
}

/**
 * The row is the target of `table.column` for a row of `table` that belongs to the client, e.g.
 * a `users` row named by `clients.user_id`. A table with such a link is deleted after `table`, so
 * its ids are staged (copied to a temporary table) before anything is deleted.
 */
export interface ReferencedByLink {
  readonly kind: 'referencedBy';
  readonly table: string;
  readonly column: string;
}

/**
 * Any other rule, written as a predicate on the row. `reads` names the tables the predicate
 * looks at: they are deleted after this table, so the predicate still sees them.
 */
export interface MatchLink {
  readonly kind: 'match';
  readonly reads: readonly string[];
  /** Columns of this table the predicate uses (the erasure map and the completeness check). */
  readonly columns: readonly string[];
  /** The staged sets the predicate reads through `scope.valuesOf`. */
  readonly sets?: readonly StagedSet[];
  readonly where: (row: Sql, scope: LinkScope) => Sql;
  /** One line for the erasure map: how a row belongs to the client. */
  readonly description: string;
}

export type TableLink = ClientLink | ParentLink | ReferencedByLink | MatchLink;

/** A foreign key into this table whose rows the keep rule keeps alive instead of deleting. */
export interface KeptReference {
  readonly table: string;
  readonly column: string;
}

/**
 * Rows that a link names but that must survive (a sign-in a staff member also uses). They are
 * reported in the preview and the receipt as kept, with the reason.
 */
export interface KeepRule {
  readonly where: (row: Sql, scope: LinkScope) => Sql;
  /** The references that make a row kept: they are claimed for the completeness check. */
  readonly references: readonly KeptReference[];
  readonly reason: string;
  /**
   * Rows a link names whose keeping another client's deletion can change (a sign-in shared only
   * with other clients). On MariaDB the deletion locks them before it decides, so two deletions
   * sharing one decide in turn and the second, reading what the first committed, deletes it.
   * Rows outside this predicate (a staff member's sign-in) are never locked.
   */
  readonly contested?: (row: Sql, scope: LinkScope) => Sql;
}

/** Something that stops a client from being deleted. */
export interface BlockerRule {
  /** Stable code, e.g. `OPEN_INVOICES`; upper snake case, unique across core and plugins. */
  readonly code: string;
  /** Shown to staff; may use `{count}`. */
  readonly message: string;
  /** Sub-select of the ids of the rows that block (`SELECT x.id AS id FROM ... WHERE ...`). */
  readonly ids: (client: ClientRef) => Sql;
}

// ---- Declarations on entities -----------------------------------------------------------------

/** A many-to-one property of another entity, named by a thunk (entities import each other). */
export interface PropertyRef {
  readonly entity: () => EntityClass<unknown>;
  readonly property: string;
}

/** Names `Entity.property`, a many-to-one into the declaring entity. */
export function propertyOf<T>(entity: () => EntityClass<T>, property: keyof T & string): PropertyRef {
  return { entity: entity as () => EntityClass<unknown>, property };
}

/** A link as an entity declares it: entity references, resolved to tables and columns by the plan. */
export type DeclaredLink = { readonly kind: 'referencedBy'; readonly by: PropertyRef } | MatchLink;

/** The row is named by `Entity.property` of a row of that entity that belongs to the client. */
export function referencedBy<T>(entity: () => EntityClass<T>, property: keyof T & string): DeclaredLink {
  return { kind: 'referencedBy', by: propertyOf(entity, property) };
}

/** A custom predicate; see {@link MatchLink}. */
export function matching(link: Omit<MatchLink, 'kind'>): MatchLink {
  return { kind: 'match', ...link };
}

/** A keep rule as an entity declares it: the references that keep a row, as entity properties. */
export interface DeclaredKeep extends Omit<KeepRule, 'references'> {
  readonly references: readonly PropertyRef[];
}

/** What `@ClientData` declares. */
export interface ClientDataOptions {
  /** Shown in the preview and the receipt, e.g. "Invoices". */
  readonly category: string;
  /** The root of the plan: the `clients` entity. Its own `id` is the client's. */
  readonly root?: boolean;
  /**
   * Many-to-one properties of this entity whose parent's rows take this entity's rows with them,
   * where the parent cannot say so with a cascading collection: a plugin's table whose parent is
   * a core entity (the core does not know the plugin's entities).
   */
  readonly erasedWith?: readonly string[];
  /** How else a row belongs to the client, where no foreign key says so. */
  readonly links?: readonly DeclaredLink[];
  readonly keep?: DeclaredKeep;
}

const clientData = new WeakMap<object, ClientDataOptions>();
const blockers = new WeakMap<object, BlockerRule[]>();

/**
 * Marks an entity's rows as client data that a client's erasure deletes, shown under `category`.
 * A row belongs to the client through its parents' cascading collections
 * (`@OneToMany(..., { cascade: [Cascade.REMOVE] })`), `erasedWith` and `links`.
 *
 * @example
 * ```ts
 * @ClientData({ category: 'Loyalty', erasedWith: ['client'] })
 * @Entity({ tableName: 'loyalty_points' })
 * export class LoyaltyPoints {
 *   @ManyToOne(() => Client, { fieldName: 'client_id', deleteRule: 'no action' })
 *   client!: Rel<Client>;
 * }
 * ```
 */
export function ClientData(options: ClientDataOptions): ClassDecorator {
  return (target) => {
    clientData.set(target, options);
  };
}

/**
 * Declares a blocker beside the entity whose rows it reads: while its sub-select finds rows, the
 * client cannot be deleted. May be used more than once on one entity.
 */
export function BlocksDeletion(rule: BlockerRule): ClassDecorator {
  return (target) => {
    const list = blockers.get(target) ?? [];
    // Decorators apply bottom-up: unshift keeps the written order.
    list.unshift(rule);
    blockers.set(target, list);
  };
}

/** What `@ClientData` declared on an entity class, if anything. */
export function clientDataOf(entity: object): ClientDataOptions | undefined {
  return clientData.get(entity);
}

/** The blockers declared on an entity class, in written order. */
export function blockersOf(entity: object): readonly BlockerRule[] {
  return blockers.get(entity) ?? [];
}
