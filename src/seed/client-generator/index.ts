import { BetterSqliteDriver } from '@mikro-orm/better-sqlite';
import type { Em } from '../../db/orm';
import { EmSqlRunner } from '../../db/sql-runner';
import type { CompanyFixtures } from '../company-fixtures';
import { seedAccount, seedClientTables } from './account';
import { ClientSeed } from './client-seed';
import { seedContacts, seedPaymentAccounts } from './contacts';
import { resolveCounts } from './counts';
import { seedEmailLog } from './email-log';
import { seedInvoices } from './invoices';
import type { GenerateClientOptions, GeneratedClient } from './options';
import { seedQuotations } from './quotations';
import { seedRecurringInvoices } from './recurring-invoices';
import { seedAppOf, seedersFor } from './seed-app';
import { seedServiceBilling, seedServices } from './services';
import { seedSignIn } from './sign-in';
import { seedTransactions } from './transactions';

// The client generator: one client with exactly the rows asked for per table. This file is its
// public face; the rows are written by one file per area, the plugins' by their own seeders.
export {
  CORE_TABLES,
  PLUGIN_TABLES,
  RECURRING_TABLES,
  tablesFor,
  type CoreTableName,
  type PluginTableName,
  type RowCounts,
  type TableName,
} from './tables';
export { fullShapeCounts, profileForRows, type BlockerShape, type ProfileOptions } from './shapes';
export { parentsFromPlan, type ParentMap, type ParentRule } from './parents';
export { planOf } from './seed-app';
export type { GenerateClientOptions, GeneratedClient, SeedApp } from './options';
export type { PluginSeeder, SeedContext } from './plugin-seeder';

/**
 * The core's areas in the order they run: each reads back the ids of the parents it needs, so a
 * parent's area comes first (service billing needs services and invoices).
 */
const CORE_AREAS: readonly ((client: ClientSeed) => Promise<void>)[] = [
  seedAccount,
  seedContacts,
  seedPaymentAccounts,
  seedClientTables,
  seedSignIn,
  seedServices,
  seedInvoices,
  seedServiceBilling,
  seedRecurringInvoices,
  seedQuotations,
  seedTransactions,
  seedEmailLog,
];

/**
 * Inserts one client with exactly the requested rows per table, every row belonging to that
 * client by the rules of SPEC 2.2 (the same rules the erasure plan compiles). The core's tables
 * first, then the tables of the named plugins through their seeders (`ErasurePlugin.seed`). Rows
 * go in multi-row INSERT statements, batch by batch, inside one transaction; ids of parent rows
 * are read back for this client in id order.
 *
 * @example
 * ```ts
 * const fixtures = await createCompanyFixtures(app.orm.em.fork(), { name: 'Acme', hostname: 'acme.test' });
 * const plugins = app.plugins.map((p) => p.name);
 * const client = await generateClient(app.orm.em.fork(), fixtures, {
 *   counts: profileForRows(100_000, plugins, { plan: app.plan }),
 *   plugins,
 *   app,
 * });
 * ```
 */
export async function generateClient(
  em: Em,
  fixtures: CompanyFixtures,
  options: GenerateClientOptions,
): Promise<GeneratedClient> {
  const app = options.app ?? seedAppOf(em);
  const seeders = seedersFor(app, options.plugins);
  const counts = resolveCounts(options, fixtures, app.plan, seeders);
  const driver = em.getDriver() instanceof BetterSqliteDriver ? 'sqlite' : 'mysql';
  const generated = await em.transactional(async (tem) => {
    const client = new ClientSeed(new EmSqlRunner(tem, driver), fixtures, options, counts);
    for (const area of CORE_AREAS) await area(client);
    for (const seeder of seeders) await seeder.seed(client);
    return client;
  });
  return {
    clientId: generated.clientId,
    companyId: fixtures.companyId,
    userIds: generated.userIds,
    contactIds: generated.contactIds,
    contactEmails: generated.contactEmails,
    counts,
    total: Object.values(counts).reduce((a, b) => a + b, 0),
    attachmentFiles: generated.attachmentFiles,
  };
}
