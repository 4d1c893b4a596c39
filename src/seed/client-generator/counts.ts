import type { ErasurePlan } from '../../deletion/erasure-plan';
import type { CompanyFixtures } from '../company-fixtures';
import type { GenerateClientOptions } from './options';
import { describeParents, missingParents, parentsFromPlan } from './parents';
import type { PluginSeeder } from './plugin-seeder';
import type { BlockerShape } from './shapes';
import { pluginOf, tablesFor, type TableName } from './tables';

/**
 * The exact rows per table of one generation: every table of its plugins, zeros included, with
 * the defaults and the blocker shapes applied. Refuses, before anything is inserted, counts that
 * cannot be generated (see `GenerateClientOptions.counts`; the parents come from the plan) and
 * counts a plugin's seeder refuses.
 */
export function resolveCounts(
  options: GenerateClientOptions,
  fixtures: CompanyFixtures,
  plan: ErasurePlan,
  seeders: readonly PluginSeeder[],
): Record<TableName, number> {
  const tables = tablesFor(options.plugins);
  for (const [table, value] of Object.entries(options.counts)) {
    if (!(tables as string[]).includes(table)) {
      const plugin = pluginOf(table);
      throw new Error(
        plugin
          ? `counts.${table}: the ${plugin} plugin is not installed`
          : `counts.${table}: not a table of the client (SPEC 2.2)`,
      );
    }
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value < 0) {
      throw new Error(`counts.${table}: expected a non-negative integer, got ${value}`);
    }
  }
  const unplanned = tables.find((t) => !plan.has(t));
  if (unplanned) throw new Error(`${unplanned} is not in the erasure plan: its plugin is not enabled`);
  const counts = Object.fromEntries(tables.map((t) => [t, options.counts[t] ?? 0])) as Record<
    TableName,
    number
  >;
  if ((options.counts.clients ?? 1) !== 1)
    throw new Error('counts.clients: a generated client is exactly 1 client');
  counts.clients = 1;
  counts.contacts = options.counts.contacts ?? 1;
  if (counts.contacts < 1) throw new Error('counts.contacts: at least 1 (the primary contact)');
  counts.users = options.counts.users ?? 1;
  if (counts.users < 1) throw new Error("counts.users: at least 1 (the client's own user)");
  if (counts.users > counts.contacts + 1) {
    throw new Error(
      `counts.users: ${counts.users} users need ${counts.users - 1} contacts (one user per contact besides the client's own), but contacts is ${counts.contacts}`,
    );
  }
  const shapes = ([] as BlockerShape[]).concat(options.blockerShape ?? []);
  const raise = (table: TableName) => (counts[table] = Math.max(1, counts[table]));
  if (shapes.includes('open_invoice')) raise('invoices');
  if (shapes.includes('recurring_invoice')) raise('invoices_recur');
  if (shapes.includes('active_service')) raise('services');

  const parents = parentsFromPlan(plan);
  for (const table of tables) {
    if (counts[table] === 0) continue;
    const missing = missingParents(parents[table], counts);
    if (missing.length > 0) {
      throw new Error(
        `counts.${table} is ${counts[table]}, but ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} 0: each ${table} row needs ${describeParents(parents[table])}`,
      );
    }
  }
  for (const seeder of seeders) seeder.check?.(counts, fixtures);
  return counts;
}
