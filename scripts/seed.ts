/** `npm run db:seed`: migrates the configured database and seeds the demo data unless already seeded. */
import 'reflect-metadata';
import { createApp } from '../src/app';
import { ConfigError, loadConfig, type AppConfig } from '../src/config';
import { isSeeded, seedDemo } from '../src/seed/demo-seed';

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`db:seed: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  // Only warnings: the seed prints its own summary.
  const app = await createApp({ ...config, logLevel: 'warn' });
  try {
    if (await isSeeded(app.orm.em.fork())) {
      console.log('already seeded: a company exists, nothing to do');
      return;
    }
    const started = Date.now();
    const summary = await seedDemo(app, { password: config.seedStaffPassword });
    if (!summary) {
      console.log('already seeded: a company exists, nothing to do');
      return;
    }
    const password =
      config.seedStaffPassword === 'demo-password' ? 'demo-password' : 'the value of SEED_STAFF_PASSWORD';
    console.log(`seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    console.log('companies:');
    for (const c of summary.companies) console.log(`  ${c.id}  ${c.name}`);
    console.log(`staff (password: ${password}):`);
    for (const s of summary.staff) {
      const twoFactor =
        s.twoFactor === 'totp' ? ' (TOTP: code from the development secret in the README)' : '';
      console.log(
        `  ${s.email.padEnd(22)} company ${s.companyId}, ${s.group}: ${s.permissions.join(', ')}${twoFactor}`,
      );
    }
    console.log('clients:');
    for (const c of summary.clients) {
      console.log(
        `  ${String(c.id).padStart(4)}  ${c.name.padEnd(18)} company ${c.companyId}  ${c.label} (${c.rows} rows)`,
      );
    }
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(`db:seed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
