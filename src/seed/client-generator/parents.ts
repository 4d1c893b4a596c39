import type { ErasurePlan } from '../../deletion/erasure-plan';

/**
 * The parent tables a table's rows are spread over: `all`, the row holds the id of one of the
 * client's rows of each; `any`, it points at one of the client's rows of one of them (a
 * polymorphic account).
 */
export interface ParentRule {
  readonly all: readonly string[];
  readonly any?: readonly string[];
}

/** Every table of the plan, with the parents its generated rows need. */
export type ParentMap = Readonly<Record<string, ParentRule>>;

/**
 * What the plan cannot say. A row of these tables names a card or a bank account by `type` and
 * `account_id`, a polymorphic reference without a foreign key: the plan finds client_account rows
 * by their client id and log_account_access rows by a match on either accounts table, so neither
 * has a parent link. The generator points each row at one of the client's accounts, of either
 * kind, so it needs at least one (`any`, where a parent link means `all`).
 */
const POLYMORPHIC_ACCOUNT: Readonly<Record<string, readonly string[]>> = {
  client_account: ['accounts_cc', 'accounts_ach'],
  log_account_access: ['accounts_cc', 'accounts_ach'],
};

/**
 * The parent map, derived from the plan's links:
 * - a `parent` link is a foreign key the generator fills with one of the client's rows of that
 *   table, for every row: its table is in `all`;
 * - a `client` link names the client, of which there is always exactly one;
 * - a self link (an add-on service's `parent_service_id`) points at the client's own rows of the
 *   same table, generated first: it needs nothing else;
 * - `referencedBy` (users, named by clients and contacts) and `match` links (addresses) hold no
 *   id of another table's row: the users are bounded by the contacts instead (see
 *   `GenerateClientOptions.counts`), and the addresses are the contacts' own;
 * - the polymorphic accounts above are the one explicit override.
 */
export function parentsFromPlan(plan: ErasurePlan): ParentMap {
  const parents: Record<string, ParentRule> = {};
  for (const rule of plan.rules) {
    const all = new Set<string>();
    for (const link of rule.links) {
      if (link.kind === 'parent' && link.parent !== rule.table) all.add(link.parent);
    }
    const any = POLYMORPHIC_ACCOUNT[rule.table];
    parents[rule.table] = any ? { all: [...all], any } : { all: [...all] };
  }
  for (const [table, any] of Object.entries(POLYMORPHIC_ACCOUNT)) {
    for (const name of [table, ...any]) {
      if (!plan.has(name)) throw new Error(`parentsFromPlan: ${name} is not a table of the erasure plan`);
    }
  }
  return parents;
}

/** The parents of `rule` that have no rows in `counts` (all of `any` when none of them has). */
export function missingParents(rule: ParentRule, counts: Readonly<Record<string, number>>): string[] {
  const missing = rule.all.filter((p) => !(counts[p] ?? 0));
  if (rule.any && !rule.any.some((p) => (counts[p] ?? 0) > 0)) missing.push(...rule.any);
  return missing;
}

/** What a row needs, in words: "one of the client's invoices rows and one of the client's ...". */
export function describeParents(rule: ParentRule): string {
  const needs = rule.all.map((p) => `one of the client's ${p} rows`);
  if (rule.any) needs.push(`one of the client's ${rule.any.join(' or ')} rows`);
  return needs.join(' and ');
}
