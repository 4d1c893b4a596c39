/** `npm run db:migrate`: applies pending core and plugin migrations to the configured database. */
import 'reflect-metadata';
import { ConfigError, loadConfig } from '../src/config';
import { createOrm } from '../src/db/orm';
import { resolvePlugins } from '../src/plugins/registry';

(async () => {
  const config = loadConfig();
  const orm = await createOrm({ database: config.database, plugins: resolvePlugins(config.plugins) });
  try {
    const applied = await orm.getMigrator().up();
    console.log(
      applied.length > 0
        ? `applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}`
        : 'database is up to date',
    );
  } finally {
    await orm.close();
  }
})().catch((error: unknown) => {
  console.error(
    `db:migrate: ${error instanceof ConfigError || error instanceof Error ? error.message : error}`,
  );
  process.exit(1);
});
