import type { EntityClass, MigrationObject } from '@mikro-orm/core';
import type { EventBus } from '../events/event-bus';
import type { AppConfig } from '../config';
import type { Logger } from 'pino';
import type { PluginSeeder } from '../seed/client-generator/plugin-seeder';

/** What a plugin is handed when it is installed. */
export interface PluginContext {
  readonly config: AppConfig;
  readonly events: EventBus;
  readonly logger: Logger;
}

/**
 * A plugin: its own tables, how a client's erasure treats them, and its subscribers. A plugin that
 * is not enabled contributes nothing: its tables are not migrated, its entities are not registered
 * and its handlers do not run. See docs/plugins.md.
 *
 * Its entities declare themselves to the erasure plan like the core's (`@ClientData`, cascading
 * collections, `@BlocksDeletion`), so the preview, the erasure map and the completeness check see
 * them; the plugin removes its rows itself, from an explicit `client.deleting` handler that calls
 * `event.deleteTablesOf(name)` and does its own side effects (outbox rows) around it.
 *
 * @example
 * ```ts
 * export const loyaltyPlugin: ErasurePlugin = {
 *   name: 'loyalty',
 *   entities: [LoyaltyPoints], // @ClientData({ category: 'Loyalty', erasedWith: ['client'] })
 *   migrations: { sqlite: [{ name: 'loyalty_20270101_initial', class: LoyaltyInitialSqlite }], mysql: [...] },
 *   install({ events }) {
 *     events.onTransaction('client.deleting', 'loyalty', (event) => event.deleteTablesOf('loyalty'));
 *   },
 * };
 * ```
 */
export interface ErasurePlugin {
  /** Unique name, as listed in `PLUGINS`; the owner of its entities' tables in the plan. */
  readonly name: string;
  /** MikroORM entities for the plugin's tables. */
  readonly entities: readonly EntityClass<unknown>[];
  /** Migrations per driver, oldest first; names must start with the plugin's name. */
  readonly migrations: Readonly<Record<'sqlite' | 'mysql', readonly MigrationObject[]>>;
  /**
   * Called once at start-up. Subscribe to `client.deleting` for in-transaction work — deleting the
   * plugin's tables among it (a throw rolls the whole deletion back) — and to outbox events for
   * work after commit. A plugin with client data that does not delete it makes every deletion
   * roll back.
   */
  install?(ctx: PluginContext): void;
  /**
   * Fills the plugin's tables for a generated client (`npm run db:generate`, the demo seed, the
   * tests' clients), after the core's rows, in the generator's transaction; called only while the
   * plugin is enabled. Without it the plugin's tables stay empty for generated clients. See
   * {@link PluginSeeder}.
   *
   * @example
   * ```ts
   * seed: {
   *   async seed(client) {
   *     const rows = client.invoiceIds.length; // one per invoice
   *     await client.insert('loyalty_points', ['client_id', 'points'], rows, (i) => [client.clientId, 10 * i]);
   *   },
   * },
   * ```
   */
  readonly seed?: PluginSeeder;
}
