import type { Driver } from './client-graph';
import type { Sql } from './sql';

/** The client a deletion is about. */
export interface ClientRef {
  readonly id: number;
  readonly companyId: number;
}

/**
 * Builds SQL for a link's own predicate. `row` is the alias of the row being tested (e.g. `t3`),
 * `scope.idsOf(table)` a sub-select of the ids of that table's rows owned by the client.
 */
export interface LinkScope {
  readonly client: ClientRef;
  idsOf(table: string): Sql;
  /** Sub-select of the values of a {@link StagedSet}: its copy during a deletion, else inline. */
  valuesOf(set: StagedSet): Sql;
  /** A fresh alias for a sub-select, so nested selects never shadow each other. */
  alias(): Sql;
}

/**
 * Values a link compares the client's rows with, computed from rows that are not the client's
 * (other clients' contacts, staff, the company's departments). A deletion copies the set once,
 * before its first delete, into a temporary table, and its statements read only that copy: on
 * MariaDB a DELETE locks every row its sub-selects read, under READ COMMITTED too, and these rows
 * belong to others, who must not wait for the deletion. Copying is a plain INSERT ... SELECT,
 * which reads without locking under READ COMMITTED. A preview reads the set inline.
 */
export interface StagedSet {
  /** Unique across the graph: `[a-z_]+`. */
  readonly name: string;
  /** The column type of the copy, per driver (it holds one column, `value`). */
  readonly columnType: Readonly<Record<Driver, string>>;
  /** Sub-select of the distinct values: `SELECT DISTINCT x FROM ...`. */
  readonly select: (scope: LinkScope) => Sql;
}

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
  /** Columns of this table the predicate uses (documentation and the completeness check). */
  readonly columns: readonly string[];
  /** The staged sets the predicate reads through `scope.valuesOf`. */
  readonly sets?: readonly StagedSet[];
  readonly where: (row: Sql, scope: LinkScope) => Sql;
  readonly description: string;
}

export type TableLink = ClientLink | ParentLink | ReferencedByLink | MatchLink;

/** A foreign key into an owned table whose rows the rule keeps alive instead of deleting. */
export interface KeptReference {
  readonly table: string;
  readonly column: string;
}

/** One table a deleter owns, and how its rows belong to the client. */
export interface TableRule {
  /** Exact table name. */
  readonly table: string;
  /** Human category shown in the preview, e.g. "Billing". */
  readonly category: string;
  /** A row belongs to the client when any link matches it. Links are deleted in this order. */
  readonly links: readonly TableLink[];
  /**
   * Rows that match a link but must survive (e.g. a user that a staff member also signs in
   * with). They are reported in the preview and the receipt as kept.
   */
  readonly keep?: {
    readonly where: (row: Sql, scope: LinkScope) => Sql;
    /** The references that make a row kept, for the completeness check. */
    readonly references: readonly KeptReference[];
    readonly reason: string;
    /**
     * Rows a link names whose keeping another client's deletion can change (a sign-in shared only
     * with other clients). On MariaDB the deletion locks them before it decides, so two deletions
     * sharing one decide in turn and the second, reading what the first committed, deletes it.
     * Rows outside this predicate (a staff member's sign-in) are never locked.
     */
    readonly contested?: (row: Sql, scope: LinkScope) => Sql;
  };
  /** Marks rows as this client's data although no link column says so. Rare; documented per use. */
  readonly note?: string;
}

/** Something that stops a client from being deleted. */
export interface BlockerRule {
  /** Stable code, e.g. `OPEN_INVOICES`; upper snake case, unique across core and plugins. */
  readonly code: string;
  /** Shown to staff; may use `{count}`. */
  readonly message: string;
  /** Sub-select of the ids of the rows that block (`SELECT id FROM ... WHERE ...`). */
  readonly ids: (client: ClientRef) => Sql;
}

/**
 * A deleter: a named group of tables, how their rows belong to the client, and what blocks
 * the deletion. Core and plugin deleters are declared the same way; the deletion engine derives
 * the count (preview), the delete and the residue check (verification) from one declaration, so
 * the three cannot drift apart.
 *
 * @example
 * ```ts
 * export const ticketsDeleter = defineDeleter({
 *   name: 'support_manager',
 *   tables: [
 *     { table: 'support_tickets', category: 'Support', links: [byClient('client_id')] },
 *     { table: 'support_replies', category: 'Support', links: [byParent('ticket_id', 'support_tickets')] },
 *   ],
 * });
 * ```
 */
export interface DeleterDefinition {
  /** Unique name, e.g. `core.billing` or the plugin's name. */
  readonly name: string;
  readonly tables: readonly TableRule[];
  readonly blockers?: readonly BlockerRule[];
}

export function defineDeleter(definition: DeleterDefinition): DeleterDefinition {
  return definition;
}

/** `column` holds the client id. */
export function byClient(column: string): ClientLink {
  return { kind: 'client', column };
}

/** `column` points at an owned row of `parent`. */
export function byParent(column: string, parent: string): ParentLink {
  return { kind: 'parent', column, parent };
}

/** The row is named by `table.column` of an owned row of `table`. */
export function referencedBy(table: string, column: string): ReferencedByLink {
  return { kind: 'referencedBy', table, column };
}

/** A custom predicate; see {@link MatchLink}. */
export function byMatch(link: Omit<MatchLink, 'kind'>): MatchLink {
  return { kind: 'match', ...link };
}
