import type { EntityClass, MigrationObject } from '@mikro-orm/core';
import type { DeleterDefinition } from '../deletion/deleter';
import type { EventBus } from '../events/event-bus';
import type { AppConfig } from '../config';
import type { Logger } from 'pino';

/** What a plugin is handed when it is installed. */
export interface PluginContext {
  readonly config: AppConfig;
  readonly events: EventBus;
  readonly logger: Logger;
}

/**
 * A plugin: its own tables, the deleter that erases a client's rows of them, and any
 * subscribers. A plugin that is not enabled contributes nothing: its tables are not migrated,
 * its entities are not registered and its deleter does not run. See docs/plugins.md.
 *
 * @example
 * ```ts
 * export const loyaltyPlugin: ErasurePlugin = {
 *   name: 'loyalty',
 *   entities: [LoyaltyPoints],
 *   migrations: { sqlite: [{ name: 'loyalty_20270101_initial', class: LoyaltyInitialSqlite }], mysql: [...] },
 *   deleter: defineDeleter({
 *     name: 'loyalty',
 *     tables: [{ table: 'loyalty_points', category: 'Loyalty', links: [byClient('client_id')] }],
 *   }),
 * };
 * ```
 */
export interface ErasurePlugin {
  /** Unique name, as listed in `PLUGINS`. */
  readonly name: string;
  /** MikroORM entities for the plugin's tables. */
  readonly entities: readonly EntityClass<unknown>[];
  /** Migrations per driver, oldest first; names must start with the plugin's name. */
  readonly migrations: Readonly<Record<'sqlite' | 'mysql', readonly MigrationObject[]>>;
  /**
   * The plugin's tables in the client graph. Its tables may be found through core tables (never
   * the reverse); the deleter runs inside the deletion's transaction, from the `client.deleting`
   * event, before the core's tables are deleted.
   */
  readonly deleter: DeleterDefinition;
  /**
   * Called once at start-up. Subscribe to `client.deleting` for in-transaction work (a throw
   * rolls the whole deletion back) and to outbox events for work after commit.
   */
  install?(ctx: PluginContext): void;
}
